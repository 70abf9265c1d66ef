import { createHmac } from 'node:crypto';
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
