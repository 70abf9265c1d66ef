/**
 * Natural-language understanding for the conversation engine: intent
 * classification (NLP.js, trained from core/nlu/corpus) and entity
 * recognition (Microsoft Recognizers-Text). Channel-agnostic; nothing here
 * knows about Bot Framework or Twilio.
 */
export { INTENTS, type IntentName, type NluLocale } from './intents';
export { guessLanguage } from './language-guess';
export { lacksItsOwnWords, paysInSoManyWords, paysItOff, schedulesAPayment } from './look-alike-words';
export { createNlu, NLU_THRESHOLD, type Nlu, type Classification, type ScoredIntent } from './classifier';
export {
  recognizeAmount,
  recognizeDate,
  recognizeNumber,
  recognizeOrdinalChoice,
  recognizeYesNo,
  spokenDigits,
  type AmountResult,
  type AmountOptions,
} from './entities';
export {
  readAmount,
  readDate,
  dayOfMonthMention,
  readDayOfMonth,
  readChoice,
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
  readDigits,
  readCorrection,
  saidLast,
  detectTopic,
  fundingMention,
  withoutDayAndBank,
  type FundingMention,
  type AmountReading,
  type AmountContext,
  type DateReading,
  type ChoiceOption,
  type ChoiceReading,
  type OptionWord,
  type Correction,
  type CorrectableSlot,
  type SensitiveTopic,
} from './slots';
