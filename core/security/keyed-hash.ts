import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './key-ring';

/**
 * The only form in which an SSN/Tax ID is kept: HMAC-SHA256 with a server
 * secret, so a stolen database cannot be reversed by hashing all 10^9 numbers.
 */
export function hashTaxId(key: string, digits: string): string {
  if (!/^\d{9}$/.test(digits)) throw new RangeError('a tax id hash takes exactly nine digits');
  return createHmac('sha256', key).update(digits, 'utf8').digest('hex');
}

/** The number hashed with every key of the ring (current first), each with its key id, to look up a stored hash. */
export function taxIdHashes(keys: KeyRing<string>, digits: string): { keyId: string; hash: string }[] {
  return keys.all.map((k) => ({ keyId: k.id, hash: hashTaxId(k.key, digits) }));
}

/**
 * The only form in which a one-time code is kept: HMAC-SHA256 with the server
 * secret over the challenge id and the code, so the same code in two
 * challenges hashes differently and a stolen table cannot be read back.
 */
export function hashOneTimeCode(key: string, challengeId: string, code: string): string {
  return createHmac('sha256', key).update(`one-time-code:${challengeId}:${code}`, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
