import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a vault keeps per token: never the account number in clear. */
export interface SealedSecret {
  iv: string;
  ciphertext: string;
  tag: string;
}

/** The AES-256 key: exactly 32 bytes (config validates VAULT_KEY the same way). */
function aesKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new RangeError('the vault key must be 32 bytes');
  return key;
}

/**
 * Encrypts with AES-256-GCM. The token is bound as associated data, so a
 * sealed value copied onto another token fails to open.
 */
export function seal(key: Buffer, token: string, plaintext: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(key), iv);
  cipher.setAAD(Buffer.from(token, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Decrypts a sealed value; throws when the key, token or bytes do not match. */
export function unseal(key: Buffer, token: string, sealed: SealedSecret): string {
  const decipher = createDecipheriv('aes-256-gcm', aesKey(key), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(token, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** An opaque bank-account token: random, so it reveals nothing about the number. */
export function newBankToken(): string {
  return `bat_${randomBytes(16).toString('hex')}`;
}
