import path from 'node:path';
import type { EngineNlu } from './conversation/nlu-port';
import {
  createNlu,
  NLU_THRESHOLD,
  recognizeAmount,
  recognizeDate,
  recognizeNumber,
  recognizeYesNo,
  spokenDigits,
  readAmount,
  readDate,
  readChoice,
  dayOfMonthMention,
  readDayOfMonth,
  readOptionWord,
  readLanguageName,
  languageAskedFor,
  asksForEmail,
  extraPaymentAskedFor,
  cardPaymentAskedFor,
  asksWhatPayingHereCosts,
  asksForTheNumber,
  asksWhereToFindTheNumber,
  asksIfLookingHurts,
  asksWhichLanguageWeWrite,
  asksForAPerson,
  callsOffThePayment,
  acknowledges,
  autoPayAskedFor,
  asksToRepeat,
  takesLeave,
  withoutOpening,
  namesTaxId,
  taxIdIn,
  readYesNo,
  putsAQuestion,
  readCorrection,
  saidLast,
  detectTopic,
  fundingMention,
  withoutDayAndBank,
  guessLanguage,
  lacksItsOwnWords,
  schedulesAPayment,
  paysInSoManyWords,
  paysItOff,
} from './nlu';

// The corpus is fixed for the life of the process, so one trained classifier serves every server built in it.
let trained: ReturnType<typeof createNlu> | null = null;

/**
 * Where trained intent networks are kept between processes (see createNlu):
 * the project's var/ folder, beside the default database. A kept network is
 * named by everything it was trained from, so it is never stale.
 */
const NETWORK_CACHE_DIR = path.resolve(__dirname, '..', 'var', 'nlu');

/** Trains the intent classifier once per process and offers it, with the entity recognizers, as the engine's NLU port. */
export async function createEngineNlu(): Promise<EngineNlu> {
  trained ??= createNlu({ networkCacheDir: NETWORK_CACHE_DIR });
  const nlu = await trained;
  return {
    threshold: NLU_THRESHOLD,
    classify: (text, locale) => nlu.classify(text, locale),
    amount: (text, locale) => recognizeAmount(text, locale),
    date: (text, locale, today) => recognizeDate(text, locale, today),
    // The hedges people use first ("sure, go ahead", "sí, adelante"), then the recognizer's reading.
    // A question put in a sentence ("si pago en Western Union, ¿me cobran algo?") is neither, whatever "si" is in it.
    yesNo: (text, locale) => (putsAQuestion(text) ? null : (readYesNo(text, locale) ?? (readCorrection(text, locale) ? null : recognizeYesNo(text, locale)))),
    number: (text, locale) => recognizeNumber(text, locale),
    digits: (text, locale) => spokenDigits(text, locale),
    readAmount: (text, locale, ctx) => readAmount(text, locale, ctx),
    readDate: (text, locale, today) => readDate(text, locale, today),
    readChoice: (text, locale, options) => readChoice(text, locale, options),
    dayOfMonthMention: (text, locale) => dayOfMonthMention(text, locale),
    fundingMention: (text, locale) => fundingMention(text, locale),
    withoutDayAndBank: (text, locale) => withoutDayAndBank(text, locale),
    readDayOfMonth: (text, locale) => readDayOfMonth(text, locale),
    readOptionWord: (text, values) => readOptionWord(text, values),
    readLanguageName: (text) => readLanguageName(text),
    languageAskedFor: (text) => languageAskedFor(text),
    asksForEmail: (text) => asksForEmail(text),
    extraPaymentAskedFor: (text) => extraPaymentAskedFor(text),
    cardPaymentAskedFor: (text) => cardPaymentAskedFor(text),
    asksWhatPayingHereCosts: (text, paying) => asksWhatPayingHereCosts(text, paying),
    asksWhichLanguageWeWrite: (text) => asksWhichLanguageWeWrite(text),
    asksIfLookingHurts: (text) => asksIfLookingHurts(text),
    asksWhereToFindTheNumber: (text) => asksWhereToFindTheNumber(text),
    asksForTheNumber: (text) => asksForTheNumber(text),
    asksForAPerson: (text) => asksForAPerson(text),
    callsOffThePayment: (text) => callsOffThePayment(text),
    acknowledges: (text) => acknowledges(text),
    autoPayAskedFor: (text) => autoPayAskedFor(text),
    asksToRepeat: (text) => asksToRepeat(text),
    takesLeave: (text) => takesLeave(text),
    withoutOpening: (text) => withoutOpening(text),
    namesTaxId: (text) => namesTaxId(text),
    taxIdIn: (text, anyNineDigits) => taxIdIn(text, anyNineDigits),
    readYesNo: (text, locale) => (putsAQuestion(text) ? null : readYesNo(text, locale)),
    readCorrection: (text, locale) => readCorrection(text, locale),
    saidLast: (text, locale) => saidLast(text, locale),
    detectTopic: (text, locale) => detectTopic(text, locale),
    guessLanguage: (text, minLead) => guessLanguage(text, minLead),
    lacksItsOwnWords: (intent, text) => lacksItsOwnWords(intent, text),
    schedulesAPayment: (text) => schedulesAPayment(text),
    paysInSoManyWords: (text) => paysInSoManyWords(text),
    paysItOff: (text) => paysItOff(text),
  };
}
