import type { NluLocale } from '../intents';
import { withoutDayWords } from './date';
import { withoutFundingWords } from './funding';

/**
 * A request without the day named by name and the bank named by its last
 * four or as the one on file ("pagar $180 del civic mañana de la cuenta
 * registrada" becomes "pagar $180 del civic"): those fill the request's
 * slots and say nothing of what is asked. Folded; the text as folded when it
 * names neither.
 */
export function withoutDayAndBank(text: string, locale: NluLocale): string {
  return withoutDayWords(withoutFundingWords(text, locale), locale);
}
