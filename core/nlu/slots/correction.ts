import type { NluLocale } from '../intents';
import { readAmount } from './amount';
import { readDate } from './date';
import { fold, phrases } from './text';

/** The slot a correction is about. */
export type CorrectableSlot = 'amount' | 'date' | 'account' | 'bank';

/**
 * A correction: which slot it changes (null when it names none and the value
 * does not tell, e.g. "actually, the other one") and the words that give the
 * new value, for that slot's own reader ("$150", "tomorrow", "quinientos
 * cincuenta", "the Jeep"). No value means "ask me for it again" ("change the
 * amount", "use a different bank").
 */
export interface Correction {
  slot: CorrectableSlot | null;
  value?: string;
}

const SLOT_WORDS: Record<NluLocale, Array<[CorrectableSlot, string[]]>> = {
  en: [
    ['amount', ['payment amount', 'amount', 'how much', 'the sum']],
    ['date', ['payment date', 'date', 'day', 'when']],
    ['bank', ['bank account', 'bank', 'checking account', 'savings account', 'checking', 'savings', 'routing number']],
    ['account', ['vehicle', 'car', 'truck', 'loan', 'lease', 'account']],
  ],
  es: [
    ['amount', ['la cantidad', 'el monto', 'la suma', 'el importe', 'cantidad', 'monto', 'cuanto']],
    ['date', ['la fecha', 'el dia', 'fecha', 'dia', 'cuando']],
    ['bank', ['la cuenta de banco', 'la cuenta bancaria', 'cuenta de banco', 'cuenta bancaria', 'el banco', 'banco',
      'cuenta de cheques', 'cuenta de ahorros']],
    ['account', ['el vehiculo', 'el carro', 'el auto', 'el coche', 'la camioneta', 'la troca', 'el prestamo',
      'la cuenta', 'vehiculo', 'carro', 'auto', 'coche', 'prestamo', 'cuenta']],
  ],
};

// "change the amount", "a different bank", "cambia la fecha", "otro banco".
const CHANGE_VERBS: Record<NluLocale, string> = {
  en: "(?:change|update|fix|correct|edit|switch|modify|redo)(?:\\s+(?:the|my|that|this))?|(?:use|try|pick|choose)\\s+(?:a|an)\\s+(?:different|other)|(?:a|an)\\s+(?:different|other)|another|wrong|the\\s+other",
  es: '(?:cambia(?:r|me|le)?|cambiale|corrige|corregir|modifica(?:r)?|actualiza(?:r)?|usa(?:r)?)(?:\\s+(?:la|el|mi|los|las|de))?|otr[oa]|(?:la|el)\\s+otr[oa]',
};

// Words that mark what follows as a replacement value.
const CUES: Record<NluLocale, RegExp> = {
  en: phrases([
    'make it', 'make that', "let's make it", 'lets make it', "let's do", 'lets do', 'actually', 'instead', 'rather',
    'i meant', 'i mean', 'change it to', 'change that to', 'switch to', 'switch it to', 'go with', 'how about',
    'can we do', 'can you make it', 'scratch that', 'correction', 'no wait', 'wait',
  ]),
  es: phrases([
    'mejor', 'que sea', 'hazlo', 'hazla', 'hazlo por', 'hazlo de', 'ponle', 'ponlo', 'cambialo a', 'cambiala a',
    'en vez de eso', 'en lugar de eso', 'en vez', 'en lugar', 'quise decir', 'mas bien', 'me equivoque', 'corrijo',
    'no espera', 'espera', 'o sea', 'digo',
  ]),
};

const LEADING_NO: Record<NluLocale, RegExp> = {
  en: /^(?:(?:no|nope|nah|oops|sorry|um|uh|oh|hold on|hang on|wait)\b[\s,.-]*)+/,
  es: /^(?:(?:no|perdon|oye|eh|este|espera|esperate|uy)\b[\s,.-]*)+/,
};

// A bare yes/no after a cue ("mejor no", "actually yes") is an answer, not a correction.
const PLAIN_ANSWER = /^(?:yes|no|yeah|yep|nope|ok|okay|sure|not yet|si|claro|todavia no|nada|never ?mind|thanks|no thanks|gracias)$/;

// Connectors and politeness around the value: "to", "a", "por favor", "instead".
const VALUE_TRIM: Record<NluLocale, { head: RegExp; tail: RegExp; reason: RegExp }> = {
  en: {
    head: /^(?:(?:to|it|that|for|with|be|is|please|on|then)\b\s*|[,.]\s*)+/,
    tail: /(?:\s*(?:instead|please|then|rather|thanks|thank you|,|\.))+$/,
    reason: /(?:,\s*|\s+)(?:because|since|cause|cuz)\b.*$/,
  },
  es: {
    head: /^(?:(?:a|por|para|de|que sea|sea|es|en|pues)\b\s*|[,.]\s*)+/,
    tail: /(?:\s*(?:en vez de eso|en lugar de eso|mejor|por favor|gracias|,|\.))+$/,
    reason: /(?:,\s*(?:que|pues|ya que|como)|\s+porque)\b.*$/,
  },
};

const NO_CONTEXT = { amountDueCents: 0, pastDueCents: 0, payoffCents: 0 };
const ANY_DAY = '2000-01-03';

/**
 * Reads a correction of something already given: "no wait, make it $150"
 * (amount, "$150"), "actually tomorrow" (date), "change the amount" (amount,
 * no value: ask again), "cambia la cantidad a quinientos cincuenta" (amount,
 * "quinientos cincuenta"), "make it the Jeep instead" (account, "the Jeep"),
 * "use a different bank" (bank), "mejor el quince" (date, "el quince").
 * Returns null when the text is not a correction ("no, not yet", "mejor no").
 *
 * The slot comes from the words that name it; when none does, from the value:
 * an amount, a date, or else a thing named ("the Jeep") taken as the account.
 */
export function readCorrection(text: string, locale: NluLocale): Correction | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const input = fold(text);
  if (!input) return null;

  const named = namedSlot(input, lang);
  if (named) return withValue(named.slot, named.rest, lang);

  const leading = LEADING_NO[lang].exec(input)?.[0] ?? '';
  const afterNo = input.slice(leading.length);
  const cue = CUES[lang].exec(afterNo);
  const rest = cue ? `${afterNo.slice(0, cue.index)} ${afterNo.slice(cue.index + cue[0].length)}` : afterNo;
  // "200 dollars, no wait, make it 150": two values of one kind in one breath, the one after the last cue is the new value.
  const value = twoInOneBreath(afterNo, lang) ?? firstClause(trimValue(rest.replace(CUES[lang], ' '), lang), lang);
  if (!value || PLAIN_ANSWER.test(value)) return null;
  // Without a cue, only "no, <a new value>" is a correction: "no, not yet" is an answer.
  if (!cue && !leading) return null;
  const slot = slotOfValue(value, lang);
  if (!cue && !slot) return null;
  return slot || looksLikeThing(value, lang) ? { slot: slot ?? 'account', value } : { slot: null, value };
}

/**
 * What is said after the last correction in one breath: "200 dollars, no
 * wait, make it 150" → "150"; "como doscientos no mejor doscientos
 * cincuenta" → "doscientos cincuenta". Null when no correction follows
 * something else said first.
 */
export function saidLast(text: string, locale: NluLocale): string | null {
  return afterLastCue(fold(text), locale === 'es' ? 'es' : 'en')?.value ?? null;
}

/** Every cue, wherever it is in the words. */
const ALL_CUES: Record<NluLocale, RegExp> = { en: new RegExp(CUES.en.source, 'gi'), es: new RegExp(CUES.es.source, 'gi') };

/** The value said after the last cue, and where that cue starts; null when no cue follows something said first. */
function afterLastCue(input: string, lang: NluLocale): { value: string; at: number } | null {
  const last = [...input.matchAll(ALL_CUES[lang])].pop();
  if (!last?.index) return null;
  const value = firstClause(trimValue(input.slice(last.index + last[0].length), lang), lang);
  return value && !PLAIN_ANSWER.test(value) ? { value, at: last.index } : null;
}

/** "200 dollars, no wait, make it 150": the value after the last cue, where one of the same kind came before it. */
function twoInOneBreath(input: string, lang: NluLocale): string | null {
  const last = afterLastCue(input, lang);
  if (!last) return null;
  const before = trimValue(input.slice(0, last.at).replace(ALL_CUES[lang], ' ').replace(/[,.]+\s*$/, ''), lang);
  const slot = slotOfValue(last.value, lang);
  return slot === 'amount' && before && slotOfValue(firstClause(before, lang), lang) === slot ? last.value : null;
}

function namedSlot(input: string, lang: NluLocale): { slot: CorrectableSlot; rest: string } | null {
  for (const [slot, names] of SLOT_WORDS[lang]) {
    const nouns = names
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/ /g, '\\s+'))
      .join('|');
    const re = new RegExp(`(?<![a-z])(?:${CHANGE_VERBS[lang]})\\s+(?:${nouns})(?![a-z])`);
    const m = re.exec(input);
    if (m) return { slot, rest: input.slice(m.index + m[0].length) };
  }
  return null;
}

function withValue(slot: CorrectableSlot, rest: string, lang: NluLocale): Correction {
  const value = trimValue(rest, lang);
  return value && !PLAIN_ANSWER.test(value) ? { slot, value } : { slot };
}

function trimValue(text: string, lang: NluLocale): string {
  const { head, tail, reason } = VALUE_TRIM[lang];
  // "Mejor 150, que no me alcanza": the reason given after the value is not part of it.
  return text.replace(/\s+/g, ' ').trim().replace(reason, '').replace(head, '').replace(tail, '').trim();
}

/**
 * "Actually make it 200, i need gas money this week": the value is the clause
 * it opens, when that clause alone reads as one; what follows is the reason.
 */
function firstClause(value: string, lang: NluLocale): string {
  const comma = /[,;](?!\d)|\.(?!\d)/.exec(value);
  if (!comma) return value;
  const first = value.slice(0, comma.index).trim();
  return first && slotOfValue(first, lang) ? first : value;
}

function slotOfValue(value: string, lang: NluLocale): CorrectableSlot | null {
  const amount = (): boolean => readAmount(value, lang, NO_CONTEXT).kind !== 'none';
  const date = (): boolean => readDate(value, lang, ANY_DAY).kind !== 'none';
  // "el quince", "the 15th" are days; "$150", "quinientos" amounts.
  const dayFirst = /^(?:the|el|on|on the|para el)\s/.test(value) || /\d(?:st|nd|rd|th)\b/.test(value);
  if (/\$|dollar|dolar|buck/.test(value)) return 'amount';
  if (dayFirst) return date() ? 'date' : amount() ? 'amount' : null;
  return amount() ? 'amount' : date() ? 'date' : null;
}

function looksLikeThing(value: string, lang: NluLocale): boolean {
  return lang === 'es'
    ? /^(?:el|la|mi|ese|esa|este|esta|los|las)\b|\btermina\b/.test(value)
    : /^(?:the|my|that|this)\b|\bending\b/.test(value);
}
