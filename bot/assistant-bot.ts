import { ActivityHandler, ActivityTypes, EventFactory, TurnContext, type Activity } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import type { ConversationEngine, TurnEvent, TurnInput, TurnOutput } from '../core/conversation';
import type { HandoffDesk, HandoffRecord, TranscriptLine } from '../core/handoff';
import { translator } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import type { Locale } from '../core/shared/types';
import { renderActivities } from './activity-renderer';
import { visitorActivity } from './chat-handoff';
import { maskNumbers } from './masked-transcript-logger';
import { ORIGIN, type ChatOrigin } from './origin';

/** A turn slower than this shows the typing indicator. */
export const TYPING_AFTER_MS = 300;

/** The event the web page sends when a visitor opens the chat, so the bot can greet first. */
export const JOIN_EVENT = 'webchat/join';

/** The suggested action with which a waiting visitor leaves the line. */
export const CANCEL_HANDOFF = 'handoff:cancel';

/** What the bot needs to hand a chat to a person at the agent desk. */
export interface ChatHandoff {
  desk: HandoffDesk;
  /** The conversation so far, masked, for the agent; empty where the bot keeps no history (Azure channels). */
  transcriptOf(origin: ChatOrigin | undefined, conversationId: string): Promise<TranscriptLine[]>;
  /** The desk's chat hours, told to visitors when nobody can take their chat. */
  hoursText: string;
}

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
    private readonly handoff: ChatHandoff | null = null,
  ) {
    super();
    this.onMessage(async (context, next) => {
      const event = messageEvent(context);
      if (event && !(await this.relayDuringHandoff(context, event))) await this.turn(context, event);
      await next();
    });
    this.onTyping(async (context, next) => {
      const live = this.handoff ? await this.handoff.desk.active(this.sessionOf(context)) : null;
      if (live) this.handoff?.desk.visitorTyping(live);
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
      const live = this.handoff ? await this.handoff.desk.active(this.sessionOf(context)) : null;
      if (live) await this.handoff?.desk.visitorLeft(live);
      await this.turn(context, { kind: 'hang-up' }, false);
      await next();
    });
  }

  private sessionOf(context: TurnContext): string {
    return sessionIdOf(context.turnState.get(ORIGIN) as ChatOrigin | undefined, context.activity);
  }

  /**
   * While a person has the conversation, the visitor's messages are theirs:
   * they go to the agent (masked like everything stored), not to the engine.
   * While waiting, the visitor may leave the line; anything else gets their
   * place in it. Returns false when no handoff is live.
   */
  private async relayDuringHandoff(context: TurnContext, event: TurnEvent): Promise<boolean> {
    if (!this.handoff) return false;
    const live = await this.handoff.desk.active(this.sessionOf(context));
    if (!live) return false;
    const value = (context.activity.value ?? {}) as { secret?: unknown };
    const text =
      event.kind === 'button' && event.value === CANCEL_HANDOFF
        ? 'cancel'
        : typeof value.secret === 'string'
          ? '••••'
          : maskNumbers(String(context.activity.text ?? '').slice(0, 2000));
    const result = await this.handoff.desk.fromVisitor(live, text);
    if (result.kind === 'waiting') {
      await context.sendActivity(visitorActivity(live, { from: 'assistant', message: { key: 'desk.stillWaiting', params: { position: result.position } }, cancelButton: true }, this.i18n, null));
    } else if (result.kind === 'cancelled') {
      await context.sendActivity(visitorActivity(live, { from: 'assistant', message: { key: 'desk.cancelled' } }, this.i18n, null));
    }
    return true;
  }

  /**
   * A handoff the engine decided on goes to the agent desk's queue, with the
   * Bot Framework's `handoff.initiate` event (summary and masked transcript)
   * so a deployment on Azure can route it to another desk. With the desk
   * closed or nobody signed in, the visitor gets the phone number and hours
   * instead of a promise.
   */
  private async queueForPerson(context: TurnContext, output: TurnOutput, origin: ChatOrigin | undefined, sessionId: string): Promise<{ output: TurnOutput; initiate: Partial<Activity> | null; handoff: HandoffRecord | null }> {
    const handoff = this.handoff;
    if (!handoff || !output.handoff) return { output, initiate: null, handoff: null };
    const reachable = origin?.scope === 'local' || origin?.scope === 'azure';
    // The summary goes on without the transcript should the history be unreadable: the visitor still reaches a person.
    const lastTurns = reachable
      ? await handoff.transcriptOf(origin, context.activity.conversation.id).catch((error: unknown) => {
          this.logger.warn({ conversation: context.activity.conversation.id, err: { message: (error as Error)?.message } }, 'handoff transcript unavailable');
          return [];
        })
      : [];
    const start = reachable
      ? await handoff.desk.begin({
          channel: 'chat',
          conversationId: context.activity.conversation.id,
          sessionId,
          locale: output.locale,
          reason: output.handoff.reason,
          engineSummary: output.handoff.summary,
          lastTurns,
          reference: origin?.scope === 'azure' ? JSON.stringify(TurnContext.getConversationReference(context.activity)) : null,
        })
      : ({ kind: 'unavailable' } as const);
    if (start.kind === 'unavailable') {
      const messages = output.messages.map((m) => (m.key === 'agent.handoff' ? { key: 'desk.unavailable', params: { hours: handoff.hoursText } } : m));
      return { output: { ...output, messages }, initiate: null, handoff: null };
    }
    const transcript = {
      activities: lastTurns.map((line) => ({ type: ActivityTypes.Message, text: line.text, from: { id: line.from, name: line.from, role: line.from === 'assistant' ? 'bot' : 'user' } }) as Activity),
    };
    const initiate = EventFactory.createHandoffInitiation(context, { summary: start.handoff.summary, handoffId: start.handoff.id }, transcript);
    return { output: { ...output, messages: [...output.messages, { key: 'desk.queued', params: { position: start.position } }] }, initiate, handoff: start.handoff };
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
    const queued = await this.queueForPerson(context, output, origin, input.sessionId);
    output = queued.output;
    const t = translator(this.i18n, output.locale, 'chat');
    const activities = renderActivities(output, t, {
      en: translator(this.i18n, 'en', 'chat'),
      es: translator(this.i18n, 'es', 'chat'),
    });
    if (queued.handoff) {
      const last = activities[activities.length - 1];
      const cancel = visitorActivity(queued.handoff, { from: 'assistant', message: { key: 'desk.optCancel' }, cancelButton: true }, this.i18n, null);
      if (last) last.suggestedActions = cancel.suggestedActions;
    }
    if (queued.initiate) activities.push(queued.initiate);
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
