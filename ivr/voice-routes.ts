import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import twilio from 'twilio';
import { z } from 'zod';
import type { CardCaptureResult, TurnEvent, TurnOutput } from '../core/conversation';
import type { Locale } from '../core/shared/types';
import type { IvrDeps } from './deps';
import type { TwilioRoute } from './twilio-route';
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
   * The flow step the question belongs to (`pay.amount`,
   * `choose_account.pick`), for Twilio's request log and the transcript
   * runner's coverage; the engine does not read it.
   */
  p: z.string().regex(/^[A-Za-z_]+\.[A-Za-z_]+$/).max(64).optional(),
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
 * - POST /voice/pay — the `<Pay>` verb's result;
 * - POST /voice/whisper — what the agent hears before a transferred call;
 * - POST /voice/pay-status — the `<Pay>` verb's progress;
 * - POST /voice/status — the call status callback: a finished call ends its session;
 * - POST /voice/fallback — the number's fallback URL: apologise and transfer.
 * Each goes through `twilioRoute`: 403 without touching the engine when the
 * signature is missing or wrong, 400 when the parameters do not parse.
 */
export function mountVoiceRoutes(server: Server, deps: IvrDeps, twilioRoute: TwilioRoute): void {
  const log = deps.logger.child({ component: 'ivr', channel: 'voice' });

  const gatherUrl = (step: number, locale: Locale, extra = '') => `${deps.publicUrl()}/voice/gather?s=${step}&l=${locale}${extra}`;
  const payConnector = deps.config.twilio.payConnector;

  async function turn(req: Request, res: Response, kind: TurnKind, p: CallParams, pay: PayParams | null): Promise<string | null> {
    const query = gatherQuery.safeParse(req.query ?? {});
    if (!query.success) return null;
    const q = query.data;
    const step = kind === 'incoming' ? 0 : q.s;
    let input: { event: TurnEvent; turnKey: string };
    if (pay) {
      // The result and the connector's confirmation code only: what the back office needs to find a charge.
      log.info({ callSid: p.CallSid, step, result: pay.Result, confirmationCode: pay.PaymentConfirmationCode ?? null }, 'card capture result');
      input = { event: { kind: 'card-result', result: cardResultOf(pay) }, turnKey: `${p.CallSid}:${step}` };
    } else input = inputOf(kind === 'incoming' ? 'incoming' : 'gather', p, q, step);
    const { event, turnKey } = input;
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
      return xml;
    } catch (error) {
      return apologise(res, { error, callSid: p.CallSid, step, kind, query: q });
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
    ctx: { error: unknown; callSid: string; step: number; kind: TurnKind; query: GatherQuery },
  ): Promise<string> {
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
      return xml;
    } catch (renderError) {
      log.error({ correlationId, err: { message: (renderError as Error).message } }, 'voice apology failed to render');
      return lastResortTwiml(deps.config.customerServiceNumber);
    }
  }

  server.post('/voice/incoming', twilioRoute(callParams, (p, req, res) => turn(req, res, 'incoming', p, null)));
  server.post('/voice/gather', twilioRoute(callParams, (p, req, res) => turn(req, res, 'gather', p, null)));
  server.post('/voice/pay', twilioRoute(callParams.extend(payParams.shape), (p, req, res) => turn(req, res, 'pay', p, p)));

  // The transferred leg's "url": Twilio asks what to play to the agent; the parent call's session holds the summary.
  server.post(
    '/voice/whisper',
    twilioRoute(z.object({ ParentCallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/) }), async ({ ParentCallSid }) => {
      let summary: string | null = null;
      try {
        summary = (await withDeadline(deps.engine.sessionInfo(voiceSessionId(ParentCallSid)), 2_000))?.handoffSummary ?? null;
      } catch (error) {
        log.error({ correlationId: randomUUID(), err: { message: (error as Error).message } }, 'handoff summary unavailable');
      }
      return renderWhisper(summary);
    }),
  );

  server.post(
    '/voice/pay-status',
    twilioRoute(callParams.extend(payStatusParams.shape), async (s) => {
      log.info({ callSid: s.CallSid, capture: s.Capture ?? s.For ?? null, required: s.Required ?? null, errorType: s.ErrorType ?? null }, 'card capture progress');
      return emptyVoiceResponse();
    }),
  );

  server.post(
    '/voice/status',
    twilioRoute(callParams, async ({ CallSid, CallStatus }) => {
      if (CallStatus && CALL_OVER.has(CallStatus)) {
        try {
          // A call that never reached the IVR (busy, no answer) has no session worth creating.
          const sessionId = voiceSessionId(CallSid);
          if (await deps.engine.sessionInfo(sessionId)) {
            await deps.engine.handle({ sessionId, channel: 'voice', locale: null, event: { kind: 'hang-up' }, turnKey: `${CallSid}:hang-up`, callerId: null });
          }
          log.info({ callSid: CallSid, status: CallStatus }, 'call ended');
        } catch (error) {
          log.error({ correlationId: randomUUID(), callSid: CallSid, err: { message: (error as Error).message } }, 'closing the call session failed');
        }
      }
      return emptyVoiceResponse();
    }),
  );

  // Whatever Twilio sends when our answer failed, the caller hears an apology and a person: nothing here may be refused.
  server.post(
    '/voice/fallback',
    twilioRoute(z.object({ CallSid: z.string().optional() }), async ({ CallSid }) => {
      const callSid = CallSid && callParams.shape.CallSid.safeParse(CallSid).success ? CallSid : null;
      const locale = callSid ? ((await sessionLocale(deps, callSid)) ?? 'en') : 'en';
      log.error({ correlationId: randomUUID(), callSid }, 'Twilio used the fallback URL');
      return renderVoiceApology({ i18n: deps.i18n, locale, customerServiceNumber: deps.config.customerServiceNumber }, { dial: true });
    }),
  );
}

/** Which webhook a turn came in on. */
type TurnKind = 'incoming' | 'gather' | 'pay';

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
  // After an error the caller hears the last question again.
  if (q.r) return { event: { kind: 'repeat' }, turnKey: `${p.CallSid}:${step}:r${q.e}` };
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
    return (await withDeadline(deps.engine.sessionInfo(voiceSessionId(callSid)), 2_000))?.locale ?? null;
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
