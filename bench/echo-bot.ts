import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ActivityHandler } from 'botbuilder';
import { mountDirectLine } from '../bot/directline';
import { LocalChannelAdapter } from '../bot/local-adapter';

/**
 * The baseline: a bare botbuilder echo bot on restify, behind the same local
 * Direct Line as the product and handed activities in-process the same way,
 * so a comparison measures only what the assistant adds per turn (engine,
 * NLU, database), not the transport.
 */
export async function startEchoBot(): Promise<{ directLineUrl: string; close(): Promise<void> }> {
  const server = restify.createServer({ name: 'echo-baseline' });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  const adapter = new LocalChannelAdapter();
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  bot.onEvent(async (context, next) => {
    await context.sendActivity('Hello!');
    await next();
  });
  adapter.logic = (context) => bot.run(context);
  let base = '';
  const directLine = mountDirectLine(server, {
    signingKey: 'bench-echo-signing-key-0123456789abcdef',
    deliverTo: adapter.bot,
    publicUrl: () => base,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    rateLimits: { startsPerMinute: 100_000, postsPerMinute: 1_000_000 },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    directLineUrl: `${base}/v3/directline`,
    close: async () => {
      await directLine.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
