import type { NluLocale } from './intents';
import { numberMentions } from './slots/models';
import { foldText, sanitizeInput, squeezeRepeats } from './text';

/**
 * Pre-processing that makes the intent classifier robust to how people
 * actually type and speak. The same steps run on every training phrase and on
 * every incoming message, so both sides of the model see one form: spoken
 * fillers dropped, numbers as digits. Spelling repair ({@link SpellingCorrector})
 * runs on incoming messages only, against the training vocabulary.
 */

// Hesitations speech-to-text writes down and chat users type. None carries a
// request; left in, they are unknown words at best and, once spelling repair
// runs, could be "corrected" into a real word ("um" is one letter from "us").
// Spanish "este" and "bueno" are left alone: they are also real words.
const FILLERS: Record<NluLocale, ReadonlySet<string>> = {
  en: new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'hmm', 'hm', 'mm', 'mmm', 'ah', 'eh']),
  es: new Set(['eh', 'ehh', 'ehm', 'em', 'emm', 'mm', 'mmm', 'hmm', 'ah', 'pues', 'osea', 'o sea']),
};

// Words that are numbers only sometimes: "the second one", "una persona",
// "a payment". Alone they stay words; inside a longer number ("one hundred",
// "un millón") they are read with it.
const AMBIGUOUS_NUMBER_WORDS = new Set(['one', 'a', 'an', 'un', 'una', 'uno']);

/** Removes spoken fillers ("um", "uh", "eh", "pues", "o sea") standing as words of their own. */
export function dropFillers(text: string, locale: NluLocale): string {
  const fillers = FILLERS[locale === 'es' ? 'es' : 'en'];
  const multi = [...fillers].filter((f) => f.includes(' '));
  let out = text;
  for (const phrase of multi) out = out.replace(new RegExp(`(^|[^\\p{L}])${phrase}(?=$|[^\\p{L}])`, 'giu'), '$1 ');
  return out
    .replace(/[\p{L}]+/gu, (word) => (fillers.has(word.toLowerCase()) ? ' ' : word))
    .replace(/\s+([,.!?])/g, '$1')
    .replace(/^[\s,.]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Writes numbers spelled out in words as digits ("chapter thirteen" ->
 * "chapter 13", "doscientos dólares" -> "200 dólares"), so a phrase spoken to
 * the phone line and one typed with digits look the same to the classifier.
 * Words that are numbers only sometimes ("one", "una") are left as words when
 * they stand alone.
 */
export function numberWordsToDigits(text: string, locale: NluLocale): string {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  // The number model is thorough but slow; most messages have no number word.
  if (!NUMBER_WORD[lang].test(foldText(text))) return text;
  const mentions = numberMentions(text, lang);
  let out = '';
  let at = 0;
  for (const m of mentions) {
    const raw = text.slice(m.start, m.end + 1);
    if (m.start < at || !/\p{L}/u.test(raw) || AMBIGUOUS_NUMBER_WORDS.has(raw.toLowerCase())) continue;
    const value = wholeValue(m.resolution?.['value']);
    if (value === null) continue;
    out += text.slice(at, m.start) + String(value);
    at = m.end + 1;
  }
  return out + text.slice(at);
}

// Any word that can start or continue a number spelt out, folded. A cheap
// gate before the number model, not a parser.
const NUMBER_WORD: Record<NluLocale, RegExp> = {
  en: /\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|\w+ty[ -]\w+)\b/,
  es: /\b(?:cero|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieci\w+|veinte|veinti\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|\w+cientos|\w+cientas|quinientos|quinientas|mil)\b/,
};

/** A non-negative whole number from a Recognizers-Text resolution, or null. */
function wholeValue(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * The form every training phrase and every message takes before the
 * classifier sees it: cleaned, stretched letters squeezed, fillers dropped,
 * numbers as digits.
 */
export function prepareUtterance(text: unknown, locale: NluLocale): string {
  const clean = squeezeRepeats(sanitizeInput(text));
  const words = locale === 'es' ? clean : restoreApostrophes(clean);
  return numberWordsToDigits(dropFillers(words, locale), locale);
}

// English contractions typed without their apostrophe. Only forms that are
// not words themselves: "cant", "wont", "well" and "were" are left alone.
const CONTRACTIONS: Record<string, string> = {
  dont: "don't", doesnt: "doesn't", didnt: "didn't", isnt: "isn't", arent: "aren't", wasnt: "wasn't",
  werent: "weren't", havent: "haven't", hasnt: "hasn't", hadnt: "hadn't", couldnt: "couldn't",
  wouldnt: "wouldn't", shouldnt: "shouldn't", aint: "ain't", im: "I'm", ive: "I've", youre: "you're",
  thats: "that's", whats: "what's", theres: "there's", wheres: "where's", hows: "how's", whos: "who's",
  itll: "it'll",
};

/** Puts the apostrophe back into English contractions typed without it ("dont" -> "don't"). */
export function restoreApostrophes(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => CONTRACTIONS[word.toLowerCase()] ?? word);
}

// Shorter words have too many neighbours one keystroke away ("jeep", "keep",
// "deep") to guess which one was meant.
const MIN_CORRECTED_LENGTH = 5;

/**
 * Repairs misspelt words against the vocabulary the classifier was trained
 * on: a word the model never saw carries no meaning for it, while the word one
 * keystroke away usually does ("paymnet", "autopya", "prestamo" typed as
 * "presamo"). Short words are left alone (too many neighbours to guess
 * safely); among candidates the one seen most often in training wins.
 */
export class SpellingCorrector {
  private readonly counts = new Map<string, number>();
  private readonly stems = new Set<string>();
  private readonly byLength = new Map<number, string[]>();

  /**
   * @param phrases the training phrases, prepared as the classifier saw them
   * @param stem the classifier's own stemmer: a word whose stem the model
   *   knows ("declared" when it learnt "declare") is understood already and is
   *   never rewritten into a neighbour
   */
  constructor(
    phrases: Iterable<string>,
    private readonly stem: (word: string) => string = (word) => word,
  ) {
    for (const phrase of phrases) {
      for (const word of foldText(phrase).split(' ')) {
        if (!word) continue;
        this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
        this.stems.add(this.stem(word));
      }
    }
    for (const word of [...this.counts.keys()].sort()) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** True when the word, folded, appears in the training vocabulary. */
  knows(word: string): boolean {
    return this.counts.has(foldText(word));
  }

  /** The text with each unknown word of five letters or more replaced by its closest known word, if any. */
  correct(text: string): string {
    return text.replace(/[\p{L}]+/gu, (word) => this.correctWord(word));
  }

  private correctWord(word: string): string {
    const folded = foldText(word);
    if (folded.length < MIN_CORRECTED_LENGTH || this.counts.has(folded) || folded.includes(' ')) return word;
    if (this.stems.has(this.stem(folded))) return word;
    // One edit for ordinary words, two for long ones, where two slips are
    // common and a wrong neighbour two edits away is rare.
    const budget = folded.length >= 9 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = budget + 1;
    let bestCount = 0;
    for (let length = folded.length - budget; length <= folded.length + budget; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.length < MIN_CORRECTED_LENGTH - 1) continue;
        const distance = editDistance(folded, candidate, budget);
        if (distance > budget) continue;
        const count = this.counts.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = distance;
          bestCount = count;
        }
      }
    }
    return best ?? word;
  }
}

// Letters next to each other on a QWERTY keyboard: the substitutions fingers
// actually make. "staff" -> "stuff" or "padre" -> "madre" are different
// words, not slips, so any other substitution costs two.
const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Map<string, Set<string>>();
for (let r = 0; r < QWERTY_ROWS.length; r++) {
  for (let c = 0; c < QWERTY_ROWS[r]!.length; c++) {
    const key = QWERTY_ROWS[r]![c]!;
    const near = new Set<string>();
    for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, -1], [1, 0]] as const) {
      const other = QWERTY_ROWS[r + dr]?.[c + dc];
      if (other) near.add(other);
    }
    NEIGHBOURS.set(key, near);
  }
}

// Letters that sound alike and are confused in writing, above all in Spanish
// ("grasias", "vanco", "aser" for "hacer" once the h is dropped).
const SOUND_ALIKE = new Set(['bv', 'vb', 'sz', 'zs', 'sc', 'cs', 'zc', 'cz', 'yi', 'iy', 'gj', 'jg', 'kc', 'ck', 'qk', 'kq']);

function substitutionCost(x: string, y: string): number {
  if (x === y) return 0;
  return NEIGHBOURS.get(x)?.has(y) || SOUND_ALIKE.has(x + y) ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and
 * swaps of neighbouring letters, the four common typing slips), giving up
 * with `limit + 1` as soon as every alignment exceeds the limit. Substituting
 * a letter costs one only for a key next to it or a letter that sounds the
 * same, two otherwise.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = substitutionCost(a[i - 1]!, b[j - 1]!);
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, limit + 1);
}
