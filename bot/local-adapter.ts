import { type Activity, BotAdapter, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder';
import type { DirectLineActivity, LocalBot, ReplyChannel, TrustedOrigin } from './directline';
import { ORIGIN, type ChatOrigin } from './origin';

const REPLIES = Symbol('replies');

/**
 * A Bot Framework adapter for the Direct Line this server hosts: the visitor's
 * activity is handed to the bot in this process, and the bot's replies are
 * written straight to the conversation's history and streams. The bot's
 * middleware (transcript logging) and error handling run as on CloudAdapter.
 */
export class LocalChannelAdapter extends BotAdapter {
  /** The bot's logic, run for each activity; set by the composition of the bot. */
  logic: (context: TurnContext) => Promise<void> = async () => undefined;

  /** The bot as the local Direct Line sees it. */
  readonly bot: LocalBot = {
    receive: (activity: DirectLineActivity, origin: TrustedOrigin, replies: ReplyChannel) => this.receive(activity, origin, replies),
  };

  private async receive(activity: DirectLineActivity, origin: TrustedOrigin, replies: ReplyChannel): Promise<void> {
    // Bot Framework code expects a Date here, as CloudAdapter's deserialisation gives it.
    const timestamp = typeof activity.timestamp === 'string' ? new Date(activity.timestamp) : undefined;
    const context = new TurnContext(this, { ...activity, ...(timestamp ? { timestamp } : {}) } as unknown as Activity);
    context.turnState.set(REPLIES, replies);
    const chatOrigin: ChatOrigin = { scope: 'local', clientAddress: origin.clientAddress };
    context.turnState.set(ORIGIN, chatOrigin);
    await this.runMiddleware(context, (ctx) => this.logic(ctx));
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = repliesOf(context);
    const sent: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
        sent.push({ id: '' });
        continue;
      }
      if (activity.type === 'invokeResponse') {
        sent.push({ id: '' });
        continue;
      }
      sent.push(await replies.send(activity as DirectLineActivity));
    }
    return sent;
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (!activity.id) throw new Error('updateActivity needs the id of the activity to replace');
    return repliesOf(context).update(activity.id, activity as DirectLineActivity);
  }

  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!reference.activityId) throw new Error('deleteActivity needs an activity id');
    await repliesOf(context).delete(reference.activityId);
  }

  async continueConversation(): Promise<void> {
    throw new Error('The local Direct Line has no proactive messages; reply within the visitor\'s turn.');
  }
}

function repliesOf(context: TurnContext): ReplyChannel {
  const replies = context.turnState.get(REPLIES) as ReplyChannel | undefined;
  if (!replies) throw new Error('no reply channel for this turn');
  return replies;
}
