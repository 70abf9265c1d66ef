import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { mountDirectLine, type DirectLineOptions, type DirectLineService } from '../../bot/directline';
import { LocalChannelAdapter } from '../../bot/local-adapter';

/** A line the service logged, kept so tests can check what reaches the logs. */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message?: string;
}

export interface DirectLineHarness {
  baseUrl: string;
  directLineUrl: string;
  service: DirectLineService;
  logs: LoggedLine[];
  /** Moves the service's clock forward, e.g. past a token's expiry. */
  advanceClock(ms: number): void;
  /** The activities the test bot received, in order. */
  botInbox: { type: string; name?: string; text?: string; from?: { id: string }; membersAdded?: { id: string }[]; serviceUrl?: string; locale?: string; value?: unknown }[];
  close(): Promise<void>;
}

export const SIGNING_KEY = 'test-signing-key-0123456789abcdefghijklmnop';
export const SECRET = 'test-directline-secret';

/** A tiny echo bot on the same in-process adapter the product bot uses with the local Direct Line. */
class EchoBot extends ActivityHandler {
  constructor(inbox: DirectLineHarness['botInbox']) {
    super();
    this.onTurn(async (context, next) => {
      const a = context.activity;
      inbox.push({
        type: a.type,
        name: a.name,
        text: a.text,
        from: a.from,
        membersAdded: a.membersAdded,
        serviceUrl: a.serviceUrl,
        locale: a.locale,
        value: a.value,
      });
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === 'crash') throw new Error('the test bot crashed on purpose');
      if (text === 'show typing') await context.sendActivity({ type: 'typing' });
      if (text === 'draft then final') {
        const draft = await context.sendActivity('draft');
        await context.updateActivity({ type: 'message', id: draft?.id, text: 'final' });
        return next();
      }
      if (text === 'say then take back') {
        const said = await context.sendActivity('oops');
        await context.deleteActivity(said?.id ?? '');
        return next();
      }
      await context.sendActivity(`you said ${text}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(`hello ${member.id}`);
      }
      await next();
    });
    this.onEvent(async (context: TurnContext, next) => {
      if (context.activity.name === 'webchat/join') {
        const locale = (context.activity.value as { locale?: string } | undefined)?.locale ?? 'unknown';
        await context.sendActivity(`Welcome! (${locale})`);
      }
      await next();
    });
  }
}

/** Starts a real restify server on an ephemeral port with the Direct Line service and the echo bot. */
export async function startDirectLineHarness(
  overrides: Partial<DirectLineOptions> & { globalBodyParser?: boolean } = {},
): Promise<DirectLineHarness> {
  const server = restify.createServer({ name: 'directline-test' });
  if (overrides.globalBodyParser) server.use(restify.plugins.bodyParser());

  const adapter = new LocalChannelAdapter();
  adapter.onTurnError = async () => {
    // Rethrowing fails the turn, which Direct Line must report as a bot error.
    throw new Error('bot turn failed');
  };
  const botInbox: DirectLineHarness['botInbox'] = [];
  const bot = new EchoBot(botInbox);
  adapter.logic = (context) => bot.run(context);

  let clockOffset = 0;
  const logs: LoggedLine[] = [];
  const log = (level: LoggedLine['level']) => (fields: object, message?: string) => logs.push({ level, fields, message });
  let base = '';
  const { globalBodyParser: _ignored, ...options } = overrides;
  const service = mountDirectLine(server, {
    signingKey: SIGNING_KEY,
    secret: SECRET,
    deliverTo: adapter.bot,
    publicUrl: () => base,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    now: () => Date.now() + clockOffset,
    ...options,
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    baseUrl: base,
    directLineUrl: `${base}/v3/directline`,
    service,
    logs,
    botInbox,
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    close: async () => {
      await service.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections();
      });
    },
  };
}

/** Resolves when `check` passes, polling briefly; fails with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
