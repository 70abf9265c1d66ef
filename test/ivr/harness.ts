import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { App, ServerOptions } from '../../app/server';
import { loadI18n } from '../../core/i18n';
import { sendDueReminders } from '../../core/alerts';
import { addDays } from '../../core/shared/dates';
import type { IsoDate } from '../../core/shared/types';
import { DEMO_ACCOUNTS } from '../../prisma/seed-data';
import { startTestServer } from '../support/server';
import { readMessages, readVoiceScreen, type VoiceScreen } from '../../ivr/twiml-reader';
import { SimulatedPay, type PayPrompt } from '../../ivr/pay-simulator';

/** The real server in-process on port 0 over a fresh database seeded with the demo customers. */
export interface IvrWorld {
  app: App;
  base: string;
  authToken: string;
  close(): Promise<void>;
}

export async function startIvrWorld(env: Record<string, string> = {}, options: ServerOptions = {}): Promise<IvrWorld> {
  const server = await startTestServer(env, options);
  return { app: server.app, base: server.base, authToken: server.app.config.twilio.authToken, close: server.close };
}

/**
 * The business day the server's demo data was seeded on, read from the data
 * (the Civic falls due a fixed number of days after it), so that a test
 * straddling midnight in the business time zone still finds its reminders.
 */
export async function seededOn(app: App): Promise<IsoDate> {
  const civic = DEMO_ACCOUNTS.find((a) => a.accountNumber === '4100020001');
  const row = civic && (await app.repos.accounts.byAccountNumber(civic.accountNumber));
  if (!civic || civic.dueInDays === null || !row?.nextDueDate) throw new Error('the demo Civic has no due date to count back from');
  return addDays(row.nextDueDate, -civic.dueInDays);
}

export interface Posted {
  status: number;
  body: string;
}

/**
 * POSTs form parameters the way Twilio does: signed with the auth token over
 * the full URL. `signature: null` sends none; a string sends that one.
 */
export async function postAsTwilio(
  world: IvrWorld,
  pathOrUrl: string,
  params: Record<string, string>,
  opts: { signature?: string | null } = {},
): Promise<Posted> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : world.base + pathOrUrl;
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const signature = opts.signature === undefined ? twilio.getExpectedTwilioSignature(world.authToken, url, params) : opts.signature;
  if (signature !== null) headers['X-Twilio-Signature'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, body: await res.text() };
}

export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

/** One step of a call: the TwiML and what the caller heard. */
export interface Heard extends VoiceScreen {
  status: number;
  xml: string;
  /** Everything said, joined, for matching. */
  text: string;
}

function heard(p: Posted): Heard {
  const screen = readVoiceScreen(p.body);
  return { ...screen, status: p.status, xml: p.body, text: screen.says.map((s) => s.text).join(' ') };
}

/** A phone call to the IVR, played the way Twilio plays it, as a story: dial, press, say, stay silent. */
export class PhoneCall {
  readonly callSid = newCallSid();
  last: Heard | null = null;
  /** The params of the last request, to replay it as Twilio's retry would. */
  lastRequest: { url: string; params: Record<string, string> } | null = null;

  constructor(
    private readonly world: IvrWorld,
    readonly from = '+15555550199',
  ) {}

  private baseParams(): Record<string, string> {
    return { CallSid: this.callSid, AccountSid: `AC${'0'.repeat(32)}`, From: this.from, To: '+18005550100', Direction: 'inbound', CallStatus: 'in-progress' };
  }

  async dial(): Promise<Heard> {
    return this.post(`${this.world.base}/voice/incoming`, { ...this.baseParams(), CallStatus: 'ringing' });
  }
  press(digits: string): Promise<Heard> {
    return this.post(this.actionUrl(), { ...this.baseParams(), Digits: digits });
  }
  say(speech: string, confidence = 0.92): Promise<Heard> {
    return this.post(this.actionUrl(), { ...this.baseParams(), SpeechResult: speech, Confidence: String(confidence) });
  }
  /** The caller says nothing: Gather posts to its action with no input. */
  silence(): Promise<Heard> {
    return this.post(this.actionUrl(), this.baseParams());
  }
  /** Twilio retries the very same request (a timeout on its side). */
  async retry(): Promise<Heard> {
    const r = this.lastRequest!;
    return this.post(r.url, r.params);
  }
  /** Twilio follows a `<Redirect>`: the call's parameters, no input. */
  follow(url: string): Promise<Heard> {
    return this.post(url, this.baseParams());
  }
  /**
   * The caller answers the `<Pay>` the last answer started, the way Twilio
   * plays it: each entry in turn (card number, expiry, security code, ZIP;
   * `null` hangs up, `*` stops), progress to its statusCallback, then the
   * result to its action URL, all signed. Returns what the caller hears after.
   */
  async enterCard(entries: (string | null)[]): Promise<Heard & { payPrompts: PayPrompt[] }> {
    const attrs = this.last?.pay;
    if (!attrs) throw new Error(`the call is not taking a card:\n${this.last?.xml ?? '(not dialled)'}`);
    const pay = new SimulatedPay(attrs);
    const payPrompts: PayPrompt[] = [];
    let step = pay.start();
    for (const entry of entries) {
      if (step.done) break;
      payPrompts.push(step.prompt);
      if (attrs.statusCallback) await postAsTwilio(this.world, attrs.statusCallback, { ...this.baseParams(), ...step.progress });
      step = pay.enter(entry);
    }
    if (!step.done) throw new Error(`the card entry is not finished: Twilio still asks for ${step.prompt.for}`);
    const h = await this.post(step.actionUrl, { ...this.baseParams(), ...step.params });
    if (step.params.Result === 'caller-hung-up') await this.hangUp();
    return { ...h, payPrompts };
  }

  async hangUp(status = 'completed'): Promise<Posted> {
    return postAsTwilio(this.world, '/voice/status', { ...this.baseParams(), CallStatus: status, CallDuration: '42' });
  }

  actionUrl(): string {
    const action = this.last?.gather?.action ?? this.last?.redirect;
    if (!action) throw new Error(`the call is not waiting for input:\n${this.last?.xml ?? '(not dialled)'}`);
    return action;
  }

  private async post(url: string, params: Record<string, string>): Promise<Heard> {
    this.lastRequest = { url, params };
    const h = heard(await postAsTwilio(this.world, url, params));
    this.last = h;
    return h;
  }
}

/** Sends one text message the way Twilio's webhook does and returns the reply bodies. */
export async function text(world: IvrWorld, from: string, body: string): Promise<{ status: number; replies: string[]; xml: string }> {
  const posted = await postAsTwilio(world, '/sms/incoming', {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    To: '+18005550100',
    Body: body,
    NumMedia: '0',
  });
  return { status: posted.status, replies: posted.status === 200 ? readMessages(posted.body) : [], xml: posted.body };
}

/** Runs the due-date reminders as of `now` and returns the texts sent to `to`, in order. */
export async function remindersSentTo(world: IvrWorld, to: string, now: Date): Promise<string[]> {
  const sent: string[] = [];
  const { app } = world;
  await sendDueReminders({
    repos: app.repos,
    i18n: await loadI18n(),
    config: app.config,
    logger: app.logger,
    now,
    sender: { send: async (number, body) => void (number === to && sent.push(body)) },
  });
  return sent;
}

/** The one-time code a reminder text carries ("Reply PAY 4821 …"). */
export function reminderCode(body: string | undefined): string {
  const code = /\bPAY (\d{4})\b/.exec(body ?? '')?.[1];
  if (!code) throw new Error(`no PAY code in the reminder: ${body ?? '(none sent)'}`);
  return code;
}
