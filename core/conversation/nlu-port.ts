import type { IntentName as Intent } from '../nlu/intents';
import type { Locale } from '../shared/types';

/** Intent names the engine routes on (one list, owned by the NLU); `none` means out of scope. */
export { INTENTS as INTENT_NAMES, type IntentName as Intent } from '../nlu/intents';

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
