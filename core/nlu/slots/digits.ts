import type { NluLocale } from '../intents';
import { TEENS, TENS } from '../spoken-digits';
import { fold } from './text';

const UNITS: Record<NluLocale, Record<string, string>> = {
  en: { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' },
  es: { cero: '0', uno: '1', una: '1', un: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9' },
};

// Digit words that are also ordinary words ("oh, it's…", "es una…"): digits only next to other digits.
const WEAK: Record<NluLocale, ReadonlySet<string>> = {
  en: new Set(['oh', 'o']),
  es: new Set(['un', 'una']),
};

const REPEATS: Record<NluLocale, Record<string, number>> = {
  en: { double: 2, triple: 3 },
  es: { doble: 2, triple: 3 },
};

interface Piece {
  digits: string;
  weak: boolean;
}

/**
 * Reads a number given digit by digit, typed or spoken: "401 22 7788",
 * "401-22-7788", "four oh one two two seven seven eight eight", "cuatro cero
 * uno…", "double five", "seventy seven eighty eight", with words around it
 * ("my ssn is …", "es el …"). Returns the digits when exactly one run of
 * digits (or all of them together) has a length within [min, max], else null.
 * Validation beyond length (check digits, SSN rules) is the caller's.
 */
export function readDigits(text: string, locale: NluLocale, range: { min: number; max: number }): string | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const input = fold(text);
  if (!input) return null;
  const tokens = input.match(/[a-zñ]+|\d+|[-./,]/g) ?? [];

  const runs: Piece[][] = [[]];
  let repeat = 1;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const run = runs[runs.length - 1] as Piece[];
    if (/^[-./,]$/.test(token)) continue;
    if (REPEATS[lang][token]) {
      repeat = REPEATS[lang][token] as number;
      continue;
    }
    let digits: string | undefined;
    if (/^\d+$/.test(token)) digits = token;
    else if (UNITS[lang][token] !== undefined) digits = UNITS[lang][token];
    else if (TEENS[lang][token] !== undefined) digits = TEENS[lang][token];
    else if (TENS[lang][token] !== undefined) {
      // "seventy seven" is 77, "setenta y siete" too; "seventy" alone is 70.
      const tens = TENS[lang][token] as string;
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (lang === 'es' && next === 'y' && after && UNITS.es[after] && !WEAK.es.has(after)) {
        digits = tens + UNITS.es[after];
        i += 2;
      } else if (lang === 'en' && next && UNITS.en[next] && !WEAK.en.has(next) && next !== 'zero') {
        digits = tens + UNITS.en[next];
        i += 1;
      } else digits = `${tens}0`;
    }
    if (digits === undefined) {
      repeat = 1;
      if (run.length) runs.push([]);
      continue;
    }
    run.push({ digits: digits.repeat(repeat), weak: WEAK[lang].has(token) });
    repeat = 1;
  }

  const strings = runs.map(trimWeak).filter((s) => s.length > 0);
  const fits = (s: string): boolean => s.length >= range.min && s.length <= range.max;
  const fitting = strings.filter(fits);
  if (fitting.length === 1) return fitting[0] as string;
  if (fitting.length > 1) return null;
  const all = strings.join('');
  return strings.length > 1 && fits(all) ? all : null;
}

/** A run that is only "oh" or "una" is a word, not a digit. */
function trimWeak(run: Piece[]): string {
  if (run.every((p) => p.weak)) return '';
  return run.map((p) => p.digits).join('');
}
