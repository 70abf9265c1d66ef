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

// The corpus is fixed for the life of the process, so one trained classifier serves every server built in it.
let trained: ReturnType<typeof createNlu> | null = null;

/** Trains the intent classifier once per process and offers it, with the entity recognizers, as the engine's NLU port. */
export async function createEngineNlu(): Promise<EngineNlu> {
  trained ??= createNlu();
  const nlu = await trained;
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
