import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from '../app/server';
import { loadConfig } from '../core/config/config';
import type { Target } from '../transcripts/drivers';

/**
 * Where transcripts are played or recorded: a running deployment given by
 * --base-url (its Twilio requests signed with TWILIO_AUTH_TOKEN from the
 * environment), or, without one, the server started in-process on a fresh
 * SQLite database with the demo customers.
 */
export async function openTarget(baseUrl: string | undefined, directLineUrl?: string): Promise<{ target: Target; close(): Promise<void> }> {
  if (baseUrl) {
    const config = loadConfig();
    // A deployment behind Azure Bot Service chats through Azure's Direct Line, which needs the channel's secret.
    const directLine = directLineUrl ? { url: directLineUrl.replace(/\/$/, ''), ...(config.directLine.secret ? { secret: config.directLine.secret } : {}) } : undefined;
    return { target: { base: baseUrl.replace(/\/$/, ''), twilioAuthToken: config.twilio.authToken, ...(directLine ? { directLine } : {}) }, close: async () => undefined };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'transcripts-'));
  const app = await createServer(
    loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: `file:${path.join(dir, 'run.db')}`, PUBLIC_BASE_URL: '', CHAT_STARTS_PER_MINUTE: '100000', CHAT_POSTS_PER_MINUTE: '1000000' }),
  );
  await app.listen();
  return {
    target: { base: app.url(), twilioAuthToken: app.config.twilio.authToken },
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs a script's main: exits with its code, or with 2 and the message (no stack) when it throws. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
