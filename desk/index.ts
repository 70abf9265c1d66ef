import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import type { OpsQueries } from '../core/analytics';
import type { Config } from '../core/config/config';
import type { AgentSessionStore, HandoffDesk, HandoffStore } from '../core/handoff';
import type { Logger } from '../core/logging/logger';
import { DeskAuth } from './desk-auth';
import { mountDeskRoutes } from './desk-routes';
import { DeskStream, STREAM_PATH } from './desk-stream';

export { hashPassword, passwordMatches } from './passwords';

export interface DeskDeps {
  config: Config;
  desk: HandoffDesk;
  store: HandoffStore;
  sessions: AgentSessionStore;
  ops: OpsQueries;
  logger: Logger;
  publicUrl: () => string;
  /** How often open consoles look for changes made on other instances (0: this instance's own changes wake them). */
  pollMs: number;
  now: () => Date;
  /** Waits for what the supervisor's figures read to be written (turn events go in behind the turns). */
  beforeFigures?: () => Promise<void>;
}

export interface MountedDesk {
  close(): Promise<void>;
}

/** The visitor's address for sign-in limits: the socket's peer, or the trusted end of X-Forwarded-For. */
function addressOf(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = [...(Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean), peer];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
}

/**
 * The agent desk (`/agent`: sign-in, queue, live chats, phone transfers) and
 * the supervisor's view (`/ops`), on the same server as the channels.
 */
export function mountDesk(server: Server, deps: DeskDeps): MountedDesk {
  const { config } = deps;
  const auth = new DeskAuth({
    accounts: config.desk.accounts,
    sessions: deps.sessions,
    sessionMinutes: config.desk.sessionMinutes,
    signInAttempts: config.desk.signInAttempts,
    secureCookies: config.publicBaseUrl.startsWith('https:'),
    clientAddress: (req) => addressOf(req, config.trustedProxyHops),
    now: deps.now,
  });
  mountDeskRoutes(server, { desk: deps.desk, store: deps.store, auth, ops: deps.ops, logger: deps.logger, beforeFigures: deps.beforeFigures ?? (async () => undefined) });
  const stream = new DeskStream(deps.desk, deps.store, auth, deps.logger, deps.publicUrl, deps.pollMs);
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === STREAM_PATH) void stream.accept(req, socket, head);
  });
  // Expired sessions are swept now and then; an expired one is refused on use regardless.
  const sweeper = setInterval(() => void deps.sessions.deleteExpired(deps.now()).catch(() => undefined), 10 * 60_000);
  sweeper.unref();
  return {
    close: async () => {
      clearInterval(sweeper);
      await stream.close();
    },
  };
}
