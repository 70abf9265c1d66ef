/**
 * A server for the benchmark to load from another process, the way a load
 * generator measures a real deployment: `product` is the assistant on a fresh
 * SQLite file (or on the PostgreSQL URL given after it), `echo` the bare
 * botbuilder baseline, `twiml` the bare restify + twilio phone baseline. It
 * reports its address over IPC and answers memory questions until told to stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from '../app/server';
import { loadConfig } from '../core/config/config';
import { startEchoBot } from './echo-bot';
import { startTwimlBaseline } from './twiml-baseline';

type Ask = { kind: 'memory' } | { kind: 'stop' };

async function main(): Promise<void> {
  const which = process.argv[2];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 50);
  let stop: () => Promise<void>;
  if (which === 'echo') {
    const echo = await startEchoBot();
    process.send?.({ kind: 'ready', directLineUrl: echo.directLineUrl });
    stop = echo.close;
  } else if (which === 'twiml') {
    const baseline = await startTwimlBaseline();
    process.send?.({ kind: 'ready', base: baseline.base, directLineUrl: '', authToken: baseline.authToken });
    stop = baseline.close;
  } else {
    const postgresUrl = process.argv[3];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    const app = await createServer(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: postgresUrl ?? `file:${path.join(dir, 'bench.db')}`,
        CHAT_STARTS_PER_MINUTE: '100000',
        CHAT_POSTS_PER_MINUTE: '1000000',
        // Measured deliveries between instances are signalled ones: a poll would not come for an hour.
        DIRECTLINE_FALLBACK_POLL_MS: '3600000',
        SHUTDOWN_GRACE_SECONDS: '0',
      }),
    );
    await app.listen();
    process.send?.({ kind: 'ready', base: app.url(), directLineUrl: `${app.url()}/v3/directline`, authToken: app.config.twilio.authToken });
    stop = async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  process.on('message', (ask: Ask) => {
    if (ask.kind === 'memory') {
      sample();
      process.send?.({ kind: 'memory', peakRss, peakHeap });
    }
    if (ask.kind === 'stop') {
      clearInterval(sampler);
      void stop().then(() => process.exit(0));
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
