import fs from 'node:fs';
import path from 'node:path';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import type { Config } from '../core/config/config';
import { businessDate } from '../core/shared/dates';
import { withDriver, createPrismaRepositories, type DatabaseSettings } from './index';
import { seedDemoData } from '../prisma/seed-data';

/**
 * Prepares the database at start-up or from the CLI: applies any migration
 * not yet applied (recorded in `_migrations`), then seeds the demo data when
 * asked to and the database has no customers.
 *
 * One mechanism serves both stores: the CLI cannot migrate PostgreSQL with
 * adapter-pg 6.19 (see DESIGN.md), so the migration SQL files Prisma wrote
 * (`migrate diff`) are applied through the driver adapter here.
 */

export type PrepareSettings = DatabaseSettings &
  Pick<Config, 'seedDemoData' | 'identityHashKey' | 'vaultKey' | 'timeZone'> &
  Partial<Pick<Config, 'identityHashKeyId' | 'vaultKeyId' | 'vaultPreviousKeys'>> & {
    /** When the demo is seeded "today"; defaults to the current time. */
    now?: Date;
  };

export interface PrepareReport {
  applied: string[];
  seeded: boolean;
}

const MIGRATIONS_ROOT = path.join(__dirname, '..', 'prisma');

/** Migration folder names in the order they apply (their timestamp prefixes sort). */
export function migrationNames(kind: 'sqlite' | 'postgres'): string[] {
  const dir = path.join(MIGRATIONS_ROOT, kind, 'migrations');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

async function appliedMigrations(driver: SqlDriverAdapter): Promise<Set<string>> {
  await driver.executeScript('CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)');
  const result = await driver.queryRaw({ sql: 'SELECT "name" FROM "_migrations"', args: [], argTypes: [] });
  return new Set(result.rows.map((r) => String(r[0])));
}

/** Applies pending migrations, each with its bookkeeping row in one transaction; returns their names. */
export async function migrate(db: DatabaseSettings): Promise<string[]> {
  return withDriver(db, async (driver) => {
    if (db.databaseKind === 'postgres') {
      const schema = new URL(db.databaseUrl).searchParams.get('schema');
      if (schema) await driver.executeScript(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    }
    const done = await appliedMigrations(driver);
    const applied: string[] = [];
    for (const name of migrationNames(db.databaseKind)) {
      if (done.has(name)) continue;
      if (!/^[\w-]+$/.test(name)) throw new Error(`unexpected migration folder name ${name}`);
      const sql = fs.readFileSync(path.join(MIGRATIONS_ROOT, db.databaseKind, 'migrations', name, 'migration.sql'), 'utf8');
      const stamp = new Date().toISOString();
      await driver.executeScript(
        `BEGIN;\n${sql}\n;INSERT INTO "_migrations" ("name", "appliedAt") VALUES ('${name}', '${stamp}');\nCOMMIT;`,
      );
      applied.push(name);
    }
    return applied;
  });
}

/** Migrates, then seeds the demo customers into a new (customer-less) database when `seedDemoData` is on. */
export async function prepareDatabase(config: PrepareSettings): Promise<PrepareReport> {
  const applied = await migrate(config);
  if (!config.seedDemoData) return { applied, seeded: false };
  const repos = await createPrismaRepositories(config);
  try {
    if ((await repos.customers.byId('cus_jordan_avery')) || (await hasCustomers(config))) return { applied, seeded: false };
    const now = config.now ?? new Date();
    await seedDemoData(repos.insert, repos.vault, { today: businessDate(now, config.timeZone), identityHashKey: config.identityHashKey, identityHashKeyId: config.identityHashKeyId });
    return { applied, seeded: true };
  } finally {
    await repos.close();
  }
}

async function hasCustomers(db: DatabaseSettings): Promise<boolean> {
  return withDriver(db, async (driver) => {
    const r = await driver.queryRaw({ sql: 'SELECT COUNT(*) FROM "Customer"', args: [], argTypes: [] });
    return Number(r.rows[0]?.[0] ?? 0) > 0;
  });
}
