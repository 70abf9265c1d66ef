import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDatabase, migrationNames } from '../../data/prepare-database';
import { createPrismaRepositories } from '../../data';
import { createServices } from '../../core/services';
import { manualClock } from '../../core/shared/clock';
import { dropPostgresSchema, postgresReachable, POSTGRES_URL } from './support';
import { bankChecks } from '../domain/helpers';

const base = {
  seedDemoData: true,
  identityHashKey: 'prepare-test-hash-key-0123456789abcdef',
  vaultKey: Buffer.alloc(32, 3),
  timeZone: 'America/New_York',
  now: new Date('2025-03-10T14:00:00Z'),
};

describe('preparing the database', () => {
  it('on a new SQLite file migrates and seeds once, then does nothing the second time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-'));
    const settings = { ...base, databaseUrl: `file:${path.join(dir, 'nested', 'demo.db')}`, databaseKind: 'sqlite' as const };
    try {
      expect(await prepareDatabase(settings)).toEqual({ applied: migrationNames('sqlite'), seeded: true });
      expect(await prepareDatabase(settings)).toEqual({ applied: [], seeded: false });

      const repos = await createPrismaRepositories(settings);
      try {
        const services = createServices(repos, { identityHashKey: base.identityHashKey, timeZone: base.timeZone, clock: manualClock(base.now), ...bankChecks(repos.vault) });
        const v = await services.identity.verify({ sessionId: 'p', channel: 'chat', taxId: '533182046', accountReference: 'LFA67890'.slice(-6) });
        expect(v).toMatchObject({ ok: true, value: { customerId: 'cus_maria_lopez', firstName: 'María' } });
        expect((await repos.payments.history('acc_4100020002', 10)).length).toBeGreaterThanOrEqual(3);
        expect(await repos.accounts.byAccountNumber('4100020001')).toMatchObject({ nextDueDate: '2025-03-22', amountDueCents: 41236 });
      } finally {
        await repos.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not seed when demo data is off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-'));
    try {
      const settings = { ...base, seedDemoData: false, databaseUrl: `file:${path.join(dir, 'x.db')}`, databaseKind: 'sqlite' as const };
      expect(await prepareDatabase(settings)).toMatchObject({ seeded: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on a new PostgreSQL schema migrates and seeds once', async () => {
    if (!(await postgresReachable())) {
      console.warn(`!!! PostgreSQL NOT REACHABLE at ${POSTGRES_URL}: prepareDatabase on PostgreSQL is SKIPPED, not passed !!!`);
      return;
    }
    const schema = `t_prep_${Date.now().toString(36)}`;
    const settings = { ...base, databaseUrl: `${POSTGRES_URL}?schema=${schema}`, databaseKind: 'postgres' as const };
    try {
      expect(await prepareDatabase(settings)).toEqual({ applied: migrationNames('postgres'), seeded: true });
      expect(await prepareDatabase(settings)).toEqual({ applied: [], seeded: false });
    } finally {
      await dropPostgresSchema(schema);
    }
  });
});
