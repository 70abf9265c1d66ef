import type { NluLocale } from '../intents';
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

// Pairs said as one number, "seventy seven eighty eight", "setenta y siete".
const TEENS: Record<NluLocale, Record<string, string>> = {
  en: {
    ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
    seventeen: '17', eighteen: '18', nineteen: '19',
  },
  es: {
    diez: '10', once: '11', doce: '12', trece: '13', catorce: '14', quince: '15', dieciseis: '16', diecisiete: '17',
    dieciocho: '18', diecinueve: '19', veinte: '20', veintiuno: '21', veintiun: '21', veintidos: '22',
    veintitres: '23', veinticuatro: '24', veinticinco: '25', veintiseis: '26', veintisiete: '27',
    veintiocho: '28', veintinueve: '29',
  },
};
const TENS: Record<NluLocale, Record<string, string>> = {
  en: { twenty: '2', thirty: '3', forty: '4', fourty: '4', fifty: '5', sixty: '6', seventy: '7', eighty: '8', ninety: '9' },
  es: { treinta: '3', cuarenta: '4', cincuenta: '5', sesenta: '6', setenta: '7', ochenta: '8', noventa: '9' },
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
