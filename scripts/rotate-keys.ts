import type { Config } from '../core/config/config';
import { describeKeyRotation, rotateKeys, type KeyRotationReport } from '../core/security/rotate-keys';
import { createPrismaRepositories } from '../data';
import { migrate } from '../data/prepare-database';

/**
 * `npm run keys:rotate`: after VAULT_KEY / IDENTITY_HASH_KEY change (their old
 * values moved to VAULT_PREVIOUS_KEYS / IDENTITY_HASH_PREVIOUS_KEYS with their
 * ids), reseals every vault entry with the current key and reports how many
 * SSN/Tax ID hashes are still on old keys.
 */
export async function rotateKeysCommand(config: Config): Promise<{ report: KeyRotationReport; lines: string[] }> {
  await migrate(config);
  const repos = await createPrismaRepositories(config);
  try {
    const report = await rotateKeys(repos, config.identityHashKeyId);
    return { report, lines: describeKeyRotation(report, { vault: config.vaultKeyId, taxId: config.identityHashKeyId }) };
  } finally {
    await repos.close();
  }
}

if (require.main === module) {
  // Loaded lazily so importing this module never reads the environment.
  void import('../core/config/config').then(async ({ loadConfig }) => {
    try {
      const { lines } = await rotateKeysCommand(loadConfig());
      for (const line of lines) console.log(line);
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    }
  });
}
