import { randomInt } from 'node:crypto';

/** Ten random digits (read back digit by digit on the phone); uniqueness is enforced by the store. */
export function newConfirmationNumber(): string {
  let s = String(randomInt(1, 10));
  for (let i = 1; i < 10; i++) s += String(randomInt(0, 10));
  return s;
}
