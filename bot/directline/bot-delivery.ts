import { DirectLineHttpError } from './http-io';
import type { DirectLineActivity, DirectLineLogger } from './types';

/**
 * Posts activities to the bot's messaging endpoint the way the Bot Framework
 * channel service does (plain JSON POST), one at a time per conversation, so
 * the bot sees a user's turns in the order they were sent even when the
 * browser fires them concurrently.
 */
export class BotDelivery {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly botEndpoint: () => string,
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

  /** Sends one activity; throws a {@link DirectLineHttpError} (502/504) when the bot fails it. */
  async deliver(activity: DirectLineActivity): Promise<void> {
    const conversationId = activity.conversation?.id;
    let response: Response;
    try {
      response = await fetch(this.botEndpoint(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.logger.warn({ conversationId, activityType: activity.type, err: (error as Error).message }, 'bot delivery failed');
      throw timedOut
        ? new DirectLineHttpError(504, 'BotTimeout', 'The bot did not answer in time.')
        : new DirectLineHttpError(502, 'BotUnavailable', 'The bot could not be reached.');
    }
    // The body is unused but must be consumed, or the connection is never released.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      this.logger.warn({ conversationId, activityType: activity.type, status: response.status }, 'bot rejected activity');
      throw new DirectLineHttpError(502, 'BotError', `The bot returned an error (HTTP ${response.status}).`);
    }
  }
}
