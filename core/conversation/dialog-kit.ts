import type { Locale } from '../shared/types';
import type { Choice, Message, TurnEvent } from './contract';
import type { EngineNlu, Intent } from './nlu-port';
import type { EngineServices } from './services-port';
import type { Funding } from '../payments';
import type { FlowFrame } from './state';

/**
 * What every part of a conversation turn shares: the rules on which requests
 * need a verified customer or an account, the phone menu, the shape of an
 * answer and of a step's verdict, and the small readers of answers.
 */

/** Invalid or empty answers to one prompt before a person is offered. */
export const MAX_RETRIES = 3;

/** Conversational requests that may interrupt a flow and let it resume (answers declare it on their flow). */
export const CONVERSATIONAL_ASIDES: ReadonlySet<Intent> = new Set<Intent>(['help', 'thanks', 'greeting']);

export const MENU: { intent: Intent; digit: string }[] = [
  { intent: 'make_payment', digit: '1' },
  { intent: 'balance_due', digit: '2' },
  { intent: 'payoff_quote', digit: '3' },
  { intent: 'autopay_enroll', digit: '4' },
  { intent: 'title_status', digit: '5' },
  { intent: 'fico_score', digit: '6' },
  { intent: 'payment_options', digit: '7' },
  { intent: 'agent', digit: '0' },
];

/** What one step makes of an answer. */
export type StepResult =
  /** Not an answer to this prompt: let the language understanding try (an interruption or a new request). */
  | { kind: 'unrecognized' }
  /** An answer, but not a valid one: explain and ask again. */
  | { kind: 'invalid'; message: Message }
  /** Accepted; the handler already moved the flow on and queued what to say. */
  | { kind: 'accepted' };

/** The answer as a step sees it, whatever the channel. */
export interface Answer {
  /** Typed or spoken words (or the text of a keypad entry). */
  text: string;
  digits: string | null;
  button: string | null;
  speech: boolean;
}

export interface DialogDeps {
  services: EngineServices;
  nlu: EngineNlu;
  now: () => number;
}

export function choice(value: string, labelKey: string, digit: string): Choice {
  return { value, labelKey, digit };
}

export function uniqueIntents(list: Intent[]): Intent[] {
  return [...new Set(list)];
}

export function toAnswer(ev: TurnEvent): Answer {
  switch (ev.kind) {
    case 'digits': {
      const digits = ev.digits.replace(/[^0-9*#]/g, '').replace(/#$/, '');
      return { text: digits, digits, button: null, speech: false };
    }
    case 'button':
      return { text: ev.value, digits: null, button: ev.value, speech: false };
    case 'speech':
      return { text: clean(ev.text), digits: null, button: null, speech: true };
    case 'text':
      return { text: clean(ev.text), digits: null, button: null, speech: false };
    default:
      return { text: '', digits: null, button: null, speech: false };
  }
}

/** Control characters out, length capped: nothing a customer types can blow up a step. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 500).trim();
}

export function digitsIn(answer: Answer, nlu: EngineNlu, locale: Locale): string | null {
  if (answer.digits) return answer.digits;
  const direct = answer.text.replace(/[\s\-().]/g, '');
  if (/^\d+$/.test(direct)) return direct;
  const spoken = nlu.digits(answer.text, locale);
  return spoken.length >= 4 ? spoken : null;
}

/** A whole 10-digit account number or 17-character VIN, as typed (a VIN tail or a word does not count). */
export function isWholeReference(token: string): boolean {
  return /^(?:\d{10}|[A-Za-z0-9]{17})$/.test(token) && /\d/.test(token);
}

/** VIN, VIN tail or account number from what was typed, pressed or said. */
export function referenceFrom(answer: Answer, nlu: EngineNlu, locale: Locale): string | null {
  if (answer.digits) return answer.digits;
  // A whole VIN or account number inside a sentence ("vin 2hgfe2f5xmh512345", "account 4100020004"), before
  // the words are run together or the digits read one by one (which would run a VIN's digits together).
  const words = answer.text.toUpperCase().split(/[^A-Z0-9]+/);
  const whole = words.find(isWholeReference);
  if (whole) return whole;
  const compact = answer.text.replace(/[\s\-.#]/g, '').toUpperCase();
  if (/^[A-Z0-9]{6,17}$/.test(compact) && /\d{3,}/.test(compact)) return compact;
  // Letters and digits spelled out ("A six seven eight nine zero"): a VIN's last 6 can hold a letter no keypad can enter.
  // "The last six", "los últimos seis" say which characters these are, not one of them.
  const said = answer.text.replace(LAST_SIX, ' ');
  const spelled = spelledReference(said, nlu, locale);
  if (spelled) return spelled;
  const spoken = nlu.digits(said, locale);
  if (spoken.length >= 6) return spoken;
  // A reference inside a sentence: "my VIN is 2HGFE2F5XMH512345".
  const token = words.find((w) => w.length >= 6 && /\d{3,}/.test(w));
  return token ?? null;
}

const LAST_SIX = /\b(?:the\s+)?(?:last|final)\s+(?:six|6)\b|\b(?:los\s+)?(?:[uú]ltimos\s+(?:seis|6)|(?:seis|6)\s+[uú]ltimos)\b/giu;

/** Spanish names of letters as a VIN is read out ("efe", "doble u"), to their letters. */
const SPANISH_LETTERS: Array<[RegExp, string]> = [
  [/\b(?:doble\s+(?:u|ve|uve)|uve\s+doble)\b/g, 'w'],
  [/\bi\s+griega\b/g, 'y'],
  ...Object.entries({ efe: 'f', ele: 'l', eme: 'm', ene: 'n', erre: 'r', ere: 'r', ese: 's', hache: 'h', ache: 'h', jota: 'j', ka: 'k', cu: 'q', equis: 'x', zeta: 'z', pe: 'p', te: 't', be: 'b', uve: 'v', ve: 'v', ge: 'g', ce: 'c', ye: 'y' }).map(
    ([name, letter]): [RegExp, string] => [new RegExp(`\\b${name}\\b`, 'g'), letter],
  ),
];

function spelledReference(text: string, nlu: EngineNlu, locale: Locale): string | null {
  let said = text.toLowerCase();
  if (locale === 'es') for (const [name, letter] of SPANISH_LETTERS) said = said.replace(name, letter);
  let out = '';
  for (const word of said.toUpperCase().split(/[\s,.-]+/).filter(Boolean)) {
    if (/^[A-Z0-9]$/.test(word) || /^\d+$/.test(word)) out += word;
    else {
      const digits = nlu.digits(word, locale);
      if (digits) out += digits;
    }
  }
  // The VIN's last six, or the whole VIN read out (its check digit is then checked like a typed one).
  return (out.length === 6 || out.length === 17) && /[A-Z]/.test(out) && /\d{3,}/.test(out) ? out : null;
}

export function amountFrom(answer: Answer, nlu: EngineNlu, locale: Locale) {
  if (answer.digits) {
    // Keypad: dollars, star, cents ("50*25" is $50.25).
    const m = /^(\d{1,7})(?:\*(\d{1,2}))?$/.exec(answer.digits);
    if (!m) return { kind: 'none' } as const;
    const cents = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
    return { kind: 'amount', cents } as const;
  }
  return nlu.amount(answer.text, locale);
}

/** Keypad dates as MMDD: the next such date on or after today. */
export function keypadDate(digits: string, today: string): string | null {
  const m = /^(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(today.slice(0, 4));
  for (const inYear of [year, year + 1]) {
    const date = new Date(Date.UTC(inYear, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    const iso = date.toISOString().slice(0, 10);
    if (iso >= today) return iso;
  }
  return null;
}

/** Which offered choice an answer picks: by button value, keypad digit, a lone number, or the words that name it. */
export function choiceValue(choices: Choice[], answer: Answer, nlu: EngineNlu): string | null {
  if (answer.button) return choices.find((c) => c.value === answer.button)?.value ?? null;
  if (answer.digits) return choices.find((c) => c.digit === answer.digits)?.value ?? null;
  const lone = /^\s*(\d)\s*$/.exec(answer.text);
  if (lone) return choices.find((c) => c.digit === lone[1])?.value ?? null;
  return nlu.readOptionWord(answer.text, choices.map((c) => c.value));
}

export function fundingOf(flow: FlowFrame): Funding {
  if (flow.data.funding === 'card') {
    return {
      kind: 'card',
      token: String(flow.data.cardToken),
      brand: String(flow.data.cardBrand),
      last4: String(flow.data.cardLast4),
      expiry: String(flow.data.cardExpiry),
    };
  }
  if (flow.data.funding === 'new') {
    const accountType = flow.data.accountType === 'savings' || flow.data.accountType === 'checking' ? flow.data.accountType : null;
    return {
      kind: 'bank_vaulted',
      routingNumber: String(flow.data.routing),
      token: String(flow.data.token),
      last4: String(flow.data.newLast4),
      ...(accountType ? { accountType } : {}),
    };
  }
  return { kind: 'bank_on_file' };
}

export function fundingLast4(flow: FlowFrame): string {
  return String(flow.data.funding === 'new' ? flow.data.newLast4 : flow.data.onFile);
}

/** Numbers the options offered 1, 2, 3… in order, so a menu never skips a number. */
export function numbered(choices: Choice[]): Choice[] {
  return choices.map((c, i) => ({ ...c, digit: String(i + 1) }));
}

/** The language a request to switch asks for: the one it names, else (naming none or both) the other one. */
export function targetLanguage(text: string, current: Locale, nlu: EngineNlu): Locale {
  return nlu.readLanguageName(text) ?? (current === 'en' ? 'es' : 'en');
}

/** Where an answer's first clause ends: "perfect. do the other one too", "sí, y ahora el civic". */
export const FIRST_CLAUSE_END = /[.!;,-]\s+|\s+(?:and|y)\s+/;

/**
 * "Sí, y ahora el civic", "perfect. do the other one too": an answer to a
 * yes-or-no question that opens with a yes, whatever follows it.
 */
export function opensWithYes(answer: Answer, nlu: EngineNlu, locale: Locale, atYesNo: boolean): boolean {
  if (!atYesNo || answer.digits || answer.button || !answer.text) return false;
  const cut = FIRST_CLAUSE_END.exec(answer.text);
  return cut !== null && nlu.yesNo(answer.text.slice(0, cut.index), locale) === true;
}
