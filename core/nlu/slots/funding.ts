import type { NluLocale } from '../intents';
import { spokenDigits } from '../spoken-digits';
import { fold, phrases } from './text';

/** Which bank account a sentence names for a payment or Auto Pay, wherever it is said. */
export type FundingMention =
  /** "from my bank on file", "la cuenta registrada", "the same account". */
  | { kind: 'on_file' }
  /** "from a different account", "de otra cuenta", "una cuenta nueva". */
  | { kind: 'new' }
  /** "the one ending 4321", "la que termina en 4321": to compare with the bank on file. */
  | { kind: 'last4'; last4: string }
  /** "with my debit card", "con tarjeta": where the channel takes one. */
  | { kind: 'card' };

const ON_FILE: Record<NluLocale, RegExp> = {
  en: phrases([
    'on file', 'bank on file', 'account on file', 'on record', 'the same account', 'same account', 'same bank',
    'my usual account', 'the usual account', 'usual bank', 'saved account', 'the account you have', 'the one you have',
    'the bank you have', 'the account i have with you', 'my regular account', 'my regular bank',
    'you already have', 'you guys have', 'you have on file', 'the one i always use', 'the bank i always use',
  ]),
  es: phrases([
    'registrada', 'registrado', 'cuenta registrada', 'en archivo', 'la de siempre', 'la misma cuenta', 'misma cuenta',
    'mismo banco', 'la que tienen', 'la que ya tienen', 'la guardada', 'cuenta guardada', 'la cuenta que tienen',
    'la cuenta de siempre', 'la que tienen registrada', 'que ya tienen', 'banco que tienen', 'cuenta que tienen',
    'la que tienen guardada', 'la de costumbre',
  ]),
};

const CARD: Record<NluLocale, RegExp> = {
  en: phrases(['card', 'debit card', 'credit card', 'my debit', 'visa', 'mastercard', 'amex', 'discover card']),
  es: phrases(['tarjeta', 'tarjeta de debito', 'tarjeta de credito', 'con debito', 'con credito', 'visa', 'mastercard']),
};

// "¿Me cobran algo por pagar con tarjeta?", "can I use a card": a card asked about, not chosen.
const ASKS_ABOUT_IT = /\b(?:fee|fees|charge|cost|costs|can i|could i|do you take|do you accept|is there|cobr\w*|cargo|cuesta|comision\w*|puedo|se puede|aceptan|toman)\b/;

const NEW: Record<NluLocale, RegExp> = {
  en: phrases([
    'different account', 'different bank', 'new account', 'new bank', 'another account', 'another bank', 'other account',
    'other bank', 'new checking', 'new savings', 'a different checking', 'a different savings', 'not the one on file',
  ]),
  es: phrases([
    'otra cuenta', 'cuenta nueva', 'nueva cuenta', 'cuenta diferente', 'cuenta distinta', 'otro banco', 'banco nuevo',
    'banco diferente', 'banco distinto', 'una cuenta de otro banco',
  ]),
};

// "My new credit union account", "la cuenta de cheques nueva": new, with words between.
const NEW_NAMED: Record<NluLocale, RegExp> = {
  en: /\bnew\s+(?:[a-z]+\s+){0,2}(?:account|checking|savings|bank)\b/,
  es: /\bcuenta\s+(?:de\s+[a-z]+\s+)?(?:nueva|diferente|distinta)\b|\bnueva\s+(?:[a-z]+\s+){0,2}cuenta\b/,
};

// Four digits, typed or said one by one ("four three two one", "cuatro tres dos uno").
const FOUR_DIGITS: Record<NluLocale, string> = {
  en: String.raw`(\d{4}|(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,-]+){3}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))`,
  es: String.raw`(\d{4}|(?:(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)[\s,-]+){3}(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))`,
};

const LAST4: Record<NluLocale, RegExp[]> = {
  en: [
    new RegExp(String.raw`\b(?:ending|ends|ended|last (?:four|4)(?: digits)?(?: are| is| of)?)(?: (?:in|with|on))? ${FOUR_DIGITS.en}\b`),
    // "the 4321 account", "from my 4321 checking", "the 4321 one".
    new RegExp(String.raw`\b(?:the|my|our|from|use) ${FOUR_DIGITS.en} (?:account|acct|checking|savings|bank|one)\b`),
    // "from 4321", "out of my 4321": four digits alone after the word that says where the money comes from.
    new RegExp(String.raw`\b(?:from|out of|outta) (?:the |my |our )?${FOUR_DIGITS.en}\b(?! ?(?:\d|dollars?|bucks))`),
  ],
  es: [
    new RegExp(String.raw`\b(?:termina|terminada|terminacion|acaba|ultimos (?:cuatro|4)(?: digitos)?(?: son| de)?)(?: (?:en|con))? ${FOUR_DIGITS.es}\b`),
    // "la cuenta 4321", "la 4321".
    new RegExp(String.raw`\b(?:cuenta|la) ${FOUR_DIGITS.es}\b(?! ?\d)`),
  ],
};

// How a bank account is named around its last four or "on file", taken out
// of an answer together with them so the rest can be read for an amount or a
// day ("150 tomorrow, take it from the acct ending 4321").
const ACCOUNT_WORDS: Record<NluLocale, string> = {
  en: String.raw`(?:(?:take it|pull it|debit it|use|and)\s+)?(?:(?:from|out of|outta|off|using|with)\s+)?(?:(?:my|the|our|that)\s+)?(?:(?:bank|checking|savings|acct|account|one)\s+){0,2}(?:(?:that|which)\s+)?`,
  es: String.raw`(?:(?:y\s+)?(?:de|desde|con|use|usa)\s+)?(?:(?:mi|la|el|esa)\s+)?(?:(?:cuenta|banco)\s+)?(?:(?:de\s+)?(?:banco|cheques|ahorros)\s+)?(?:(?:que|la que)\s+)?`,
};

/**
 * The words of a sentence that name a bank account by its last four or as
 * the one on file, with the words that lead up to them, taken out: what is
 * left may name an amount or a day. A sentence that names no account comes
 * back as it was (folded).
 */
export function withoutFundingWords(text: string, locale: NluLocale): string {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  let input = fold(text);
  for (const pattern of [...LAST4[lang], ON_FILE[lang]]) {
    const lead = new RegExp(`(?<![a-z0-9ñ])${ACCOUNT_WORDS[lang]}(?:${pattern.source})`, 'gi');
    input = input.replace(lead, ' ');
  }
  return input.replace(/\s+/g, ' ').trim();
}

/**
 * The bank account a sentence names, if it names one: the one on file, a new
 * one, or one by its last four digits; or a card. A request ("pay $180 tomorrow from my
 * bank on file") fills the bank choice before it is asked.
 */
export function fundingMention(text: string, locale: NluLocale): FundingMention | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  // "No de la cuenta de siempre, de otra", "de otra cuenta nueva, no la 4321": an account ruled out is not the one named.
  const { rest, ruledOut } = withoutRuledOut(fold(text).replace(/\s+/g, ' '), lang);
  const input = rest.replace(/[.,]/g, ' ').replace(/\s+/g, ' ');
  for (const pattern of LAST4[lang]) {
    const last4 = pattern.exec(input);
    if (last4) return { kind: 'last4', last4: spokenDigits(last4[1]!, lang) };
  }
  if (NEW[lang].test(input) || NEW_NAMED[lang].test(input)) return { kind: 'new' };
  if (ON_FILE[lang].test(input)) return { kind: 'on_file' };
  if (CARD[lang].test(input) && !ASKS_ABOUT_IT.test(input) && !/[?¿]/.test(text)) return { kind: 'card' };
  // "Not from the one on file": another account, then.
  return ruledOut ? { kind: 'new' } : null;
}

// A word that rules out the account named right after it ("no la 4321", "not from my bank on file", "ni la de siempre").
// "No, la 4321" (a no, then an answer) keeps its comma and is not one.
const RULES_OUT: Record<NluLocale, string> = {
  en: String.raw`(?<![a-z])(?:not|never|but not|don'?t have|do not have|no)\s+(?:(?:from|with|using|out of|off|the|my|our|that|use|one|a|any)\s+){0,3}`,
  es: String.raw`(?<![a-z])(?:no|ni|nunca|pero no)\s+(?:(?:de|desde|con|la|el|mi|esa|use|usar|que|tengo|tenemos|hay|ninguna?|banco|cuenta)\s+){0,3}`,
};

/** The text without the accounts it rules out, and whether it ruled out the one on file (by name or by last four). */
function withoutRuledOut(input: string, lang: NluLocale): { rest: string; ruledOut: boolean } {
  let rest = input;
  let ruledOut = false;
  for (const pattern of [...LAST4[lang], ON_FILE[lang]]) {
    const negated = new RegExp(`${RULES_OUT[lang]}(?:${pattern.source.replace(/^\\b/, '')})`, 'gi');
    rest = rest.replace(negated, () => {
      ruledOut = true;
      return ' ';
    });
  }
  // "Pero no tengo tarjeta, de mi cuenta de banco": a card ruled out is not named either.
  rest = rest.replace(new RegExp(`${RULES_OUT[lang]}(?:${CARD[lang].source.replace(/^\\b/, '')})`, 'gi'), ' ');
  return { rest, ruledOut };
}
