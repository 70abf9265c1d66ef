/**
 * The GSM 03.38 default alphabet. A text using only these characters goes as
 * GSM-7 (160 characters a segment); one character outside it (á, í, ó, ú, ®,
 * curly quotes) turns the whole message into UCS-2 and 70 a segment.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through an escape, so each costs two septets. */
const EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

/** True when every character of `text` is in the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return false;
  return true;
}

/** Septets the text takes in GSM-7 (extension characters count twice); NaN when it is not GSM-7. */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (basic.has(ch)) n += 1;
    else if (extension.has(ch)) n += 2;
    else return Number.NaN;
  }
  return n;
}

/** Characters that keep a text from being GSM-7, for a helpful test failure. */
export function nonGsm7Characters(text: string): string[] {
  return [...new Set([...text].filter((ch) => !basic.has(ch) && !extension.has(ch)))];
}

/** One SMS segment: at most 160 GSM-7 septets. */
export const SMS_SEGMENT = 160;
