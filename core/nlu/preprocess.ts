import type { NluLocale } from './intents';
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

// How a question put in the middle of something else opens ("before I do
// that, …", "quick question: …", "antes de eso, …"): it says nothing of what
// is asked, and only its words weigh the question towards out of scope.
const ASIDE_OPENINGS: Record<NluLocale, RegExp> = {
  en: /^(?:(?:ok(?:ay)?|so|wait|hey|oh|actually)[\s,]+)*(?:before (?:i|we) (?:do|say) (?:that|yes|it)|before (?:that|we go on|we continue|you do that)|(?:one|a) (?:more )?quick question|quick question|real quick|one question|one more thing|one thing first|hold on|but first)\s*[,:;.-]+\s*/i,
  es: /^(?:(?:oiga|oye|mire|mira|bueno|a ver|ah)[\s,]+)*(?:antes de eso|antes de hacerlo|antes de seguir|antes de continuar|antes que nada|una pregunta(?:ta|ita)?|otra pregunta|primero una pregunta|espere|espera)\s*[,:;.-]+\s*/i,
};

/**
 * Takes out times of day and written dates ("4:07:15 PM", "10:30 am",
 * "12/3/2026"): they say when, never what is asked (the slot readers read
 * days from the raw answer), and an "am" or "pm" left alone weighs the
 * request towards whatever its letters resemble.
 */
export function dropClockTimes(text: string): string {
  return text
    .replace(/\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?/gi, ' ')
    .replace(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, ' ')
    .replace(/\s+([,.])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Takes out the opening of a question put in the middle of something else ("before I do that, …", "antes de eso, …"). */
export function dropAsideOpening(text: string, locale: NluLocale): string {
  const rest = text.replace(ASIDE_OPENINGS[locale === 'es' ? 'es' : 'en'], '');
  return rest.trim() ? rest : text;
}

/** Removes spoken fillers ("um", "uh", "eh", "pues", "o sea") standing as words of their own. */
export function dropFillers(text: string, locale: NluLocale): string {
  const fillers = FILLERS[locale === 'es' ? 'es' : 'en'];
  let out = text;
  for (const phrase of [...fillers].filter((f) => f.includes(' '))) {
    out = out.replace(new RegExp(`(^|[^\\p{L}])${phrase}(?=$|[^\\p{L}])`, 'giu'), '$1 ');
  }
  return out
    .replace(/\p{L}+/gu, (word) => (fillers.has(word.toLowerCase()) ? ' ' : word))
    .replace(/\s+([,.!?])/g, '$1')
    .replace(/^[\s,.]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How a number word combines with the words before it. */
type NumberKind = 'unit' | 'teen' | 'tens' | 'hundreds' | 'hundred' | 'thousand';

interface NumberWord {
  value: number;
  kind: NumberKind;
}

function table(kind: NumberKind, entries: Record<string, number>): Array<[string, NumberWord]> {
  return Object.entries(entries).map(([word, value]) => [word, { value, kind }]);
}

// Number words, folded (no accents). "hundred" and "thousand"/"mil" multiply
// what came before; everything else adds. Spanish spells 21-29 and the
// hundreds as single words.
const NUMBER_WORDS: Record<NluLocale, ReadonlyMap<string, NumberWord>> = {
  en: new Map([
    ...table('unit', { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }),
    ...table('teen', {
      ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
    }),
    ...table('tens', { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }),
    ...table('hundred', { hundred: 100 }),
    ...table('thousand', { thousand: 1000 }),
  ]),
  es: new Map([
    ...table('unit', { cero: 0, uno: 1, un: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9 }),
    ...table('teen', {
      diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
      veintiuno: 21, veintiun: 21, veintiuna: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26,
      veintisiete: 27, veintiocho: 28, veintinueve: 29,
    }),
    ...table('tens', { veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90 }),
    ...table('hundreds', {
      cien: 100, ciento: 100, doscientos: 200, doscientas: 200, trescientos: 300, trescientas: 300, cuatrocientos: 400,
      cuatrocientas: 400, quinientos: 500, quinientas: 500, seiscientos: 600, seiscientas: 600, setecientos: 700,
      setecientas: 700, ochocientos: 800, ochocientas: 800, novecientos: 900, novecientas: 900,
    }),
    ...table('thousand', { mil: 1000 }),
  ]),
};

// What may come right after what: "twenty five", "two hundred", "ciento
// veinte", "dos mil". Anything else starts a new number, so "two fifty" (said
// for $2.50 or $250) reads as two numbers rather than a wrong sum.
const FOLLOWS: Record<NumberKind | 'start', ReadonlySet<NumberKind>> = {
  start: new Set(['unit', 'teen', 'tens', 'hundreds', 'hundred', 'thousand']),
  unit: new Set(['hundred', 'thousand']),
  teen: new Set(['hundred', 'thousand']),
  tens: new Set(['unit', 'hundred', 'thousand']),
  hundreds: new Set(['unit', 'teen', 'tens', 'thousand']),
  hundred: new Set(['unit', 'teen', 'tens', 'thousand']),
  thousand: new Set(['unit', 'teen', 'tens', 'hundreds']),
};

// Joining words inside a number: "a hundred and five", "treinta y cinco".
const CONNECTORS: Record<NluLocale, string> = { en: 'and', es: 'y' };

// Words that are numbers only sometimes: "the second one", "una persona",
// "a payment". Alone they stay words; inside a longer number ("one hundred",
// "un mil") they are read with it.
const AMBIGUOUS_NUMBER_WORDS = new Set(['one', 'un', 'una', 'uno']);

/** A number being read from consecutive words. */
interface NumberRun {
  start: number;
  end: number;
  total: number;
  current: number;
  last: NumberKind | 'start';
  words: number;
  firstWord: string;
}

function addWord(run: NumberRun, word: NumberWord): void {
  if (word.kind === 'hundred') run.current = (run.current || 1) * 100;
  else if (word.kind === 'thousand') {
    run.total += (run.current || 1) * 1000;
    run.current = 0;
  } else run.current += word.value;
  run.last = word.kind;
  run.words += 1;
}

/**
 * Writes numbers spelled out in words as digits ("chapter thirteen" ->
 * "chapter 13", "doscientos cincuenta dólares" -> "250 dólares", "a hundred
 * and five" -> "105"), so a phrase spoken to the phone line and one typed with
 * digits look the same to the classifier. Words that are numbers only
 * sometimes ("one", "una") are left as words when they stand alone.
 */
export function numberWordsToDigits(text: string, locale: NluLocale): string {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const words = NUMBER_WORDS[lang];
  const runs: NumberRun[] = [];
  let run: NumberRun | null = null;
  let pendingConnector = false;
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const folded = foldText(match[0]);
    const start = match.index;
    const end = start + match[0].length;
    const between = run ? text.slice(run.end, start) : '';
    const adjacent = run !== null && /^[\s-]*$/.test(between);
    // "a hundred", "an hundred": the article counts as one before a multiplier.
    const word = words.get(folded) ?? (lang === 'en' && (folded === 'a' || folded === 'an') ? { value: 1, kind: 'unit' as const } : undefined);
    if (run && adjacent && folded === CONNECTORS[lang] && run.words > 0) {
      pendingConnector = true;
      continue;
    }
    if (word && run && (adjacent || pendingConnector) && FOLLOWS[run.last].has(word.kind)) {
      addWord(run, word);
      run.end = end;
    } else if (word) {
      if (run) runs.push(run);
      run = { start, end, total: 0, current: 0, last: 'start', words: 0, firstWord: folded };
      addWord(run, word);
    } else if (run) {
      runs.push(run);
      run = null;
    }
    pendingConnector = false;
  }
  if (run) runs.push(run);
  let out = '';
  let at = 0;
  for (const r of runs) {
    if (r.words === 1 && (AMBIGUOUS_NUMBER_WORDS.has(r.firstWord) || r.firstWord === 'a' || r.firstWord === 'an')) continue;
    out += text.slice(at, r.start) + String(r.total + r.current);
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * The form every training phrase and every message takes before the
 * classifier sees it: cleaned, stretched letters squeezed, fillers dropped,
 * numbers as digits.
 */
export function prepareUtterance(text: unknown, locale: NluLocale): string {
  const clean = squeezeRepeats(sanitizeInput(text));
  const words = expandShorthand(locale === 'es' ? clean : restoreApostrophes(clean), locale);
  return ordinalDays(numberWordsToDigits(dropFillers(vehicleWords(dropReferences(dropAsideOpening(dropClockTimes(words), locale)), locale), locale), locale));
}

/**
 * Removes whole VINs and account numbers: they identify a vehicle, which the
 * engine reads for itself, and say nothing about what is asked. Left in, they
 * are words the classifier never saw, which weigh towards "out of scope".
 */
export function dropReferences(text: string): string {
  // With the word that names it, if any ("VIN 2HGF…", "account 4100020001").
  const label = '(?:\\b(?:vin|account(?:\\s+number)?|acct|n[uú]mero\\s+de\\s+cuenta|cuenta)\\b[\\s:#.,-]*)?';
  return text
    .replace(new RegExp(`${label}\\b(?=[A-Za-z0-9]{17}\\b)(?=[A-Za-z]*\\d)[A-Za-z0-9]{17}\\b`, 'gi'), ' ')
    .replace(new RegExp(`${label}\\b\\d{10}\\b`, 'gi'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Makes and models people name their vehicle by. The intent is the same for
// every vehicle ("pay my Civic" is "pay my car"), so each is read as the
// plain word, one the corpus knows, instead of a word it never saw.
const MAKES_AND_MODELS = [
  'acura', 'audi', 'bmw', 'buick', 'cadillac', 'chevrolet', 'chevy', 'chrysler', 'dodge', 'ford', 'gmc', 'honda',
  'hyundai', 'infiniti', 'jeep', 'kia', 'lexus', 'lincoln', 'mazda', 'mercedes', 'mitsubishi', 'nissan',
  'subaru', 'tesla', 'toyota', 'volkswagen', 'vw', 'volvo', 'accord', 'altima', 'camry', 'cherokee', 'civic',
  'corolla', 'cr-v', 'crv', 'equinox', 'f-150', 'f150', 'grand cherokee', 'highlander',
  'malibu', 'model 3', 'model y', 'mustang', 'rav4', 'sentra', 'silverado', 'tacoma', 'tahoe',
  'tucson', 'tundra', 'elantra', 'sonata', 'wrangler',
].sort((a, b) => b.length - a.length);
const VEHICLE_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${MAKES_AND_MODELS.map((w) => w.replace(/[-]/g, '[- ]?')).join('|')})(?:\\s+(?:${MAKES_AND_MODELS.map((w) => w.replace(/[-]/g, '[- ]?')).join('|')}))*(?![\\p{L}\\p{N}])`,
  'giu',
);
const VEHICLE_WORD: Record<NluLocale, string> = { en: 'car', es: 'carro' };

/** Reads a make or model ("my Jeep Grand Cherokee", "la F-150") as the plain word for a vehicle. */
export function vehicleWords(text: string, locale: NluLocale): string {
  return text.replace(VEHICLE_RUN, VEHICLE_WORD[locale === 'es' ? 'es' : 'en']);
}

/**
 * Writes every day of the month given as an ordinal ("the 12th", "1st",
 * "23rd") as one placeholder word, so the classifier learns "move it to the
 * Nth" once instead of once per day it happened to see in training.
 */
export function ordinalDays(text: string): string {
  return text.replace(/\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b/gi, 'nth');
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

// The shorthand people type in a chat box or a text ("need to make a pmt on
// the civic", "q puedo hacer"), spelled out as the words they stand for, and
// the English words of Spanglish in their Spanish form.
const SHORTHAND: Record<NluLocale, Record<string, string>> = {
  en: {
    pmt: 'payment', pymt: 'payment', pymnt: 'payment', pmnt: 'payment', paymt: 'payment', pmts: 'payments',
    acct: 'account', accts: 'accounts', amt: 'amount', thru: 'through', pls: 'please', plz: 'please', bal: 'balance',
    info: 'information', u: 'you', ur: 'your', r: 'are', b4: 'before', tmrw: 'tomorrow', tmr: 'tomorrow',
  },
  es: {
    q: 'que', k: 'que', xq: 'porque', pq: 'porque', porq: 'porque', tb: 'tambien', tmb: 'tambien', xfa: 'por favor',
    pf: 'por favor', pa: 'para', d: 'de', cta: 'cuenta', ctas: 'cuentas',
    // English words Spanish speakers use for the same things ("el payment", "mi checking").
    payment: 'pago', payments: 'pagos', pymt: 'pago', balance: 'saldo', payoff: 'liquidacion', checking: 'cheques',
    savings: 'ahorros',
  },
};

/** Spells out chat shorthand ("pmt" -> "payment", "xq" -> "porque"). */
export function expandShorthand(text: string, locale: NluLocale): string {
  const table = SHORTHAND[locale];
  return text.replace(/[\p{L}\d]+/gu, (word) => table[word.toLowerCase()] ?? word);
}

// Shorter words have too many neighbours one keystroke away ("jeep", "keep",
// "deep") to guess which one was meant. A four-letter word is repaired only
// by a letter that sounds the same ("devo" for "debo", "kiero" is five).
const MIN_CORRECTED_LENGTH = 5;
const MIN_SOUND_ALIKE_LENGTH = 4;

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

  /** The most frequent known word one sound-alike letter away, if any. */
  private soundAlike(folded: string): string | null {
    let best: string | null = null;
    let bestCount = 0;
    for (const candidate of soundAlikeVariants(folded).sort()) {
      const count = this.counts.get(candidate) ?? 0;
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  private correctWord(word: string): string {
    const folded = foldText(word);
    if (folded.length < MIN_SOUND_ALIKE_LENGTH || this.counts.has(folded) || folded.includes(' ')) return word;
    if (this.stems.has(this.stem(folded))) return word;
    if (folded.length < MIN_CORRECTED_LENGTH) return this.soundAlike(folded) ?? word;
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

/** Every word differing from `word` by one pair of letters that sound alike ("b"/"v", "s"/"z", "c"/"s"...). */
function soundAlikeVariants(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    for (const pair of SOUND_ALIKE) {
      if (pair[0] === word[i]) out.push(word.slice(0, i) + pair[1] + word.slice(i + 1));
    }
  }
  return out;
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
