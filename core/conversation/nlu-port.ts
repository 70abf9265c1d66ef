import type { IntentName as Intent } from '../nlu/intents';
import type { AmountContext, AmountReading as SlotAmount, ChoiceOption, ChoiceReading, Correction, DateReading, FundingMention, SensitiveTopic, TaxIdMention } from '../nlu/slots';
import type { Locale } from '../shared/types';

/** Intent names the engine routes on (one list, owned by the NLU); `none` means out of scope. */
export { INTENTS as INTENT_NAMES, type IntentName as Intent } from '../nlu/intents';

/** An option to pick, as the choice reader sees it. */
export type { ChoiceOption, DateReading, FundingMention, TaxIdMention };

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
  /** The answer to "how much?" in the customer's words: cents, or the amount due, past due or payoff by name. */
  readAmount(text: string, locale: Locale, ctx: AmountContext): SlotAmount;
  /** The answer to "when?": a date, or a time that is not a day yet (payday), or nothing. */
  readDate(text: string, locale: Locale, today: string): DateReading;
  /** The day of the month a longer sentence names ("on the 5th of every month", "el día 25"), or null. */
  dayOfMonthMention(text: string, locale: Locale): number | null;
  /** The answer to "which day of the month?" ("the 5th", "el quince", "the twenty eighth", "12"), or null. */
  readDayOfMonth(text: string, locale: Locale): number | null;
  /** Which offered option an answer names: by ordinal, any word of its label, or its last four. */
  readChoice(text: string, locale: Locale, options: readonly ChoiceOption[]): ChoiceReading;
  /** The bank account a sentence names ("from my bank on file", "de otra cuenta", "the one ending 4321"), or null. */
  fundingMention(text: string, locale: Locale): FundingMention | null;
  /** The request without the day and the bank it names ("pay $180 tomorrow from the bank on file" → "pay $180"). */
  withoutDayAndBank(text: string, locale: Locale): string;
  /** Which of the options offered by value (`due`, `today`, `savings`, `agent`…) the words name, in either language; null for none. */
  readOptionWord(text: string, values: readonly string[]): string | null;
  /** The language the words name ("Spanish", "español", "inglés"), or null. */
  readLanguageName(text: string): Locale | null;
  /** A language asked for in so many words inside any sentence ("can we switch to spanish?"). */
  languageAskedFor(text: string): Locale | null;
  /** Words that ask for something by email ("can you email me updates?"), not refusing it. */
  asksForEmail(text: string): boolean;
  /** An extra payment asked for, not asked about: toward principal ("put it towards principal") or more than is due ("I want to pay extra"). */
  extraPaymentAskedFor(text: string): 'principal' | 'extra' | null;
  /** A payment by card asked for, not asked about ("pay my civic with a debit card"). */
  cardPaymentAskedFor(text: string): boolean;
  /** A question about what paying here costs ("¿me cobran algo por pagar por aquí?"), not a charge disputed; in a payment, where is not said. */
  asksWhatPayingHereCosts(text: string, paying?: boolean): boolean;
  /** In which language letters and statements come, asked ("¿me pueden mandar las cartas en español?"). */
  asksWhichLanguageWeWrite(text: string): boolean;
  /** Whether looking at the FICO® Score lowers it, asked ("si lo checo, ¿me baja el crédito?"). */
  asksIfLookingHurts(text: string): boolean;
  /** Where the account number or the VIN is found, asked ("¿dónde encuentro el número de cuenta?"). */
  asksWhereToFindTheNumber(text: string): boolean;
  /** The customer service number asked for, not a person ("what's the customer service phone number?"). */
  asksForTheNumber(text: string): boolean;
  /** A person asked for in so many words ("can i talk to a real person about…", "páseme con un asesor"). */
  asksForAPerson(text: string): boolean;
  /** The payment called off in so many words ("no dont pay anything right now", "no pague nada"). */
  callsOffThePayment(text: string): boolean;
  /** A message that only acknowledges the last answer ("ok sounds good", "perfecto"). */
  acknowledges(text: string): boolean;
  /** A request to hear the question again ("can you repeat that", "¿me lo repite?"). */
  asksToRepeat(text: string): boolean;
  /** Words that take leave at the end of a message ("ok thanks bye", "gracias, hasta luego"). */
  takesLeave(text: string): boolean;
  /** The request without the greeting and fillers it opens with ("hola buenas quiero pagar" → "quiero pagar"), folded. */
  withoutOpening(text: string): string;
  /** What is asked of Auto Pay named in so many words ("turn off autopay"): stopping it, moving its day or signing up; null when unsaid. */
  autoPayAskedFor(text: string): 'autopay_cancel' | 'autopay_change_day' | 'autopay_enroll' | null;
  /** "Schedule my payment for later": a payment set for a day ahead, not one put off. */
  schedulesAPayment(text: string): boolean;
  /** A payment said in so many words ("vengo a abonar al carro", "put some money toward the jeep"). */
  paysInSoManyWords(text: string): boolean;
  /** Paying the loan off in so many words ("let's pay that off today", "quiero liquidarlo"). */
  paysItOff(text: string): boolean;
  /** Whether the words name a Social Security number or Tax ID ("my ssn is…", "mi seguro social…"). */
  namesTaxId(text: string): boolean;
  /** The nine digits of an SSN or Tax ID inside a sentence ("my ssn is 401-22-7788") and the sentence without them, or null. */
  taxIdIn(text: string, anyNineDigits?: boolean): TaxIdMention | null;
  /** Yes or no, with the hedges people use; null for anything else (a correction is not a yes/no). */
  readYesNo(text: string, locale: Locale): boolean | null;
  /** A change to an earlier answer ("no wait, make it $150", "actually tomorrow"), or null. */
  readCorrection(text: string, locale: Locale): Correction | null;
  /** What is said after the last correction in one breath ("200 dollars, no wait, make it 150" → "150"), or null. */
  saidLast(text: string, locale: Locale): string | null;
  /** A topic that goes to a person and never gets a balance (repossession, hardship, fraud…), or null. */
  detectTopic(text: string, locale: Locale): SensitiveTopic | null;
  /** The language a message is written in, by words only one language uses (leading by `minLead`, default 1); null when it does not tell. */
  guessLanguage(text: string, minLead?: number): Locale | null;
  /** Whether a request easily taken for a payment (a payoff quote, ways to pay, an extra payment, a deferral) was read without any word it cannot do without. */
  lacksItsOwnWords(intent: Intent, text: string): boolean;
}
