import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
// Before restify: hides the one deprecation warning its spdy dependency prints on load.
import './restify-load-warning';
import restify, { type Server } from 'restify';
import type { DestinationStream } from 'pino';
import type { Config } from '../core/config/config';
import { createEngine, type ConversationEngine } from '../core/conversation';
import { createEngineNlu } from '../core/engine-nlu';
import { loadI18n, translator } from '../core/i18n';
import { createLogger, type Logger } from '../core/logging/logger';
import { createServices } from '../core/services';
import { loadFedAchDirectory, type BankAccountValidation } from '../core/payments';
import { createPrenoteValidation, createSimulatedAccountValidation } from '../banking';
import { systemClock, type Clock } from '../core/shared/clock';
import { createPrismaRepositories, postgresActivitySignals, type PrismaRepositories } from '../data';
import { prepareDatabase } from '../data/prepare-database';
import { mountBot, visitorTextRedactor } from '../bot';
import { localeOf } from '../bot/assistant-bot';
import { mountDirectLine } from '../bot/directline';
import { mountWebChatPage } from '../bot/web-page';
import { createCodeTexter, scheduleDailyReminders, type SmsSender } from '../core/alerts';
import { mountIvr, twilioSmsSender } from '../ivr';
import { TurnEventWriter, withTurnEvents } from '../core/analytics';
import { HandoffDesk } from '../core/handoff';
import { chatVisitorLink, directLineTranscript } from '../bot/chat-handoff';
import { mountDesk } from '../desk';

export interface App {
  server: Server;
  engine: ConversationEngine;
  repos: PrismaRepositories;
  logger: Logger;
  config: Config;
  /** The base URL the server listens on (known after listen). */
  url(): string;
  listen(): Promise<void>;
  /**
   * Reports "draining" on /readyz (so a load balancer stops sending new work)
   * while still serving requests, for the configured grace period, then for as
   * long as connections keep arriving (a few seconds at most).
   */
  drain(): Promise<void>;
  /** Stops taking connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
  /** Resolves once every turn event so far is in the database (they are written behind the turns). */
  flushTurnEvents(): Promise<void>;
}

export interface ServerOptions {
  logDestination?: DestinationStream;
  clock?: Clock;
  /** Replaces the configured account validation (a test double at the bank-side edge). */
  bankAccountValidation?: BankAccountValidation;
  /** Sends texts (verification codes) instead of Twilio's Messages API; tests pass their own. */
  smsSender?: SmsSender;
}

/**
 * The composition root: config → database → core services → engine →
 * channel front ends → HTTP routes, in that order. Tests call it with port 0
 * and drive the real server in-process.
 */
/** A drain closes the listener once no connection has arrived for this long… */
const DRAIN_QUIET_MS = 500;
/** …or this long after the grace period at most. */
const DRAIN_ARRIVALS_MAX_MS = 5_000;

export async function createServer(config: Config, options: ServerOptions = {}): Promise<App> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;
  // Read before the database opens: a malformed directory stops start-up naming each bad line.
  const routingDirectory = loadFedAchDirectory(config.routingDirectoryFile);

  const prepared = await prepareDatabase({ ...config, now: clock.now() });
  if (prepared.applied.length || prepared.seeded) logger.info({ migrations: prepared.applied, seeded: prepared.seeded }, 'database prepared');
  const repos = await createPrismaRepositories(config);
  const bankValidation =
    options.bankAccountValidation ??
    (config.bankAccountValidation === 'prenote' ? createPrenoteValidation() : createSimulatedAccountValidation(repos.vault));
  const i18n = await loadI18n();
  const codeTexter = createCodeTexter({
    outbox: repos.outbox,
    i18n,
    sender: options.smsSender ?? twilioSmsSender(config),
    logger,
    clock: () => clock.now(),
  });
  const services = createServices(repos, {
    identityHashKey: config.identityHashKey,
    identityHashKeyId: config.identityHashKeyId,
    identityHashPreviousKeys: config.identityHashPreviousKeys,
    timeZone: config.timeZone,
    clock,
    routingDirectory,
    bankValidation,
    codeTexter,
  });
  const nlu = await createEngineNlu();
  // Every turn on every channel leaves one analytics event (no personal data), written behind the turn:
  // the supervisor's charts read only these.
  const turnEvents = new TurnEventWriter(repos.turnEvents, (error, lost) =>
    logger.warn({ err: { message: (error as Error)?.message }, lost }, 'turn events not recorded'),
  );
  const engine = withTurnEvents(
    createEngine({
      services: { ...services, cardPayments: { phone: Boolean(config.twilio.payConnector), pageUrl: config.cardPaymentPageUrl ?? null } },
      nlu,
      sessions: repos.sessions,
      clock: () => clock.now().getTime(),
      // An embedded SQLite file has this one server; PostgreSQL is shared by several instances.
      soleWriter: config.databaseKind === 'sqlite',
    }),
    { writer: turnEvents, hashKey: config.identityHashKey, now: () => clock.now().getTime() },
  );
  const forgetOldEvents = async () => {
    const cutoff = new Date(clock.now().getTime() - config.eventsRetentionDays * 24 * 3600_000);
    const removed = await repos.turnEvents.deleteBefore(cutoff).catch((error: unknown) => {
      logger.warn({ err: { message: (error as Error)?.message } }, 'old turn events not deleted');
      return 0;
    });
    if (removed) logger.info({ removed, retentionDays: config.eventsRetentionDays }, 'old turn events deleted');
  };
  void forgetOldEvents();
  const eventsRetention = setInterval(() => void forgetOldEvents(), 6 * 3600_000);
  eventsRetention.unref();
  const handoffDesk = new HandoffDesk({
    store: repos.handoffs,
    sessions: repos.agentSessions,
    hours: config.desk.hours.days,
    timeZone: config.timeZone,
    now: () => clock.now(),
  });

  const server = restify.createServer({ name: 'servicing-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: false }));

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  let draining = false;
  // When the last connection was accepted: a drain waits for arrivals to stop before closing the listener.
  let lastConnectionAt = 0;
  server.server.on('connection', () => {
    lastConnectionAt = Date.now();
  });
  server.pre((_req, res, next) => {
    // While draining, every answer asks the client to reconnect elsewhere.
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  server.get('/readyz', async (_req, res) => {
    if (draining) {
      res.send(503, { status: 'draining' });
      return;
    }
    const ok = await repos.ping().catch(() => false);
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'database unavailable' });
  });

  let baseUrl = config.publicBaseUrl;
  const localUrl = () => {
    const addr = server.address() as AddressInfo | null;
    return addr ? `http://127.0.0.1:${addr.port}` : baseUrl;
  };

  const transcriptOf = directLineTranscript(repos.directLine);
  const chat = mountBot(server, {
    config,
    engine,
    i18n,
    logger,
    ...(config.desk.enabled
      ? {
          handoff: {
            desk: handoffDesk,
            // Only the local Direct Line keeps the conversation here; an Azure channel's handoff carries its summary alone.
            transcriptOf: async (origin, conversationId) => (origin?.scope === 'local' ? transcriptOf(conversationId) : []),
            hoursText: config.desk.hours.text,
          },
        }
      : {}),
  });
  const directLine = mountDirectLine(server, {
    signingKey: config.directLine.signingKey,
    secret: config.directLine.secret,
    deliverTo: chat.local.bot,
    redactText: visitorTextRedactor(engine),
    publicUrl: () => baseUrl,
    logger: logger.child({ component: 'directline' }),
    // Conversations live in the database so any instance can serve any visitor. Only
    // PostgreSQL is shared by several instances, which announce their appends to each
    // other (polling only while that is lost); an embedded SQLite file has one server,
    // whose own appends wake its streams.
    store: repos.directLine,
    ...(config.databaseKind === 'postgres'
      ? {
          signals: postgresActivitySignals(config.databaseUrl, { onError: (message) => logger.warn({ err: message }, 'directline signal connection failed') }),
          streamPollMs: config.directLine.fallbackPollMs,
        }
      : {}),
    trustedProxyHops: config.trustedProxyHops,
    rateLimits: config.chatRateLimits,
    unavailableText: (locale) => translator(i18n, localeOf(locale) ?? 'en', 'chat')({ key: 'chat.unavailable' }),
  });
  // A stream opened here must hear other instances' replies from the first request on.
  await directLine.ready;
  handoffDesk.connect(chatVisitorLink({ i18n, directLine, azure: chat.azure }));
  mountWebChatPage(server);
  mountIvr(server, { config, engine, i18n, logger, publicUrl: () => baseUrl, handoffDesk });
  const reminders = config.reminders.enabled
    ? scheduleDailyReminders({ config, i18n, logger, repos, clock: () => clock.now(), sender: twilioSmsSender(config) })
    : null;
  const desk = config.desk.enabled
    ? mountDesk(server, {
        config,
        desk: handoffDesk,
        store: repos.handoffs,
        sessions: repos.agentSessions,
        ops: repos.turnEvents,
        logger: logger.child({ component: 'desk' }),
        publicUrl: () => baseUrl,
        pollMs: config.databaseKind === 'postgres' ? 1000 : 0,
        now: () => clock.now(),
        beforeFigures: () => turnEvents.flush(),
      })
    : null;

  // Error bodies are shaped by the Direct Line module's single restifyError listener; here they are only logged.
  server.on('after', (req, res, _route, error?: Error) => {
    if (error || res.statusCode === 500) {
      logger.error({ err: error ? { name: error.name, message: error.message } : undefined, path: req.path(), status: res.statusCode }, 'request failed');
    }
  });

  return {
    server,
    engine,
    repos,
    logger,
    config,
    url: localUrl,
    listen: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.removeListener('error', reject);
          // On a port picked at listen time, the URL is known only now (tests; Twilio signs against it).
          if (config.port === 0) baseUrl = localUrl();
          resolve();
        });
      }),
    flushTurnEvents: () => turnEvents.flush(),
    drain: async () => {
      draining = true;
      await sleep(config.shutdownGraceMs);
      // On a busy machine connections can still be arriving: accepted from the backlog late, or
      // accepted with their request not yet read. Closing the listener then would reset them
      // (ECONNRESET) instead of answering them, so they are served until none has come for a
      // moment, within a bound.
      const deadline = Date.now() + DRAIN_ARRIVALS_MAX_MS;
      while (Date.now() - lastConnectionAt < DRAIN_QUIET_MS && Date.now() < deadline) await sleep(DRAIN_QUIET_MS / 4);
    },
    close: async () => {
      reminders?.stop();
      // Open WebSockets would hold server.close() forever.
      clearInterval(eventsRetention);
      await desk?.close();
      await directLine.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await turnEvents.flush();
      await repos.close();
    },
  };
}
