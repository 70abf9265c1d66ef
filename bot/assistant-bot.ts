import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import type { ConversationEngine, TurnEvent, TurnInput } from '../core/conversation';
import { translator } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import type { Locale } from '../core/shared/types';
import { renderActivities } from './activity-renderer';
import { ORIGIN, type ChatOrigin } from './origin';

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
    private readonly engine: Pick<ConversationEngine, 'handle'>,
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
    const origin = context.turnState.get(ORIGIN) as ChatOrigin | undefined;
    const input: TurnInput = {
      sessionId: sessionIdOf(origin, activity),
      channel: 'chat',
      locale,
      event,
      turnKey: activity.id ?? `${activity.conversation.id}:${activity.timestamp?.toString() ?? ''}`,
      // Failed verifications count against the visitor's address as they do against a caller's number.
      callerId: origin?.clientAddress ? `ip:${origin.clientAddress}` : null,
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
    const activities = renderActivities(output, t, {
      en: translator(this.i18n, 'en', 'chat'),
      es: translator(this.i18n, 'es', 'chat'),
    });
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

/**
 * The engine session of a chat. Its prefix is the entry point the server
 * established (never a value from the activity), so no caller can name a
 * session of another entry point; on Azure channels the channel id comes from
 * an authenticated activity. A turn without an origin (a test adapter) gets a
 * scope of its own.
 */
export function sessionIdOf(origin: ChatOrigin | undefined, activity: { channelId: string; conversation: { id: string } }): string {
  switch (origin?.scope) {
    case 'local':
      return `chat:local:${activity.conversation.id}`;
    case 'emulator':
      return `chat:emulator:${activity.conversation.id}`;
    case 'azure':
      return `chat:azure:${activity.channelId}:${activity.conversation.id}`;
    default:
      return `chat:unscoped:${activity.channelId}:${activity.conversation.id}`;
  }
}

export function localeOf(tag: string | undefined | null): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('es')) return 'es';
  if (lower.startsWith('en')) return 'en';
  return null;
}
