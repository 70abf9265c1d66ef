import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import {
  activityIdFor,
  announceJoin,
  authorizeConversation,
  CLIENT_BODY_LIMIT,
  type DirectLineContext,
  identify,
  PAGE_LIMIT,
  parseWatermark,
  requireCurrentGeneration,
  route,
  streamUrlFor,
} from './context';
import { limit } from './rate-limits';
import type { TokenClaims } from './tokens';
import { clientAddress } from './client-address';
import type { ConversationRecord } from './direct-line-store';
import { replyChannelFor } from './local-bot';
import { DirectLineHttpError, readJsonBody, sendJson } from './http-io';
import { clientActivitySchema, describeIssue, startConversationSchema } from './schemas';
import type { DirectLineActivity } from './types';

const BASE = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;

/** Mounts the client-facing Direct Line 3.0 REST endpoints and the WebSocket stream. */
export function mountClientRoutes(server: Server, ctx: DirectLineContext): void {
  server.post(`${BASE}/conversations`, route(ctx, async (req, res) => {
    const caller = identify(ctx, req);
    const start = parseStart(await readJsonBody(req, CLIENT_BODY_LIMIT));
    let conversation: ConversationRecord;
    let userId: string | undefined;
    let chainStartedAt: number | undefined;
    if (caller.kind === 'token') {
      // A token from /tokens/generate already names its conversation: this call starts it.
      conversation = await liveConversationOf(ctx, caller.claims);
      userId = caller.claims.userId;
      chainStartedAt = caller.claims.chainStartedAt;
    } else {
      // The secret holder is the site's own back end, vouching for its visitors: only anonymous starts are limited.
      if (caller.kind === 'anonymous') await limit(ctx, req, 'start');
      userId = checkedUserId(start.user?.id, caller.kind === 'secret');
      conversation = await createConversation(ctx, userId, start.locale);
    }
    const { token, expiresIn } = ctx.signer.issue(conversation.id, { userId, generation: conversation.tokenGeneration, chainStartedAt });
    if (userId !== undefined) {
      const user = { id: userId, ...(start.user?.name ? { name: start.user.name } : {}) };
      void ctx.delivery.enqueue(conversation.id, () => announceJoin(ctx, conversation, user, start.locale ?? conversation.locale));
    }
    sendJson(res, 201, {
      conversationId: conversation.id,
      token,
      expires_in: expiresIn,
      streamUrl: streamUrlFor(ctx, conversation.id, token),
    });
  }));

  server.post(`${BASE}/tokens/generate`, route(ctx, async (req, res) => {
    const caller = identify(ctx, req);
    if (caller.kind === 'token') {
      throw new DirectLineHttpError(403, 'Forbidden', 'Generate a token with the secret (or anonymously); renew a token with /tokens/refresh.');
    }
    if (caller.kind === 'anonymous') await limit(ctx, req, 'start');
    const start = parseStart(await readJsonBody(req, CLIENT_BODY_LIMIT));
    const userId = checkedUserId(start.user?.id, caller.kind === 'secret');
    const conversation = await createConversation(ctx, userId, start.locale);
    const { token, expiresIn } = ctx.signer.issue(conversation.id, { userId, generation: conversation.tokenGeneration });
    sendJson(res, 200, { conversationId: conversation.id, token, expires_in: expiresIn });
  }));

  server.post(`${BASE}/tokens/refresh`, route(ctx, async (req, res) => {
    const caller = identify(ctx, req);
    if (caller.kind !== 'token') {
      throw new DirectLineHttpError(caller.kind === 'anonymous' ? 401 : 403, caller.kind === 'anonymous' ? 'Unauthorized' : 'Forbidden', 'Refresh needs the token being renewed: Authorization: Bearer <token>.');
    }
    const { claims } = caller;
    const conversation = await liveConversationOf(ctx, claims);
    if (ctx.now() - claims.chainStartedAt > ctx.maxTokenChainMs) {
      throw new DirectLineHttpError(403, 'TokenExpired', 'This conversation\'s tokens can no longer be renewed; start a new conversation.');
    }
    // The renewed token retires the one presented (and any copy of it): of two refreshes with it, one wins.
    const generation = await ctx.store.advanceTokenGeneration(conversation.id, claims.generation);
    if (generation === undefined) throw new DirectLineHttpError(403, 'TokenExpired', 'This token has already been renewed.');
    const { token, expiresIn } = ctx.signer.issue(claims.conversationId, { userId: claims.userId, generation, chainStartedAt: claims.chainStartedAt });
    sendJson(res, 200, { conversationId: claims.conversationId, token, expires_in: expiresIn });
  }));

  server.get(`${BASE}/conversations/:conversationId`, route(ctx, async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const watermark = parseWatermark(queryValue(req, 'watermark'));
    const { caller, conversation } = await authorizeConversation(ctx, req, conversationId);
    const claims = caller.kind === 'token' ? caller.claims : undefined;
    // Reconnecting gets a fresh token of the same generation and chain: it does not extend the chain.
    const { token, expiresIn } = ctx.signer.issue(conversationId, {
      userId: claims?.userId,
      generation: conversation.tokenGeneration,
      chainStartedAt: claims?.chainStartedAt,
    });
    sendJson(res, 200, {
      conversationId,
      token,
      expires_in: expiresIn,
      streamUrl: streamUrlFor(ctx, conversationId, token, watermark),
    });
  }));

  server.get(`${BASE}/conversations/:conversationId/activities`, route(ctx, async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const watermark = parseWatermark(queryValue(req, 'watermark'));
    await authorizeConversation(ctx, req, conversationId);
    const page = await ctx.store.listActivities(conversationId, watermark, PAGE_LIMIT);
    sendJson(res, 200, { activities: page.activities, watermark: String(page.watermark) });
  }));

  server.post(`${BASE}/conversations/:conversationId/activities`, route(ctx, async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const seen: { body?: unknown } = {};
    try {
      await postActivity(ctx, req, res, conversationId, seen);
    } catch (error) {
      if (error instanceof DirectLineHttpError) throw error;
      // The store (or the bot behind it) failed: say so on the visitor's open streams, in their
      // language, and refuse the post retryably so the client offers to send it again.
      ctx.logger.error({ conversationId, err: (error as Error)?.message }, 'directline post failed');
      await apologise(ctx, req, conversationId, seen);
      throw new DirectLineHttpError(503, 'ServiceError', 'The service is temporarily unavailable. Please send the message again.');
    }
  }));

  server.post(`${BASE}/conversations/:conversationId/upload`, route(ctx, async (req) => {
    await authorizeConversation(ctx, req, String(req.params.conversationId));
    throw new DirectLineHttpError(400, 'NotSupported', 'File attachments are not supported by this service; send text instead.');
  }));

  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Not ours: another part of the server may handle it.
      if (url.pathname.startsWith(`${BASE}/`)) rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    void acceptStream(ctx, req, socket, head, decodeURIComponent(match[1] ?? ''), url).catch((error: unknown) => {
      if (error instanceof DirectLineHttpError) {
        rejectUpgrade(socket, error.status, error.message);
      } else {
        ctx.logger.error({ err: (error as Error)?.message }, 'directline stream upgrade failed');
        rejectUpgrade(socket, 500, 'Internal Server Error');
      }
    });
  });
}

/** Stores a visitor's activity, echoes it to their streams and hands it to the bot. */
async function postActivity(
  ctx: DirectLineContext,
  req: IncomingMessage,
  res: ServerResponse,
  conversationId: string,
  seen: { body?: unknown },
): Promise<void> {
  const { caller, conversation } = await authorizeConversation(ctx, req, conversationId);
  await limit(ctx, req, 'post');
  seen.body = await readJsonBody(req, CLIENT_BODY_LIMIT);
  const parsed = clientActivitySchema.safeParse(seen.body);
  if (!parsed.success) {
    const issue = describeIssue(parsed.error);
    throw new DirectLineHttpError(400, issue.missing ? 'MissingProperty' : 'BadArgument', issue.message);
  }
  const posted = parsed.data;
  // A token bound to a user decides who is speaking; otherwise the client names itself, as Web Chat does.
  const userId = (caller.kind === 'token' ? caller.claims.userId : undefined) ?? posted.from?.id ?? conversation.userId;
  if (!userId) throw new DirectLineHttpError(400, 'MissingProperty', 'Missing property: from.id.');
  const from = { ...posted.from, id: userId, role: 'user' };

  const id = await ctx.delivery.enqueue(conversationId, async () => {
    await announceJoin(ctx, conversation, from, posted.locale ?? conversation.locale);
    // What is stored and echoed is masked; only the bot, in this process, sees the text as typed.
    const shown = { ...withoutSecret(posted) };
    if (typeof shown.text === 'string') shown.text = await ctx.redactText(conversationId, shown.text);
    const echo: DirectLineActivity = {
      ...shown,
      from,
      timestamp: new Date(ctx.now()).toISOString(),
      channelId: 'directline',
      conversation: { id: conversationId },
      recipient: ctx.bot,
    };
    const stored = await ctx.store.appendActivity(conversationId, echo, (seq) => activityIdFor(conversationId, seq), ctx.now());
    if (!stored) throw new DirectLineHttpError(404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
    ctx.hub.notify(conversationId);
    // Only the bot sees a masked entry's real value; the history and the stream keep the mask.
    // The bot learns the visitor's address from us, never from the client's channelData, so it
    // can limit verification attempts per address (behind proxies, see TRUSTED_PROXY_HOPS).
    const forBot: DirectLineActivity = { ...stored.activity, value: posted.value, serviceUrl: ctx.publicUrl() };
    if (typeof posted.text === 'string') forBot.text = posted.text;
    else delete forBot.text;
    await ctx.delivery.deliver(forBot, { clientAddress: clientAddress(req, ctx.trustedProxyHops) }, replyChannelFor(ctx, conversationId));
    return stored.activity.id as string;
  });
  sendJson(res, 200, { id });
}

/**
 * A bot message on the conversation's open streams (only this instance's, and
 * not stored: the store is what failed) saying the service is unavailable, in
 * the language of the visitor's message. Only for a caller whose credential
 * is for this conversation.
 */
async function apologise(ctx: DirectLineContext, req: IncomingMessage, conversationId: string, seen: { body?: unknown }): Promise<void> {
  try {
    const caller = identify(ctx, req);
    if (caller.kind === 'anonymous' || (caller.kind === 'token' && caller.claims.conversationId !== conversationId)) return;
    const body = seen.body ?? (await readJsonBody(req, CLIENT_BODY_LIMIT));
    const locale = typeof (body as { locale?: unknown } | undefined)?.locale === 'string' ? (body as { locale: string }).locale : undefined;
    const text = ctx.unavailableText?.(locale);
    if (!text) return;
    ctx.hub.pushEphemeral(conversationId, [
      {
        type: 'message',
        id: `${conversationId}|unavailable-${randomBytes(6).toString('base64url')}`,
        timestamp: new Date(ctx.now()).toISOString(),
        channelId: 'directline',
        from: ctx.bot,
        conversation: { id: conversationId },
        text,
        ...(locale ? { locale } : {}),
      },
    ]);
  } catch {
    // Nothing more can be said; the 503 still tells the client to retry.
  }
}

async function acceptStream(
  ctx: DirectLineContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  conversationId: string,
  url: URL,
): Promise<void> {
  const token = url.searchParams.get('t');
  const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined);
  // Browsers cannot set headers on a WebSocket, so the token travels in the query; a header works too.
  if (token) req.headers.authorization = `Bearer ${token}`;
  await authorizeConversation(ctx, req, conversationId);
  await ctx.store.touch(conversationId, ctx.now());
  ctx.hub.accept(req, socket, head, conversationId, watermark);
}

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { message } });
  socket.end(
    `HTTP/1.1 ${status} ${message.replace(/[\r\n]/g, ' ')}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function parseStart(body: unknown): { user?: { id?: string; name?: string }; locale?: string } {
  if (body === undefined) return {};
  const parsed = startConversationSchema.safeParse(body);
  if (!parsed.success) throw new DirectLineHttpError(400, 'BadArgument', describeIssue(parsed.error).message);
  return parsed.data;
}

function checkedUserId(userId: string | undefined, trusted: boolean): string | undefined {
  // Direct Line reserves "dl_" ids for users the site vouches for, i.e. named by the secret holder.
  if (userId?.startsWith('dl_') && !trusted) {
    throw new DirectLineHttpError(400, 'BadArgument', 'User ids starting with "dl_" can only be set with the secret.');
  }
  return userId;
}

/** The conversation a token names, if it still exists and the token is of its current generation. */
async function liveConversationOf(ctx: DirectLineContext, claims: TokenClaims): Promise<ConversationRecord> {
  const conversation = await ctx.store.getConversation(claims.conversationId);
  if (!conversation) throw new DirectLineHttpError(404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
  requireCurrentGeneration(conversation, claims);
  return conversation;
}

async function createConversation(ctx: DirectLineContext, userId: string | undefined, locale: string | undefined): Promise<ConversationRecord> {
  if ((await ctx.store.countConversations()) >= ctx.maxConversations) {
    throw new DirectLineHttpError(429, 'TooManyRequests', 'Too many open conversations; try again later.');
  }
  const now = ctx.now();
  const record: ConversationRecord = {
    id: randomBytes(16).toString('base64url'),
    createdAt: now,
    lastActiveAt: now,
    joined: false,
    tokenGeneration: 0,
    ...(userId === undefined ? {} : { userId }),
    ...(locale === undefined ? {} : { locale }),
  };
  await ctx.store.createConversation(record);
  ctx.logger.info({ conversationId: record.id }, 'directline conversation created');
  return record;
}

// restify's req.query exists only with the queryParser plugin, which the composition root may not install.
function queryValue(req: IncomingMessage, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name) ?? undefined;
}

/**
 * The web page sends a sensitive entry (SSN, bank account number) as
 * `value.secret` with only a mask as text. Nothing stored or streamed back to
 * clients may carry it.
 */
function withoutSecret<T extends { value?: unknown }>(activity: T): T {
  const value = activity.value;
  if (!value || typeof value !== 'object' || !('secret' in value)) return activity;
  const { secret: _secret, ...rest } = value as Record<string, unknown>;
  return { ...activity, value: Object.keys(rest).length ? rest : undefined };
}
