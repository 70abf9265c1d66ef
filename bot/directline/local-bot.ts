import { randomBytes } from 'node:crypto';
import type { DirectLineContext } from './context';
import { activityIdFor } from './context';
import { DirectLineHttpError } from './http-io';
import type { DirectLineActivity } from './types';

/** Facts about a visitor's activity that only this service can vouch for (the client cannot set them). */
export interface TrustedOrigin {
  /** The visitor's network address as this server saw it (see TRUSTED_PROXY_HOPS), or null. */
  clientAddress: string | null;
}

/**
 * Where a bot's answers in one conversation go: its history and its open
 * streams. The bot runs in this process and calls these directly; there is no
 * connector endpoint that another party could post to.
 */
export interface ReplyChannel {
  /** Appends a bot activity (typing is only pushed to live streams) and resolves with its id. */
  send(activity: DirectLineActivity): Promise<{ id: string }>;
  /** Replaces an activity the bot sent earlier. */
  update(activityId: string, activity: DirectLineActivity): Promise<{ id: string }>;
  /** Removes an activity the bot sent earlier. */
  delete(activityId: string): Promise<void>;
}

/** The bot behind this Direct Line, in the same process. */
export interface LocalBot {
  /**
   * Runs the bot's turn for one activity a visitor sent (already stored and
   * echoed, with the visitor's own text). Rejects when the bot's turn fails.
   */
  receive(activity: DirectLineActivity, origin: TrustedOrigin, replies: ReplyChannel): Promise<void>;
}

/** The reply channel of one conversation. */
export function replyChannelFor(ctx: DirectLineContext, conversationId: string): ReplyChannel {
  const normalise = (activity: DirectLineActivity): DirectLineActivity => {
    const { serviceUrl: _serviceUrl, id: _id, ...rest } = activity;
    return {
      ...rest,
      from: activity.from?.id ? { ...activity.from, role: 'bot' } : ctx.bot,
      channelId: 'directline',
      conversation: { id: conversationId },
      timestamp: new Date(ctx.now()).toISOString(),
    };
  };
  return {
    async send(activity) {
      const reply = normalise(activity);
      if (reply.type === 'typing') {
        // Typing is momentary: only live sockets get it, polling history stays small.
        const id = `${conversationId}|typing-${randomBytes(6).toString('base64url')}`;
        ctx.hub.pushEphemeral(conversationId, [{ ...reply, id }]);
        return { id };
      }
      const stored = await ctx.store.appendActivity(conversationId, reply, (seq) => activityIdFor(conversationId, seq), ctx.now());
      if (!stored) throw new DirectLineHttpError(404, 'ConversationNotFound', 'The conversation does not exist or has expired.');
      ctx.hub.notify(conversationId);
      return { id: stored.activity.id as string };
    },
    async update(activityId, activity) {
      const updated = await ctx.store.replaceActivity(conversationId, activityId, { ...normalise(activity), id: activityId });
      if (!updated) throw new DirectLineHttpError(404, 'NotFound', 'No such activity in this conversation.');
      // Web Chat replaces an activity it already shows when one with the same id arrives; pollers keep the old copy.
      ctx.hub.pushEphemeral(conversationId, [updated]);
      return { id: activityId };
    },
    async delete(activityId) {
      if (!(await ctx.store.deleteActivity(conversationId, activityId))) {
        throw new DirectLineHttpError(404, 'NotFound', 'No such activity in this conversation.');
      }
    },
  };
}
