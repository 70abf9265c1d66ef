import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The CLI needs a driver adapter to run its WASM schema engine offline (see
// DESIGN.md, "Environment facts"). Only SQLite can be migrated by the CLI with
// adapter-pg 6.19; PostgreSQL is migrated by data/prepare-database.ts.
const url = process.env.DATABASE_URL ?? 'file:./var/servicing.db';
const kind = url.startsWith('file:') ? 'sqlite' : 'postgres';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', kind, 'schema.prisma'),
  migrations: { path: path.join('prisma', kind, 'migrations') },
  async adapter() {
    if (kind === 'sqlite') {
      const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
      return new PrismaBetterSQLite3({ url: path.resolve(url.replace(/^file:/, '')) });
    }
    const { PrismaPg } = await import('@prisma/adapter-pg');
    return new PrismaPg({ connectionString: url });
  },
});
