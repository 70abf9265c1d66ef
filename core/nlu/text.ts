/**
 * Input hygiene shared by the classifier and the entity recognisers.
 * Everything that reaches NLP.js or the recognizers passes through here so a
 * pasted novel or a burst of control characters costs the same as a short
 * message.
 */

/** Longest input we classify; real requests are far shorter than this. */
export const MAX_INPUT_CHARS = 500;

// C0/C1 controls, zero-width characters and bidi overrides: never meaningful
// in a request, and bidi overrides can disguise text in logs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Truncates, strips control/invisible characters and collapses whitespace.
 * Truncation happens first so the regexes never scan an unbounded string.
 */
export function sanitizeInput(text: unknown, maxChars = MAX_INPUT_CHARS): string {
  if (typeof text !== 'string') return '';
  // A little slack before cleaning so that stripping noise does not leave the
  // meaningful prefix shorter than the limit.
  const head = text.length > maxChars * 2 ? text.slice(0, maxChars * 2) : text;
  return head.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

/**
 * Lower-cases and removes diacritics so "Cuánto" and "cuanto" compare equal.
 * Used for duplicate checks between corpora, not for classification (the
 * NLP.js normalisers already do their own folding).
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Squeezes letters repeated three or more times ("heyyy", "holaaa") down to
 * one. Chat users stretch words for tone; the stemmers would otherwise see an
 * unknown word. No English or Spanish word has a letter three times in a row.
 */
export function squeezeRepeats(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, '$1');
}

/** True when the text contains at least one letter or digit in any script. */
export function hasWordCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
