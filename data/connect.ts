import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { SharedAdapterFactory, sqlOver, type Sql } from './sql';

/** What the data layer needs from the config (tests can build it by hand). */
export interface DatabaseSettings {
  databaseUrl: string;
  databaseKind: 'sqlite' | 'postgres';
}

/**
 * Both generated clients come from identical models, so their query API is
 * the same; the SQLite client's type stands for both.
 */
export type Db = SqliteClient;

/** The SQLite file a `file:` URL names; relative paths resolve from the working directory. */
export function sqliteFile(url: string): string {
  const p = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return p === ':memory:' ? p : path.resolve(p);
}

/**
 * Splits Prisma's `?schema=` off a PostgreSQL URL: node-postgres does not know
 * it, so the schema is applied as the search_path of every connection instead.
 */
export function postgresTarget(url: string): { connectionString: string; schema: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? 'public';
  u.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error('the PostgreSQL schema name must be a plain identifier');
  return { connectionString: u.toString(), schema };
}

/** A driver adapter factory for the configured store. */
export function adapterFactory(db: DatabaseSettings): SqlMigrationAwareDriverAdapterFactory {
  if (db.databaseKind === 'sqlite') {
    const file = sqliteFile(db.databaseUrl);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  }
  const { connectionString, schema } = postgresTarget(db.databaseUrl);
  return new PrismaPg({ connectionString, options: `-c search_path="${schema}"` }, { schema });
}

/** Runs `use` with a raw driver connection (for migrations), then disposes of it. */
export async function withDriver<T>(db: DatabaseSettings, use: (driver: SqlDriverAdapter) => Promise<T>): Promise<T> {
  const driver = await adapterFactory(db).connect();
  try {
    return await use(driver);
  } finally {
    await driver.dispose();
  }
}

/**
 * A Prisma client over the driver adapter for the configured store, and plain
 * SQL on the same connection (see `sql.ts`). Only the generated client of the
 * configured store is loaded: each carries its own query compiler, which
 * would otherwise sit in memory unused.
 */
export function openDatabase(settings: DatabaseSettings): { db: Db; sql: Sql; close(): Promise<void> } {
  const adapter = new SharedAdapterFactory(adapterFactory(settings));
  const db = newPrismaClient(settings.databaseKind, adapter);
  return {
    db,
    sql: sqlOver(adapter),
    close: async () => {
      await db.$disconnect();
      await adapter.dispose();
    },
  };
}

/** The generated client of one store, loaded only when that store is used (see {@link openDatabase}). */
function newPrismaClient(kind: DatabaseSettings['databaseKind'], adapter: SqlMigrationAwareDriverAdapterFactory): Db {
  if (kind === 'sqlite') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, as explained above
    const { PrismaClient } = require('../generated/sqlite/client') as typeof import('../generated/sqlite/client');
    return new PrismaClient({ adapter });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, as explained above
  const { PrismaClient } = require('../generated/postgres/client') as typeof import('../generated/postgres/client');
  return new PrismaClient({ adapter }) as unknown as Db;
}
