import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Target } from '../../transcripts/drivers';
import { startTestServer, type TestServer } from './server';

/** Where the transcript runner plays against a test server. */
export function targetOf(server: TestServer, directLine?: Target['directLine']): Target {
  return { base: server.base, twilioAuthToken: server.app.config.twilio.authToken, ...(directLine ? { directLine } : {}) };
}

/**
 * A server and a scratch folder for a transcript test file, started before its
 * tests and removed after them.
 */
export function useTranscriptServer(prefix: string): { target(): Target; dir(): string; server(): TestServer } {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    // The phone line takes cards, as a local demo's does (the runner plays Twilio's <Pay>).
    server = await startTestServer({ TWILIO_PAY_CONNECTOR: 'Default' });
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { target: () => targetOf(server), dir: () => dir, server: () => server };
}
