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

/** A structured logger with pino's `(fields, message)` call shape. */
export interface DirectLineLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}
