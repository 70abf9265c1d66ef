import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { readMessages, readVoiceScreen } from '../ivr/twiml-reader';
import { SimulatedPay } from '../ivr/pay-simulator';
import { DirectLineConversation, type StreamActivity } from './direct-line-client';
import type { Channel } from './format';
import { messageOf, type BotMessage } from './messages';

/** What a step's reply looked like, whatever the channel. */
export interface BotReply {
  text: string;
  /** Suggested-action labels (chat) or nothing. */
  actions: string[];
  intent: string | null;
  /** The flow step the reply waits on (`pay.amount`): the chat reply's channelData, the phone's answer URL. */
  prompt: string | null;
  handoff: boolean;
  end: boolean;
  receipt: boolean;
  /** The reply asks for something sensitive (an SSN, a bank account number): what answers it is masked when recorded. */
  sensitive: boolean;
  ms: number;
  /** Each message of the turn, in order (a card, then the text, …): imported scripts check them one by one. */
  messages: BotMessage[];
  /** Other activities of the turn (typing, events), by type, for the report. */
  others: string[];
}

/** One user action, as the runner hands it to a channel. */
export type Action =
  | { kind: 'text'; text: string }
  | { kind: 'click'; label: string }
  | { kind: 'press'; digits: string }
  | { kind: 'say'; text: string; confidence: number }
  | { kind: 'silence' }
  | { kind: 'hangup' }
  /** A whole activity (chat only): a card submit's value, channelData, an attachment. */
  | { kind: 'activity'; activity: Record<string, unknown>; label: string };

function httpProblem(status: number, url: string): string {
  const hint = status === 403 ? ': the Twilio signature was refused; --base-url must be the server\'s PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN its token' : '';
  return `HTTP ${status} from ${url}${hint}`;
}

/** Drives one conversation on one channel through the server's real endpoints. */
export interface Driver {
  start(): Promise<BotReply | null>;
  act(action: Action): Promise<BotReply>;
  close(): void;
}

export interface Target {
  base: string;
  twilioAuthToken: string;
  /** Where the web chat's Direct Line is (default `<base>/v3/directline`), and its secret if it needs one. */
  directLine?: { url: string; secret?: string };
}

/** Web chat through the local Direct Line, as Web Chat uses it. */
export class ChatDriver implements Driver {
  private readonly dl: DirectLineConversation;
  private last: StreamActivity | null = null;
  constructor(target: Target, private readonly locale: 'en' | 'es') {
    this.dl = new DirectLineConversation(target.directLine?.url ?? `${target.base}/v3/directline`, target.directLine?.secret);
  }
  async start(): Promise<BotReply> {
    await this.dl.open();
    return this.send({ type: 'event', name: 'webchat/join', value: { locale: this.tag() } });
  }
  act(action: Action): Promise<BotReply> {
    if (action.kind === 'text') return this.send({ type: 'message', text: action.text });
    if (action.kind === 'click') {
      const found = this.last?.suggestedActions?.actions.find((a) => a.title === action.label) ??
        this.last?.suggestedActions?.actions.find((a) => (a.title ?? '').toLowerCase().includes(action.label.toLowerCase()));
      if (!found) throw new Error(`no button "${action.label}" (offered: ${this.labels().join(', ') || 'none'})`);
      return this.send({ type: 'message', text: found.title, value: found.value });
    }
    if (action.kind === 'activity') return this.send({ type: 'message', ...action.activity });
    throw new Error(`a chat cannot ${action.kind}`);
  }
  /** The button offered by the last message with this label (exactly, else in part), if any. */
  offered(label: string): { title?: string; value?: unknown } | undefined {
    return this.last?.suggestedActions?.actions.find((a) => a.title === label) ??
      this.last?.suggestedActions?.actions.find((a) => (a.title ?? '').toLowerCase().includes(label.toLowerCase()));
  }
  close(): void {
    this.dl.close();
  }
  private tag() {
    return this.locale === 'es' ? 'es-US' : 'en-US';
  }
  private labels(): string[] {
    return (this.last?.suggestedActions?.actions ?? []).map((a) => a.title ?? '');
  }
  private async send(activity: Record<string, unknown>): Promise<BotReply> {
    const before = this.dl.others.length;
    const { reply, ms } = await this.dl.turn({ locale: this.tag(), ...activity });
    this.last = reply;
    const history = await this.dl.turnActivities();
    const extra = history ?? this.dl.others.slice(before);
    const turn = history ?? [...extra, reply];
    return {
      messages: turn.filter((a) => a.type === 'message').map((a) => messageOf(a as unknown as Record<string, unknown>)),
      others: turn.filter((a) => a.type !== 'message').map((a) => (a.type === 'event' && a.name ? `event ${a.name}` : a.type)),
      text: reply.text ?? '',
      actions: this.labels(),
      intent: reply.channelData?.intent ?? null,
      prompt: reply.channelData?.prompt ?? null,
      handoff: extra.some((a) => a.type === 'event' && a.name === 'handoff'),
      end: extra.some((a) => a.type === 'endOfConversation'),
      receipt: extra.some((a) => (a.attachments ?? []).some((x) => /receipt/.test(x.contentType))),
      sensitive: reply.channelData?.sensitive === true,
      ms,
    };
  }
}

/**
 * A phone call through signed Twilio webhooks, followed the way Twilio follows
 * TwiML. A `<Pay>` is played as Twilio plays it (see ivr/pay-simulator.ts):
 * each `press` answers its next question (card number, expiry, security code,
 * ZIP), words said count as nothing keyed, and the reply is what Twilio
 * says; after the last, the result goes to the action URL, signed, and the
 * reply is the assistant's.
 */
export class VoiceDriver implements Driver {
  private readonly callSid = `CA${randomBytes(16).toString('hex')}`;
  private next = '';
  private pay: { sim: SimulatedPay; statusUrl: string | null } | null = null;
  constructor(private readonly target: Target, private readonly caller: string) {}
  start(): Promise<BotReply> {
    return this.post(`${this.target.base}/voice/incoming`, {});
  }
  act(action: Action): Promise<BotReply> {
    // <Pay> listens for keys only: words said while it waits are heard as nothing keyed, and the field asked again.
    if (this.pay && (action.kind === 'press' || action.kind === 'hangup' || action.kind === 'silence' || action.kind === 'say')) {
      return this.payStep(action.kind === 'press' ? action.digits : action.kind === 'hangup' ? null : '');
    }
    if (action.kind === 'hangup') return this.post(`${this.target.base}/voice/status`, { CallStatus: 'completed' });
    if (!this.next) throw new Error('the call is over: nothing is waiting for input');
    if (action.kind === 'press') return this.post(this.next, { Digits: action.digits });
    if (action.kind === 'silence') return this.post(this.next, {});
    if (action.kind === 'say' || action.kind === 'text') {
      return this.post(this.next, { SpeechResult: action.text, Confidence: String(action.kind === 'say' ? action.confidence : 0.9) });
    }
    throw new Error('a phone call cannot click');
  }
  close(): void {}

  /** One keypad entry into the simulated `<Pay>` (null: the caller hangs up). */
  private async payStep(keys: string | null): Promise<BotReply> {
    const pay = this.pay!;
    const step = pay.sim.enter(keys);
    if (!step.done) return this.payPrompt(step.prompt.text, step.progress);
    this.pay = null;
    const reply = await this.post(step.actionUrl, step.params);
    if (step.params.Result === 'caller-hung-up') await this.post(`${this.target.base}/voice/status`, { CallStatus: 'completed' });
    return reply;
  }

  /** What Twilio says while it takes the card; progress goes to the statusCallback, signed. */
  private async payPrompt(text: string, progress: Record<string, string>): Promise<BotReply> {
    const started = performance.now();
    if (this.pay?.statusUrl) await this.send(this.pay.statusUrl, progress);
    return { messages: [{ text, buttons: [], cards: [], media: [], intent: null, activity: { text } }], others: [], text, actions: [], intent: null, prompt: 'pay.card', handoff: false, end: false, receipt: false, sensitive: true, ms: performance.now() - started };
  }

  private async send(url: string, extra: Record<string, string>): Promise<string> {
    const params = { CallSid: this.callSid, From: this.caller, To: '+18005550100', AccountSid: `AC${'0'.repeat(32)}`, ...extra };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(this.target.twilioAuthToken, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(httpProblem(res.status, url));
    return body;
  }

  private async post(url: string, extra: Record<string, string>): Promise<BotReply> {
    const params = { CallSid: this.callSid, From: this.caller, To: '+18005550100', AccountSid: `AC${'0'.repeat(32)}`, ...extra };
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(this.target.twilioAuthToken, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(httpProblem(res.status, url));
    const screen = readVoiceScreen(body);
    this.next = screen.gather?.action ?? screen.redirect ?? '';
    if (screen.pay) {
      // The assistant's words, then Twilio's first question for the card.
      this.pay = { sim: new SimulatedPay(screen.pay), statusUrl: screen.pay.statusCallback ?? null };
      const first = this.pay.sim.start();
      if (!first.done) {
        if (this.pay.statusUrl) await this.send(this.pay.statusUrl, first.progress);
        const said = [...screen.says.map((s) => s.text), first.prompt.text].join(' ');
        return { messages: [{ text: said, buttons: [], cards: [], media: [], intent: null, activity: { text: said } }], others: [], text: said, actions: [], intent: null, prompt: 'pay.card', handoff: false, end: false, receipt: false, sensitive: true, ms };
      }
    }
    const spoken = screen.says.map((s) => s.text).join(' ');
    return {
      messages: [{ text: spoken, buttons: [], cards: [], media: [], intent: null, activity: { text: spoken } }],
      others: [],
      text: spoken,
      actions: [],
      intent: null,
      // The server names the question's flow step in the answer URL.
      prompt: this.next ? new URL(this.next, this.target.base).searchParams.get('p') : null,
      handoff: screen.dial !== null,
      end: screen.hangup || screen.dial !== null,
      receipt: /confirmation number|número de confirmación/i.test(screen.says.map((s) => s.text).join(' ')),
      // The phone line takes sensitive entries by keypad only.
      sensitive: screen.gather !== null && screen.gather.input === 'dtmf',
      ms,
    };
  }
}

/** Text messages through the signed SMS webhook. */
export class SmsDriver implements Driver {
  constructor(private readonly target: Target, private readonly caller: string) {}
  async start(): Promise<null> {
    return null;
  }
  async act(action: Action): Promise<BotReply> {
    if (action.kind !== 'text') throw new Error(`a text message cannot ${action.kind}`);
    const url = `${this.target.base}/sms/incoming`;
    const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: this.caller, To: '+18005550100', Body: action.text };
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(this.target.twilioAuthToken, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(httpProblem(res.status, url));
    const texts = readMessages(body);
    return {
      messages: texts.map((t) => ({ text: t, buttons: [], cards: [], media: [], intent: null, activity: { text: t } })),
      others: [],
      text: texts.join(' '), actions: [], intent: null, prompt: null, handoff: false, end: false, receipt: false, sensitive: false, ms: performance.now() - started };
  }
  close(): void {}
}

export function driverFor(channel: Channel, target: Target, language: 'en' | 'es', caller: string): Driver {
  if (channel === 'chat') return new ChatDriver(target, language);
  if (channel === 'voice') return new VoiceDriver(target, caller);
  return new SmsDriver(target, caller);
}
