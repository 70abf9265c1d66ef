import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { ActivitySignals } from '../../core/store/direct-line-store';
import { activityChannel, createPrismaRepositories, postgresActivitySignals, type PrismaRepositories } from '../../data';
import { migrate } from '../../data/prepare-database';
import { eventually } from '../support/directline-harness';
import { dropPostgresSchema, POSTGRES_URL, postgresReachable, TEST_VAULT_KEY } from './support';

/**
 * Direct Line activity signals over PostgreSQL LISTEN/NOTIFY: an append
 * through one instance's store wakes a listener elsewhere, a lost listening
 * connection is reported and comes back by itself, and schemas do not hear
 * each other.
 */
let reachable = false;
beforeAll(async () => {
  reachable = await postgresReachable();
  if (!reachable) console.warn(`!!! PostgreSQL is not reachable at ${POSTGRES_URL}: the signal tests are SKIPPED`);
});

interface Heard {
  activity: string[];
  lost: number;
  restored: number;
}

async function schemaStore(): Promise<{ url: string; repos: PrismaRepositories; cleanup(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  await migrate({ databaseUrl: url, databaseKind: 'postgres' });
  const repos = await createPrismaRepositories({ databaseUrl: url, databaseKind: 'postgres', vaultKey: TEST_VAULT_KEY });
  return {
    url,
    repos,
    cleanup: async () => {
      await repos.close();
      await dropPostgresSchema(schema);
    },
  };
}

async function listening(url: string): Promise<{ signals: ActivitySignals; heard: Heard }> {
  const heard: Heard = { activity: [], lost: 0, restored: 0 };
  const signals = postgresActivitySignals(url, { reconnectMs: 100 });
  await signals.listen({
    activity: (id) => heard.activity.push(id),
    lost: () => (heard.lost += 1),
    restored: () => (heard.restored += 1),
  });
  return { signals, heard };
}

async function startConversation(repos: PrismaRepositories): Promise<string> {
  const id = randomBytes(8).toString('hex');
  await repos.directLine.createConversation({ id, createdAt: Date.now(), lastActiveAt: Date.now(), joined: false, tokenGeneration: 0 });
  return id;
}

const append = (repos: PrismaRepositories, id: string, text: string) =>
  repos.directLine.appendActivity(id, { type: 'message', text }, (seq) => `${id}|${seq}`);

describe('Direct Line signals on PostgreSQL', () => {
  jest.setTimeout(30_000);

  it('an activity appended through one connection wakes a listener on another, naming its conversation', async () => {
    if (!reachable) return;
    const db = await schemaStore();
    const { signals, heard } = await listening(db.url);
    try {
      const id = await startConversation(db.repos);
      await append(db.repos, id, 'hello');
      await eventually(() => expect(heard.activity).toEqual([id]));
      expect(heard.lost).toBe(0);
    } finally {
      await signals.close();
      await db.cleanup();
    }
  });

  it('when the listening connection is cut, the listener is told it lost signals, reconnects, is told they are back, and hears appends again', async () => {
    if (!reachable) return;
    const db = await schemaStore();
    const { signals, heard } = await listening(db.url);
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const cut = await admin.query('SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = $1', [
        `listen ${activityChannel(db.url)}`,
      ]);
      expect(cut.rowCount).toBe(1);
      await eventually(() => expect(heard.lost).toBe(1));
      await eventually(() => expect(heard.restored).toBe(1));

      const id = await startConversation(db.repos);
      await append(db.repos, id, 'after the cut');
      await eventually(() => expect(heard.activity).toContain(id));
    } finally {
      await admin.end();
      await signals.close();
      await db.cleanup();
    }
  });

  it('an append in one schema is not heard by the listener of another', async () => {
    if (!reachable) return;
    const one = await schemaStore();
    const other = await schemaStore();
    const { signals, heard } = await listening(other.url);
    try {
      const quiet = await startConversation(one.repos);
      await append(one.repos, quiet, 'elsewhere');
      // An append in the listener's own schema afterwards proves the listener is live when the first is checked.
      const mine = await startConversation(other.repos);
      await append(other.repos, mine, 'here');
      await eventually(() => expect(heard.activity).toContain(mine));
      expect(heard.activity).not.toContain(quiet);
    } finally {
      await signals.close();
      await one.cleanup();
      await other.cleanup();
    }
  });

  it('a listener that cannot connect says so at once and keeps trying', async () => {
    if (!reachable) return;
    const heard: Heard = { activity: [], lost: 0, restored: 0 };
    const errors: string[] = [];
    const signals = postgresActivitySignals('postgresql://postgres@127.0.0.1:1/test', { reconnectMs: 50, onError: (m) => errors.push(m) });
    try {
      await signals.listen({ activity: () => undefined, lost: () => (heard.lost += 1), restored: () => (heard.restored += 1) });
      expect(heard.lost).toBe(1);
      await eventually(() => expect(errors.length).toBeGreaterThan(1));
      expect(heard.lost).toBe(1);
      expect(heard.restored).toBe(0);
    } finally {
      await signals.close();
    }
  });
});
