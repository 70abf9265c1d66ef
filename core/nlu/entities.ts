import type { NluLocale } from './intents';
import { booleanMentions, currencyMentions, dateMentions, numberMentions, ordinalMentions } from './slots/models';
import { sanitizeInput } from './text';

export { spokenDigits } from './spoken-digits';

// Entity inputs are answers to a prompt ("how much?", "which day?"); anything
// longer than this is not an answer and only costs regex time.
const MAX_ENTITY_CHARS = 200;

function clean(text: unknown): string {
  return sanitizeInput(text, MAX_ENTITY_CHARS);
}

interface ModelResult {
  start: number;
  end: number;
  text: string;
  typeName: string;
  resolution?: Record<string, unknown>;
}

/** Result of {@link recognizeAmount}. */
export type AmountResult =
  /** A money amount in integer cents (may be zero or negative: the caller decides what is allowed). */
  | { kind: 'amount'; cents: number }
  /** An amount with more than two decimals, e.g. "$10.555": refuse it, do not round it. */
  | { kind: 'too_precise'; text: string }
  /** No amount in the text. */
  | { kind: 'none' };

/** Options for {@link recognizeAmount}. */
export interface AmountOptions {
  /**
   * Accept a bare number ("250") as dollars when no currency is named.
   * Default true: the amount prompt already says the unit.
   */
  allowBareNumber?: boolean;
}

/**
 * Parses a resolution value into exact cents without going through floating
 * point, so "0.29" is 29 cents and "10.555" is detected as too precise.
 * Spanish resolutions use a decimal comma ("250,75").
 */
function toCents(value: string, locale: NluLocale): number | 'too_precise' | null {
  const normal = locale === 'es' ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(normal.trim());
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 2) return 'too_precise';
  const cents = Number(whole) * 100 + Number(significant.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return sign ? -cents : cents;
}

const CENT_UNIT = /^(cent|centavo|céntimo|penny)/i;

/**
 * Finds a money amount in a reply such as "$250", "250.75", "two hundred and
 * fifty dollars and 75 cents", "doscientos cincuenta dólares" or "250,75".
 * Currency mentions win over bare numbers, so "pay $50 on the 15th" is $50.
 * Amounts with more than two decimals are reported as `too_precise` so the
 * caller can refuse them with a reason instead of silently rounding.
 *
 * @param text   what the customer typed or said
 * @param locale language of the conversation
 * @param opts   see {@link AmountOptions}
 */
export function recognizeAmount(text: string, locale: NluLocale, opts: AmountOptions = {}): AmountResult {
  const input = normaliseSpanishCurrency(clean(text), locale);
  if (!input) return { kind: 'none' };
  const namesCurrency = /\$|d[oó]lar|dollar|\busd\b/i.test(input);
  const written = opts.allowBareNumber === false && !namesCurrency ? null : writtenAmount(input);
  if (written) return written;

  const currencies: ModelResult[] = currencyMentions(input, locale);
  const first = currencies[0];
  if (first) {
    const value = String(first.resolution?.['value'] ?? '');
    const unit = String(first.resolution?.['unit'] ?? '');
    const parsed = toCents(value, locale);
    if (parsed === 'too_precise') return { kind: 'too_precise', text: first.text };
    if (parsed !== null) {
      // "fifty cents" resolves as 50 of unit Cent.
      if (CENT_UNIT.test(unit)) return { kind: 'amount', cents: Math.round(parsed / 100) };
      // "ciento veinte dólares con cincuenta centavos" comes back as two
      // results; join a cents result that directly follows the dollars.
      const next = currencies[1];
      if (next && CENT_UNIT.test(String(next.resolution?.['unit'] ?? '')) && next.start - first.end <= 6) {
        const extra = toCents(String(next.resolution?.['value'] ?? ''), locale);
        if (typeof extra === 'number' && extra >= 0 && extra < 10000) {
          return { kind: 'amount', cents: parsed + extra / 100 };
        }
      }
      return { kind: 'amount', cents: parsed };
    }
  }

  if (opts.allowBareNumber === false) return { kind: 'none' };
  const numbers: ModelResult[] = numberMentions(input, locale);
  const num = numbers[0];
  if (!num) return { kind: 'none' };
  const parsed = toCents(String(num.resolution?.['value'] ?? ''), locale);
  if (parsed === 'too_precise') return { kind: 'too_precise', text: num.text };
  return parsed === null ? { kind: 'none' } : { kind: 'amount', cents: parsed };
}

/**
 * Amounts written with digits ("$1,178.20", "250,75", "10.999"), read the way
 * customers in the US write them in either language: the recognizers' Spanish
 * model is Spain's, where "10.999" is ten thousand, but US and Mexican Spanish
 * speakers write a decimal point. A lone comma before two digits is still a
 * decimal comma. Text that also names cents ("50 dollars and 25 cents") is
 * left to the recognizers, which join the parts.
 */
function writtenAmount(text: string): AmountResult | null {
  if (/\d\s*(cents?|centavos?|¢)/i.test(text)) return null;
  const m = /(-?)\$?\s*(\d[\d.,]*\d|\d)/.exec(text);
  if (!m) return null;
  const [, sign, token = ''] = m;
  const read = writtenAmountToken(token);
  if (read?.kind === 'amount' && sign) return { kind: 'amount', cents: -read.cents };
  return read;
}

/**
 * Reads one amount written with digits ("1,178.20", "250,75", "10.999") the
 * way {@link recognizeAmount} does: a point or a lone comma before one or two
 * digits is the decimal mark, groups of three are thousands, and more than two
 * significant decimals is `too_precise`. Null when the token is not a number.
 */
export function writtenAmountToken(token: string): AmountResult | null {
  const lastDot = token.lastIndexOf('.');
  const lastComma = token.lastIndexOf(',');
  let whole = token;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    whole = token.slice(0, decimalAt).replace(/[.,]/g, '');
    fraction = token.slice(decimalAt + 1);
  } else if (lastComma >= 0) {
    const groups = token.split(',');
    const thousands = groups.slice(1).every((g) => g.length === 3);
    whole = thousands ? groups.join('') : token.slice(0, lastComma).replace(/,/g, '');
    fraction = thousands ? '' : token.slice(lastComma + 1);
  } else if (lastDot >= 0) {
    const groups = token.split('.');
    const thousands = groups.length > 2 && groups.slice(1).every((g) => g.length === 3);
    whole = thousands ? groups.join('') : token.slice(0, lastDot).replace(/\./g, '');
    fraction = thousands ? '' : token.slice(lastDot + 1);
  }
  if (!/^\d+$/.test(whole) || (fraction && !/^\d+$/.test(fraction))) return null;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 2) return { kind: 'too_precise', text: token };
  const cents = Number(whole) * 100 + Number(significant.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return { kind: 'amount', cents };
}

// The Spanish currency model only knows the accented spelling; speech-to-text
// and phone keyboards often drop it.
function normaliseSpanishCurrency(text: string, locale: NluLocale): string {
  if (locale !== 'es') return text;
  return text.replace(/\bd[oó]lar(es)?\b/gi, (_m, plural: string | undefined) => (plural ? 'dólares' : 'dólar'));
}

/**
 * Finds the first number ("two", "15", "doscientos", "3.5") and returns its
 * value, or null. For money use {@link recognizeAmount}; for digit strings
 * read out one by one use {@link spokenDigits}.
 */
export function recognizeNumber(text: string, locale: NluLocale): number | null {
  const input = clean(text);
  if (!input) return null;
  const results: ModelResult[] = numberMentions(input, locale);
  const raw = results[0]?.resolution?.['value'];
  if (typeof raw !== 'string') return null;
  const normal = locale === 'es' ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, '');
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a choice from a numbered list: "the second one", "2nd", "el primero",
 * "la tercera", or a bare "2". Returns the 1-based position, or null.
 */
export function recognizeOrdinalChoice(text: string, locale: NluLocale): number | null {
  const input = clean(text);
  if (!input) return null;
  const ordinals: ModelResult[] = ordinalMentions(input, locale);
  const value = Number(ordinals[0]?.resolution?.['value']);
  if (Number.isInteger(value) && value > 0) return value;
  // A bare "2" typed as an answer to "which one?" means the second item.
  const bare = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(input);
  return bare ? Number(bare[1]) || null : null;
}

const YES_NO: Record<NluLocale, { yes: RegExp; no: RegExp }> = {
  en: {
    yes: /^(yes|yeah|yea|yep|yup|ya|sure|correct|right|that's right|thats right|affirmative|ok|okay|absolutely|of course|definitely|please do|go ahead|do it|confirm)\b/i,
    no: /^(no|nope|nah|negative|incorrect|wrong|not really|don't|do not|cancel)\b/i,
  },
  es: {
    yes: /^(s[ií]|claro|por supuesto|correcto|as[ií] es|exacto|dale|va|[oó]rale|sale|ok|vale|de acuerdo|afirmativo|confirmo|adelante|est[aá] bien)\b/i,
    no: /^(no|nel|negativo|incorrecto|para nada|nop|tampoco)\b/i,
  },
};

/**
 * Reads a yes/no answer: true for "yes", "yeah", "sure", "correct", "sí",
 * "si", "claro"; false for "no", "nope", "nah"; null when the reply is
 * neither or says both ("yes no"), so the caller asks again rather than guess.
 */
export function recognizeYesNo(text: string, locale: NluLocale): boolean | null {
  const input = clean(text);
  if (!input) return null;
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const results: ModelResult[] = booleanMentions(input, lang);
  const first = results[0]?.resolution;
  if (first && typeof first['value'] === 'boolean') {
    const others = (first['otherResults'] as Array<{ value: boolean }> | undefined) ?? [];
    if (others.some((o) => o.value !== first['value'])) return null;
    return first['value'];
  }
  // The library's word lists are short; these cover common chat replies.
  const lowered = input.toLowerCase().replace(/^[¡¿"'\s]+/, '');
  const { yes, no } = YES_NO[lang];
  const isYes = yes.test(lowered);
  const isNo = no.test(lowered);
  if (isYes === isNo) return null;
  return isYes;
}

// ---- dates ---------------------------------------------------------------

function parseIsoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return date.getMonth() === Number(m[2]) - 1 ? date : null;
}

const BARE_DAY = /^(?:el\s+)?d[ií]a$/i;

function datesFrom(results: ModelResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.typeName !== 'datetimeV2.date' && r.typeName !== 'datetimeV2.datetime') continue;
    // The Spanish model reads a bare "el día" ("el día de San Nunca") as today: no date was given.
    if (BARE_DAY.test(r.text.trim())) continue;
    const values = (r.resolution?.['values'] as Array<{ value?: string }> | undefined) ?? [];
    for (const v of values) {
      const day = /^(\d{4}-\d{2}-\d{2})/.exec(v.value ?? '')?.[1];
      if (day) out.push(day);
    }
    // Only the first date mention counts: "the 5th, not the 15th" is handled
    // by the conversation re-asking, not by guessing here.
    if (out.length) break;
  }
  return out;
}

/**
 * Resolves a spoken or typed date ("today", "tomorrow", "Friday", "next
 * Friday", "December 15", "12/15", "the 15th", "hoy", "mañana", "el viernes",
 * "el 15 de diciembre") to YYYY-MM-DD, relative to `today`.
 *
 * Recognizers-Text returns both the past and the future reading of an
 * incomplete date. A customer scheduling a payment means the coming one when
 * it is within a month (a bare weekday that is today means today); otherwise a
 * reading from the past month wins ("March 1" said on March 10), so the caller
 * can refuse it as a past date with an explanation; otherwise the next future one.
 *
 * @param today the conversation's current date as YYYY-MM-DD (not the server
 *              clock, so tests and time zones stay honest)
 */
export function recognizeDate(text: string, locale: NluLocale, today: string): string | null {
  const ref = parseIsoDate(today);
  let input = clean(text);
  if (!ref || !input) return null;
  if (locale === 'es') {
    // "el día 20" is read by the Spanish model as "today"; "el 20" is right.
    input = input.replace(/\bd[ií]a\s+(?=\d)/gi, '');
  }
  const run = (q: string): string[] =>
    datesFrom(dateMentions(q, locale, ref));
  let candidates = run(input);
  // "the 15th" on its own is not recognised, "on the 15th" is.
  if (!candidates.length && locale === 'en') candidates = run(`on ${input}`);
  if (!candidates.length) return null;
  const sorted = [...new Set(candidates)].sort();
  const future = sorted.filter((d) => d >= today);
  const past = sorted.filter((d) => d < today);
  const soon = future.find((d) => daysApart(today, d) <= NEAR_DAYS);
  if (soon) return soon;
  // "March 1" said on March 10 means the one just gone, not next year's: keep it so it is refused as past.
  const recent = past.reverse().find((d) => daysApart(d, today) <= NEAR_DAYS);
  return recent ?? future[0] ?? past[0] ?? null;
}

/** How near a reading must be to count as the one meant (a payment's 30-day window). */
const NEAR_DAYS = 31;

function daysApart(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
