import { ConfigError, loadConfig } from '../../core/config/config';
import { rotateKeysCommand } from '../../scripts/rotate-keys';
import { testDatabase } from '../support/database';
import { PhoneCall, startIvrWorld } from '../ivr/harness';

/**
 * The vault key and the SSN/Tax ID hash key can be replaced: every stored
 * hash and vault entry names the key that made it, `npm run keys:rotate`
 * reseals the vault with the new key, and a customer's hash moves to the new
 * key when they verify. Once that is done the old keys can leave the
 * configuration and nothing is lost.
 */
const OLD_HASH_KEY = 'old-identity-hash-key-0123456789abcdefghij';
const NEW_HASH_KEY = 'new-identity-hash-key-0123456789abcdefghij';
// Fixed, but as unpredictable as real keys must be (the configuration refuses repeated bytes).
const OLD_VAULT_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
const NEW_VAULT_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256)).toString('base64');
const JORDAN = '+17045550101';

async function verifies(env: Record<string, string>, from: string, account: string, ssn: string): Promise<string> {
  const world = await startIvrWorld(env);
  try {
    const call = new PhoneCall(world, from);
    await call.dial();
    if (from !== JORDAN) await call.press('1'); // English, for a number the line does not know
    await call.press('1'); // make a payment
    await call.press(account);
    return (await call.press(ssn)).text;
  } finally {
    await world.close();
  }
}

describe('rotating the vault and SSN/Tax ID hash keys', () => {
  it('when the keys are replaced and rotated, then after the old keys are removed the vault still opens and a customer who verified since still verifies', async () => {
    const db = testDatabase();
    try {
      const before = { DATABASE_URL: db.url, IDENTITY_HASH_KEY: OLD_HASH_KEY, VAULT_KEY: OLD_VAULT_KEY };
      const seeded = await startIvrWorld(before);
      const jordanBank = (await seeded.app.repos.banks.onFileFor('cus_jordan_avery'))!;
      await seeded.close();

      const during = {
        DATABASE_URL: db.url,
        IDENTITY_HASH_KEY: NEW_HASH_KEY,
        IDENTITY_HASH_KEY_ID: 'k2',
        IDENTITY_HASH_PREVIOUS_KEYS: `k1:${OLD_HASH_KEY}`,
        VAULT_KEY: NEW_VAULT_KEY,
        VAULT_KEY_ID: 'k2',
        VAULT_PREVIOUS_KEYS: `k1:${OLD_VAULT_KEY}`,
      };
      const rotated = await rotateKeysCommand(loadConfig({ NODE_ENV: 'test', ...during }));
      expect(rotated.report).toEqual({ vault: { resealed: 2, unreadable: 0, current: 2 }, taxIdHashes: { current: 0, onOldKeys: { k1: 4 } } });
      expect(rotated.lines.join('\n')).toMatch(/2 entries resealed with key k2/);
      expect(rotated.lines.join('\n')).not.toContain(OLD_HASH_KEY);

      // Jordan verifies while the old hash key is still configured: his hash moves to the new key.
      expect(await verifies(during, JORDAN, '4100020001', '401227788')).toMatch(/You're verified/);
      const again = await rotateKeysCommand(loadConfig({ NODE_ENV: 'test', ...during }));
      expect(again.report).toEqual({ vault: { resealed: 0, unreadable: 0, current: 2 }, taxIdHashes: { current: 1, onOldKeys: { k1: 3 } } });

      const after = { DATABASE_URL: db.url, IDENTITY_HASH_KEY: NEW_HASH_KEY, IDENTITY_HASH_KEY_ID: 'k2', VAULT_KEY: NEW_VAULT_KEY, VAULT_KEY_ID: 'k2' };
      const world = await startIvrWorld(after);
      try {
        expect(await world.app.repos.vault.reveal(jordanBank.accountToken)).toEqual({ routingNumber: '021000021', accountNumber: '000123454321' });
      } finally {
        await world.close();
      }
      expect(await verifies(after, JORDAN, '4100020001', '401227788')).toMatch(/You're verified/);
      // María has not verified since: the report counted her on k1, and without k1 she no longer matches.
      expect(await verifies(after, '+15555550177', '4100020002', '533182046')).toMatch(/doesn't match/);
    } finally {
      await db.cleanup();
    }
  });

  it('when a vault key still in use is removed before rotating, then rotation counts its entries as unreadable and changes nothing', async () => {
    const db = testDatabase();
    try {
      const seeded = await startIvrWorld({ DATABASE_URL: db.url, VAULT_KEY: OLD_VAULT_KEY });
      await seeded.close();
      const rotated = await rotateKeysCommand(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, VAULT_KEY: NEW_VAULT_KEY, VAULT_KEY_ID: 'k2' }));
      expect(rotated.report.vault).toEqual({ resealed: 0, unreadable: 2, current: 0 });
      expect(rotated.lines.join('\n')).toMatch(/2 entries on a key that is not configured/);

      const restored = await rotateKeysCommand(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, VAULT_KEY: NEW_VAULT_KEY, VAULT_KEY_ID: 'k2', VAULT_PREVIOUS_KEYS: `k1:${OLD_VAULT_KEY}` }),
      );
      expect(restored.report.vault).toEqual({ resealed: 2, unreadable: 0, current: 2 });
    } finally {
      await db.cleanup();
    }
  });
});

describe('key settings', () => {
  const load = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'test', ...env });

  it('read previous keys as id:key pairs and default the key ids to k1', () => {
    const c = loadConfig({ NODE_ENV: 'test', VAULT_KEY_ID: 'k3', VAULT_PREVIOUS_KEYS: `k1:${OLD_VAULT_KEY}, k2:${NEW_VAULT_KEY}`, IDENTITY_HASH_PREVIOUS_KEYS: `old:${OLD_HASH_KEY}` });
    expect(c.identityHashKeyId).toBe('k1');
    expect(c.identityHashPreviousKeys).toEqual([{ id: 'old', key: OLD_HASH_KEY }]);
    expect(c.vaultKeyId).toBe('k3');
    expect(c.vaultPreviousKeys.map((k) => [k.id, k.key.length])).toEqual([['k1', 32], ['k2', 32]]);
  });

  it('refuse a malformed previous key, a repeated id, or the current id among the previous ones, naming the variable', () => {
    expect(load({ VAULT_PREVIOUS_KEYS: 'k1:not-32-bytes' })).toThrow(/VAULT_PREVIOUS_KEYS/);
    expect(load({ IDENTITY_HASH_PREVIOUS_KEYS: OLD_HASH_KEY })).toThrow(/IDENTITY_HASH_PREVIOUS_KEYS/);
    expect(load({ IDENTITY_HASH_PREVIOUS_KEYS: `a:${OLD_HASH_KEY},a:${NEW_HASH_KEY}` })).toThrow(ConfigError);
    expect(load({ VAULT_KEY_ID: 'k2', VAULT_PREVIOUS_KEYS: `k2:${OLD_VAULT_KEY}` })).toThrow(/must not reuse the current key id k2/);
    expect(load({ IDENTITY_HASH_KEY_ID: 'has spaces' })).toThrow(/IDENTITY_HASH_KEY_ID/);
  });
});
