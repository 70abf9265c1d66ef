import { z } from 'zod';

const channelAccount = z.object({
  id: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

/**
 * What a client may post as an activity. Unknown fields are dropped: the
 * service owns id, timestamp, channelId, conversation, recipient and
 * serviceUrl, and nothing else a browser sends is worth trusting blindly.
 */
export const clientActivitySchema = z.object({
  type: z.string().min(1).max(64),
  text: z.string().max(16_000).optional(),
  textFormat: z.string().max(32).optional(),
  locale: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(128).optional(),
  from: channelAccount.partial({ id: true }).optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  valueType: z.string().max(256).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  speak: z.string().max(16_000).optional(),
  inputHint: z.string().max(32).optional(),
  replyToId: z.string().max(256).optional(),
});
export type ClientActivity = z.infer<typeof clientActivitySchema>;

/** Body of POST /conversations and /tokens/generate; Direct Line clients may send none. */
export const startConversationSchema = z.object({
  user: z.object({ id: z.string().min(1).max(256).optional(), name: z.string().max(256).optional() }).optional(),
  locale: z.string().max(64).optional(),
});

/**
 * An activity the bot sends through the connector API. Loose on purpose:
 * cards, suggested actions and channel data must reach Web Chat as the bot
 * wrote them.
 */
export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  replyToId: z.string().max(256).optional(),
  from: z.looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
});

/** Formats the first zod issue as a sentence a client developer can act on. */
export function describeIssue(error: z.ZodError): { missing: boolean; message: string } {
  const issue = error.issues[0];
  if (!issue) return { missing: false, message: 'The request body is invalid.' };
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
  return { missing, message: missing ? `Missing property: ${path}.` : `Invalid ${path}: ${issue.message}.` };
}
