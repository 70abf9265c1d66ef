import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..', 'prisma');
/** Everything after the datasource block: the models and their comments. */
const models = (kind: string) => {
  const text = fs.readFileSync(path.join(root, kind, 'schema.prisma'), 'utf8');
  const start = text.search(/^model /m);
  return text.slice(start).trim();
};

describe('the two Prisma schemas', () => {
  it('declare identical models for SQLite and PostgreSQL', () => {
    expect(models('sqlite').length).toBeGreaterThan(1000);
    expect(models('postgres')).toBe(models('sqlite'));
  });

  it('each have an init migration written by migrate diff and a lock file for their provider', () => {
    expect(fs.readFileSync(path.join(root, 'sqlite/migrations/migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"');
    expect(fs.readFileSync(path.join(root, 'postgres/migrations/migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    for (const kind of ['sqlite', 'postgres']) {
      const sql = fs.readFileSync(path.join(root, kind, 'migrations/20250301000000_init/migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "Payment"');
      expect(sql).toContain('"Payment_idempotencyKey_key"');
    }
  });

  it('generate the client the data layer uses (engineType client, CommonJS)', () => {
    for (const kind of ['sqlite', 'postgres']) {
      const text = fs.readFileSync(path.join(root, kind, 'schema.prisma'), 'utf8');
      expect(text).toMatch(/provider\s+=\s+"prisma-client"/);
      expect(text).toMatch(/engineType\s+=\s+"client"/);
      expect(text).toMatch(/moduleFormat\s+=\s+"cjs"/);
      expect(text).toContain(`output       = "../../generated/${kind}"`);
    }
  });
});
