/** "…4321": the only way a sensitive number may be shown, logged or audited. */
export function last4(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.slice(-4);
}

/**
 * Paths for pino's `redact` option, so a sensitive field that slips into a log
 * object is censored rather than written.
 */
export const SENSITIVE_LOG_PATHS: readonly string[] = [
  'ssn',
  'taxId',
  'digits',
  'accountNumber',
  'bankAccountNumber',
  '*.ssn',
  '*.taxId',
  '*.digits',
  '*.bankAccountNumber',
  'funding.accountNumber',
  '*.funding.accountNumber',
];

const SENSITIVE_KEY = /^(ssn|ein|taxid|tax_id|digits|bankaccountnumber|accountnumberfull|password|secret)$/i;

/**
 * Masks values under keys that name a sensitive number, keeping the last 4.
 * A last line of defence for audit details; callers should pass last 4 already.
 */
export function redactDetails<T extends Record<string, string | number | boolean | null>>(details: T): T {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(details)) {
    out[k] = SENSITIVE_KEY.test(k) && v !== null ? `***${last4(String(v))}` : v;
  }
  return out as T;
}

// Digits as people type or say them: "4", "four", "oh", "cuatro", "double five".
const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  cero: '0', uno: '1', una: '1', un: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
};
const REPEATS: Record<string, number> = { double: 2, triple: 3, doble: 2 };
const WORD = `(?:${Object.keys(DIGIT_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
const UNIT = `(?:\\d|(?:\\b(?:double|triple|doble)\\s+)?\\b${WORD}\\b)`;
const SEPARATOR = '[\\s.,\\-\u2010-\u2015_/()]*';
/** A run of digits (and digit words) with the separators people put between them, not touching letters or other digits. */
const DIGIT_RUN = new RegExp(`(?<![\\p{L}\\d])${UNIT}(?:${SEPARATOR}${UNIT})*(?![\\p{L}\\d])`, 'giu');

function digitsOfRun(run: string): string {
  let out = '';
  let repeat = 1;
  for (const token of run.toLowerCase().match(/\d|\p{L}+/gu) ?? []) {
    if (REPEATS[token]) {
      repeat = REPEATS[token];
      continue;
    }
    const digit = /^\d$/.test(token) ? token : DIGIT_WORDS[token];
    if (digit === undefined) continue;
    out += digit.repeat(repeat);
    repeat = 1;
  }
  return out;
}

/**
 * Masks, in a customer's message, whatever reads as an SSN/Tax ID (nine
 * digits) or a bank or card number (twelve to nineteen), in every form the
 * assistant accepts them: plain, with dashes, dots or spaces between digits,
 * or in words in English or Spanish. Only the last four digits stay
 * ("•••••7788"). With `wholeText` (the question asked for a sensitive value, and it holds more than four digits)
 * the whole message becomes the mask.
 */
export function maskSensitiveText(text: string, options: { wholeText?: boolean } = {}): string {
  if (options.wholeText) {
    const digits = [...text.matchAll(DIGIT_RUN)].map((m) => digitsOfRun(m[0])).join('');
    // Four digits or fewer say nothing sensitive (a page's own mask "••••• 7788" stays as it is).
    if (digits.length <= 4) return text;
    return `•••••${digits.slice(-4)}`;
  }
  return text.replace(DIGIT_RUN, (run) => {
    const digits = digitsOfRun(run);
    const sensitive = digits.length === 9 || (digits.length >= 12 && digits.length <= 19);
    if (!sensitive) return run;
    return `•••••${digits.slice(-4)}`;
  });
}

/**
 * Whether a message holds a payment card number (13 to 19 digits, with the
 * spaces or dashes people type, that pass the Luhn check): one typed where
 * cards are not taken is never kept, and the customer is told so.
 */
export function holdsCardNumber(text: string): boolean {
  for (const run of text.match(/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g) ?? []) {
    const digits = run.replace(/\D/g, '');
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return true;
  }
  return false;
}
