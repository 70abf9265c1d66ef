/**
 * Which variable stands for a sensitive answer, from the prompt that asked for
 * it: recordings and imported live chats never hold the value itself.
 */
export function secretName(prompt: string): string {
  if (/Social Security|Tax ID|Seguro Social|identificación fiscal/i.test(prompt)) return 'ssn';
  if (/bank account|cuenta bancaria/i.test(prompt)) return 'bank_account';
  return 'secret';
}

/** A full SSN typed where it was not asked for. */
export const SSN_SHAPE = /\b\d{3}-\d{2}-\d{4}\b/g;

/** The mask the web page and the live-chat transcripts show in place of a sensitive entry. */
export const MASK = /\u2022/;
