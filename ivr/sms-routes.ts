import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { carrierConfirmsStop, smsKeyword } from '../core/alerts';
import { translator } from '../core/i18n';
import type { Locale } from '../core/shared/types';
import type { IvrDeps } from './deps';
import { sendBadRequest, sendForbidden, sendTwiml } from './http';
import { payByText, type PayByTextOutcome } from './pay-by-text';
import { displayPhone, shortDate } from './sms-format';
import { hasValidTwilioSignature, twilioParams } from './twilio-signature';

/**
 * "PAY 4821": the word that means "pay what my reminder named" (Spanish
 * speakers may answer PAGAR or PAGO) and the reminder's one-time code, if given.
 */
const PAY_REPLY = /^(?:PAY|PAGAR|PAGO)(?:\s*#?\s*(\d{1,8}))?$/;

/** The code of a PAY reply (null when it has none), or undefined when the text is no PAY reply at all. */
export function payReplyCode(body: string): string | null | undefined {
  const m = PAY_REPLY.exec(body.trim().replace(/[.!¡?¿]+$/g, '').toUpperCase());
  return m ? (m[1] ?? null) : undefined;
}

const smsParams = z.object({
  From: z.string().min(1).max(64),
  Body: z.string().max(5000).default(''),
  MessageSid: z.string().max(64).optional(),
});

/** A reply to one incoming text: an i18n key under `sms.` with its parameters, or nothing at all. */
export interface SmsReply {
  locale: Locale;
  key: string | null;
  params?: Record<string, string | number>;
}

/**
 * Decides the reply to an incoming text. Carrier keywords first (STOP must
 * win over everything and get no reply of ours: Twilio or the carrier sends
 * the confirmation; the Spanish ALTO gets ours), then PAY with a reminder's
 * code, then a short help line.
 */
export async function replyToText(deps: IvrDeps, from: string, body: string): Promise<SmsReply> {
  const phone = displayPhone(deps.config.customerServiceNumber);
  const keyword = smsKeyword(body);
  const customer = await deps.repos.customers.byMobile(from);
  const locale: Locale = customer?.language ?? 'en';

  if (keyword === 'stop') {
    if (customer) await deps.services.alerts.recordSmsKeyword(from, 'stop');
    // A Spanish opt-out (ALTO) gets no confirmation from Twilio: send ours.
    return { locale, key: carrierConfirmsStop(body) ? null : 'sms.stopped', params: { phone } };
  }
  if (keyword === 'start') {
    if (!customer) return { locale, key: 'sms.unknownNumber', params: { phone } };
    await deps.services.alerts.recordSmsKeyword(from, 'start');
    return { locale, key: customer.textAlerts ? 'sms.optedIn' : 'sms.optedInNoAlerts', params: { phone } };
  }
  if (keyword === 'help') return { locale, key: 'sms.help', params: { phone } };

  const code = payReplyCode(body);
  if (code !== undefined) {
    const result = await payByText(deps, from, code);
    return { locale: result.locale, ...payReply(result.outcome, result.locale, phone) };
  }
  if (!customer) return { locale, key: 'sms.unknownNumber', params: { phone } };
  return { locale, key: 'sms.unknownCommand', params: { phone } };
}

function payReply(outcome: PayByTextOutcome, locale: Locale, phone: string): Omit<SmsReply, 'locale'> {
  switch (outcome.kind) {
    case 'paid':
    case 'already-paid':
      return {
        key: outcome.kind === 'paid' ? 'sms.paid' : 'sms.alreadyPaid',
        params: {
          amount: outcome.amountCents,
          date: shortDate(outcome.date, locale),
          confirmation: outcome.confirmationNumber,
          vehicle: outcome.vehicle,
          account: outcome.accountLast4,
          last4: outcome.bankLast4,
        },
      };
    case 'paid-today':
      return {
        key: 'sms.paidToday',
        params: { amount: outcome.amountCents, confirmation: outcome.confirmationNumber, vehicle: outcome.vehicle, phone },
      };
    case 'unknown-number':
      return { key: 'sms.unknownNumber', params: { phone } };
    case 'opted-out':
      return { key: 'sms.optedOut', params: { phone } };
    case 'not-opted-in':
      return { key: 'sms.notOptedIn', params: { phone } };
    case 'how-to-pay':
      return { key: 'sms.payHowTo', params: { phone } };
    case 'suspended':
      return { key: 'sms.paySuspended', params: { phone } };
    case 'nothing-due':
      return { key: 'sms.nothingDue', params: { phone } };
    case 'no-bank':
      return { key: 'sms.noBank', params: { phone } };
    case 'failed':
      return { key: 'sms.payFailed', params: { phone } };
  }
}

/** The intent a text's reply stands for, for the supervisor's charts. */
function smsIntent(key: string | null): string {
  if (key === null || key === 'sms.stopped') return 'sms_stop';
  if (key.startsWith('sms.optedIn')) return 'sms_start';
  if (key === 'sms.help') return 'sms_help';
  if (key === 'sms.unknownCommand' || key === 'sms.unknownNumber') return 'none';
  return 'sms_pay';
}

/** One analytics event per text answered, as for the engine's turns (a PAY that paid counts as a payment). */
async function recordSmsTurn(deps: IvrDeps, from: string, body: string, messageSid: string | undefined, reply: SmsReply, latencyMs: number): Promise<void> {
  if (!deps.recordTurn) return;
  const paid = reply.key === 'sms.paid' ? reply.params : undefined;
  await deps.recordTurn(
    { sessionId: `sms:${from}`, channel: 'sms', locale: reply.locale, event: { kind: 'text', text: body }, turnKey: messageSid ?? randomUUID(), callerId: from },
    {
      locale: reply.locale,
      messages: reply.key ? [{ key: reply.key }] : [],
      expect: { kind: 'none' },
      end: false,
      intent: smsIntent(reply.key),
      ...(paid
        ? {
            receipt: {
              confirmationNumber: String(paid.confirmation ?? ''),
              amountCents: Number(paid.amount ?? 0),
              scheduledFor: String(paid.date ?? ''),
              accountLast4: String(paid.account ?? ''),
              vehicle: String(paid.vehicle ?? ''),
              fundingLast4: String(paid.last4 ?? ''),
            },
          }
        : {}),
    },
    latencyMs,
  );
}

/**
 * Mounts POST /sms/incoming (the number's "A message comes in" URL): checks
 * the Twilio signature, then answers with TwiML `<Message>`, or an empty
 * `<Response/>` for STOP.
 */
export function mountSmsRoutes(server: Server, deps: IvrDeps): void {
  const log = deps.logger.child({ component: 'ivr', channel: 'sms' });

  server.post('/sms/incoming', async (req: Request, res: Response) => {
    if (!hasValidTwilioSignature(req, deps.config.twilio.authToken, deps.publicUrl())) {
      log.warn({ path: req.path() }, 'rejected a request without a valid Twilio signature');
      sendForbidden(res);
      return;
    }
    const parsed = smsParams.safeParse(twilioParams(req));
    if (!parsed.success) {
      sendBadRequest(res);
      return;
    }
    const { From: from, Body: body, MessageSid: messageSid } = parsed.data;
    const response = new twilio.twiml.MessagingResponse();
    const started = Date.now();
    try {
      const reply = await replyToText(deps, from, body);
      await recordSmsTurn(deps, from, body, messageSid, reply, Date.now() - started).catch((error: unknown) =>
        log.warn({ messageSid, err: { message: (error as Error).message } }, 'sms turn event not recorded'),
      );
      if (reply.key) {
        const t = translator(deps.i18n, reply.locale, 'sms');
        response.message(t({ key: reply.key, ...(reply.params ? { params: reply.params } : {}) }));
      }
      log.info({ messageSid, reply: reply.key ?? 'none', locale: reply.locale }, 'sms answered');
    } catch (error) {
      const correlationId = randomUUID();
      log.error({ correlationId, messageSid, err: { name: (error as Error).name, message: (error as Error).message } }, 'sms failed');
      // Unknown language when the customer could not be read: English, as the carrier's own texts are.
      const t = translator(deps.i18n, 'en', 'sms');
      response.message(t({ key: 'sms.error', params: { phone: displayPhone(deps.config.customerServiceNumber) } }));
    }
    sendTwiml(res, response.toString());
  });
}
