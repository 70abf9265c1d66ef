import { keyRing, type KeyEntry, type KeyRing } from './key-ring';
import { seal, unseal, type SealedSecret } from './vault-cipher';

/** A vault entry as stored: sealed, with the id of the key that sealed it. */
export interface StoredSecret extends SealedSecret {
  keyId: string;
}

/** The vault's keys as configuration gives them (VAULT_KEY, VAULT_KEY_ID, VAULT_PREVIOUS_KEYS). */
export interface VaultKeyOptions {
  vaultKey: Buffer;
  vaultKeyId?: string;
  vaultPreviousKeys?: KeyEntry<Buffer>[];
}

export function vaultKeyRing(opts: VaultKeyOptions): KeyRing<Buffer> {
  return keyRing({ id: opts.vaultKeyId ?? 'k1', key: opts.vaultKey }, opts.vaultPreviousKeys ?? []);
}

/** Seals a new entry with the current key. */
export function sealEntry(keys: KeyRing<Buffer>, token: string, plaintext: string): StoredSecret {
  return { ...seal(keys.current.key, token, plaintext), keyId: keys.current.id };
}

/** Opens an entry with the key it names; throws when that key is not configured. */
export function openEntry(keys: KeyRing<Buffer>, token: string, entry: StoredSecret): string {
  const key = keys.byId(entry.keyId);
  if (!key) throw new Error(`vault key ${entry.keyId} is not configured (VAULT_KEY_ID / VAULT_PREVIOUS_KEYS)`);
  return unseal(key, token, entry);
}

/** The entry sealed anew with the current key, or null when the key it names is not configured. */
export function resealEntry(keys: KeyRing<Buffer>, token: string, entry: StoredSecret): StoredSecret | null {
  if (!keys.byId(entry.keyId)) return null;
  return sealEntry(keys, token, openEntry(keys, token, entry));
}
