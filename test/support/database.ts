import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropPostgresSchema, POSTGRES_URL } from '../data/support';

/**
 * A fresh, empty database for one test server: a SQLite file by default, or a
 * PostgreSQL schema of its own when TEST_DATABASE=postgres (the second pass
 * of `npm test`). The server migrates and seeds it itself.
 */
export function testDatabase(): { url: string; cleanup(): Promise<void> } {
  if (process.env.TEST_DATABASE === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    return { url: `${POSTGRES_URL}?schema=${schema}`, cleanup: () => dropPostgresSchema(schema) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'servicing-test-'));
  return {
    url: `file:${path.join(dir, 'servicing.db')}`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
