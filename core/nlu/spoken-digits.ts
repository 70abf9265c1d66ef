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
 * "4100020001", "0555"). Words that are not digits are ignored, so fillers
 * ("um", "it's", "es el") do not break the number. Used for account numbers,
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
  let out = '';
  let pending = 1;
  for (const token of tokens) {
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
