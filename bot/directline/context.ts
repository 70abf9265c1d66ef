import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'restify';
import type { BotDelivery } from './bot-delivery';
import type { ConversationRecord, DirectLineStore } from './direct-line-store';
import { bearerOf, DirectLineHttpError, sendError } from './http-io';
import { replyChannelFor } from './local-bot';
import type { RateLimits } from './rate-limits';
import type { StreamHub } from './stream-hub';
import { secretMatches, type TokenClaims, type TokenSigner } from './tokens';
import type { ChannelAccount, DirectLineActivity, DirectLineLogger } from './types';

/** Everything the route modules share; built once by mountDirectLine. */
export interface DirectLineContext {
  store: DirectLineStore;
  signer: TokenSigner;
  hub: StreamHub;
  delivery: BotDelivery;
  logger: DirectLineLogger;
  now: () => number;
  secret: string | undefined;
  bot: ChannelAccount;
  publicUrl: () => string;
  maxConversations: number;
  /** How long a chain of refreshed tokens may go on from its first token (epoch ms span). */
  maxTokenChainMs: number;
  /** Per-address limits on starting conversations and posting. */
  limits: RateLimits;
  trustedProxyHops: number;
  /** Masks sensitive values in a visitor's text before it is stored or echoed (the bot still gets the text as typed). */
  redactText: (conversationId: string, text: string) => Promise<string>;
  /** The bot's apology when the store fails under a visitor's post, in the posted activity's locale. */
  unavailableText?: (locale: string | undefined) => string | null;
}

/** Who is calling a Direct Line endpoint. */
export type Caller = { kind: 'anonymous' } | { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

export const CLIENT_BODY_LIMIT = 64 * 1024;
// Bot replies carry Adaptive Cards; the Bot Connector accepts far larger payloads than users send.
export const BOT_BODY_LIMIT = 256 * 1024;
export const PAGE_LIMIT = 500;

/** Identifies the caller from `Authorization: Bearer`; throws 403 for a credential that is neither the secret nor a live token. */
export function identify(ctx: DirectLineContext, req: IncomingMessage): Caller {
  const bearer = bearerOf(req);
  if (bearer === undefined) return { kind: 'anonymous' };
  if (bearer === null) throw new DirectLineHttpError(401, 'Unauthorized', 'The Authorization header must be "Bearer <token>".');
  if (ctx.secret !== undefined && secretMatches(bearer, ctx.secret)) return { kind: 'secret' };
  const check = ctx.signer.verify(bearer);
  if (check.ok) return { kind: 'token', claims: check.claims };
  if (check.reason === 'expired') throw new DirectLineHttpError(403, 'TokenExpired', 'The token has expired; start a new conversation.');
  throw new DirectLineHttpError(403, 'Forbidden', 'The secret or token is not valid.');
}

/**
 * Requires a credential for this conversation: its token, or the secret.
 * Resolves the conversation, 404 when it does not (or no longer) exist.
 */
export async function authorizeConversation(
  ctx: DirectLineContext,
  req: IncomingMessage,
  conversationId: string,
): Promise<{ caller: Caller; conversation: ConversationRecord }> {
  const caller = identify(ctx, req);
  if (caller.kind === 'anonymous') {
    throw new DirectLineHttpError(401, 'Unauthorized', 'A Direct Line token is required: Authorization: Bearer <token>.');
  }
  if (caller.kind === 'token' && caller.claims.conversationId !== conversationId) {
    throw new DirectLineHttpError(403, 'Forbidden', 'The token is for a different conversation.');
  }
  const conversation = await ctx.store.getConversation(conversationId);
  if (!conversation) throw new DirectLineHttpError(404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
  if (caller.kind === 'token') requireCurrentGeneration(conversation, caller.claims);
  return { caller, conversation };
}

/** A token replaced by a refresh no longer opens its conversation. */
export function requireCurrentGeneration(conversation: ConversationRecord, claims: TokenClaims): void {
  if (claims.generation !== conversation.tokenGeneration) {
    throw new DirectLineHttpError(403, 'TokenExpired', 'This token was replaced by a newer one; use the token the last refresh returned.');
  }
}

/** The WebSocket URL a client opens for a conversation; carries a token because browsers cannot set headers on WebSockets. */
export function streamUrlFor(ctx: DirectLineContext, conversationId: string, token: string, watermark?: number): string {
  const base = ctx.publicUrl().replace(/\/+$/, '').replace(/^http/i, 'ws');
  const query = new URLSearchParams();
  if (watermark !== undefined) query.set('watermark', String(watermark));
  query.set('t', token);
  return `${base}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`;
}

/** Activity ids sort in sequence order, which helps anyone reading a transcript. */
export function activityIdFor(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** Parses a `watermark` query value; Direct Line clients send an empty one before the first poll. */
export function parseWatermark(value: unknown): number {
  if (value === undefined || value === '') return 0;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  throw new DirectLineHttpError(400, 'BadArgument', 'The watermark must be a non-negative integer.');
}

/**
 * Tells the bot, once per conversation, that the user has joined: Web Chat
 * sends no conversationUpdate itself, and bots conventionally greet on
 * `membersAdded`. Failures are logged, never surfaced: a missed greeting must
 * not fail the user's message.
 */
export async function announceJoin(
  ctx: DirectLineContext,
  conversation: ConversationRecord,
  user: ChannelAccount,
  locale: string | undefined,
): Promise<void> {
  // The record says whether someone already greeted; only a record that says not needs the compare-and-set.
  if (conversation.joined || !(await ctx.store.markJoined(conversation.id))) return;
  const update: DirectLineActivity = {
    type: 'conversationUpdate',
    id: `${conversation.id}|join`,
    timestamp: new Date(ctx.now()).toISOString(),
    serviceUrl: ctx.publicUrl(),
    channelId: 'directline',
    from: { id: user.id, ...(user.name ? { name: user.name } : {}), role: 'user' },
    recipient: ctx.bot,
    conversation: { id: conversation.id },
    membersAdded: [{ id: user.id, ...(user.name ? { name: user.name } : {}), role: 'user' }],
    ...(locale ? { locale } : {}),
  };
  try {
    await ctx.delivery.deliver(update, { clientAddress: null }, replyChannelFor(ctx, conversation.id));
  } catch {
    // Already logged by the delivery; the conversation goes on without a greeting.
  }
}

/**
 * Adapts an async handler to restify: client errors become Direct Line's
 * `{ error: { code, message } }`, anything unexpected a logged 500 without
 * internals.
 */
export function route(
  ctx: DirectLineContext,
  handler: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res).then(
      () => next(),
      (error: unknown) => {
        if (error instanceof DirectLineHttpError) {
          sendError(res, error);
        } else {
          ctx.logger.error({ err: (error as Error)?.message, path: req.path?.() }, 'directline request failed');
          sendError(res, new DirectLineHttpError(500, 'ServiceError', 'An internal error occurred.'));
        }
        next();
      },
    );
  };
}
