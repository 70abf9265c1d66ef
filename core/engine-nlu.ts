import type { EngineNlu } from './conversation/nlu-port';
import {
  createNlu,
  NLU_THRESHOLD,
  recognizeAmount,
  recognizeDate,
  recognizeNumber,
  recognizeYesNo,
  spokenDigits,
} from './nlu';

/** Trains the intent classifier once and offers it, with the entity recognizers, as the engine's NLU port. */
export async function createEngineNlu(): Promise<EngineNlu> {
  const nlu = await createNlu();
  return {
    threshold: NLU_THRESHOLD,
    classify: (text, locale) => nlu.classify(text, locale),
    amount: (text, locale) => recognizeAmount(text, locale),
    date: (text, locale, today) => recognizeDate(text, locale, today),
    yesNo: (text, locale) => recognizeYesNo(text, locale),
    number: (text, locale) => recognizeNumber(text, locale),
    digits: (text, locale) => spokenDigits(text, locale),
  };
}
