import { createHmac } from 'node:crypto';

/**
 * The only form in which an SSN/Tax ID is kept: HMAC-SHA256 with a server
 * secret, so a stolen database cannot be reversed by hashing all 10^9 numbers.
 */
export function hashTaxId(key: string, digits: string): string {
  if (!/^\d{9}$/.test(digits)) throw new RangeError('a tax id hash takes exactly nine digits');
  return createHmac('sha256', key).update(digits, 'utf8').digest('hex');
}
