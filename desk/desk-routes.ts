import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { opsFigures, type OpsQueries } from '../core/analytics';
import type { HandoffDesk, HandoffRecord, HandoffStore } from '../core/handoff';
import type { Logger } from '../core/logging/logger';
import { maskSensitiveText } from '../core/security';
import { DeskHttpError, type DeskAuth, type DeskUser } from './desk-auth';
import { handoffView, messageView } from './handoff-view';
import { opsFilterOf, renderOpsPage } from './ops-page';

const PUBLIC_DIR = path.join(__dirname, 'public');

/** Scripts and styles from this server only; the console talks to its own origin (HTTP and WebSocket). */
const DESK_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const signInBody = z.object({
  username: z.string({ message: 'Enter your user name.' }).trim().min(1, 'Enter your user name.').max(64, 'That user name is too long.'),
  password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.').max(256, 'That password is too long.'),
});
const messageBody = z.object({
  text: z.string({ message: 'Write a message first.' }).trim().min(1, 'Write a message first.').max(2000, 'Messages are limited to 2,000 characters.'),
});
const handoffId = z.string().uuid();
const callerQuery = z.string().regex(/^\+[1-9]\d{7,14}$/, 'Enter the caller number in E.164 form, e.g. +17045550101.');

export interface DeskRouteDeps {
  desk: HandoffDesk;
  store: HandoffStore;
  auth: DeskAuth;
  ops: OpsQueries;
  logger: Logger;
  beforeFigures: () => Promise<void>;
}

type Handler = (req: Request, res: Response) => Promise<void>;

function sendError(res: Response, error: DeskHttpError): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.send(error.status, { error: { code: error.code, message: error.message } });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DeskHttpError(400, 'BadArgument', parsed.error.issues[0]?.message ?? 'The request is not valid.');
  return parsed.data;
}

function staticFile(file: string, contentType: string): Handler {
  const body = readFileSync(path.join(PUBLIC_DIR, file));
  return async (_req, res) => {
    res.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': body.length,
      'Content-Security-Policy': DESK_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };
}

/** The agent desk's page and API, and the supervisor's view. */
export function mountDeskRoutes(server: Server, deps: DeskRouteDeps): void {
  const { desk, store, auth, logger } = deps;
  const route =
    (handler: Handler): Handler =>
    async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        if (error instanceof DeskHttpError) {
          sendError(res, error);
          return;
        }
        logger.error({ err: { message: (error as Error)?.message }, path: req.path() }, 'desk request failed');
        res.send(503, { error: { code: 'ServiceUnavailable', message: 'The desk could not do that just now; try again.' } });
      }
    };

  /** The handoff an agent acts on: it must be theirs and still live. */
  const ownHandoff = async (user: DeskUser, id: unknown): Promise<HandoffRecord> => {
    const handoff = await store.get(parse(handoffId, id));
    if (!handoff) throw new DeskHttpError(404, 'NotFound', 'No such conversation.');
    if (handoff.status !== 'accepted') throw new DeskHttpError(409, 'NotLive', 'This conversation is no longer with an agent.');
    if (handoff.agentId !== user.id) throw new DeskHttpError(403, 'NotYours', 'Another agent has this conversation.');
    return handoff;
  };

  server.get('/agent', staticFile('agent.html', 'text/html; charset=utf-8'));
  server.get('/agent/assets/agent.js', staticFile('agent.js', 'text/javascript; charset=utf-8'));
  server.get('/agent/assets/desk.css', staticFile('desk.css', 'text/css; charset=utf-8'));

  server.post('/agent/api/sign-in', route(async (req, res) => {
    // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new DeskHttpError(415, 'UnsupportedMediaType', 'Sign in with a JSON body.');
    }
    const body = parse(signInBody, req.body);
    const user = await auth.signIn(req, res, body.username, body.password);
    res.send(200, { agent: { id: user.id, name: user.name, role: user.role }, csrfToken: user.csrfToken, expiresAt: user.expiresAt.toISOString() });
  }));
  server.post('/agent/api/sign-out', route(async (req, res) => {
    await auth.authenticate(req, { csrf: true });
    await auth.signOut(req, res);
    res.send(204);
  }));
  server.get('/agent/api/me', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: false });
    res.send(200, { agent: { id: user.id, name: user.name, role: user.role }, csrfToken: user.csrfToken, expiresAt: user.expiresAt.toISOString() });
  }));
  server.get('/agent/api/queue', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: false });
    const [waiting, mine, phone] = await Promise.all([store.waiting(), store.acceptedBy(user.id), store.phone(null, 20)]);
    res.send(200, { waiting: waiting.map(handoffView), mine: mine.map(handoffView), phone: phone.map(handoffView) });
  }));
  server.get('/agent/api/phone', route(async (req, res) => {
    await auth.authenticate(req, { csrf: false });
    const caller = parse(callerQuery, (req.query as Record<string, unknown> | undefined)?.caller);
    res.send(200, { phone: (await store.phone(caller, 20)).map(handoffView) });
  }));
  server.post('/agent/api/handoffs/:id/accept', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: true });
    const handoff = await desk.accept(parse(handoffId, req.params.id), { id: user.id, name: user.name });
    if (!handoff) throw new DeskHttpError(409, 'NotWaiting', 'This customer is no longer waiting (another agent took the chat, or the customer left).');
    res.send(200, { handoff: handoffView(handoff) });
  }));
  server.get('/agent/api/handoffs/:id/messages', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: false });
    const handoff = await store.get(parse(handoffId, req.params.id));
    if (!handoff || (handoff.agentId !== user.id && user.role !== 'supervisor')) throw new DeskHttpError(404, 'NotFound', 'No such conversation.');
    res.send(200, { messages: (await store.messagesAfter(handoff.id, 0)).map(messageView) });
  }));
  server.post('/agent/api/handoffs/:id/messages', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: true });
    const handoff = await ownHandoff(user, req.params.id);
    const body = parse(messageBody, req.body);
    // Agents are asked never to type a customer's full numbers; should one slip, it is masked like everything stored.
    const message = await desk.fromAgent(handoff, { id: user.id, name: user.name }, maskSensitiveText(body.text));
    res.send(201, { message: messageView(message) });
  }));
  server.post('/agent/api/handoffs/:id/typing', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: true });
    await desk.agentTyping(await ownHandoff(user, req.params.id), { id: user.id, name: user.name });
    res.send(204);
  }));
  server.post('/agent/api/handoffs/:id/end', route(async (req, res) => {
    const user = await auth.authenticate(req, { csrf: true });
    const ended = await desk.end(await ownHandoff(user, req.params.id), { id: user.id, name: user.name });
    if (!ended) throw new DeskHttpError(409, 'NotLive', 'This conversation is no longer with an agent.');
    res.send(200, { handoff: handoffView(ended) });
  }));

  server.get('/ops', route(async (req, res) => {
    try {
      await auth.authenticate(req, { csrf: false, role: 'supervisor' });
    } catch (error) {
      if (!(error instanceof DeskHttpError)) throw error;
      const body = `<!doctype html><meta charset="utf-8"><title>Supervisor view</title><p>${error.status === 403 && error.code === 'SupervisorsOnly' ? 'This page is for supervisors.' : 'Please <a href="/agent">sign in</a> as a supervisor first.'}</p>`;
      res.writeHead(error.status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': DESK_CSP });
      res.end(body);
      return;
    }
    const filter = opsFilterOf(req.query as Record<string, unknown> | undefined, new Date());
    if ('error' in filter) throw new DeskHttpError(400, 'BadArgument', filter.error);
    await deps.beforeFigures();
    const figures = await opsFigures(deps.ops, filter);
    const html = renderOpsPage(figures);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': DESK_CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(html);
  }));
  server.get('/ops/figures', route(async (req, res) => {
    await auth.authenticate(req, { csrf: false, role: 'supervisor' });
    const filter = opsFilterOf(req.query as Record<string, unknown> | undefined, new Date());
    if ('error' in filter) throw new DeskHttpError(400, 'BadArgument', filter.error);
    await deps.beforeFigures();
    res.send(200, await opsFigures(deps.ops, filter));
  }));
}
