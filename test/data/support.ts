import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createPrismaRepositories, withDriver, type PrismaRepositories } from '../../data';
import { migrate } from '../../data/prepare-database';

export const TEST_VAULT_KEY = Buffer.alloc(32, 9);
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A migrated SQLite database in a fresh temp directory. */
export async function sqliteStore(): Promise<{ repos: PrismaRepositories; dir: string; file: string; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicing-'));
  const file = path.join(dir, 'test.db');
  const settings = { databaseUrl: `file:${file}`, databaseKind: 'sqlite' as const };
  await migrate(settings);
  const repos = await createPrismaRepositories({ ...settings, vaultKey: TEST_VAULT_KEY });
  return {
    repos,
    dir,
    file,
    cleanup: async () => {
      await repos.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when PostgreSQL answers; the suites skip loudly otherwise. */
export async function postgresReachable(): Promise<boolean> {
  try {
    await withDriver({ databaseUrl: POSTGRES_URL, databaseKind: 'postgres' }, (d) => d.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] }));
    return true;
  } catch {
    return false;
  }
}

/** Drops a test schema and everything in it. */
export async function dropPostgresSchema(schema: string): Promise<void> {
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error('refusing to drop a schema that is not a test schema');
  await withDriver({ databaseUrl: POSTGRES_URL, databaseKind: 'postgres' }, (d) => d.executeScript(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** A migrated PostgreSQL schema of its own, dropped on cleanup. */
export async function postgresStore(): Promise<{ repos: PrismaRepositories; cleanup(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const settings = { databaseUrl: `${POSTGRES_URL}?schema=${schema}`, databaseKind: 'postgres' as const };
  await migrate(settings);
  const repos = await createPrismaRepositories({ ...settings, vaultKey: TEST_VAULT_KEY });
  return {
    repos,
    cleanup: async () => {
      await repos.close();
      await dropPostgresSchema(schema);
    },
  };
}

/**
 * Jest collects suites synchronously, so whether to run the PostgreSQL suite
 * is decided by a blocking probe in a child process.
 */
export function postgresReachableSync(): boolean {
  const probe = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
  const r = spawnSync(process.execPath, ['-e', probe, POSTGRES_URL], { cwd: path.join(__dirname, '..', '..'), timeout: 5000 });
  return r.status === 0;
}
