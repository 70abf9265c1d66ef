import type { NluLocale } from '../intents';

/** The options the engine offers by a fixed value (buttons and keypad menus), which customers also name in words. */
export type OptionWord =
  | 'due'
  | 'other'
  | 'principal'
  | 'today'
  | 'later'
  | 'onfile'
  | 'card'
  | 'new'
  | 'checking'
  | 'savings'
  | 'agent'
  | 'restart';

// Matched anywhere in the lower-cased answer: "registrad" is "registrada" and "registrado", "espa" is "español".
const OPTION_WORDS: Record<NluLocale, Record<OptionWord, RegExp>> = {
  en: {
    due: /amount due|full amount|what i owe|what's due|total/i,
    other: /other|another|different/i,
    principal: /principal|extra/i,
    today: /today|now/i,
    later: /later|another day|other date|future/i,
    onfile: /on file|same|that one|ending/i,
    card: /card|debit|credit/i,
    new: /new|different|another/i,
    checking: /checking/i,
    savings: /savings/i,
    agent: /agent|person|human|representative/i,
    restart: /start over|restart|again/i,
  },
  es: {
    due: /monto|cantidad adeudada|lo que debo|total/i,
    other: /otra|otro|distinta/i,
    principal: /principal|extra|capital|adicional/i,
    today: /hoy|ahora/i,
    later: /otro d[ií]a|otra fecha|despu[eé]s|m[aá]s tarde/i,
    onfile: /registrad|archivo|misma|esa/i,
    card: /tarjeta|d[eé]bito|cr[eé]dito/i,
    new: /nueva|otra/i,
    checking: /cheques|corriente/i,
    savings: /ahorro/i,
    agent: /agente|persona|representante/i,
    restart: /empezar|de nuevo|reiniciar/i,
  },
};

/** How each language names the two languages the assistant speaks. */
const LANGUAGE_NAMES: Record<NluLocale, Record<NluLocale, RegExp>> = {
  en: { en: /english/i, es: /spanish/i },
  es: { en: /ingl/i, es: /espa|castellano/i },
};

/** How each language names a Social Security number or Tax ID. */
const TAX_ID_NAMES: Record<NluLocale, RegExp> = {
  en: /\b(?:ssn|social|tax ?id|itin|ein)\b/i,
  es: /\b(?:seguro social|fiscal|itin|ein)\b/i,
};

const LOCALES: readonly NluLocale[] = ['en', 'es'];

function isOptionWord(value: string): value is OptionWord {
  return Object.hasOwn(OPTION_WORDS.en, value);
}

function isLocale(value: string): value is NluLocale {
  return (LOCALES as readonly string[]).includes(value);
}

function names(text: string, patterns: (lang: NluLocale) => RegExp): boolean {
  return LOCALES.some((lang) => patterns(lang).test(text));
}

/**
 * Which of the offered options the words name ("the amount due", "otra
 * fecha", "savings", "a person"): the first, in the order offered, that the
 * words of either language name. Customers mix the two ("la checking"), so
 * both count whatever the conversation's language. An option offered as a
 * language (`en`, `es`) is named by that language's name. Null when the words
 * name none of them.
 */
export function readOptionWord(text: string, values: readonly string[]): string | null {
  const lower = text.toLowerCase();
  for (const value of values) {
    if (isOptionWord(value) && names(lower, (lang) => OPTION_WORDS[lang][value])) return value;
    if (isLocale(value) && names(lower, (lang) => LANGUAGE_NAMES[lang][value])) return value;
  }
  return null;
}

/**
 * The language the words name ("Spanish", "en español", "castellano",
 * "inglés"); null when they name neither, or both ("¿se puede en inglés? mi
 * hijo no lee bien el español": the caller of this decides from context).
 */
export function readLanguageName(text: string): NluLocale | null {
  const spanish = names(text, (lang) => LANGUAGE_NAMES[lang].es);
  const english = names(text, (lang) => LANGUAGE_NAMES[lang].en);
  if (spanish === english) return null;
  return spanish ? 'es' : 'en';
}

/** Whether the words name a Social Security number or Tax ID ("my ssn is…", "mi seguro social es…"), in either language. */
export function namesTaxId(text: string): boolean {
  return names(text, (lang) => TAX_ID_NAMES[lang]);
}
