/**
 * The closed set of intents the assistant understands. The conversation
 * engine switches on these names, so they are part of the public contract:
 * renaming one is a breaking change for every flow that routes on it.
 */
export const INTENTS = [
  'greeting',
  'goodbye',
  'thanks',
  'help',
  'agent',
  'cancel',
  'change_language',
  'make_payment',
  'balance_due',
  'payoff_quote',
  'payment_history',
  'autopay_enroll',
  'autopay_cancel',
  'pay_by_text',
  'extra_payment',
  'payment_options',
  'mail_payment',
  'bill_pay',
  'debit_card_payment',
  'phone_payment',
  'in_person_payment',
  'title_status',
  'fico_score',
  'add_vehicle',
  'statements',
  'alerts',
  'protection_products',
  'autopay_change_day',
  'pay_payoff',
  'title_email_updates',
  'spanish_agent',
  'repossession',
  'hardship',
  'deferral',
  'bankruptcy',
  'death',
  'fraud',
  'dispute',
  'complaint',
  'frustration',
  'none',
] as const;

/** One of {@link INTENTS}; `none` means out of scope for this assistant. */
export type IntentName = (typeof INTENTS)[number];

/** Languages the assistant speaks; NLU models exist for exactly these. */
export type NluLocale = 'en' | 'es';

/** Type guard for strings coming from data files or the classifier. */
export function isIntentName(value: string): value is IntentName {
  return (INTENTS as readonly string[]).includes(value);
}
