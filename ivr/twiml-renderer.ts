import twilio from 'twilio';
import type { i18n as I18n } from 'i18next';
import type { Choice, Expectation, TurnOutput } from '../core/conversation';
import { translator } from '../core/i18n';
import type { Locale } from '../core/shared/types';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type GatherAttributes = Parameters<VoiceResponse['gather']>[0] & object;

/** Voice and recognition language per locale; a mismatched pair makes `<Say>` fail. */
export const VOICES = {
  en: { voice: 'Polly.Joanna-Neural', language: 'en-US' },
  es: { voice: 'Polly.Lupe-Neural', language: 'es-US' },
} as const satisfies Record<Locale, { voice: string; language: string }>;

/** Speech hints for a yes/no question: what callers actually say. */
const YES_NO_HINTS: Record<Locale, string> = { en: 'yes, no', es: 'sí, no' };

/** Seconds of silence before a Gather gives up: short for a single key, longer for numbers. */
const TIMEOUT_CHOICE = 6;
const TIMEOUT_ENTRY = 10;

export interface VoiceRenderOptions {
  i18n: I18n;
  /** Absolute URL the Gather posts the answer to (it carries the next step number). */
  gatherUrl: string;
  /** E.164 number a handoff dials. */
  customerServiceNumber: string;
  /** Where Twilio fetches what the agent hears before the caller is connected: the handoff summary. */
  whisperUrl?: string;
  /**
   * A TaskRouter workflow: the transfer is enqueued to it as a Task whose
   * attributes carry the handoff summary (TaskRouter's way of giving the
   * agent the context), instead of dialling the customer service number.
   */
  workflowSid?: string;
  /** The caller's number, among the task's attributes. */
  callerNumber?: string | null;
  /**
   * Card capture: the `<Pay>` connector, where Twilio posts the result
   * (`action`) and where it reports progress (`statusCallback`).
   */
  pay?: { connector: string; actionUrl: string; statusUrl: string };
}

/** Card brands the phone line takes. */
export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover'] as const;

/** Symbols a voice would read out or stumble on ("FICO® Score"): the words alone are spoken. */
export function spoken(text: string): string {
  return text.replace(/\s*[®™©℠]/g, '');
}

/**
 * Renders one engine turn as TwiML. Messages go inside the `<Gather>` so a
 * caller who knows the menu can answer before the prompt ends (barge-in); a
 * `<Redirect>` after it re-enters the gather with no input should Twilio
 * ever fall through, so silence is always answered with a reprompt.
 */
export function renderVoiceTurn(output: TurnOutput, opts: VoiceRenderOptions): string {
  const locale = output.locale;
  const t = translator(opts.i18n, locale, 'voice');
  const { voice, language } = VOICES[locale];
  const response = new twilio.twiml.VoiceResponse();
  const lines = output.messages.map((m) => spoken(t(m)));

  if (output.handoff) {
    for (const line of lines) response.say({ voice, language }, line);
    if (opts.workflowSid) {
      const enqueue = response.enqueue({ workflowSid: opts.workflowSid });
      enqueue.task(JSON.stringify(taskAttributes(output.handoff, locale, opts.callerNumber ?? null)));
      return response.toString();
    }
    const dial = response.dial();
    // The agent hears the summary (who, which account, why, what was in progress) before the caller is put through.
    if (opts.whisperUrl) dial.number({ url: opts.whisperUrl, method: 'POST' }, opts.customerServiceNumber);
    else dial.number(opts.customerServiceNumber);
    return response.toString();
  }
  if (output.end || output.expect.kind === 'none') {
    for (const line of lines) response.say({ voice, language }, line);
    response.hangup();
    return response.toString();
  }

  if (output.expect.kind === 'card' && opts.pay) {
    // Twilio takes the card by keypad and charges it through the connector: the number never reaches this server.
    for (const line of lines) response.say({ voice, language }, line);
    response.pay({
      paymentConnector: opts.pay.connector,
      paymentMethod: 'credit-card',
      chargeAmount: (output.expect.amountCents / 100).toFixed(2),
      currency: 'usd',
      description: output.expect.description,
      validCardTypes: [...CARD_BRANDS],
      postalCode: 'true',
      securityCode: true,
      maxAttempts: 3,
      timeout: 10,
      language: language,
      action: opts.pay.actionUrl,
      statusCallback: opts.pay.statusUrl,
      statusCallbackMethod: 'POST',
    });
    return response.toString();
  }

  const gather = response.gather(gatherAttributes(output.expect, opts.i18n, locale, opts.gatherUrl));
  for (const line of lines) gather.say({ voice, language }, line);
  response.redirect({ method: 'POST' }, opts.gatherUrl);
  return response.toString();
}

/**
 * The TaskRouter task's attributes: the same summary the desk shows (why, who
 * if verified, which account by its last four, what was in progress), and the
 * language for routing to a Spanish-speaking agent. Nothing sensitive.
 */
export function taskAttributes(handoff: NonNullable<TurnOutput['handoff']>, locale: Locale, callerNumber: string | null): Record<string, unknown> {
  const fields = Object.fromEntries(
    handoff.summary.split('; ').map((part) => {
      const at = part.indexOf('=');
      return at > 0 ? [part.slice(0, at), part.slice(at + 1)] : [part, ''];
    }),
  ) as Record<string, string>;
  return {
    type: 'servicing-handoff',
    channel: 'voice',
    language: locale,
    reason: handoff.reason,
    verified: fields.verified === 'yes',
    ...(fields.customer ? { customer: fields.customer } : {}),
    ...(fields.account ? { account: fields.account } : {}),
    ...(fields.inProgress ? { inProgress: fields.inProgress } : {}),
    topics: (fields.topics ?? '').split(',').filter(Boolean),
    summary: handoff.summary,
    ...(callerNumber ? { from: callerNumber } : {}),
  };
}

/**
 * An apology in the caller's language, then either another try at the same
 * question (`retryUrl`) or the customer service line.
 */
export function renderVoiceApology(
  opts: { i18n: I18n; locale: Locale; customerServiceNumber: string },
  next: { retryUrl: string } | { dial: true },
): string {
  const t = translator(opts.i18n, opts.locale, 'voice');
  const { voice, language } = VOICES[opts.locale];
  const response = new twilio.twiml.VoiceResponse();
  if ('retryUrl' in next) {
    response.say({ voice, language }, t({ key: 'error.unexpected' }));
    response.redirect({ method: 'POST' }, next.retryUrl);
  } else {
    response.say({ voice, language }, t({ key: 'error.unavailable' }));
    response.say({ voice, language }, t({ key: 'agent.transferring' }));
    response.dial(opts.customerServiceNumber);
  }
  return response.toString();
}

/** What the agent hears when a transferred call reaches them: the handoff summary, in English. */
export function renderWhisper(summary: string | null): string {
  const response = new twilio.twiml.VoiceResponse();
  const readable = (summary ?? 'no summary available')
    .split('; ')
    .map((part) => part.replace('=', ': '))
    .join('. ');
  response.say({ voice: VOICES.en.voice, language: VOICES.en.language }, spoken(`Transferred call from the assistant. ${readable}.`));
  return response.toString();
}

/** An empty `<Response/>`, for callbacks whose answer Twilio ignores. */
export function emptyVoiceResponse(): string {
  return new twilio.twiml.VoiceResponse().toString();
}

function gatherAttributes(expect: Expectation, i18n: I18n, locale: Locale, action: string): GatherAttributes {
  const base: GatherAttributes = {
    action,
    method: 'POST',
    actionOnEmptyResult: true,
    language: VOICES[locale].language,
    input: ['dtmf', 'speech'],
    speechTimeout: 'auto',
    timeout: TIMEOUT_CHOICE,
  };
  switch (expect.kind) {
    case 'choice': {
      const hints = choiceHints(expect.choices, i18n, locale);
      return { ...base, numDigits: 1, ...(hints ? { hints } : {}) };
    }
    case 'yes-no':
      return { ...base, numDigits: 1, hints: YES_NO_HINTS[locale] };
    case 'digits': {
      const attrs: GatherAttributes = { ...base, finishOnKey: '#', timeout: TIMEOUT_ENTRY };
      if (expect.min === expect.max) attrs.numDigits = expect.max;
      // A transcript of an SSN or bank account number would sit in Twilio's logs: keypad only.
      if (expect.sensitive) {
        attrs.input = ['dtmf'];
        delete attrs.speechTimeout;
      }
      return attrs;
    }
    case 'amount':
    case 'date':
    case 'text':
    case 'card':
    case 'none':
      return { ...base, finishOnKey: '#', timeout: TIMEOUT_ENTRY };
  }
}

/** Choice labels as speech hints, without the amounts and symbols that only help the eye. */
function choiceHints(choices: Choice[], i18n: I18n, locale: Locale): string {
  const label = translator(i18n, locale, 'chat');
  return choices
    .map((c) =>
      label({ key: c.labelKey, ...(c.labelParams ? { params: c.labelParams } : {}) })
        .replace(/\([^)]*\)/g, '')
        .replace(/[®™,]/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((h) => h.length > 0)
    .join(', ');
}
