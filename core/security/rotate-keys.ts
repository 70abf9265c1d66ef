import type { CustomerRepository, BankVault, VaultRotation } from '../store/ports';

export interface KeyRotationReport {
  vault: VaultRotation;
  taxIdHashes: {
    /** Customers whose SSN/Tax ID hash is on the current key. */
    current: number;
    /**
     * Customers still on an earlier key, by key id. Their hash moves to the
     * current key when they next verify (the only moment the number is
     * known); until then that key must stay in IDENTITY_HASH_PREVIOUS_KEYS.
     */
    onOldKeys: Record<string, number>;
  };
}

/**
 * Moves what can be moved to the current keys: reseals every vault entry with
 * the current vault key, and reports how many SSN/Tax ID hashes are still on
 * earlier keys (a hash cannot be recomputed without the number).
 */
export async function rotateKeys(
  repos: { vault: BankVault; customers: CustomerRepository },
  currentTaxIdKeyId: string,
): Promise<KeyRotationReport> {
  const vault = await repos.vault.rotate();
  const counts = await repos.customers.taxIdHashKeyCounts();
  const onOldKeys = Object.fromEntries(Object.entries(counts).filter(([id]) => id !== currentTaxIdKeyId));
  return { vault, taxIdHashes: { current: counts[currentTaxIdKeyId] ?? 0, onOldKeys } };
}

/** The report in a few lines for an operator, naming keys by id only. */
export function describeKeyRotation(r: KeyRotationReport, keyIds: { vault: string; taxId: string }): string[] {
  const lines = [
    `vault: ${r.vault.resealed} entries resealed with key ${keyIds.vault}; ${r.vault.current} on it now`,
  ];
  if (r.vault.unreadable) lines.push(`vault: ${r.vault.unreadable} entries on a key that is not configured; give it back in VAULT_PREVIOUS_KEYS and run again`);
  const old = Object.entries(r.taxIdHashes.onOldKeys);
  const stillOld = old.reduce((n, [, count]) => n + count, 0);
  lines.push(`SSN/Tax ID hashes: ${r.taxIdHashes.current} on key ${keyIds.taxId}, ${stillOld} on older keys${old.length ? ` (${old.map(([id, n]) => `${id}: ${n}`).join(', ')})` : ''}`);
  if (stillOld) lines.push('those move to the current key when each customer next verifies; keep their keys in IDENTITY_HASH_PREVIOUS_KEYS until then');
  return lines;
}
