import type { NluLocale } from './intents';

/**
 * Words that say which of the two languages a short message is written in.
 * Only words that belong to one language are listed ("me", "no", "a", "en",
 * "o" are both, and left out); accents are stripped before matching, so
 * "dónde" and "donde" count alike.
 */
const WORDS: Record<NluLocale, ReadonlySet<string>> = {
  en: new Set(
    ('i my the to do does can could how what where when is are you your want need would pay payment with for of on in it ' +
      'this that please help hi hello thanks thank talk person someone car truck account balance owe much mail check ' +
      'about get have has will just why who which and or an am was got').split(' '),
  ),
  es: new Set(
    ('quiero puedo como donde cuanto cuando que mi mis el la los las del de por para con una es esta estoy tengo necesito ' +
      'hola gracias ayuda pagar pago cuenta carro coche persona hablar favor se lo le su sus y al ya tarjeta debo saldo ' +
      'correo hay alguien espanol ingles buenos buenas dias tardes mande enviar ustedes usted alto inicio').split(' '),
  ),
};

/** Marks only Spanish writing has (an accented vowel other than é, the opening ¿ and ¡, ñ). */
const SPANISH_MARKS = /[¿¡ñáíóú]/i;

/**
 * The language a message is most likely written in, by the words only one of
 * the two languages uses, when it leads the other by at least `minLead`;
 * null when it gives no such sign ("ok", "4821", "mi balance"). A message
 * too short to tell is better left to what is known of the sender.
 */
export function guessLanguage(text: string, minLead = 1): NluLocale | null {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
  let es = SPANISH_MARKS.test(text) ? 2 : 0;
  let en = 0;
  for (const w of words) {
    if (WORDS.es.has(w)) es += 1;
    if (WORDS.en.has(w)) en += 1;
  }
  if (Math.abs(es - en) < Math.max(1, minLead)) return null;
  return es > en ? 'es' : 'en';
}
