import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import { activityIdFor, BOT_BODY_LIMIT, type DirectLineContext, route } from './context';
import { DirectLineHttpError, readJsonBody, sendJson } from './http-io';
import { botActivitySchema, describeIssue } from './schemas';
import type { DirectLineActivity } from './types';

const BASE = '/v3/conversations/:conversationId';

/**
 * Mounts the slice of the Bot Connector REST API that a bot uses to answer
 * on this channel (botbuilder posts to `{serviceUrl}/v3/conversations/...`).
 *
 * Authentication: Azure's channel service signs its calls to the bot and the
 * bot signs its replies with a token from Azure's token service; neither is
 * reachable here. So these endpoints trust the network instead: they accept
 * only requests from the loopback interface that were not forwarded by a
 * proxy (no `Forwarded`/`X-Forwarded-For`). The bot must therefore run in the
 * same process or host, without a MicrosoftAppId (with one, botbuilder would
 * try to fetch a token from Azure before replying and fail offline).
 * Validating a Bot Framework JWT instead is left for when a bot with an App
 * ID has to reach us.
 */
export function mountConnectorRoutes(server: Server, ctx: DirectLineContext): void {
  const reply = route(ctx, async (req, res) => {
    requireLocalBot(req);
    const conversationId = String(req.params.conversationId);
    await requireConversation(ctx, conversationId);
    const body = parseBotActivity(await readJsonBody(req, BOT_BODY_LIMIT));
    const replyToId = typeof req.params.activityId === 'string' ? req.params.activityId : body.replyToId;
    const activity = normalise(ctx, conversationId, body, replyToId);

    if (activity.type === 'typing') {
      // Typing is momentary: only live sockets get it, polling history stays small.
      const id = `${conversationId}|typing-${randomBytes(6).toString('base64url')}`;
      ctx.hub.pushEphemeral(conversationId, [{ ...activity, id }]);
      sendJson(res, 200, { id });
      return;
    }
    const stored = await ctx.store.appendActivity(conversationId, activity, (seq) => activityIdFor(conversationId, seq), ctx.now());
    if (!stored) throw new DirectLineHttpError(404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
    ctx.hub.notify(conversationId);
    sendJson(res, 200, { id: stored.activity.id });
  });
  server.post(`${BASE}/activities`, reply);
  server.post(`${BASE}/activities/:activityId`, reply);

  server.put(`${BASE}/activities/:activityId`, route(ctx, async (req, res) => {
    requireLocalBot(req);
    const conversationId = String(req.params.conversationId);
    const activityId = String(req.params.activityId);
    await requireConversation(ctx, conversationId);
    const body = parseBotActivity(await readJsonBody(req, BOT_BODY_LIMIT));
    const updated = await ctx.store.replaceActivity(
      conversationId,
      activityId,
      { ...normalise(ctx, conversationId, body, body.replyToId), id: activityId },
    );
    if (!updated) throw new DirectLineHttpError(404, 'NotFound', 'No such activity in this conversation.');
    // Web Chat replaces an activity it already shows when one with the same id arrives; pollers keep the old copy.
    ctx.hub.pushEphemeral(conversationId, [updated]);
    sendJson(res, 200, { id: activityId });
  }));

  server.del(`${BASE}/activities/:activityId`, route(ctx, async (req, res) => {
    requireLocalBot(req);
    const conversationId = String(req.params.conversationId);
    await requireConversation(ctx, conversationId);
    if (!(await ctx.store.deleteActivity(conversationId, String(req.params.activityId)))) {
      throw new DirectLineHttpError(404, 'NotFound', 'No such activity in this conversation.');
    }
    sendJson(res, 200, {});
  }));

  server.get(`${BASE}/members`, route(ctx, async (req, res) => {
    requireLocalBot(req);
    const conversation = await requireConversation(ctx, String(req.params.conversationId));
    const members = [
      ...(conversation.userId ? [{ id: conversation.userId, role: 'user' }] : []),
      ctx.bot,
    ];
    sendJson(res, 200, members);
  }));
}

function requireLocalBot(req: IncomingMessage): void {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || /^(::ffff:)?127\./.test(address);
  const forwarded = req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined;
  if (!loopback || forwarded) {
    throw new DirectLineHttpError(401, 'Unauthorized', 'The connector API of this service accepts requests from the local bot only.');
  }
}

async function requireConversation(ctx: DirectLineContext, conversationId: string) {
  const conversation = await ctx.store.getConversation(conversationId);
  if (!conversation) throw new DirectLineHttpError(404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
  return conversation;
}

function parseBotActivity(body: unknown) {
  const parsed = botActivitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = describeIssue(parsed.error);
    throw new DirectLineHttpError(400, issue.missing ? 'MissingProperty' : 'BadArgument', issue.message);
  }
  return parsed.data;
}

function normalise(
  ctx: DirectLineContext,
  conversationId: string,
  body: ReturnType<typeof parseBotActivity>,
  replyToId: string | undefined,
): DirectLineActivity {
  // serviceUrl is the bot's business, not the browser's; ids are ours to assign.
  const { serviceUrl: _serviceUrl, id: _id, ...rest } = body;
  return {
    ...rest,
    from: body.from?.id ? { ...body.from, id: body.from.id } : ctx.bot,
    channelId: 'directline',
    conversation: { id: conversationId },
    timestamp: new Date(ctx.now()).toISOString(),
    ...(replyToId ? { replyToId } : {}),
  };
}
