import { sanitizeInput } from '../text';

/** Longest answer a slot reader looks at; an answer to a prompt is a sentence or two. */
export const MAX_SLOT_CHARS = 300;

/**
 * Lower-cases, removes accents, turns curly apostrophes straight and keeps
 * only letters, digits and the few symbols a slot cares about ($ . , ' -),
 * so "Sí, ADELANTE" and "si adelante" read the same. Customers and
 * speech-to-text drop accents as often as they type them.
 */
export function fold(text: unknown): string {
  return sanitizeInput(text, MAX_SLOT_CHARS)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[¡¿!?;:"()[\]{}<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits folded text into words (keeping apostrophes inside words) and digit groups. */
export function words(folded: string): string[] {
  return folded.match(/[a-zñ]+(?:'[a-z]+)?|\d+/g) ?? [];
}

/**
 * Builds one case-insensitive pattern that finds any of the phrases as whole
 * words in folded text. Phrases are written folded (no accents); a space in a
 * phrase matches any run of spaces, commas or hyphens.
 */
export function phrases(list: readonly string[]): RegExp {
  const alternatives = [...list]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, "[\\s,\\-]+").replace(/'/g, "'?"));
  return new RegExp(`(?<![a-z0-9ñ])(?:${alternatives.join('|')})(?![a-z0-9ñ])`, 'i');
}

/** Same as {@link phrases} but finds every occurrence (for span bookkeeping). */
export function phrasesGlobal(list: readonly string[]): RegExp {
  return new RegExp(phrases(list).source, 'gi');
}

/** Days between two YYYY-MM-DD dates (to minus from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** YYYY-MM-DD for a calendar date; month is 1-based and may overflow into the next year. */
export function isoDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

/** Number of days in a month (1-based month). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
