import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import twilio from 'twilio';
import { z } from 'zod';
import type { CardCaptureResult, TurnEvent, TurnOutput } from '../core/conversation';
import type { Locale } from '../core/shared/types';
import type { IvrDeps } from './deps';
import { sendBadRequest, sendForbidden, sendTwiml } from './http';
import { hasValidTwilioSignature, twilioParams } from './twilio-signature';
import { emptyVoiceResponse, renderVoiceApology, renderVoiceTurn, renderWhisper } from './twiml-renderer';

/** Failed tries at one step before the caller goes to a person instead of hearing another apology. */
const MAX_ERROR_RETRIES = 2;
/** Twilio gives up on a webhook after 15 s and plays its fallback; answer well before that. */
const TURN_DEADLINE_MS = 10_000;
/** Longer speech is noise or an attack; the engine caps it again. */
const MAX_SPEECH_CHARS = 500;
/** Call statuses after which the caller is gone. */
const CALL_OVER = new Set(['completed', 'failed', 'busy', 'no-answer', 'canceled']);

const callParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/),
  From: z.string().max(64).optional(),
  Digits: z.string().optional(),
  SpeechResult: z.string().optional(),
  Confidence: z.string().optional(),
  CallStatus: z.string().max(32).optional(),
});
type CallParams = z.infer<typeof callParams>;

/**
 * What Twilio posts to a `<Pay>` verb's action URL. The card number arrives
 * masked (only its last 4 digits readable) and only its last 4 are ever kept.
 */
const payParams = z.object({
  Result: z.string().max(64).default(''),
  PaymentToken: z.string().max(256).optional(),
  PaymentConfirmationCode: z.string().max(256).optional(),
  PaymentCardNumber: z.string().max(32).optional(),
  PaymentCardType: z.string().max(32).optional(),
  ExpirationDate: z.string().max(8).optional(),
  PaymentError: z.string().max(512).optional(),
  ConnectorError: z.string().max(512).optional(),
});
type PayParams = z.infer<typeof payParams>;

/** What `<Pay>` reports on its way (statusCallback): which entry it is on, never the entries. */
const payStatusParams = z.object({
  For: z.string().max(64).optional(),
  Capture: z.string().max(64).optional(),
  Required: z.string().max(256).optional(),
  ErrorType: z.string().max(64).optional(),
  PartialResult: z.string().max(8).optional(),
});

const gatherQuery = z.object({
  /** The step this answer belongs to: part of the turn key, so a retried request is recognised. */
  s: z.coerce.number().int().min(0).max(1_000_000).default(1),
  /** Language of the question, for an apology when the session cannot be read. */
  l: z.enum(['en', 'es']).optional(),
  /** Errors so far at this step. */
  e: z.coerce.number().int().min(0).max(10).default(0),
  /** Set on the retry after an error: ask the last question again instead of reading an answer. */
  r: z.literal('1').optional(),
  /**
   * The flow step the question belongs to (`pay.amount`), for Twilio's request
   * log and the transcript runner's coverage; the engine does not read it.
   */
  p: z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/).max(64).optional(),
});
type GatherQuery = z.infer<typeof gatherQuery>;

/** The session id of a call: one conversation per CallSid. */
export function voiceSessionId(callSid: string): string {
  return `voice:${callSid}`;
}

/**
 * Mounts the voice webhooks:
 * - POST /voice/incoming — a new call (the number's "A call comes in" URL);
 * - POST /voice/gather — every answer (the Gather action, and its Redirect);
 * - POST /voice/status — the call status callback: a finished call ends its session;
 * - POST /voice/fallback — the number's fallback URL: apologise and transfer.
 * Each checks the Twilio signature first and answers 403 without touching
 * the engine when it is missing or wrong.
 */
export function mountVoiceRoutes(server: Server, deps: IvrDeps): void {
  const log = deps.logger.child({ component: 'ivr', channel: 'voice' });
  const authorised = (req: Request) => hasValidTwilioSignature(req, deps.config.twilio.authToken, deps.publicUrl());

  const gatherUrl = (step: number, locale: Locale, extra = '') => `${deps.publicUrl()}/voice/gather?s=${step}&l=${locale}${extra}`;
  const payConnector = deps.config.twilio.payConnector;

  async function turn(req: Request, res: Response, kind: 'incoming' | 'gather' | 'pay'): Promise<void> {
    if (!authorised(req)) {
      log.warn({ path: req.path() }, 'rejected a request without a valid Twilio signature');
      sendForbidden(res);
      return;
    }
    const params = callParams.safeParse(twilioParams(req));
    const query = gatherQuery.safeParse(req.query ?? {});
    if (!params.success || !query.success) {
      sendBadRequest(res);
      return;
    }
    const p = params.data;
    const q = query.data;
    const step = kind === 'incoming' ? 0 : q.s;
    let input = kind === 'pay' ? null : inputOf(kind, p, q, step);
    if (kind === 'pay') {
      const pay = payParams.safeParse(twilioParams(req));
      if (!pay.success) {
        sendBadRequest(res);
        return;
      }
      // The result and the connector's confirmation code only: what the back office needs to find a charge.
      log.info({ callSid: p.CallSid, step, result: pay.data.Result, confirmationCode: pay.data.PaymentConfirmationCode ?? null }, 'card capture result');
      input = { event: { kind: 'card-result', result: cardResultOf(pay.data) }, turnKey: `${p.CallSid}:${step}` };
    }
    const { event, turnKey } = input!;
    const started = Date.now();
    try {
      const output = await withDeadline(
        deps.engine.handle({
          sessionId: voiceSessionId(p.CallSid),
          channel: 'voice',
          locale: null,
          event,
          turnKey,
          callerId: callerIdOf(p.From),
        }),
        TURN_DEADLINE_MS,
      );
      const prompt = output.prompt ? `&p=${output.prompt}` : '';
      const xml = renderVoiceTurn(output, {
        i18n: deps.i18n,
        gatherUrl: gatherUrl(step + 1, output.locale, prompt),
        customerServiceNumber: deps.config.customerServiceNumber,
        whisperUrl: `${deps.publicUrl()}/voice/whisper`,
        ...(deps.config.twilioWorkflowSid ? { workflowSid: deps.config.twilioWorkflowSid, callerNumber: callerIdOf(p.From) } : {}),
        ...(payConnector
          ? {
              pay: {
                connector: payConnector,
                actionUrl: `${deps.publicUrl()}/voice/pay?s=${step + 1}&l=${output.locale}${prompt}`,
                statusUrl: `${deps.publicUrl()}/voice/pay-status`,
              },
            }
          : {}),
      });
      if (output.handoff) await recordTransfer(p.CallSid, callerIdOf(p.From), output);
      log.info({ callSid: p.CallSid, step, event: event.kind, ...summary(output), ms: Date.now() - started }, 'voice turn');
      sendTwiml(res, xml);
    } catch (error) {
      await apologise(res, { error, callSid: p.CallSid, step, kind, query: q });
    }
  }

  /** The transfer's summary, kept for the agent desk (looked up by the caller's number); the call goes on if it cannot be. */
  async function recordTransfer(callSid: string, callerNumber: string | null, output: TurnOutput): Promise<void> {
    if (!deps.handoffDesk || !output.handoff) return;
    try {
      await deps.handoffDesk.recordTransfer({
        channel: 'voice',
        conversationId: callSid,
        sessionId: voiceSessionId(callSid),
        locale: output.locale,
        reason: output.handoff.reason,
        engineSummary: output.handoff.summary,
        lastTurns: [],
        callerNumber,
      });
    } catch (error) {
      log.error({ correlationId: randomUUID(), callSid, err: { message: (error as Error).message } }, 'transfer summary not recorded');
    }
  }

  async function apologise(
    res: Response,
    ctx: { error: unknown; callSid: string; step: number; kind: 'incoming' | 'gather' | 'pay'; query: GatherQuery },
  ): Promise<void> {
    const correlationId = randomUUID();
    const err = ctx.error instanceof Error ? { name: ctx.error.name, message: ctx.error.message } : { name: 'Unknown', message: String(ctx.error) };
    log.error({ correlationId, callSid: ctx.callSid, step: ctx.step, err }, 'voice turn failed');
    const locale = (await sessionLocale(deps, ctx.callSid)) ?? ctx.query.l ?? 'en';
    const errors = ctx.query.e + 1;
    const retryUrl =
      ctx.kind === 'incoming'
        ? `${deps.publicUrl()}/voice/incoming?e=${errors}`
        : gatherUrl(ctx.step, locale, `&e=${errors}&r=1`);
    try {
      const xml = renderVoiceApology(
        { i18n: deps.i18n, locale, customerServiceNumber: deps.config.customerServiceNumber },
        // After a card capture, asking again could take the card twice: a person picks it up instead.
        errors > MAX_ERROR_RETRIES || ctx.kind === 'pay' ? { dial: true } : { retryUrl },
      );
      res.setHeader('X-Correlation-Id', correlationId);
      sendTwiml(res, xml);
    } catch (renderError) {
      log.error({ correlationId, err: { message: (renderError as Error).message } }, 'voice apology failed to render');
      sendTwiml(res, lastResortTwiml(deps.config.customerServiceNumber));
    }
  }

  server.post('/voice/incoming', async (req: Request, res: Response) => turn(req, res, 'incoming'));
  server.post('/voice/gather', async (req: Request, res: Response) => turn(req, res, 'gather'));
  server.post('/voice/pay', async (req: Request, res: Response) => turn(req, res, 'pay'));

  // The transferred leg's "url": Twilio asks what to play to the agent; the parent call's session holds the summary.
  server.post('/voice/whisper', async (req: Request, res: Response) => {
    if (!authorised(req)) {
      sendForbidden(res);
      return;
    }
    const parent = z.object({ ParentCallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/) }).safeParse(twilioParams(req));
    if (!parent.success) {
      sendBadRequest(res);
      return;
    }
    let summary: string | null = null;
    try {
      const stored = await withDeadline(deps.repos.sessions.load(voiceSessionId(parent.data.ParentCallSid)), 2_000);
      const s = (stored?.state as { handoffSummary?: unknown } | undefined)?.handoffSummary;
      summary = typeof s === 'string' ? s : null;
    } catch (error) {
      log.error({ correlationId: randomUUID(), err: { message: (error as Error).message } }, 'handoff summary unavailable');
    }
    sendTwiml(res, renderWhisper(summary));
  });

  server.post('/voice/pay-status', async (req: Request, res: Response) => {
    if (!authorised(req)) {
      sendForbidden(res);
      return;
    }
    const params = callParams.safeParse(twilioParams(req));
    const status = payStatusParams.safeParse(twilioParams(req));
    if (!params.success || !status.success) {
      sendBadRequest(res);
      return;
    }
    const s = status.data;
    log.info({ callSid: params.data.CallSid, capture: s.Capture ?? s.For ?? null, required: s.Required ?? null, errorType: s.ErrorType ?? null }, 'card capture progress');
    sendTwiml(res, emptyVoiceResponse());
  });

  server.post('/voice/status', async (req: Request, res: Response) => {
    if (!authorised(req)) {
      sendForbidden(res);
      return;
    }
    const params = callParams.safeParse(twilioParams(req));
    if (!params.success) {
      sendBadRequest(res);
      return;
    }
    const { CallSid, CallStatus } = params.data;
    if (CallStatus && CALL_OVER.has(CallStatus)) {
      try {
        // A call that never reached the IVR (busy, no answer) has no session worth creating.
        const sessionId = voiceSessionId(CallSid);
        if (await deps.repos.sessions.load(sessionId)) {
          await deps.engine.handle({ sessionId, channel: 'voice', locale: null, event: { kind: 'hang-up' }, turnKey: `${CallSid}:hang-up`, callerId: null });
        }
        log.info({ callSid: CallSid, status: CallStatus }, 'call ended');
      } catch (error) {
        log.error({ correlationId: randomUUID(), callSid: CallSid, err: { message: (error as Error).message } }, 'closing the call session failed');
      }
    }
    sendTwiml(res, emptyVoiceResponse());
  });

  server.post('/voice/fallback', async (req: Request, res: Response) => {
    if (!authorised(req)) {
      sendForbidden(res);
      return;
    }
    const params = callParams.safeParse(twilioParams(req));
    const locale = params.success ? ((await sessionLocale(deps, params.data.CallSid)) ?? 'en') : 'en';
    log.error({ correlationId: randomUUID(), callSid: params.success ? params.data.CallSid : null }, 'Twilio used the fallback URL');
    sendTwiml(res, renderVoiceApology({ i18n: deps.i18n, locale, customerServiceNumber: deps.config.customerServiceNumber }, { dial: true }));
  });
}

/** Twilio's `<Pay>` result as the engine's card capture outcome; of the card, only its last 4, brand and expiry. */
export function cardResultOf(p: PayParams): CardCaptureResult {
  switch (p.Result) {
    case 'success': {
      const last4 = /(\d{4})\s*$/.exec(p.PaymentCardNumber ?? '')?.[1] ?? '';
      const token = p.PaymentToken || p.PaymentConfirmationCode || '';
      return {
        outcome: 'charged',
        token,
        brand: (p.PaymentCardType ?? '').toLowerCase().replace(/[^a-z-]/g, '') || 'card',
        last4,
        expiry: /^\d{4}$/.test(p.ExpirationDate ?? '') ? p.ExpirationDate! : '',
        confirmationCode: p.PaymentConfirmationCode ?? '',
      };
    }
    case 'too-many-failed-attempts':
      return { outcome: 'too-many-attempts' };
    case 'caller-interrupted-with-star':
      return { outcome: 'interrupted' };
    case 'caller-hung-up':
      return { outcome: 'hung-up' };
    default:
      // payment-connector-error and anything unknown: a decline is told as such, the rest as the processor's trouble.
      return { outcome: /declin/i.test(`${p.PaymentError ?? ''} ${p.ConnectorError ?? ''}`) ? 'declined' : 'connector-error' };
  }
}

function inputOf(kind: 'incoming' | 'gather', p: CallParams, q: GatherQuery, step: number): { event: TurnEvent; turnKey: string } {
  if (kind === 'incoming') return { event: { kind: 'start' }, turnKey: `${p.CallSid}:0` };
  // After an error the caller hears the last question again; '*' is the engine's "repeat".
  if (q.r) return { event: { kind: 'digits', digits: '*' }, turnKey: `${p.CallSid}:${step}:r${q.e}` };
  return { event: eventOf(p), turnKey: `${p.CallSid}:${step}` };
}

/** Keys pressed win over words heard; neither means the caller said nothing. */
function eventOf(p: CallParams): TurnEvent {
  const digits = (p.Digits ?? '').replace(/[^0-9*#]/g, '').slice(0, 64);
  if (digits) return { kind: 'digits', digits };
  const speech = (p.SpeechResult ?? '').trim().slice(0, MAX_SPEECH_CHARS);
  if (speech) {
    const confidence = Number(p.Confidence);
    return { kind: 'speech', text: speech, confidence: Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0 };
  }
  return { kind: 'no-input' };
}

function callerIdOf(from: string | undefined): string | null {
  return from && /^\+[1-9]\d{7,14}$/.test(from) ? from : null;
}

/** What is safe to log about a turn: its shape, never what the caller entered or heard. */
function summary(output: TurnOutput): Record<string, string | boolean> {
  return {
    locale: output.locale,
    expect: output.expect.kind,
    end: output.end,
    handoff: output.handoff ? output.handoff.reason : false,
    ...(output.intent ? { intent: output.intent } : {}),
  };
}

/** The language the call was in, when its session can still be read. */
async function sessionLocale(deps: IvrDeps, callSid: string): Promise<Locale | null> {
  try {
    const stored = await withDeadline(deps.repos.sessions.load(voiceSessionId(callSid)), 2_000);
    const locale = (stored?.state as { locale?: unknown } | undefined)?.locale;
    return locale === 'en' || locale === 'es' ? locale : null;
  } catch {
    return null;
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** When even the apology cannot be rendered: English, straight to a person. */
function lastResortTwiml(customerServiceNumber: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say("We're sorry, something went wrong. Please hold for a representative.");
  response.dial(customerServiceNumber);
  return response.toString();
}
