import { ActionTypes, CardFactory, InputHints, type Activity, type CardAction } from 'botbuilder';
import type { Translate } from '../core/i18n';
import type { TurnOutput } from '../core/conversation';
import type { Locale } from '../core/shared/types';
import { formatDate, formatMoney } from '../core/i18n';

/**
 * Turns the engine's reply plan into Bot Framework activities: the messages
 * as one text, choices as suggested actions (messageBack, so the visitor sees
 * the label and the bot gets the stable value), a receipt card for a payment.
 * With `labelsIn`, the suggested actions also carry their labels in those
 * languages (`channelData.suggestedActionsByLocale`).
 */
export function renderActivities(output: TurnOutput, t: Translate, labelsIn: Readonly<Partial<Record<Locale, Translate>>> = {}): Partial<Activity>[] {
  const activities: Partial<Activity>[] = [];
  const text = output.messages.map((m) => t(m)).filter(Boolean).join('\n\n');
  const reply: Partial<Activity> = {
    type: 'message',
    text,
    locale: output.locale === 'es' ? 'es-US' : 'en-US',
    inputHint: output.end ? InputHints.IgnoringInput : InputHints.ExpectingInput,
    channelData: {
      expect: output.expect.kind,
      sensitive: output.expect.kind === 'digits' && output.expect.sensitive,
      ...(output.intent ? { intent: output.intent } : {}),
      ...(output.prompt ? { prompt: output.prompt } : {}),
    },
  };
  const actions = suggestedActions(output, t);
  if (actions.length) {
    reply.suggestedActions = { actions, to: [] };
    // The same buttons in each language, so a page switched to another language relabels them at once.
    const byLocale: Partial<Record<Locale, CardAction[]>> = {};
    for (const [locale, translate] of Object.entries(labelsIn) as [Locale, Translate][]) byLocale[locale] = suggestedActions(output, translate);
    if (Object.keys(byLocale).length) reply.channelData = { ...reply.channelData, suggestedActionsByLocale: byLocale };
  }

  if (output.receipt) {
    const r = output.receipt;
    const label = (key: string) => t({ key: `receipt.${key}` });
    activities.push({
      type: 'message',
      attachments: [
        {
          // Built directly: the SDK's ReceiptCard type demands tax, VAT and a tap action we do not show.
          contentType: CardFactory.contentTypes.receiptCard,
          content: {
          title: label('title'),
          facts: [
            { key: label('confirmation'), value: r.confirmationNumber },
            { key: label('date'), value: formatDate(r.scheduledFor, output.locale, 'short') },
            { key: label('vehicle'), value: r.vehicle },
            { key: label('account'), value: t({ key: 'receipt.endingIn', params: { last4: r.accountLast4 } }) },
            { key: label('from'), value: t({ key: 'receipt.endingIn', params: { last4: r.fundingLast4 } }) },
            { key: label('fee'), value: label('noFee') },
          ],
          total: formatMoney(r.amountCents, output.locale, 'chat'),
          },
        },
      ],
    });
  }
  if (text || reply.suggestedActions) activities.push(reply);
  if (output.handoff) {
    activities.push({ type: 'event', name: 'handoff', value: { reason: output.handoff.reason, summary: output.handoff.summary } });
  }
  if (output.end) activities.push({ type: 'endOfConversation' });
  return activities;
}

function suggestedActions(output: TurnOutput, t: Translate): CardAction[] {
  const expect = output.expect;
  const toAction = (title: string, value: string): CardAction => ({
    type: ActionTypes.MessageBack,
    title,
    displayText: title,
    text: title,
    value: { choice: value },
  });
  if (expect.kind === 'choice') {
    return expect.choices.map((c) => toAction(t({ key: c.labelKey, params: c.labelParams ?? {} }), c.value));
  }
  if (expect.kind === 'yes-no') {
    return [toAction(t({ key: 'common.yes' }), 'yes'), toAction(t({ key: 'common.no' }), 'no')];
  }
  return [];
}
