import { ChoiceRecognizer } from '@microsoft/recognizers-text-choice';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';
import { NumberWithUnitRecognizer } from '@microsoft/recognizers-text-number-with-unit';
import { DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import type { NluLocale } from '../intents';

/** What a Recognizers-Text model returns for one mention. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  typeName: string;
  resolution?: Record<string, unknown>;
}

interface Model {
  parse(query: string, referenceDate?: Date): Mention[];
}

// Spanish uses the Spain model: the only Spanish culture Recognizers-Text
// 1.1.4 ships. Building a model compiles hundreds of regular expressions
// (tens of milliseconds, a quarter of a second for Spanish dates), so each is
// built once, on first use, and shared: the models keep no state between calls.
const CULTURE: Record<NluLocale, string> = { en: 'en-us', es: 'es-es' };

const cache = new Map<string, Model>();

function cached(key: string, build: () => Model): Model {
  let model = cache.get(key);
  if (!model) {
    model = build();
    cache.set(key, model);
  }
  return model;
}

function safely(fn: () => Mention[]): Mention[] {
  // A large regex engine we do not control: a pathological input degrades to
  // "nothing recognised", never to a failed turn.
  try {
    return fn();
  } catch {
    return [];
  }
}

/** Cardinal numbers ("two fifty", "quinientos cincuenta", "112.36") with their spans. */
export function numberMentions(text: string, locale: NluLocale): Mention[] {
  const model = cached(`number:${locale}`, () => new NumberRecognizer(CULTURE[locale]).getNumberModel() as unknown as Model);
  return safely(() => model.parse(text));
}

/** Ordinals ("the second", "2nd", "el primero", "la tercera"). */
export function ordinalMentions(text: string, locale: NluLocale): Mention[] {
  const model = cached(`ordinal:${locale}`, () => new NumberRecognizer(CULTURE[locale]).getOrdinalModel() as unknown as Model);
  return safely(() => model.parse(text));
}

/** Money amounts with their currency ("$250", "fifty cents", "doscientos dólares"). */
export function currencyMentions(text: string, locale: NluLocale): Mention[] {
  const model = cached(`currency:${locale}`, () => new NumberWithUnitRecognizer(CULTURE[locale]).getCurrencyModel() as unknown as Model);
  return safely(() => model.parse(text));
}

/** Yes and no ("yes", "nope", "sí", "claro"), with the other readings in `otherResults`. */
export function booleanMentions(text: string, locale: NluLocale): Mention[] {
  const model = cached(`boolean:${locale}`, () => new ChoiceRecognizer(CULTURE[locale]).getBooleanModel() as unknown as Model);
  return safely(() => model.parse(text));
}

/** Dates, ranges and durations relative to `reference` (noon of the conversation's day). */
export function dateMentions(text: string, locale: NluLocale, reference: Date): Mention[] {
  const model = cached(
    `datetime:${locale}`,
    () => new DateTimeRecognizer(CULTURE[locale]).getDateTimeModel() as unknown as Model,
  );
  return safely(() => model.parse(text, reference));
}

/**
 * Reads a number value as the recognizers resolve it: the Spanish model
 * writes a decimal comma and a thousands point ("200,5", "1.500").
 */
export function mentionValue(mention: Mention, locale: NluLocale): number | null {
  const raw = mention.resolution?.['value'];
  if (typeof raw !== 'string') return null;
  const normal = locale === 'es' ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, '');
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}
