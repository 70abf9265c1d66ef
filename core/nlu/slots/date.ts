import { recognizeNumber } from '../entities';
import type { NluLocale } from '../intents';
import { expandShorthand } from '../preprocess';
import { dateMentions, type Mention } from './models';
import { addDays, daysBetween, daysInMonth, fold, isoDate, phrases } from './text';

/** What the customer's answer to "when?" names. */
export type DateReading =
  | { kind: 'date'; date: string }
  /**
   * A time that is real but not a day yet: "next payday", "cuando me paguen"
   * (payday), "next week", "a principios de mes" (vague). Ask which day.
   */
  | { kind: 'ask'; reason: 'payday' | 'vague' }
  /** "On the due date", "el día que vence": the account's own due date, which the caller knows. */
  | { kind: 'due_date' }
  | { kind: 'none' };

const DUE_DATE: Record<NluLocale, RegExp> = {
  en: phrases(['due date', "the date it's due", "the day it's due", "when it's due", 'the day it is due', 'when it is due', 'on the due day']),
  es: phrases(['fecha de vencimiento', 'fecha de pago', 'el dia que vence', 'cuando vence', 'el dia del vencimiento', 'el dia que toca']),
};

// Yesterday and the day before, said outright: the recognizer reads "con fecha de ayer" as today.
const DAYS_AGO: Record<NluLocale, Array<[RegExp, number]>> = {
  en: [
    [phrases(['the day before yesterday']), 2],
    [phrases(['yesterday', 'last night']), 1],
  ],
  es: [
    [phrases(['antier', 'anteayer', 'antes de ayer', 'antier']), 2],
    [phrases(['ayer', 'anoche']), 1],
  ],
};

/**
 * Days said by name ("tomorrow", "dated yesterday", "para hoy", "pasado
 * mañana"), with the words that lead up to them: taken out of an answer so
 * that what is left may be read as an amount ("150 tomorrow").
 */
const NAMED_DAYS: Record<NluLocale, RegExp> = {
  en: /\b(?:(?:for|on|dated?|by|and|make it)\s+)?(?:the day after tomorrow|the day before yesterday|today|tomorrow|tonight|yesterday|right now|right away|asap)\b/g,
  es: /\b(?:(?:para|con fecha de|de fecha|fecha de|de|el dia de|y)\s+)?(?:pasado manana|antes de ayer|manana|hoy|ayer|anteayer|antier|ahorita|ahora)(?:\s+mismo)?\b/g,
};

/** The text (folded, shorthand spelt out) without the days it names by name. */
export function withoutDayWords(text: string, locale: NluLocale): string {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  return fold(expandShorthand(text, lang)).replace(NAMED_DAYS[lang], ' ').replace(/\s+/g, ' ').trim();
}

const SMALL_COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
// "a week from today", "3 days from now": a span counted from today.
const SPAN_FROM_TODAY = /\b(a|an|one|two|three|four|five|six|\d{1,2})\s+(days?|weeks?)\s+from\s+(?:today|now)\b/;
// "de hoy en ocho (días)", "de hoy en quince": a week, two weeks from today.
const SPANISH_FROM_TODAY = /\bde\s+hoy\s+en\s+(ocho|quince)\b/;

const PAYDAY: Record<NluLocale, RegExp> = {
  en: phrases([
    'payday', 'pay day', 'when i get paid', 'when i get my check', 'when i get my paycheck', 'my next check',
    'my next paycheck', 'next paycheck', 'when my check comes', 'when i get my money', 'when my paycheck comes',
    'when i get my deposit',
  ]),
  es: phrases([
    'cuando me paguen', 'cuando me pagan', 'cuando me pague', 'cuando cobre', 'cuando cobro', 'mi dia de pago',
    'el dia que me pagan', 'la quincena', 'mi quincena', 'cuando reciba mi cheque', 'cuando me llegue el cheque',
    'cuando me depositen', 'mi proximo cheque', 'cuando me caiga el dinero',
  ]),
};

const NEVER: Record<NluLocale, RegExp> = {
  en: phrases(['someday', 'some day', 'never', 'whenever', 'one day', 'sometime', 'when i can', 'who knows']),
  es: phrases(['san nunca', 'nunca', 'algun dia', 'cuando pueda', 'cuando se pueda', 'quien sabe', 'un dia de estos']),
};

// "Pasado mañana, no para el viernes", "the 20th, not the 18th": a weekday or day of the month ruled out.
const RULED_OUT_DAY: Record<NluLocale, RegExp> = {
  en: /(?<![a-z])(?:but )?not\s+(?:on\s+|for\s+)?(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)?)(?![a-z0-9])/gi,
  es: /(?<![a-z])(?:(?:no|ni)\s+(?:para\s+|en\s+)?(?:el\s+)?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|\d{1,2})|(?:el\s+)?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\s+no)(?![a-z0-9])/gi,
};

const REFUSED: Record<NluLocale, RegExp> = {
  en: new RegExp(phrases(['not now', 'not yet', 'not today', 'not tomorrow', "don't know", 'dont know', 'no idea',
    'not sure']).source, 'gi'),
  es: new RegExp(phrases(['ahora no', 'hoy no', 'manana no', 'no hoy', 'no manana', 'todavia no', 'aun no', 'no se',
    'no ahora']).source, 'gi'),
};

const VAGUE: Record<NluLocale, RegExp> = {
  en: phrases(['soon', 'later', 'in a few days', 'in a couple of days', 'in a couple days', 'later this week', 'shortly']),
  es: phrases(['pronto', 'luego', 'mas tarde', 'en unos dias', 'en unos cuantos dias', 'en un par de dias', 'despues']),
};

const RIGHT_AWAY: Record<NluLocale, RegExp> = {
  en: phrases(['right now', 'right away', 'now', 'asap', 'as soon as possible', 'immediately', 'today']),
  es: phrases(['ahora', 'ahorita', 'ahora mismo', 'ya mismo', 'de inmediato', 'lo antes posible', 'cuanto antes', 'hoy']),
};

const END_OF_NEXT_MONTH: Record<NluLocale, RegExp> = {
  en: phrases(['end of next month', 'last day of next month', 'end of the next month']),
  es: phrases(['fin del proximo mes', 'finales del proximo mes', 'fin del mes que viene', 'finales del mes que viene',
    'ultimo dia del proximo mes', 'ultimo dia del mes que viene']),
};

const END_OF_MONTH: Record<NluLocale, RegExp> = {
  en: phrases(['end of the month', 'end of month', 'end of this month', 'last day of the month',
    'last day of this month', 'the end of the month', 'month end']),
  es: phrases(['fin de mes', 'fin del mes', 'finales de mes', 'finales del mes', 'final de mes', 'final del mes',
    'ultimo dia del mes', 'ultimo dia de este mes', 'fin de este mes']),
};

const SPANISH_DAY_WORDS: Record<string, number> = {
  primero: 1, primer: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18,
  diecinueve: 19, veinte: 20, veintiuno: 21, veintiun: 21, veintidos: 22, veintitres: 23, veinticuatro: 24,
  veinticinco: 25, veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29, treinta: 30,
  'treinta y uno': 31, 'treinta y un': 31,
};

// "el quince", "el 15", "el día 20", "mejor el primero": a day of this month
// or the next. The Spanish model reads "el día 20" as today and does not know
// "el quince" at all.
const SPANISH_DAY_OF_MONTH = new RegExp(
  `^(?:(?:mejor|para|pagar|pagarlo|quiero pagar|lo pago|que sea|el pago|mmm|pues|eh)\\s+)*(?:el\\s+)?(?:dia\\s+)?` +
    `(\\d{1,2}|${Object.keys(SPANISH_DAY_WORDS).sort((a, b) => b.length - a.length).join('|')})` +
    `(?:\\s+de\\s+este\\s+mes|\\s+por\\s+favor)?$`,
);
const ENGLISH_DAY_OF_MONTH = /^(?:(?:on|pay|pay it|make it|let's do|lets do|how about|maybe)\s+)*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+this\s+month|\s+please)?$/;

// Speech-to-text and phone keyboards drop accents the Spanish model needs.
const SPANISH_ACCENTS: Array<[RegExp, string]> = [
  [/\bmanana\b/g, 'mañana'],
  [/\bproxim([oa])\b/g, 'próxim$1'],
];

/**
 * Reads the answer to "when should the payment be made?": "today", "hoy",
 * "tomorrow", "mañana" (and "mañana por la mañana"), "pasado mañana", "the
 * day after tomorrow", "end of the month", "fin de mes", "the 15th", "on the
 * fifteenth", "el quince", "el 15", "next friday", "el próximo viernes",
 * "December 20", "20 de diciembre", "in a week", "en dos semanas".
 *
 * "next payday" or "cuando me paguen" asks which day that is; so does a
 * range ("next week", "el próximo mes"). "someday" and "el día de San Nunca"
 * are no date at all.
 *
 * A day of the month that has passed rolls on to next month ("the 1st" said
 * on the 4th is next month's 1st); a weekday is the coming one. A month and
 * day just gone ("December 1" said on December 4) stays in the past so the
 * caller can say why it cannot be used; an older one is next year's.
 *
 * @param today the conversation's date as YYYY-MM-DD (not the server clock)
 */
export function readDate(text: string, locale: NluLocale, today: string): DateReading {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  // "not today, tomorrow": the day refused is not the answer; what is left may be.
  const input = fold(expandShorthand(text, lang)).replace(RULED_OUT_DAY[lang], ' ').replace(REFUSED[lang], ' ').replace(/^[\s,.]+|[\s,.]+$/g, '');
  const ref = reference(today);
  if (!input || !ref) return { kind: 'none' };
  for (const [words, days] of DAYS_AGO[lang]) {
    if (!words.test(input)) continue;
    // "ayer no pude, mañana sí": another day named beside it is the answer.
    const rest = input.replace(new RegExp(words.source, 'gi'), ' ');
    if (!new RegExp(NAMED_DAYS[lang].source).test(rest)) return date(addDays(today, -days));
    break;
  }

  // "El lunes pasado", "el pasado viernes": the weekday just gone (so it can be refused with its reason).
  const gone = lang === 'es' ? WEEKDAY_GONE.exec(input) : null;
  const goneDay = gone ? (gone[1] ?? gone[2])! : null;
  const otherDay = gone ? ANY_WEEKDAY.test(input.replace(gone[0], ' ')) : false;
  if (goneDay && !otherDay) return date(lastWeekday(today, SPANISH_WEEKDAYS.indexOf(goneDay)));

  if (NEVER[lang].test(input)) return { kind: 'none' };
  if (DUE_DATE[lang].test(input)) return { kind: 'due_date' };
  const span = lang === 'en' ? SPAN_FROM_TODAY.exec(input) : null;
  if (span?.[1] && span[2]) {
    const n = /^\d+$/.test(span[1]) ? Number(span[1]) : (SMALL_COUNTS[span[1]] ?? 1);
    return date(addDays(today, span[2].startsWith('week') ? 7 * n : n));
  }
  const spanish = lang === 'es' ? SPANISH_FROM_TODAY.exec(input) : null;
  if (spanish?.[1]) return date(addDays(today, spanish[1] === 'ocho' ? 7 : 14));
  if (END_OF_NEXT_MONTH[lang].test(input)) return date(lastDayOfMonth(today, 1));
  if (END_OF_MONTH[lang].test(input)) return date(lastDayOfMonth(today, 0));

  const dayOfMonth = lang === 'es' ? SPANISH_DAY_OF_MONTH.exec(input) : ENGLISH_DAY_OF_MONTH.exec(input);
  if (dayOfMonth?.[1]) {
    const day = /^\d+$/.test(dayOfMonth[1]) ? Number(dayOfMonth[1]) : SPANISH_DAY_WORDS[dayOfMonth[1]];
    if (day && day >= 1 && day <= 31) return date(nextDayOfMonth(today, day));
  }

  // Model names ("F-150", "F150") are not times: "la F150 mañana" is not "0 de la mañana".
  let query = input.replace(/(?<![a-z0-9ñ])[a-z]+-?\d+[a-z0-9]*(?![a-z0-9ñ])/g, 'vehiculo');
  if (lang === 'es') for (const [from, to] of SPANISH_ACCENTS) query = query.replace(from, to);
  let found = fromMentions(dateMentions(query, lang, ref), query, today, lang);
  // "the 15th" on its own is not recognised, "on the 15th" is.
  if (found.kind === 'none' && lang === 'en') found = fromMentions(dateMentions(`on ${query}`, lang, ref), `on ${query}`, today, lang);
  if (found.kind !== 'none') return found;

  if (PAYDAY[lang].test(input)) return { kind: 'ask', reason: 'payday' };
  if (RIGHT_AWAY[lang].test(input)) return date(today);
  if (VAGUE[lang].test(input)) return { kind: 'ask', reason: 'vague' };
  return { kind: 'none' };
}

const SPANISH_WEEKDAYS = ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'];
const WEEKDAY = `(${SPANISH_WEEKDAYS.join('|')})`;
const ANY_WEEKDAY = new RegExp(`\\b${WEEKDAY}\\b`);
const WEEKDAY_GONE = new RegExp(`\\b(?:el\\s+)?${WEEKDAY}\\s+pasado\\b|\\bel\\s+pasado\\s+${WEEKDAY}\\b`);

/** The last such weekday before today (0 = Sunday). */
function lastWeekday(today: string, weekday: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const now = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const back = ((now - weekday + 7) % 7) || 7;
  return addDays(today, -back);
}

function date(iso: string): DateReading {
  return { kind: 'date', date: iso };
}

function reference(today: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return d.getMonth() === Number(m[2]) - 1 ? d : null;
}

function lastDayOfMonth(today: string, monthsAhead: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = m + monthsAhead;
  const year = y + Math.floor((month - 1) / 12);
  const month1 = ((month - 1) % 12) + 1;
  return isoDate(year, month1, daysInMonth(year, month1));
}

/** The next date on or after today that falls on this day of the month (skipping months too short for it). */
function nextDayOfMonth(today: string, day: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  for (let ahead = 0; ahead < 3; ahead += 1) {
    const year = y + Math.floor((m - 1 + ahead) / 12);
    const month = ((m - 1 + ahead) % 12) + 1;
    if (day > daysInMonth(year, month)) continue;
    const iso = isoDate(year, month, day);
    if (iso >= today) return iso;
  }
  return isoDate(y, m + 1, day);
}

const NEAR_DAYS = 31;
const BARE_DAY = /^(?:el\s+)?d[ií]a$/i;

function fromMentions(mentions: Mention[], query: string, today: string, lang: NluLocale): DateReading {
  let vague = false;
  for (const mention of mentions) {
    // Inside a word is no date: "programar un pago" is not "mar(zo) 1".
    if (mention.start > 0 && /[a-zñ]/.test(query.charAt(mention.start - 1))) continue;
    // The Spanish model reads a bare "el día" ("el día de San Nunca") as today.
    if (lang === 'es' && BARE_DAY.test(mention.text.trim())) continue;
    // Two letters are not a weekday: "mi troca" is not "miércoles", "sa" is not "sábado".
    if (mention.text.trim().length <= 2) continue;
    const values = (mention.resolution?.['values'] as Array<Record<string, string>> | undefined) ?? [];
    const first = values[0];
    if (!first) continue;
    const timex = first['timex'] ?? '';
    switch (mention.typeName) {
      case 'datetimeV2.date': {
        const day = pickDate(timex, values.map((v) => v['value'] ?? ''), today);
        if (day) return date(day);
        break;
      }
      case 'datetimeV2.datetime':
      case 'datetimeV2.datetimerange': {
        // "today at 5pm", "mañana por la mañana": the day is what matters.
        const day = /^(\d{4}-\d{2}-\d{2})/.exec(first['value'] ?? first['start'] ?? '')?.[1];
        if (day) return date(day >= today ? day : today);
        break;
      }
      case 'datetimeV2.daterange': {
        // "in a week", "en dos semanas": a span from today.
        const span = /,P(\d+)([DWMY])\)$/.exec(timex);
        if (span) return date(addSpan(today, Number(span[1]), span[2] as 'D' | 'W' | 'M' | 'Y'));
        vague = true;
        break;
      }
      default:
        break;
    }
  }
  return vague ? { kind: 'ask', reason: 'vague' } : { kind: 'none' };
}

function addSpan(today: string, n: number, unit: 'D' | 'W' | 'M' | 'Y'): string {
  if (unit === 'D') return addDays(today, n);
  if (unit === 'W') return addDays(today, 7 * n);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const months = unit === 'M' ? n : 12 * n;
  const year = y + Math.floor((m - 1 + months) / 12);
  const month = ((m - 1 + months) % 12) + 1;
  return isoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Chooses among the readings the model offers for an incomplete date. */
function pickDate(timex: string, values: string[], today: string): string | null {
  // The Spanish model answers "sábado" (with the accent) with 0000-00-00.
  const days = [...new Set(values.map((v) => v.slice(0, 10)).filter((v) => /^[1-9]\d{3}-\d{2}-\d{2}$/.test(v)))].sort();
  if (!days.length) return null;
  const dayOnly = /^XXXX-XX-(\d{2})$/.exec(timex);
  if (dayOnly) return nextDayOfMonth(today, Number(dayOnly[1]));
  const upcoming = days.find((d) => d >= today);
  const monthDay = /^XXXX-(\d{2})-(\d{2})$/.exec(timex);
  if (monthDay) {
    // The coming one when it is near; one just gone ("December 1" on the 4th)
    // stays in the past so the caller can refuse it with the reason.
    if (upcoming && daysBetween(today, upcoming) <= NEAR_DAYS) return upcoming;
    const recent = [...days].reverse().find((d) => d < today && daysBetween(d, today) <= NEAR_DAYS);
    if (recent) return recent;
    if (upcoming) return upcoming;
    const last = days[days.length - 1] ?? today;
    return isoDate(Number(last.slice(0, 4)) + 1, Number(monthDay[1]), Number(monthDay[2]));
  }
  return upcoming ?? days[days.length - 1] ?? today;
}

// A day of the month named inside a longer sentence: "on the 5th", "day 20",
// "el día 25", "al 5", "el 15 de cada mes".
const DAY_MENTION: Record<NluLocale, RegExp> = {
  en: /(?:\b(\d{1,2})(?:st|nd|rd|th)\b|\bday\s+(\d{1,2})\b)/,
  es: /\b(?:el\s+d[ií]a|d[ií]a|el|al)\s+(\d{1,2})\b(?!\s*(?:d[oó]lares|pesos|%))/,
};

const EN_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const EN_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const ES_DAYS = [
  '', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince',
  'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno', 'veintidos', 'veintitres', 'veinticuatro',
  'veinticinco', 'veintiseis', 'veintisiete', 'veintiocho', 'veintinueve', 'treinta', 'treinta y uno',
];

/** Days of the month said as words ("the fifth", "the twenty first", "el día diez", "el quince"), longest first. */
const DAY_WORDS: Record<NluLocale, [RegExp, number][]> = {
  en: (() => {
    const list: [string, number][] = [];
    EN_UNITS.forEach((w, i) => i > 0 && list.push([w, i]));
    EN_TEENS.forEach((w, i) => list.push([w, 10 + i]));
    list.push(['twentieth', 20], ['thirtieth', 30], ['thirty first', 31]);
    EN_UNITS.forEach((w, i) => i > 0 && list.push([`twenty ${w}`, 20 + i]));
    return list
      .sort((a, b) => b[0].length - a[0].length)
      .map(([w, n]) => [new RegExp(`\\b(?:the|on the|day)\\s+${w.replace(' ', '[\\s-]+')}\\b(?!\\s+(?:one|car|vehicle|account|truck|loan|lease))`), n] as [RegExp, number]);
  })(),
  es: ES_DAYS.map((w, n) => [w, n] as [string, number])
    .filter(([w]) => w)
    .concat([['primero', 1], ['veinte y uno', 21]])
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w, n]) => [new RegExp(`\\b(?:el\\s+dia|dia|el|al)\\s+${w.replace(/ /g, '\\s+')}\\b(?!\\s*(?:dolares|pesos|%|carro|vehiculo|auto|cuenta|de los|de las|que(?! es\\b| cae\\b| entra\\b| me pagan\\b| cobro\\b)))`), n] as [RegExp, number]),
};

/** The day of the month a sentence names ("set up Auto Pay on the 5th of every month", "el día diez"), or null. */
export function dayOfMonthMention(text: string, locale: NluLocale): number | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const input = fold(text);
  const m = DAY_MENTION[lang].exec(input);
  const day = Number(m?.[1] ?? m?.[2] ?? NaN);
  if (Number.isInteger(day) && day >= 1 && day <= 31) return day;
  for (const [pattern, n] of DAY_WORDS[lang]) if (pattern.test(input)) return n;
  return null;
}

/**
 * The answer to "which day of the month?": "the 5th", "el quince", "the
 * twenty eighth" (read as a date, so an ordinal said in words is one number,
 * not "twenty" and "eighth"), else a plain number; null when it names none.
 */
export function readDayOfMonth(text: string, locale: NluLocale): number | null {
  // "El dieciocho, no, no, mejor el veinte", "the 18th, actually the 20th": the day said last.
  const parts = text.split(CHANGES_ITS_MIND);
  const last = parts[parts.length - 1]?.trim();
  if (parts.length > 1 && last) {
    const day = dayOfMonthIn(last, locale);
    if (day !== null) return day;
  }
  return dayOfMonthIn(text, locale);
}

const CHANGES_ITS_MIND = /\b(?:no+|mejor|digo|perd[oó]n|actually|i mean|make it|better|rather|instead)\b/i;

function dayOfMonthIn(text: string, locale: NluLocale): number | null {
  // Read from two far-apart days: a day of the month is the same from both, "tomorrow" is not.
  const days = ['2000-01-10', '2000-03-20'].map((from) => {
    const reading = readDate(text, locale, from);
    return reading.kind === 'date' ? Number(reading.date.slice(8, 10)) : null;
  });
  if (days[0] != null && days[0] === days[1]) return days[0];
  // "Fine, the 28th then", "el primero de cada mes": a day named inside a longer answer.
  // "Ok use that one" names no day: "one" after "that", "this", "the" is a pronoun.
  return dayOfMonthMention(text, locale) ?? recognizeNumber(text.replace(ONE_AS_A_PRONOUN, ' '), locale);
}

const ONE_AS_A_PRONOUN = /\b(?:that|this|the|which|other|same|new|old|right|first|last|one|ese|esa|este|esta|otro|otra|mismo|misma)\s+(?:one|uno|una)\b/gi;
