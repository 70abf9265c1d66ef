import { createServer, type App, type ServerOptions } from '../../app/server';
import { loadConfig } from '../../core/config/config';
import { testDatabase } from './database';

export interface TestServer {
  app: App;
  /** http://127.0.0.1:PORT — also the public URL Twilio signatures are checked against. */
  base: string;
  close(): Promise<void>;
}

/**
 * The real server, in-process on a free port, over a fresh database seeded with
 * the demo customers. `env` overrides settings the way deployment variables would.
 */
export async function startTestServer(env: Record<string, string> = {}, options: ServerOptions = {}): Promise<TestServer> {
  const db = testDatabase();
  // The public URL becomes the listening address, as Twilio would see a server on port 0.
  const { PUBLIC_BASE_URL: _unused, ...inherited } = process.env;
  const config = loadConfig({
    ...inherited,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    // Every test client speaks from 127.0.0.1: the per-address budgets are tested on their own.
    CHAT_STARTS_PER_MINUTE: '100000',
    CHAT_POSTS_PER_MINUTE: '1000000',
    ...env,
  });
  const app = await createServer(config, options);
  await app.listen();
  return {
    app,
    base: app.url(),
    close: async () => {
      await app.close();
      await db.cleanup();
    },
  };
}
