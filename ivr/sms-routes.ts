import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import type { Server } from 'restify';
import { z } from 'zod';
import type { TurnOutput } from '../core/conversation';
import { formatPhone, translator } from '../core/i18n';
import type { IvrDeps } from './deps';
import type { TwilioRoute } from './twilio-route';

const smsParams = z.object({
  From: z.string().min(1).max(64),
  Body: z.string().max(5000).default(''),
  MessageSid: z.string().max(64).optional(),
});

/** The conversation of one phone number by text: every text from it is a turn of the same session. */
export function smsSessionId(from: string): string {
  return `sms:${from}`;
}

/**
 * Renders the engine's answer to a text as TwiML: one `<Message>` with the
 * reply's words, or an empty `<Response/>` when there is nothing to say (a
 * STOP the carrier confirms). `phone` is the number people call, for the
 * texts that name it.
 */
export function renderSmsTurn(output: TurnOutput, deps: Pick<IvrDeps, 'i18n' | 'config'>): string {
  const response = new twilio.twiml.MessagingResponse();
  if (output.messages.length) {
    const t = translator(deps.i18n, output.locale, 'sms');
    const phone = formatPhone(deps.config.customerServiceNumber);
    response.message(output.messages.map((m) => t({ key: m.key, params: { phone, ...m.params } })).join(' '));
  }
  return response.toString();
}

/**
 * Mounts POST /sms/incoming (the number's "A message comes in" URL): a
 * signed text becomes a turn of the conversation engine (its session is the
 * sender's number; the MessageSid makes a retried webhook a replay), and the
 * answer goes back as TwiML `<Message>`.
 */
export function mountSmsRoutes(server: Server, deps: IvrDeps, twilioRoute: TwilioRoute): void {
  const log = deps.logger.child({ component: 'ivr', channel: 'sms' });

  server.post(
    '/sms/incoming',
    twilioRoute(smsParams, async ({ From: from, Body: body, MessageSid: messageSid }) => {
      try {
        const output = await deps.engine.handle({
          sessionId: smsSessionId(from),
          channel: 'sms',
          locale: null,
          event: { kind: 'text', text: body },
          turnKey: messageSid ? `sms:${messageSid}` : `sms:${randomUUID()}`,
          callerId: from,
        });
        // Never the words of the text or the reply: only which reply it was.
        log.info({ messageSid, reply: output.messages.map((m) => m.key).join(',') || 'none', intent: output.intent ?? null, locale: output.locale }, 'sms answered');
        return renderSmsTurn(output, deps);
      } catch (error) {
        const correlationId = randomUUID();
        log.error({ correlationId, messageSid, err: { name: (error as Error).name, message: (error as Error).message } }, 'sms failed');
        // Unknown language when the conversation could not be read: English, as the carrier's own texts are.
        return renderSmsTurn({ locale: 'en', messages: [{ key: 'sms.error' }], expect: { kind: 'none' }, end: false }, deps);
      }
    }),
  );
}
