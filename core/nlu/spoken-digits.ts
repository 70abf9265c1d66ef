import type { NluLocale } from './intents';

// Words speech-to-text produces for single digits. "oh"/"o" is how English
// speakers say zero in account numbers; "un"/"una" are Spanish forms of one.
const DIGIT_WORDS: Record<NluLocale, Record<string, string>> = {
  en: {
    zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4',
    five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  },
  es: {
    cero: '0', uno: '1', una: '1', un: '1', dos: '2', tres: '3', cuatro: '4',
    cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
  },
};

// Pairs said as one number ("seventy seven", "setenta y siete", "doce"):
// whole ones, and tens that a unit may follow. Shared with the slot readers.
export const TEENS: Record<NluLocale, Record<string, string>> = {
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
export const TENS: Record<NluLocale, Record<string, string>> = {
  en: { twenty: '2', thirty: '3', forty: '4', fourty: '4', fifty: '5', sixty: '6', seventy: '7', eighty: '8', ninety: '9' },
  es: { treinta: '3', cuarenta: '4', cincuenta: '5', sesenta: '6', setenta: '7', ochenta: '8', noventa: '9' },
};

/** Digit words that are also an article or a pronoun. */
const ARTICLES: ReadonlySet<string> = new Set(['one', 'un', 'una', 'uno']);
/** Spanish names of letters longer than two characters, as a VIN is read out. */
const LETTER_NAMES: ReadonlySet<string> = new Set(['efe', 'ele', 'eme', 'ene', 'ere', 'erre', 'ese', 'ache', 'jota', 'uve', 'equis', 'zeta', 'doble', 'griega']);

const REPEAT_WORDS: Record<NluLocale, Record<string, number>> = {
  en: { double: 2, triple: 3 },
  es: { doble: 2, triple: 3 },
};

// Upper bound on what we will read: the longest thing said digit by digit is
// a 17-character VIN or a card-length account number.
const MAX_SPOKEN_CHARS = 400;

/**
 * Turns digits read out on the phone into a digit string: "four one zero
 * zero, two zero zero zero one", "cuatro uno cero cero", "4100 020 001",
 * "oh five double five" all become plain digits ("4100020001", "4100",
 * "4100020001", "0555"); two-digit groups said as numbers ("forty one oh
 * oh oh two", "cuarenta y uno cero cero…") count as their two digits. Words
 * that are not digits are ignored, so fillers ("um", "it's", "es el") do not
 * break the number. Used for account numbers,
 * SSNs and VIN tails; validation (length, checksums) is the caller's job.
 */
export function spokenDigits(text: string, locale: NluLocale): string {
  if (typeof text !== 'string' || !text) return '';
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const words = DIGIT_WORDS[lang];
  const repeats = REPEAT_WORDS[lang];
  const tokens = text
    .slice(0, MAX_SPOKEN_CHARS)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-zñ]+|\d/g) ?? [];
  const isDigitToken = (t: string | undefined) => t !== undefined && (/^\d$/.test(t) || t in words || t in TEENS[lang] || t in TENS[lang] || t in repeats);
  // Letters read out among the digits of a VIN ("uno efe te e doble u uno…", "one c four r").
  const isLetter = (t: string | undefined) => t !== undefined && (t.length <= 2 || LETTER_NAMES.has(t));
  // "One", "un", "una" on their own among other words ("me faltó un número 533182046", "the one ending
  // 4321") are an article or a pronoun, not part of the number, when a number is said elsewhere.
  const lone = (i: number) => ARTICLES.has(tokens[i]!) && ![tokens[i - 1], tokens[i + 1]].some((t) => isDigitToken(t) || isLetter(t));
  const numberElsewhere = tokens.some((t, i) => isDigitToken(t) && !(t in repeats) && !lone(i));
  let out = '';
  let pending = 1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (numberElsewhere && token in words && lone(i)) continue;
    const teen = TEENS[lang][token];
    if (teen) {
      out += teen;
      continue;
    }
    const tens = TENS[lang][token];
    if (tens) {
      // "forty one", "cuarenta y uno": the unit after the tens, else a round ten ("twenty", "veinte").
      const and = lang === 'es' && tokens[i + 1] === 'y' ? 1 : 0;
      const unit = words[tokens[i + 1 + and] ?? ''];
      if (unit && unit !== '0') {
        out += tens + unit;
        i += 1 + and;
      } else out += `${tens}0`;
      continue;
    }
    const repeat = repeats[token];
    if (repeat) {
      pending = repeat;
      continue;
    }
    const digit = /^\d$/.test(token) ? token : words[token];
    if (digit === undefined) continue;
    out += digit.repeat(pending);
    pending = 1;
  }
  return out;
}
