/**
 * Slot readers: each reads the answer to one kind of question (how much,
 * when, which day of the month, which one, yes or no, a number given digit
 * by digit) in the customer's own words, before any intent classification;
 * plus the words that name a fixed option or a language, corrections of an
 * earlier answer and topics that must go to a person. Pure functions of the
 * text, the language and what the question offered; each language's words
 * are kept by language in the reader's file.
 */
export { readAmount, type AmountReading, type AmountContext } from './amount';
export { dayOfMonthMention, readDate, readDayOfMonth, type DateReading } from './date';
export { readChoice, type ChoiceOption, type ChoiceReading } from './choice';
export { readOptionWord, readLanguageName, languageAskedFor, asksForEmail, extraPaymentAskedFor, cardPaymentAskedFor, asksWhatPayingHereCosts, asksForTheNumber, asksWhereToFindTheNumber, asksIfLookingHurts, asksWhichLanguageWeWrite, asksForAPerson, callsOffThePayment, acknowledges, autoPayAskedFor, asksToRepeat, takesLeave, withoutOpening, namesTaxId, taxIdIn, type OptionWord, type TaxIdMention } from './option-words';
export { readYesNo, putsAQuestion } from './yes-no';
export { readDigits } from './digits';
export { readCorrection, saidLast, type Correction, type CorrectableSlot } from './correction';
export { detectTopic, type SensitiveTopic } from './topic';
export { fundingMention, type FundingMention } from './funding';
export { withoutDayAndBank } from './other-answers';
