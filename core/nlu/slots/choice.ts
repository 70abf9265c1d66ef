import type { NluLocale } from '../intents';
import { spokenDigits } from '../spoken-digits';
import { ordinalMentions } from './models';
import { fold, phrases, words } from './text';

/** One thing the customer can pick: a vehicle, a bank account, a menu option. */
export interface ChoiceOption {
  value: string;
  /** What the customer sees or hears, e.g. "2019 Jeep Grand Cherokee". */
  label: string;
  /** Other names for it the label does not contain ("la camioneta", "my truck"). */
  aliases?: string[];
  /** Last four characters of its identifiers (account number, VIN), e.g. ["0005", "6554"]. */
  last4?: string[];
}

export type ChoiceReading =
  | { kind: 'picked'; value: string }
  /** The answer fits more than one option (two Hondas, a clash between "the first" and "the Jeep"): ask again with these. */
  | { kind: 'ambiguous'; values: string[] }
  | { kind: 'none' };

const LAST: Record<NluLocale, RegExp> = {
  en: phrases(['last', 'last one', 'the bottom one', 'the latter']),
  es: phrases(['ultimo', 'ultima', 'el de abajo', 'la de abajo']),
};
const FIRST: Record<NluLocale, RegExp> = {
  en: phrases(['the top one', 'the former']),
  es: phrases(['el de arriba', 'la de arriba']),
};
const ALL: Record<NluLocale, RegExp> = {
  en: phrases(['both', 'all of them', 'either', 'either one', 'any of them']),
  es: phrases(['los dos', 'las dos', 'ambos', 'ambas', 'todos', 'todas', 'cualquiera']),
};
const NEITHER: Record<NluLocale, RegExp> = {
  en: phrases(['neither', 'none', 'none of them', 'neither one', 'not any']),
  es: phrases(['ninguno', 'ninguna', 'ni uno', 'ni una', 'ni el uno ni el otro']),
};

const SMALL_NUMBERS: Record<NluLocale, Record<string, number>> = {
  en: { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 },
  es: { uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10 },
};

// "number 2", "option two", "la opción 2", "#2", "el número dos".
const NUMBERED = /(?:\b(?:number|numero|option|opcion|choice|num|no\.)\s*|#\s*)(\d{1,2}|[a-z]+)\b/;
// A bare "2" (or "the 2", "el 2") as the whole answer.
const BARE = /^(?:the|el|la)?\s*(\d{1,2})\s*\.?$/;

// Words that say nothing about which option is meant, even when a label contains them.
const STOP = new Set(
  'the one a an my mi el la los las de del que on in en ending ends termina terminan with con and y account cuenta'.split(' '),
);

// Names customers use for a make that the label spells out.
const MAKE_NICKNAMES: Record<string, string> = {
  chevy: 'chevrolet', vw: 'volkswagen', benz: 'mercedes', merc: 'mercedes', caddy: 'cadillac', beemer: 'bmw',
  bimmer: 'bmw',
};

/**
 * Reads which option the customer means, by any of: an ordinal ("the second
 * one", "el primero", "the last one", "el último", "number 2", "la opción
 * 2", a bare "2"); any word of the label (make "the Jeep", model "Civic",
 * "el de la Ford", year "the 2019"); an alias ("la camioneta" only when the
 * option lists it); or the last four of an identifier ("the one ending
 * 0005", "el que termina en 0005", "0005", a whole account number or VIN).
 * When two of these point different ways, or a word fits several options,
 * the answer is ambiguous and says which options remain.
 */
export function readChoice(text: string, locale: NluLocale, options: readonly ChoiceOption[]): ChoiceReading {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const folded = fold(text);
  if (!folded || !options.length) return { kind: 'none' };
  // "The Jeep, not the Honda", "la Jeep, no el Honda": the one ruled out is not a reading of the answer.
  const ruledOut = folded.replace(RULED_OUT[lang], ' ').trim();
  const reading = ruledOut && ruledOut !== folded ? readFolded(ruledOut, lang, options) : null;
  return reading && reading.kind === 'picked' ? reading : readFolded(folded, lang, options);
}

/** "not the Honda", "no el Honda", "ni la Ford": a vehicle named only to be excluded. */
const RULED_OUT: Record<NluLocale, RegExp> = {
  en: /\b(?:not|never)\s+(?:the\s+|my\s+|that\s+)?[a-z0-9-]+(?:\s+one)?/g,
  es: /(?:^|[\s,;])(?:no|ni)\s+(?:el|la|mi|los|las)\s+[a-z0-9ñ-]+/g,
};

function readFolded(input: string, lang: NluLocale, options: readonly ChoiceOption[]): ChoiceReading {
  if (NEITHER[lang].test(input)) return { kind: 'none' };
  const every = options.map((o) => o.value);

  const signals: Array<Set<string>> = [];
  const byLast4 = last4Matches(input, lang, options);
  if (byLast4.size) signals.push(byLast4);
  const position = ordinal(input, lang, options.length);
  if (position) signals.push(new Set([every[position - 1] as string]));
  const byLabel = labelMatches(input, options);
  if (byLabel.size) signals.push(byLabel);

  if (!signals.length) {
    return ALL[lang].test(input) && options.length > 1 ? { kind: 'ambiguous', values: every } : { kind: 'none' };
  }
  let agreed = new Set(signals[0]);
  for (const s of signals.slice(1)) agreed = new Set([...agreed].filter((v) => s.has(v)));
  if (agreed.size === 1) return { kind: 'picked', value: [...agreed][0] as string };
  const remaining = agreed.size ? agreed : new Set(signals.flatMap((s) => [...s]));
  return { kind: 'ambiguous', values: every.filter((v) => remaining.has(v)) };
}

function last4Matches(input: string, lang: NluLocale, options: readonly ChoiceOption[]): Set<string> {
  const tokens: string[] = [...(input.match(/[a-z0-9]*\d[a-z0-9]*/g) ?? [])];
  // Digits read out ("oh oh oh five", "cero cero cero cinco") or spaced ("0 0 0 5").
  const spoken = spokenDigits(input, lang);
  if (spoken.length >= 4) tokens.push(spoken);
  const found = new Set<string>();
  for (const token of tokens) {
    if (token.length < 4) continue;
    for (const option of options) {
      if (option.last4?.some((l) => l.length >= 4 && token.endsWith(l.toLowerCase()))) found.add(option.value);
    }
  }
  return found;
}

function ordinal(input: string, lang: NluLocale, count: number): number | null {
  const inRange = (n: number | null | undefined): number | null => (n && n >= 1 && n <= count ? n : null);
  if (LAST[lang].test(input)) return count;
  if (FIRST[lang].test(input)) return 1;
  const numbered = NUMBERED.exec(input)?.[1];
  const numberedValue = numbered && (/^\d+$/.test(numbered) ? Number(numbered) : SMALL_NUMBERS[lang][numbered]);
  if (numberedValue) return inRange(numberedValue);
  const bare = BARE.exec(input)?.[1];
  if (bare) return inRange(Number(bare));
  const said = ordinalMentions(input, lang)[0];
  const value = Number(said?.resolution?.['value']);
  return Number.isInteger(value) ? inRange(value) : null;
}

function labelTokens(label: string): string[] {
  const folded = fold(label);
  const tokens = words(folded);
  // "F-150" is said "F-150", "F150" or "F 150".
  for (const joined of folded.match(/[a-z0-9]+(?:-[a-z0-9]+)+/g) ?? []) tokens.push(joined.replace(/-/g, ''));
  return tokens;
}

function labelMatches(input: string, options: readonly ChoiceOption[]): Set<string> {
  const said = words(input).map((w) => MAKE_NICKNAMES[w] ?? w);
  for (const joined of input.match(/[a-z0-9]+(?:-[a-z0-9]+)+/g) ?? []) said.push(joined.replace(/-/g, ''));
  const saidText = ` ${said.join(' ')} `;
  // A word several labels share ("the Honda" with two Hondas) counts for each: the answer is then ambiguous.
  const perOption = options.map((o) => new Set(labelTokens(o.label)));

  let best = 0;
  const scores = options.map((option, i) => {
    let score = 0;
    const tokens = [...(perOption[i] ?? [])];
    for (const token of tokens) {
      if (STOP.has(token)) continue;
      // A short number ("3" of "Model 3") is only that option with its word before it; alone it is an ordinal.
      if (/^\d+$/.test(token) && token.length < 3) continue;
      if (said.some((w) => w === token || nearlySame(w, token))) score += 1;
    }
    const folded = words(fold(option.label));
    for (let k = 1; k < folded.length; k += 1) {
      const number = folded[k] as string;
      if (/^\d{1,2}$/.test(number) && saidText.includes(` ${folded[k - 1]} ${number} `)) score += 1;
    }
    for (const alias of option.aliases ?? []) {
      const a = fold(alias);
      if (a && phrases([a]).test(input)) score += 2;
    }
    best = Math.max(best, score);
    return score;
  });
  if (!best) return new Set();
  return new Set(options.filter((_, i) => scores[i] === best).map((o) => o.value));
}

/** One typo in a longer word ("cherokke", "silverado" as "silverdo"). */
function nearlySame(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1 || /\d/.test(a + b)) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
