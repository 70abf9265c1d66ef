import { ActionTypes, ActivityTypes, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import type { HandoffRecord, TranscriptLine, VisitorLink, VisitorMessage } from '../core/handoff';
import { translator } from '../core/i18n';
import type { DirectLineActivity, DirectLineService, DirectLineStore } from './directline';

/** How many lines of the conversation before the handoff the agent sees. */
export const TRANSCRIPT_LINES = 12;

/** The activity a visitor sees for one desk message, in the handoff's language. */
export function visitorActivity(handoff: HandoffRecord, message: VisitorMessage, i18n: I18n, agentId: string | null): Partial<Activity> {
  const t = translator(i18n, handoff.locale, 'chat');
  const locale = handoff.locale === 'es' ? 'es-US' : 'en-US';
  if (message.from === 'agent') {
    return {
      type: ActivityTypes.Message,
      // Web Chat shows no sender names, so the agent's name leads the text.
      text: t({ key: 'desk.agentSays', params: { name: message.name, text: message.text } }),
      locale,
      from: { id: `agent:${agentId ?? 'desk'}`, name: message.name },
      channelData: { handoff: { id: handoff.id, from: 'agent' } },
    };
  }
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: t(message.message),
    locale,
    channelData: { handoff: { id: handoff.id, from: 'assistant' } },
  };
  if (message.cancelButton) {
    const label = t({ key: 'desk.optCancel' });
    activity.suggestedActions = { actions: [{ type: ActionTypes.MessageBack, title: label, displayText: label, text: label, value: { choice: 'handoff:cancel' } }], to: [] };
  }
  return activity;
}

export interface ChatVisitorLinkDeps {
  i18n: I18n;
  directLine: DirectLineService;
  /** The Azure channels' adapter and app id, to reach a visitor there proactively. */
  azure: { adapter: CloudAdapter; appId: string } | null;
}

/**
 * Reaches a visitor where their chat is: the local Direct Line's
 * conversation (written straight into its history and streams), or an Azure
 * channel through the Bot Framework's proactive messages.
 */
export function chatVisitorLink(deps: ChatVisitorLinkDeps): VisitorLink {
  const deliver = async (handoff: HandoffRecord, activity: Partial<Activity>): Promise<void> => {
    if (handoff.sessionId.startsWith('chat:local:')) {
      await deps.directLine.replyChannel(handoff.conversationId).send(activity as DirectLineActivity);
      return;
    }
    if (deps.azure && handoff.reference) {
      const reference = JSON.parse(handoff.reference) as Partial<ConversationReference>;
      await deps.azure.adapter.continueConversationAsync(deps.azure.appId, reference, async (context) => {
        await context.sendActivity(activity);
      });
      return;
    }
    throw new Error('this chat cannot be reached from the desk');
  };
  return {
    send: (handoff, message) => deliver(handoff, visitorActivity(handoff, message, deps.i18n, handoff.agentId)),
    typing: (handoff, name) => deliver(handoff, { type: ActivityTypes.Typing, from: { id: `agent:${handoff.agentId ?? 'desk'}`, name } }),
  };
}

/**
 * The last lines of a local Direct Line conversation, as stored: the
 * visitor's words were masked before they were stored, so nothing sensitive
 * reaches the agent.
 */
export function directLineTranscript(store: DirectLineStore): (conversationId: string) => Promise<TranscriptLine[]> {
  return async (conversationId) => {
    // Past every sequence number (the largest a 32-bit column holds), to learn the newest watermark.
    const newest = await store.listActivities(conversationId, 2_147_483_647, 1);
    const page = await store.listActivities(conversationId, Math.max(0, newest.watermark - 40), 40);
    return page.activities
      .filter((a) => a.type === 'message' && typeof a.text === 'string' && a.text.trim() !== '')
      .map((a): TranscriptLine => ({ from: a.from?.role === 'bot' ? 'assistant' : 'customer', text: String(a.text).slice(0, 500) }))
      .slice(-TRANSCRIPT_LINES);
  };
}
