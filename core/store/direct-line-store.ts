/**
 * The port for the web chat's Direct Line conversations and their history:
 * the local Direct Line (bot/) uses it, the data layer implements it.
 */

/** A party in a conversation, as the Bot Framework Activity schema names it. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
  [key: string]: unknown;
}

/**
 * An activity as it travels through Direct Line. Kept loose on purpose: the
 * bot may send any Activity field (cards, suggested actions, entities) and
 * Web Chat must receive it untouched.
 */
export interface DirectLineActivity {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  conversation?: { id: string; [key: string]: unknown };
  replyToId?: string;
  text?: string;
  [key: string]: unknown;
}

/** What the service remembers about one Direct Line conversation. */
export interface ConversationRecord {
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the last post, bot reply or stream connect; drives idle expiry. */
  lastActiveAt: number;
  /** The user id bound when the conversation was started, if the client named one. */
  userId?: string;
  /** The locale the client asked for when starting, if any. */
  locale?: string;
  /** True once the bot has been sent the conversationUpdate announcing the user. */
  joined: boolean;
  /** Tokens of this generation are valid; a refresh moves to the next one. */
  tokenGeneration: number;
}

/** One page of a conversation's history after a watermark. */
export interface ActivityPage {
  activities: DirectLineActivity[];
  /** The sequence number of the last activity returned, or the newest known when none are. */
  watermark: number;
}

/**
 * Persistence for Direct Line conversations and their activity history.
 *
 * The in-memory twin (`bot/directline/in-memory-store.ts`) serves a single
 * process. A database version (for several server instances behind a load
 * balancer) must keep the same guarantees, which is why every method is
 * async and why the contract is stated here rather than left to the
 * implementation:
 *
 * - `appendActivity` assigns the next sequence number of that conversation
 *   atomically (one transaction: read the counter, insert, bump), so
 *   watermarks are strictly increasing and never reused, even after trimming.
 * - `markJoined` is a compare-and-set: exactly one caller sees `true`, so two
 *   instances never both greet the same user.
 * - History is bounded: the store keeps only the newest N activities per
 *   conversation (N is the implementation's setting).
 * - A store shared by several instances tells them when a conversation has
 *   new activities through {@link ActivitySignals}, so that WebSocket
 *   subscribers on another instance are woken.
 */
export interface DirectLineStore {
  /** Saves a new conversation; the id is unique (callers make it random). */
  createConversation(record: ConversationRecord): Promise<void>;
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  countConversations(): Promise<number>;
  /** Records activity on the conversation so it is not expired as idle. */
  touch(id: string, at: number): Promise<void>;
  /**
   * Marks the conversation as joined. Resolves `true` only for the call that
   * changed it from not joined, `false` if it already was or does not exist.
   */
  markJoined(id: string): Promise<boolean>;
  /**
   * Moves the conversation to its next token generation, but only from
   * `fromGeneration` (a compare-and-set: of two refreshes with the same token,
   * one wins). Resolves the new generation, or `undefined` when the
   * conversation is gone or was already moved on.
   */
  advanceTokenGeneration(id: string, fromGeneration: number): Promise<number | undefined>;
  /**
   * Appends an activity, giving it the conversation's next sequence number;
   * `makeId(seq)` builds its id inside the same step. Resolves the stored
   * activity, or `undefined` if the conversation does not exist.
   */
  appendActivity(
    conversationId: string,
    activity: DirectLineActivity,
    makeId: (seq: number) => string,
    /** When given, the conversation is also marked active at this time (epoch ms), as `touch` does. */
    activeAt?: number,
  ): Promise<{ activity: DirectLineActivity; seq: number } | undefined>;
  /** Activities with a sequence number greater than `afterWatermark`, oldest first, at most `limit`. */
  listActivities(conversationId: string, afterWatermark: number, limit: number): Promise<ActivityPage>;
  /** Replaces a stored activity in place (same sequence number); `undefined` if it is not there. */
  replaceActivity(
    conversationId: string,
    activityId: string,
    activity: DirectLineActivity,
  ): Promise<DirectLineActivity | undefined>;
  /** Removes an activity from the history; `false` if it was not there. */
  deleteActivity(conversationId: string, activityId: string): Promise<boolean>;
  /**
   * Deletes conversations whose `lastActiveAt` is before `idleSince`, and
   * those in which the visitor never joined (never posted) that were last
   * active before `unusedSince`, except those in `keep`, and resolves their ids.
   */
  deleteIdleConversations(idleSince: number, keep: ReadonlySet<string>, unusedSince?: number): Promise<string[]>;
}

/** What an instance does when told about activities appended anywhere. */
export interface ActivitySignalHandlers {
  /** A conversation has new activities (appended on this instance or another). */
  activity(conversationId: string): void;
  /** Signals may be missed from now on (the connection carrying them is lost): look for new activities another way. */
  lost(): void;
  /** Signals flow again; anything appended while they did not may still be unread, so look once more. */
  restored(): void;
}

/**
 * How server instances sharing one store learn at once that a conversation
 * has new activities (PostgreSQL LISTEN/NOTIFY in the data layer). The store
 * itself publishes on every append; this side only listens.
 */
export interface ActivitySignals {
  /** Starts listening. Resolves once the first attempt to connect is over, whether or not it succeeded (then `lost` has been called). */
  listen(handlers: ActivitySignalHandlers): Promise<void>;
  /** Stops listening and releases the connection. */
  close(): Promise<void>;
}
