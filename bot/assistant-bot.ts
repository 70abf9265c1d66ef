import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import type { ConversationEngine, TurnEvent, TurnInput } from '../core/conversation';
import { translator } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import type { Locale } from '../core/shared/types';
import { renderActivities } from './activity-renderer';

/** A turn slower than this shows the typing indicator. */
export const TYPING_AFTER_MS = 300;

/** The event the web page sends when a visitor opens the chat, so the bot can greet first. */
export const JOIN_EVENT = 'webchat/join';

/**
 * The Bot Framework face of the assistant. It only translates: an activity
 * into an engine turn, the engine's reply into activities. Everything the
 * assistant decides happens in the core.
 */
export class AssistantBot extends ActivityHandler {
  constructor(
    private readonly engine: ConversationEngine,
    private readonly i18n: I18n,
    private readonly logger: Logger,
  ) {
    super();
    this.onMessage(async (context, next) => {
      const event = messageEvent(context);
      if (event) await this.turn(context, event);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === JOIN_EVENT) await this.turn(context, { kind: 'start' });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // The Emulator and Azure channels announce the visitor; our own page sends JOIN_EVENT instead.
      const visitorJoined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient.id);
      if (visitorJoined && context.activity.channelId !== 'directline') await this.turn(context, { kind: 'start' });
      await next();
    });
    this.onEndOfConversation(async (context, next) => {
      await this.turn(context, { kind: 'hang-up' }, false);
      await next();
    });
  }

  private async turn(context: TurnContext, event: TurnEvent, reply = true): Promise<void> {
    const activity = context.activity;
    const locale = localeOf(activity.locale);
    const input: TurnInput = {
      sessionId: `chat:${activity.channelId}:${activity.conversation.id}`,
      channel: 'chat',
      locale,
      event,
      turnKey: activity.id ?? `${activity.conversation.id}:${activity.timestamp?.toString() ?? ''}`,
      // Failed verifications count against the visitor's address as they do against a caller's number.
      callerId: clientAddress(activity),
    };
    // The typing indicator only when the answer is slow to come: most turns answer faster than a
    // person notices, and each activity is one more round trip to the channel.
    let typing: Promise<unknown> | null = null;
    const typingTimer = reply
      ? setTimeout(() => {
          typing = context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
        }, TYPING_AFTER_MS)
      : null;
    let output;
    try {
      output = await this.engine.handle(input);
    } finally {
      if (typingTimer) clearTimeout(typingTimer);
      if (typing) await typing;
    }
    if (!reply) return;
    const t = translator(this.i18n, output.locale, 'chat');
    const activities = renderActivities(output, t);
    if (activities.length) await context.sendActivities(activities);
    if (output.handoff) this.logger.info({ conversation: activity.conversation.id, reason: output.handoff.reason }, 'handoff to agent');
  }
}

/** A typed message, a suggested action (messageBack value), or a masked entry from the page. */
function messageEvent(context: TurnContext): TurnEvent | null {
  const a = context.activity;
  const value = (a.value ?? {}) as { choice?: unknown; secret?: unknown };
  if (typeof value.choice === 'string' && value.choice.length <= 100) return { kind: 'button', value: value.choice };
  // The page sends sensitive entries in `value.secret` and shows only a mask as the text.
  if (typeof value.secret === 'string') return { kind: 'text', text: value.secret.slice(0, 100) };
  if (typeof a.text === 'string') return { kind: 'text', text: a.text };
  return null;
}

/** The visitor's address as our own Direct Line reported it (clients cannot set it), or null. */
function clientAddress(activity: TurnContext['activity']): string | null {
  if (activity.channelId !== 'directline') return null;
  const ip = (activity.channelData as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === 'string' && ip.length <= 64 ? `ip:${ip}` : null;
}

export function localeOf(tag: string | undefined | null): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('es')) return 'es';
  if (lower.startsWith('en')) return 'en';
  return null;
}
