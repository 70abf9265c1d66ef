import { DirectLineHttpError } from './http-io';
import type { LocalBot, ReplyChannel, TrustedOrigin } from './local-bot';
import type { DirectLineActivity, DirectLineLogger } from './types';

/**
 * Hands activities to the bot in this process, one at a time per
 * conversation, so the bot sees a visitor's turns in the order they were sent
 * even when the browser fires them concurrently.
 */
export class BotDelivery {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly bot: LocalBot,
    private readonly timeoutMs: number,
    private readonly logger: DirectLineLogger,
  ) {}

  /** Runs `task` after every earlier task of the same conversation has settled. */
  enqueue<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.queues.set(conversationId, tail);
    void tail.then(() => {
      if (this.queues.get(conversationId) === tail) this.queues.delete(conversationId);
    });
    return next;
  }

  /** Resolves once every queued delivery has finished, for an orderly shutdown. */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /** Runs the bot's turn; throws a {@link DirectLineHttpError} (502/504) when the bot fails it or is too slow. */
  async deliver(activity: DirectLineActivity, origin: TrustedOrigin, replies: ReplyChannel): Promise<void> {
    const conversationId = activity.conversation?.id;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new DirectLineHttpError(504, 'BotTimeout', 'The bot did not answer in time.')), this.timeoutMs);
    });
    try {
      await Promise.race([this.bot.receive(activity, origin, replies), timeout]);
    } catch (error) {
      if (error instanceof DirectLineHttpError && error.status === 504) {
        this.logger.warn({ conversationId, activityType: activity.type }, 'bot turn timed out');
        throw error;
      }
      this.logger.warn({ conversationId, activityType: activity.type, err: (error as Error)?.message }, 'bot turn failed');
      throw new DirectLineHttpError(502, 'BotError', 'The bot could not answer this activity.');
    } finally {
      clearTimeout(timer);
    }
  }
}
