import type { Locale } from '../shared/types';

/** Intent names the engine understands; `none` means out of scope. */
export const INTENT_NAMES = [
  'greeting', 'goodbye', 'thanks', 'help', 'agent', 'cancel', 'change_language',
  'make_payment', 'balance_due', 'payoff_quote', 'payment_history', 'autopay_enroll', 'autopay_cancel',
  'pay_by_text', 'extra_payment', 'payment_options', 'mail_payment', 'bill_pay', 'debit_card_payment',
  'phone_payment', 'in_person_payment', 'title_status', 'fico_score', 'add_vehicle', 'statements', 'alerts',
  'protection_products', 'none',
] as const;
export type Intent = (typeof INTENT_NAMES)[number];

export type AmountReading = { kind: 'amount'; cents: number } | { kind: 'too_precise' } | { kind: 'none' };

/** The language understanding the engine relies on (intents and entities). */
export interface EngineNlu {
  /** Below this score the engine asks which of the two likeliest topics was meant. */
  readonly threshold: number;
  classify(text: string, locale: Locale): Promise<{ intent: Intent; score: number; alternatives: { intent: Intent; score: number }[] }>;
  amount(text: string, locale: Locale): AmountReading;
  date(text: string, locale: Locale, today: string): string | null;
  yesNo(text: string, locale: Locale): boolean | null;
  number(text: string, locale: Locale): number | null;
  /** Digits from typed or spoken text ("four one oh..." → "410"). */
  digits(text: string, locale: Locale): string;
}
