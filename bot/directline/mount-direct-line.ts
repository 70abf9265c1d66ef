import type { Server } from 'restify';
import { BotDelivery } from './bot-delivery';
import { mountClientRoutes } from './client-routes';
import type { DirectLineContext } from './context';
import type { ActivitySignals, DirectLineStore } from './direct-line-store';
import { InMemoryDirectLineStore } from './in-memory-store';
import { replyChannelFor, type LocalBot, type ReplyChannel } from './local-bot';
import { createRateLimits, DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limits';
import { StreamHub } from './stream-hub';
import { TokenSigner } from './tokens';
import type { DirectLineLogger } from './types';

/** Settings of {@link mountDirectLine}. */
export interface DirectLineOptions {
  /** HMAC-SHA256 key that signs conversation tokens; at least 32 characters. Changing it invalidates every token. */
  signingKey: string;
  /**
   * Optional Direct Line secret. When set, `Authorization: Bearer <secret>`
   * also starts conversations, generates tokens (including `dl_` user ids) and
   * works on every conversation endpoint. Anonymous visitors never need it.
   */
  secret?: string;
  /** The bot this service serves, in the same process: activities are handed to it and its replies come back directly. */
  deliverTo: LocalBot;
  /**
   * Masks sensitive values (an SSN typed at any prompt, anything typed where
   * the bot asked for a sensitive value) in a visitor's text before it is
   * stored, streamed or echoed. Default: the text as typed.
   */
  redactText?: (conversationId: string, text: string) => string | Promise<string>;
  /** Base URL browsers reach this server at; the WebSocket `streamUrl` is built from it (http→ws, https→wss). */
  publicUrl: () => string;
  /** Lifetime of a token in seconds. Default 3600, as Azure's; Direct Line clients refresh every 15 minutes. */
  tokenTtlSeconds?: number;
  /** How long a chain of refreshes may renew a conversation's tokens, from its first token. Default 24 hours. */
  maxTokenChainSeconds?: number;
  /** Per-address budgets for starting conversations and posting. Default {@link DEFAULT_RATE_LIMITS}. */
  rateLimits?: RateLimitSettings;
  /** A conversation in which the visitor never posted is forgotten after this long. Default 600 s. */
  unusedConversationSeconds?: number;
  logger: DirectLineLogger;
  /** Conversations and their history. Default: a new {@link InMemoryDirectLineStore}. */
  store?: DirectLineStore;
  /** The bot's account as users see it. Default `{ id: 'bot', name: 'Bot' }`. */
  bot?: { id: string; name?: string };
  /** How long to wait for the bot to acknowledge an activity. Default 15000 ms. */
  botTimeoutMs?: number;
  /** Conversations with no activity (and no open WebSocket) for this long are deleted. Default 3600 s. */
  idleConversationSeconds?: number;
  /** Interval of WebSocket heartbeats (an empty ActivitySet plus a ping). Default 30 s. */
  heartbeatSeconds?: number;
  /**
   * With a store shared by several server instances: how instances tell each
   * other of new activities, so a stream here gets another instance's reply
   * at once. Default: none (this instance's own appends only).
   */
  signals?: ActivitySignals;
  /**
   * With a store shared by several server instances: how often each open
   * stream looks for activities another instance appended, always without
   * `signals` and only while they are lost with them (0, the default, never).
   */
  streamPollMs?: number;
  /** New conversations are refused with 429 beyond this many. Default 10000. */
  maxConversations?: number;
  /**
   * Reverse proxies in front of this server whose `X-Forwarded-For` entries
   * are believed when telling the bot the visitor's address. Default 0: the
   * socket's peer.
   */
  trustedProxyHops?: number;
  /**
   * When the store fails while a visitor posts, the text of a bot message sent
   * to their open streams (it cannot be stored), given the posted activity's
   * locale; the post itself is refused with a retryable 503. Default: none.
   */
  unavailableText?: (locale: string | undefined) => string | null;
  /** Clock in epoch milliseconds; tests move it to expire tokens. Default `Date.now`. */
  now?: () => number;
}

/** A mounted Direct Line service. */
export interface DirectLineService {
  /** The store in use, e.g. for a transcript export or an operator view. */
  readonly store: DirectLineStore;
  /** Resolves once the first attempt to listen for other instances' signals is over (at once without signals). */
  readonly ready: Promise<void>;
  /** Writes into a conversation as the bot does (an agent's reply during a handoff). */
  replyChannel(conversationId: string): ReplyChannel;
  /**
   * Waits for in-flight bot deliveries, closes every WebSocket and stops the
   * timers. Call it before `server.close()`: an open WebSocket keeps the HTTP
   * server from closing.
   */
  close(): Promise<void>;
}

/**
 * Mounts a local Direct Line 3.0 service on a restify server, so the official
 * Web Chat (`createDirectLine({ domain: '<publicUrl>/v3/directline', token })`)
 * and `botframework-directlinejs` talk to our own bot with no Azure:
 *
 * - client API under `/v3/directline` (conversations, tokens, activities,
 *   polling with watermarks, WebSocket stream), every conversation call
 *   guarded by that conversation's signed token;
 * - no Bot Connector API: the bot runs in this process and its replies
 *   come back through a reply channel (`local-bot.ts`), so nothing on the network can
 *   speak as the bot.
 *
 * A user's activity is echoed into the history (with its server id) before
 * it is posted to the bot, and the bot is told once per conversation that the
 * user joined (a `conversationUpdate` with `membersAdded`). No body parser
 * plugin is needed, and one installed globally does no harm.
 */
export function mountDirectLine(server: Server, opts: DirectLineOptions): DirectLineService {
  if (opts.signingKey.length < 32) throw new Error('Direct Line signingKey must be at least 32 characters');
  const now = opts.now ?? Date.now;
  const store = opts.store ?? new InMemoryDirectLineStore();
  const hub = new StreamHub(store, opts.logger, (opts.heartbeatSeconds ?? 30) * 1000, opts.streamPollMs ?? 0);
  const delivery = new BotDelivery(opts.deliverTo, opts.botTimeoutMs ?? 15_000, opts.logger);
  const redactText = opts.redactText;
  const ctx: DirectLineContext = {
    store,
    signer: new TokenSigner(opts.signingKey, opts.tokenTtlSeconds ?? 3600, now),
    maxTokenChainMs: (opts.maxTokenChainSeconds ?? 24 * 3600) * 1000,
    limits: createRateLimits(opts.rateLimits ?? DEFAULT_RATE_LIMITS),
    hub,
    delivery,
    logger: opts.logger,
    now,
    secret: opts.secret || undefined,
    bot: { id: opts.bot?.id ?? 'bot', name: opts.bot?.name ?? 'Bot', role: 'bot' },
    redactText: async (conversationId, text) => (redactText ? redactText(conversationId, text) : text),
    publicUrl: opts.publicUrl,
    maxConversations: opts.maxConversations ?? 10_000,
    trustedProxyHops: opts.trustedProxyHops ?? 0,
    ...(opts.unavailableText ? { unavailableText: opts.unavailableText } : {}),
  };

  const listening = opts.signals ? listenForSignals(opts.signals, hub, opts.logger) : (hub.startPolling(), Promise.resolve());

  mountClientRoutes(server, ctx);
  answerRestifyErrorsAsJson(server);

  const idleMs = (opts.idleConversationSeconds ?? 3600) * 1000;
  const unusedMs = (opts.unusedConversationSeconds ?? 600) * 1000;
  const maxConversations = ctx.maxConversations;
  const sweep = async () => {
    // The fuller the service, the sooner idle conversations go: past half the cap, the idle
    // windows shrink in proportion, so a flood of opened conversations cannot hold the door shut.
    const load = (await store.countConversations()) / maxConversations;
    const factor = load <= 0.5 ? 1 : Math.max(0.05, 2 * (1 - load));
    const removed = await store.deleteIdleConversations(now() - idleMs * factor, hub.activeConversations(), now() - unusedMs * factor);
    if (removed.length > 0) opts.logger.info({ count: removed.length, load: Math.round(load * 100) / 100 }, 'directline idle conversations expired');
  };
  const sweeper = setInterval(() => {
    void sweep().catch((error: unknown) => opts.logger.error({ err: (error as Error)?.message }, 'directline idle sweep failed'));
  }, Math.min(60_000, Math.max(1000, Math.min(idleMs, unusedMs) / 2)));
  sweeper.unref();

  let closed: Promise<void> | undefined;
  return {
    store,
    ready: listening,
    replyChannel: (conversationId) => replyChannelFor(ctx, conversationId),
    close() {
      closed ??= (async () => {
        clearInterval(sweeper);
        await listening;
        await opts.signals?.close();
        await delivery.drain();
        await hub.close();
      })();
      return closed;
    },
  };
}

/**
 * Wakes a conversation's streams when any instance appends to it, and polls
 * instead while the signals are lost: a reply from another instance then
 * arrives at the next poll rather than never.
 */
function listenForSignals(signals: ActivitySignals, hub: StreamHub, logger: DirectLineLogger): Promise<void> {
  return signals.listen({
    activity: (conversationId) => hub.notify(conversationId),
    lost: () => {
      logger.warn({}, 'directline signals lost; open streams poll until they are back');
      hub.startPolling();
    },
    restored: () => {
      logger.info({}, 'directline signals restored');
      hub.stopPolling();
      hub.notifyAll();
    },
  });
}

/**
 * restify answers some requests itself (unknown route, wrong method, a global
 * body parser's rejection). Every such answer, on any path of the server, gets
 * Direct Line's error shape `{ error: { code, message } }` and never a stack
 * trace or an internal message. restify allows one `restifyError` listener per
 * server (a second one calling the callback again crashes the process), so
 * this is the server's only one.
 */
function answerRestifyErrorsAsJson(server: Server): void {
  server.on('restifyError', (_req: unknown, _res: unknown, err: RestifyLikeError, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const code = status >= 500 ? 'ServiceError' : (err.body?.code ?? 'BadArgument');
    const message = status >= 500 ? 'An internal error occurred.' : err.message;
    err.toJSON = () => ({ error: { code, message } });
    err.toString = () => message;
    return callback();
  });
}

interface RestifyLikeError {
  statusCode?: number;
  message: string;
  toString(): string;
  body?: { code?: string };
  toJSON?: () => unknown;
}
