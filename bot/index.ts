import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  type Activity,
  type BotAdapter,
  CloudAdapter,
  type TurnContext,
  FileTranscriptStore,
  TranscriptLoggerMiddleware,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { z } from 'zod';
import type { i18n as I18n } from 'i18next';
import type { Config } from '../core/config/config';
import type { ConversationEngine } from '../core/conversation';
import { translator } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import { maskSensitiveText } from '../core/security';
import { AssistantBot, localeOf, sessionIdOf, type ChatHandoff } from './assistant-bot';
import { jsonDepth, MAX_JSON_DEPTH } from './directline/http-io';
import { LocalChannelAdapter } from './local-adapter';
import { MaskedTranscriptLogger } from './masked-transcript-logger';
import { ORIGIN, type ChatOrigin } from './origin';

const incomingActivity = z.object({
  type: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  channelId: z.string().min(1).max(128),
  conversation: z.object({ id: z.string().min(1).max(512) }),
  from: z.object({ id: z.string().min(1).max(512) }).optional(),
  recipient: z.object({ id: z.string().min(1).max(512) }).optional(),
  id: z.string().max(512).optional(),
  text: z.string().max(20_000).optional(),
  locale: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
});

export interface BotDeps {
  config: Config;
  engine: ConversationEngine;
  i18n: I18n;
  logger: Logger;
  /** The agent desk a visitor asking for a person is queued at; without it the engine's handoff message stands alone. */
  handoff?: ChatHandoff;
}

export interface MountedBot {
  bot: AssistantBot;
  /** The adapter of this server's own Direct Line: activities reach the bot in-process. */
  local: LocalChannelAdapter;
  /** The Azure channels' adapter, when configured: the desk reaches visitors there proactively. */
  azure: { adapter: CloudAdapter; appId: string } | null;
}

/**
 * Builds the bot and its entry points:
 *
 * - the local Direct Line hands activities to it in-process
 *   ({@link LocalChannelAdapter}); nothing on the network can speak as the
 *   bot or as the channel;
 * - POST /api/messages serves Azure Bot Service channels and accepts only
 *   Bot Framework-authenticated requests (MICROSOFT_APP_ID set), whose
 *   serviceUrl botbuilder checks against the token;
 * - in a local demo (BOT_EMULATOR), the same endpoint accepts the Bot
 *   Framework Emulator unauthenticated, from this machine only, and replies
 *   only to a serviceUrl on this machine;
 * - otherwise /api/messages refuses every request.
 */
export function mountBot(server: Server, deps: BotDeps): MountedBot {
  const { config, logger } = deps;
  const bot = new AssistantBot(deps.engine, deps.i18n, logger.child({ channel: 'chat' }), deps.handoff ?? null);
  let azure: MountedBot['azure'] = null;
  const local = new LocalChannelAdapter();
  local.logic = (context) => bot.run(context);
  prepareAdapter(local, deps);

  if (config.microsoftApp.id || config.botEmulator) {
    const authConfig: ConfigurationBotFrameworkAuthenticationOptions = {
      MicrosoftAppId: config.microsoftApp.id ?? '',
      MicrosoftAppPassword: config.microsoftApp.password ?? '',
      MicrosoftAppType: config.microsoftApp.type,
      MicrosoftAppTenantId: config.microsoftApp.tenantId ?? '',
    };
    const auth = new ConfigurationBotFrameworkAuthentication(authConfig);
    const adapter = new PreAuthenticatedCloudAdapter(auth);
    prepareAdapter(adapter, deps);
    if (config.microsoftApp.id) azure = { adapter, appId: config.microsoftApp.id };
    const origin: ChatOrigin = { scope: config.microsoftApp.id ? 'azure' : 'emulator', clientAddress: null };
    server.post('/api/messages', async (req, res) => {
      if (origin.scope === 'emulator') {
        const refusal = emulatorRefusal(req, req.body);
        if (refusal) {
          res.send(401, { error: { code: 'Unauthorized', message: refusal } });
          return;
        }
      }
      const raw = (req as { rawBody?: unknown }).rawBody;
      if ((typeof raw === 'string' || Buffer.isBuffer(raw)) && jsonDepth(raw.toString()) > MAX_JSON_DEPTH) {
        res.send(400, { error: { code: 'BadArgument', message: `Invalid activity: nested deeper than ${MAX_JSON_DEPTH} levels` } });
        return;
      }
      // The Bot Framework protocol's required fields, checked before the SDK sees the body:
      // a malformed activity gets a 400 with a reason instead of failing inside the adapter.
      const parsed = incomingActivity.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        res.send(400, { error: { code: 'BadArgument', message: `Invalid activity: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim() } });
        return;
      }
      // Authenticated here rather than inside adapter.process(), which prints every refused
      // request's stack trace to the console: a refusal is an expected answer, logged as one line.
      const activity = withDates(req.body as Partial<Activity> & { type: string });
      let authenticated: AuthenticateRequestResult;
      try {
        authenticated = await auth.authenticateRequest(activity, headerValue(req.headers.authorization));
      } catch (error) {
        if (!isAuthenticationError(error)) throw error;
        logger.warn({ channel: 'chat', origin: origin.scope, reason: error.message }, 'Bot Framework request refused');
        res.send(401, { error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
        return;
      }
      const invoke = await adapter.processAuthenticated(authenticated, activity, (context) => {
        context.turnState.set(ORIGIN, origin);
        return bot.run(context);
      });
      res.send(invoke?.status ?? 200, invoke?.body);
    });
  } else {
    server.post('/api/messages', async (_req, res) => {
      res.send(401, {
        error: {
          code: 'Unauthorized',
          message: 'This endpoint accepts Bot Framework-authenticated requests only: set MICROSOFT_APP_ID (Azure Bot Service), or run a local demo for the Emulator.',
        },
      });
    });
  }
  return { bot, local, azure };
}

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** A CloudAdapter that runs a turn for a request the route has already authenticated. */
class PreAuthenticatedCloudAdapter extends CloudAdapter {
  processAuthenticated(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authenticated, activity, logic);
  }
}

/** The SDK's AuthenticationError (a 401), told apart without importing botframework-connector itself. */
function isAuthenticationError(error: unknown): error is Error & { statusCode: number } {
  return error instanceof Error && 'statusCode' in error && error.statusCode === 401;
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * The activity with its ISO timestamps as Dates, the raw strings kept, as the
 * SDK's own request handling gives them to the bot.
 */
function withDates(body: Partial<Activity> & { type: string }): Activity {
  const activity = { ...body } as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value: unknown = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}

/**
 * What the local Direct Line stores and echoes of a visitor's message: the
 * whole text masked when the bot's last question asked for a sensitive value,
 * and otherwise anything that reads as an SSN/Tax ID or a bank or card number.
 */
export function visitorTextRedactor(engine: ConversationEngine): (conversationId: string, text: string) => Promise<string> {
  return async (conversationId, text) => {
    const expectation = await engine.pendingExpectation(sessionIdOf({ scope: 'local', clientAddress: null }, { channelId: 'directline', conversation: { id: conversationId } }));
    const wholeText = expectation?.kind === 'digits' && expectation.sensitive;
    return maskSensitiveText(text, { wholeText });
  };
}

/** Error handling and transcript logging, the same on every adapter. */
function prepareAdapter(adapter: BotAdapter, deps: BotDeps): void {
  const { config, logger } = deps;
  if (config.transcriptDir) {
    // Live chats recorded for testers (Bot Framework .transcript files), with sensitive numbers masked.
    adapter.use(new TranscriptLoggerMiddleware(new MaskedTranscriptLogger(new FileTranscriptStore(config.transcriptDir))));
  }
  adapter.onTurnError = async (context, error) => {
    const correlationId = randomUUID();
    logger.error({ err: { name: error.name, message: error.message }, correlationId, conversation: context.activity.conversation?.id }, 'chat turn failed');
    const locale = localeOf(context.activity.locale) ?? 'en';
    const t = translator(deps.i18n, locale, 'chat');
    try {
      await context.sendActivity({ type: 'message', text: t({ key: 'error.unavailable' }), channelData: { correlationId } });
    } catch {
      // The channel itself is unreachable; the log line above is all we can do.
    }
  };
}

/**
 * The Emulator runs on the same machine as a local demo: a request from
 * elsewhere (or through a proxy), or one asking for replies to go anywhere
 * but this machine, is refused.
 */
function emulatorRefusal(req: IncomingMessage, body: unknown): string | null {
  const forwarded = req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined;
  if (!isLoopbackAddress(req.socket.remoteAddress ?? '') || forwarded) return 'The Emulator endpoint accepts requests from this machine only.';
  const serviceUrl = (body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
  if (typeof serviceUrl !== 'string') return null;
  try {
    const host = new URL(serviceUrl).hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || isLoopbackAddress(host)) return null;
  } catch {
    // Not a URL: the schema check below answers it.
    return null;
  }
  return 'The Emulator endpoint replies to this machine only.';
}

function isLoopbackAddress(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}
