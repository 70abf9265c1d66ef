import { randomUUID } from 'node:crypto';
import type { Channel, Locale } from '../shared/types';
import type { Choice, Expectation, Message, Receipt, TurnEvent, TurnInput, TurnOutput } from './contract';
import { FAQ_INTENTS, faqKey } from './faq';
import type { EngineNlu, Intent } from './nlu-port';
import type { AccountBrief, Actor, EngineServices, Funding } from './services-port';
import type { FlowFrame, FlowName, SessionState } from './state';

/** Invalid or empty answers to one prompt before a person is offered. */
export const MAX_RETRIES = 3;

const NEEDS_ACCOUNT: ReadonlySet<Intent> = new Set<Intent>([
  'make_payment', 'balance_due', 'payoff_quote', 'payment_history', 'autopay_enroll', 'autopay_cancel', 'title_status',
]);
const NEEDS_CUSTOMER: ReadonlySet<Intent> = new Set<Intent>(['fico_score']);
/** Requests that may use a paid-off account (everything else needs an active one). */
const PAID_OFF_OK: ReadonlySet<Intent> = new Set<Intent>(['title_status', 'payment_history']);
/** One-shot answers that may interrupt a flow and let it resume. */
const ONE_SHOT: ReadonlySet<Intent> = new Set<Intent>([
  'balance_due', 'payoff_quote', 'payment_history', 'fico_score', 'help', 'thanks', 'greeting',
]);

const MENU: { intent: Intent; digit: string }[] = [
  { intent: 'make_payment', digit: '1' },
  { intent: 'balance_due', digit: '2' },
  { intent: 'payoff_quote', digit: '3' },
  { intent: 'autopay_enroll', digit: '4' },
  { intent: 'title_status', digit: '5' },
  { intent: 'fico_score', digit: '6' },
  { intent: 'payment_options', digit: '7' },
  { intent: 'agent', digit: '0' },
];

/** What one step makes of an answer. */
type StepResult =
  /** Not an answer to this prompt: let the language understanding try (an interruption or a new request). */
  | { kind: 'unrecognized' }
  /** An answer, but not a valid one: explain and ask again. */
  | { kind: 'invalid'; message: Message }
  /** Accepted; the handler already moved the flow on and queued what to say. */
  | { kind: 'accepted' };

/** The answer as a step sees it, whatever the channel. */
interface Answer {
  /** Typed or spoken words (or the text of a keypad entry). */
  text: string;
  digits: string | null;
  button: string | null;
  speech: boolean;
}

export interface DialogDeps {
  services: EngineServices;
  nlu: EngineNlu;
  now: () => number;
}

/**
 * One turn of the conversation, over a loaded session state. Mutates the state
 * and returns what to say; the engine persists the state afterwards.
 */
export class Turn {
  private readonly out: Message[] = [];
  private expect: Expectation = { kind: 'text' };
  private receipt: Receipt | undefined;
  private handoff: TurnOutput['handoff'];
  private end = false;
  private intent: Intent | undefined;
  private prompted = false;

  constructor(
    private readonly s: SessionState,
    private readonly input: TurnInput,
    private readonly deps: DialogDeps,
  ) {}

  private get channel(): Channel {
    return this.s.channel;
  }
  private get locale(): Locale {
    return this.s.locale;
  }
  private get svc(): EngineServices {
    return this.deps.services;
  }

  async run(): Promise<TurnOutput> {
    const ev = this.input.event;
    if (ev.kind === 'hang-up') {
      this.s.ended = true;
      this.s.flow = null;
      this.end = true;
      return this.output();
    }
    if (ev.kind === 'start') {
      await this.start();
      return this.output();
    }
    if (this.s.ended) {
      // A new message after goodbye starts over with what the customer said.
      this.s.ended = false;
    }
    if (ev.kind === 'no-input') {
      await this.invalid({ key: 'common.noInput' });
      return this.output();
    }
    const answer = toAnswer(ev);
    if (!this.s.flow && answer.digits && this.s.lastPrompt?.expect.kind === 'choice') {
      // A keypad answer to a menu: the digit picks the choice.
      const picked = this.s.lastPrompt.expect.choices.find((c) => c.digit === answer.digits);
      if (picked) answer.button = picked.value;
    }
    if (await this.globalCommand(answer)) return this.output();
    if (this.s.flow) {
      const result = await this.step(this.s.flow, answer);
      if (result.kind === 'accepted') {
        this.s.retries = 0;
        return this.output();
      }
      if (result.kind === 'invalid') {
        await this.invalid(result.message);
        return this.output();
      }
    }
    await this.understand(answer);
    return this.output();
  }

  // ---------------------------------------------------------------- start

  private async start(): Promise<void> {
    if (this.channel === 'voice') {
      const known = this.input.callerId ? await this.svc.identity.languageForCaller(this.input.callerId) : null;
      if (known) {
        this.s.locale = known;
        this.s.languageChosen = true;
      }
      if (!this.s.languageChosen) {
        this.beginFlow('language', 'pick', null);
        this.say('voice.welcome');
        this.prompt();
        return;
      }
      this.say('voice.welcome');
      await this.runIntent('help', true);
      return;
    }
    this.say('chat.welcome');
    this.menu();
  }

  // ---------------------------------------------------------------- global commands

  private async globalCommand(a: Answer): Promise<boolean> {
    if (this.channel === 'voice' && a.digits === '0') {
      await this.toAgent('requested');
      return true;
    }
    if (this.channel === 'voice' && a.digits === '*') {
      this.repeat();
      return true;
    }
    if (a.button?.startsWith('intent:')) {
      const intent = a.button.slice('intent:'.length) as Intent;
      this.intent = intent;
      if (this.s.flow && this.s.flow.name !== 'clarify' && this.s.flow.name !== 'offerAgent' && !ONE_SHOT.has(intent)) {
        this.s.flow = null;
      }
      if (this.s.flow?.name === 'clarify' || this.s.flow?.name === 'offerAgent') this.s.flow = null;
      await this.runIntent(intent, false);
      return true;
    }
    if (a.button === 'lang:es' || a.button === 'lang:en') {
      this.switchLanguage(a.button === 'lang:es' ? 'es' : 'en');
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- understanding free input

  private async understand(a: Answer): Promise<void> {
    const text = a.text.trim();
    if (!text) {
      await this.invalid({ key: 'common.notUnderstood' });
      return;
    }
    if (await this.startWithReference(text)) return;
    const result = await this.deps.nlu.classify(text, this.locale);
    this.intent = result.intent;
    const confident = result.score >= this.deps.nlu.threshold && result.intent !== 'none';
    if (!confident) {
      const top = [result, ...result.alternatives]
        .filter((c) => c.intent !== 'none')
        .sort((x, y) => y.score - x.score);
      const options = uniqueIntents(top.map((c) => c.intent)).slice(0, 2);
      if (result.intent !== 'none' && options.length === 2 && !this.s.flow) {
        this.beginFlow('clarify', 'pick', null, { a: options[0]!, b: options[1]! });
        this.prompt();
        return;
      }
      await this.invalid({ key: this.s.flow ? 'common.notUnderstood' : 'common.fallback' });
      return;
    }
    const intent = result.intent;
    if (this.s.flow) {
      const flow = this.s.flow;
      if (intent === 'cancel') {
        this.s.flow = null;
        this.s.retries = 0;
        this.say('common.cancelled');
        this.menu();
        return;
      }
      if (intent === 'agent' || intent === 'goodbye') {
        await this.runIntent(intent, false);
        return;
      }
      if (intent === 'change_language') {
        this.switchLanguage(targetLanguage(text, this.locale));
        return;
      }
      if (FAQ_INTENTS.has(intent) || (ONE_SHOT.has(intent) && this.canAnswerNow(intent))) {
        // Answer the aside, then pick the flow up where it was.
        await this.answerOneShot(intent);
        if (this.s.flow === flow) {
          this.say('common.resume');
          this.prompt();
        }
        return;
      }
      if (flow.name === 'clarify' || flow.name === 'offerAgent') this.s.flow = null;
      else {
        this.say('common.switching');
        this.s.flow = null;
      }
    }
    this.s.fallbacks = 0;
    await this.runIntent(intent, false);
  }

  /**
   * A VIN or account number typed before anything was asked: the customer is
   * starting to identify themselves, so verification begins with it and the
   * menu follows. Only on text channels, where a reference can be typed whole.
   */
  private async startWithReference(text: string): Promise<boolean> {
    if (this.channel === 'voice' || this.s.flow || this.s.verified) return false;
    const compact = text.replace(/[\s-]/g, '');
    if (!/^(?:\d{10}|[A-Za-z0-9]{17})$/.test(compact) || !/\d/.test(compact)) return false;
    const locked = await this.svc.identity.lockedMinutes(this.input.sessionId, this.input.callerId ?? null);
    if (locked !== null) {
      this.say('identity.locked', { minutes: locked });
      await this.lockedOut();
      return true;
    }
    this.say('identity.introReference');
    const flow = this.beginFlow('verify', 'reference', null);
    const parsed = this.svc.identity.parseReference(compact);
    if (!parsed.ok) {
      this.say(`error.${parsed.code}`);
      this.prompt();
      return true;
    }
    flow.data.refKind = parsed.value.kind;
    flow.data.ref = parsed.value.value;
    this.goTo('taxId');
    return true;
  }

  private canAnswerNow(intent: Intent): boolean {
    if (!NEEDS_ACCOUNT.has(intent) && !NEEDS_CUSTOMER.has(intent)) return true;
    if (!this.s.verified) return false;
    if (NEEDS_CUSTOMER.has(intent)) return true;
    return this.s.accountId !== null;
  }

  private async answerOneShot(intent: Intent): Promise<void> {
    this.topic(intent);
    if (FAQ_INTENTS.has(intent)) {
      this.say(faqKey(intent));
      return;
    }
    switch (intent) {
      case 'balance_due':
        return this.tellBalance();
      case 'payoff_quote':
        return this.tellPayoff();
      case 'payment_history':
        return this.tellHistory();
      case 'fico_score':
        return this.tellFico();
      case 'thanks':
        this.say('common.welcomeThanks');
        return;
      case 'greeting':
        this.say('common.hello');
        return;
      default:
        this.say('help.body');
    }
  }

  // ---------------------------------------------------------------- requests

  /** Carries out a request, first asking for verification or a vehicle when it needs them. */
  private async runIntent(intent: Intent, quietMenu: boolean): Promise<void> {
    this.topic(intent);
    if ((NEEDS_ACCOUNT.has(intent) || NEEDS_CUSTOMER.has(intent)) && !this.s.verified) {
      const locked = await this.svc.identity.lockedMinutes(this.input.sessionId, this.input.callerId ?? null);
      if (locked !== null) {
        this.say('identity.locked', { minutes: locked });
        await this.lockedOut();
        return;
      }
      this.say(this.channel === 'voice' ? 'identity.intro' : 'identity.introFor', { topic: `topic.${intent}` });
      this.beginFlow('verify', 'reference', intent);
      this.prompt();
      return;
    }
    if (NEEDS_ACCOUNT.has(intent) && !this.accountFits(intent)) {
      const candidates = this.accountsFor(intent);
      if (candidates.length === 0) {
        this.say(intent === 'title_status' ? 'title.noneToTrack' : 'account.allPaidOff');
        this.anythingElse();
        return;
      }
      if (candidates.length === 1) {
        this.s.accountId = candidates[0]!.id;
      } else {
        this.beginFlow('chooseAccount', 'pick', intent);
        this.prompt();
        return;
      }
    }
    switch (intent) {
      case 'greeting':
        this.say('common.hello');
        this.menu();
        return;
      case 'help':
        if (quietMenu && this.channel === 'voice') {
          this.menu();
          return;
        }
        this.say('help.body');
        this.menu();
        return;
      case 'thanks':
        this.say('common.welcomeThanks');
        this.anythingElse();
        return;
      case 'goodbye':
        this.say('common.goodbye');
        this.s.flow = null;
        this.s.ended = true;
        this.end = true;
        return;
      case 'agent':
        await this.toAgent('requested');
        return;
      case 'cancel':
        this.say('common.nothingToCancel');
        this.menu();
        return;
      case 'change_language':
        this.switchLanguage(targetLanguage(this.lastText(), this.locale));
        return;
      case 'none':
        await this.invalid({ key: 'common.fallback' });
        return;
      case 'make_payment':
        return this.startPayment(null);
      case 'balance_due':
      case 'payoff_quote':
      case 'payment_history':
      case 'fico_score':
        await this.answerOneShot(intent);
        this.anythingElse();
        return;
      case 'autopay_enroll':
        return this.startAutoPay();
      case 'autopay_cancel':
        return this.startAutoPayCancel();
      case 'title_status':
        return this.tellTitle();
      case 'extra_payment':
        this.say(faqKey(intent));
        if (this.s.verified) {
          this.say('pay.offerExtra');
        }
        this.anythingElse();
        return;
      case 'alerts':
      case 'pay_by_text':
        this.say(faqKey(intent));
        if (this.s.verified) {
          const st = await this.svc.alerts.status(this.actor());
          if (!st.textAlerts && st.mobileLast4) {
            this.beginFlow('textAlerts', 'confirm', null, { last4: st.mobileLast4 });
            this.prompt();
            return;
          }
          if (st.textAlerts) this.say('alerts.alreadyOn', { last4: st.mobileLast4 ?? '' });
        } else {
          this.say('alerts.signUpHint');
        }
        this.anythingElse();
        return;
      default:
        if (FAQ_INTENTS.has(intent)) {
          this.say(faqKey(intent));
          this.anythingElse();
          return;
        }
        await this.invalid({ key: 'common.fallback' });
    }
  }

  private accountsFor(intent: Intent): AccountBrief[] {
    const all = this.s.verified?.accounts ?? [];
    if (intent === 'title_status') return all.filter((a) => a.paidOff);
    return PAID_OFF_OK.has(intent) ? all : all.filter((a) => !a.paidOff);
  }

  private accountFits(intent: Intent): boolean {
    if (!this.s.accountId) return false;
    return this.accountsFor(intent).some((a) => a.id === this.s.accountId);
  }

  /** The verified customer acting in this session; only called once verification is done. */
  private actor(): Actor {
    if (!this.s.verified) throw new Error('no verified customer');
    return { sessionId: this.input.sessionId, customerId: this.s.verified.customerId, channel: this.channel };
  }

  private currentAccount(): AccountBrief {
    const acct = this.s.verified?.accounts.find((a) => a.id === this.s.accountId);
    if (!acct) throw new Error('no account chosen');
    return acct;
  }

  // ---------------------------------------------------------------- one-shot answers

  private async tellBalance(): Promise<void> {
    const acct = this.currentAccount();
    const o = await this.svc.accounts.overview(this.actor(), acct.id);
    if (o.paidOff) {
      this.say('account.paidOff', { vehicle: acct.vehicle, date: o.paidOffOn ?? '' });
      return;
    }
    this.say('balance.summary', {
      vehicle: acct.vehicle,
      last4: acct.last4,
      amount: o.amountDueCents,
      date: o.dueDate ?? '',
    });
    if (o.pastDueCents > 0) this.say('balance.pastDue', { amount: o.pastDueCents });
    if (o.scheduledCents > 0) this.say('balance.scheduled', { amount: o.scheduledCents });
  }

  private async tellPayoff(): Promise<void> {
    const acct = this.currentAccount();
    const q = await this.svc.accounts.payoffQuote(this.actor(), acct.id);
    this.say('payoff.quote', { vehicle: acct.vehicle, amount: q.amountCents, date: q.goodThrough });
  }

  private async tellHistory(): Promise<void> {
    const acct = this.currentAccount();
    const items = await this.svc.payments.history(this.actor(), acct.id, 3);
    if (items.length === 0) {
      this.say('history.none', { vehicle: acct.vehicle });
      return;
    }
    this.say('history.intro', { vehicle: acct.vehicle, count: items.length });
    for (const p of items) {
      this.say(`history.item_${p.status}`, { amount: p.amountCents, date: p.date, confirmation: p.confirmationNumber });
    }
  }

  private async tellFico(): Promise<void> {
    const v = this.s.verified!;
    const fico = v.business ? null : await this.svc.fico.latest(this.actor());
    if (!fico) {
      this.say(v.business ? 'fico.business' : 'fico.none');
      return;
    }
    this.say('fico.score', { score: fico.score, model: fico.model, date: fico.asOf });
    const factors = fico.factors.slice(0, 2);
    if (factors.length === 2) this.say('fico.factors', { a: `fico.factor.${factors[0]}`, b: `fico.factor.${factors[1]}` });
    this.say('fico.noImpact');
  }

  private async tellTitle(): Promise<void> {
    const acct = this.currentAccount();
    const info = await this.svc.title.status(this.actor(), acct.id);
    if (!info) {
      this.say('title.unknown');
      this.anythingElse();
      return;
    }
    this.say(`title.state_${info.state}`, {
      vehicle: acct.vehicle,
      date: info.lastMilestone?.date ?? '',
      expected: info.expectedDelivery ?? '',
      carrier: info.carrier ?? '',
      tracking: info.trackingNumber ?? '',
    });
    if (info.trackingNumber) this.say('title.tracking', { carrier: info.carrier ?? '', tracking: info.trackingNumber });
    if (info.state !== 'not_paid_off' && info.state !== 'title_delivered') {
      if (info.emailUpdates) this.say('title.emailOn');
      else if (info.hasEmail) {
        this.beginFlow('titleEmail', 'confirm', null);
        this.prompt();
        return;
      }
    }
    this.anythingElse();
  }

  // ---------------------------------------------------------------- flows

  private beginFlow(name: FlowName, step: string, then: string | null, data: FlowFrame['data'] = {}): FlowFrame {
    const flow: FlowFrame = { id: randomUUID(), name, step, data, then };
    this.s.flow = flow;
    this.s.retries = 0;
    return flow;
  }

  private goTo(step: string): void {
    this.s.flow!.step = step;
    this.s.retries = 0;
    this.prompt();
  }

  private async finishFlow(): Promise<void> {
    const then = this.s.flow?.then ?? null;
    this.s.flow = null;
    this.s.retries = 0;
    if (then) await this.runIntent(then as Intent, false);
    else this.anythingElse();
  }

  private async step(flow: FlowFrame, a: Answer): Promise<StepResult> {
    switch (flow.name) {
      case 'language':
        return this.stepLanguage(a);
      case 'verify':
        return flow.step === 'reference' ? this.stepReference(flow, a) : this.stepTaxId(flow, a);
      case 'chooseAccount':
        return this.stepChooseAccount(flow, a);
      case 'pay':
        return this.stepPay(flow, a);
      case 'autopayEnroll':
        return this.stepAutoPay(flow, a);
      case 'autopayCancel':
        return this.stepYesNo(a, async (yes) => {
          if (!yes) {
            this.say('autopay.kept');
            return this.finishFlow();
          }
          const r = await this.svc.autopay.cancel(this.actor(), this.currentAccount().id);
          this.say(r.ok ? 'autopay.cancelled' : `error.${r.code}`);
          await this.finishFlow();
        });
      case 'titleEmail':
        return this.stepYesNo(a, async (yes) => {
          const r = yes ? await this.svc.title.setEmailUpdates(this.actor(), this.currentAccount().id, true) : null;
          this.say(r && !r.ok ? `error.${r.code}` : yes ? 'title.emailOnNow' : 'common.okay');
          await this.finishFlow();
        });
      case 'textAlerts':
        return this.stepYesNo(a, async (yes) => {
          const r = yes ? await this.svc.alerts.setTextAlerts(this.actor(), true) : null;
          this.say(r && !r.ok ? `error.${r.code}` : yes ? 'alerts.turnedOn' : 'common.okay', { last4: String(flow.data.last4 ?? '') });
          await this.finishFlow();
        });
      case 'offerAgent':
        return this.stepChoice(flow, a, async (value) => {
          this.s.flow = null;
          if (value === 'agent') await this.toAgent('retries');
          else {
            this.say('common.startOver');
            this.menu();
          }
        });
      case 'clarify':
        return this.stepChoice(flow, a, async (value) => {
          this.s.flow = null;
          if (value === 'other') {
            this.say('common.askAgain');
            this.menu();
          } else await this.runIntent(value as Intent, false);
        });
    }
  }

  private async stepLanguage(a: Answer): Promise<StepResult> {
    let lang: Locale | null = null;
    if (a.digits === '1') lang = 'en';
    else if (a.digits === '2') lang = 'es';
    else if (a.button === 'en' || a.button === 'es') lang = a.button;
    else if (/espa|spanish/i.test(a.text)) lang = 'es';
    else if (/ingl|english/i.test(a.text)) lang = 'en';
    if (!lang) return { kind: 'invalid', message: { key: 'language.invalid' } };
    this.s.locale = lang;
    this.s.languageChosen = true;
    this.s.flow = null;
    this.s.retries = 0;
    await this.runIntent('help', true);
    return { kind: 'accepted' };
  }

  private async stepReference(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const raw = referenceFrom(a, this.deps.nlu, this.locale);
    if (!raw) return { kind: 'unrecognized' };
    const parsed = this.svc.identity.parseReference(raw);
    if (!parsed.ok) return { kind: 'invalid', message: { key: `error.${parsed.code}` } };
    flow.data.refKind = parsed.value.kind;
    flow.data.ref = parsed.value.value;
    this.goTo('taxId');
    return { kind: 'accepted' };
  }

  private async stepTaxId(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const raw = a.digits ?? digitsIn(a, this.deps.nlu, this.locale);
    if (!raw || raw.replace(/\D/g, '').length < 4) return { kind: 'unrecognized' };
    const format = this.svc.identity.checkTaxId(raw);
    if (!format.ok) return { kind: 'invalid', message: { key: `error.${format.code}` } };
    const result = await this.svc.identity.verify({
      sessionId: this.input.sessionId,
      channel: this.channel,
      callerId: this.input.callerId ?? null,
      reference: { kind: flow.data.refKind as 'vin' | 'vin6' | 'account', value: String(flow.data.ref) },
      taxId: raw,
    });
    if (!result.ok) {
      if (result.code === 'IDENTITY.LOCKED') {
        this.say('identity.locked', { minutes: Number(result.params?.minutes ?? 30) });
        this.s.flow = null;
        await this.lockedOut();
        return { kind: 'accepted' };
      }
      this.say('identity.noMatch');
      flow.data = {};
      this.goTo('reference');
      return { kind: 'accepted' };
    }
    const v = result.value;
    this.s.verified = { customerId: v.customerId, firstName: v.firstName, business: v.business, accounts: v.accounts };
    this.s.accountId = null;
    this.say('identity.verified', { name: v.firstName });
    const then = flow.then;
    this.s.flow = null;
    this.s.retries = 0;
    await this.runIntent((then ?? 'help') as Intent, then === null);
    return { kind: 'accepted' };
  }

  private async stepChooseAccount(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const intent = (flow.then ?? 'help') as Intent;
    const accounts = this.accountsFor(intent);
    let chosen: AccountBrief | undefined;
    if (a.button) chosen = accounts.find((acc) => acc.id === a.button);
    if (!chosen && a.digits && /^\d$/.test(a.digits)) chosen = accounts[Number(a.digits) - 1];
    if (!chosen && a.text) {
      const words = a.text.toLowerCase();
      chosen = accounts.find(
        (acc) =>
          words.includes(acc.last4) ||
          acc.vehicle
            .toLowerCase()
            .split(' ')
            .slice(1)
            .some((w) => w.length > 2 && words.includes(w)),
      );
      if (!chosen) {
        const n = this.deps.nlu.number(a.text, this.locale);
        if (n !== null && Number.isInteger(n) && n >= 1 && n <= accounts.length) chosen = accounts[n - 1];
      }
    }
    if (!chosen) return a.text && !a.digits ? { kind: 'unrecognized' } : { kind: 'invalid', message: { key: 'account.pickInvalid' } };
    this.s.accountId = chosen.id;
    this.s.flow = null;
    this.s.retries = 0;
    await this.runIntent(intent, false);
    return { kind: 'accepted' };
  }

  // ---- payment

  private async startPayment(prefill: number | null): Promise<void> {
    const acct = this.currentAccount();
    const o = await this.svc.accounts.overview(this.actor(), acct.id);
    const flow = this.beginFlow('pay', 'amountChoice', null, {
      due: o.amountDueCents,
      dueDate: o.dueDate,
      onFile: o.bankOnFileLast4,
    });
    if (prefill !== null) flow.data.amount = prefill;
    this.say(o.amountDueCents > 0 ? 'pay.due' : 'pay.nothingDue', {
      vehicle: acct.vehicle,
      amount: o.amountDueCents,
      date: o.dueDate ?? '',
    });
    if (o.pastDueCents > 0) this.say('balance.pastDue', { amount: o.pastDueCents });
    this.prompt();
  }

  private async stepPay(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const acct = this.currentAccount();
    switch (flow.step) {
      case 'amountChoice': {
        const value = choiceValue(this.payAmountChoices(flow), a);
        if (value === 'due') {
          flow.data.amount = Number(flow.data.due);
          flow.data.kind = 'regular';
          this.goTo('dateChoice');
          return { kind: 'accepted' };
        }
        if (value === 'other' || value === 'principal') {
          flow.data.kind = value === 'principal' ? 'principal' : 'regular';
          this.goTo('amount');
          return { kind: 'accepted' };
        }
        // "Pay $50" answers the question directly.
        const reading = amountFrom(a, this.deps.nlu, this.locale);
        if (reading.kind === 'none') return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
        flow.data.kind = 'regular';
        return this.acceptAmount(flow, acct, reading);
      }
      case 'amount': {
        const reading = amountFrom(a, this.deps.nlu, this.locale);
        if (reading.kind === 'none') {
          return a.digits || /\d/.test(a.text) ? { kind: 'invalid', message: { key: 'error.PAYMENT.AMOUNT_UNREADABLE' } } : { kind: 'unrecognized' };
        }
        return this.acceptAmount(flow, acct, reading);
      }
      case 'dateChoice': {
        const value = choiceValue(this.dateChoices(), a);
        if (value === 'today') return this.acceptDate(flow, this.svc.today());
        if (value === 'later') {
          this.goTo('date');
          return { kind: 'accepted' };
        }
        const date = a.digits ? null : this.deps.nlu.date(a.text, this.locale, this.svc.today());
        if (date) return this.acceptDate(flow, date);
        return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
      }
      case 'date': {
        const date = a.digits ? keypadDate(a.digits, this.svc.today()) : this.deps.nlu.date(a.text, this.locale, this.svc.today());
        if (!date) {
          return a.digits || /\d/.test(a.text) || a.text.trim() === ''
            ? { kind: 'invalid', message: { key: 'error.PAYMENT.DATE_UNREADABLE' } }
            : { kind: 'unrecognized' };
        }
        return this.acceptDate(flow, date);
      }
      case 'funding':
      case 'routing':
      case 'bankAccount':
        return this.stepFunding(flow, a);
      case 'confirm':
        return this.stepYesNo(a, async (yes) => {
          if (!yes) {
            this.say('pay.notSubmitted');
            this.s.flow = null;
            this.anythingElse();
            return;
          }
          const funding = fundingOf(flow);
          const result = await this.svc.payments.make(this.actor(), {
            accountId: acct.id,
            amountCents: Number(flow.data.amount),
            kind: flow.data.kind === 'principal' ? 'principal' : 'regular',
            date: String(flow.data.date),
            funding,
            // Derived from the turn that asked for confirmation: a double click or a retried
            // webhook carries the same key and can never make a second payment.
            idempotencyKey: `pay:${this.input.sessionId}:${flow.id}:${String(flow.data.askedAt)}`,
          });
          this.s.flow = null;
          if (!result.ok) {
            this.say(`error.${result.code}`, result.params ?? {});
            this.anythingElse();
            return;
          }
          const r = result.value;
          this.receipt = {
            confirmationNumber: r.confirmationNumber,
            amountCents: r.amountCents,
            scheduledFor: r.scheduledFor,
            accountLast4: acct.last4,
            vehicle: acct.vehicle,
            fundingLast4: r.fundingLast4,
          };
          this.say(r.scheduledFor === this.svc.today() ? 'pay.doneToday' : 'pay.doneScheduled', {
            amount: r.amountCents,
            date: r.scheduledFor,
            confirmation: r.confirmationNumber,
            last4: r.fundingLast4,
          });
          this.anythingElse();
        });
    }
    return { kind: 'unrecognized' };
  }

  private async acceptAmount(
    flow: FlowFrame,
    acct: AccountBrief,
    reading: { kind: 'amount'; cents: number } | { kind: 'too_precise' },
  ): Promise<StepResult> {
    if (reading.kind === 'too_precise') return { kind: 'invalid', message: { key: 'error.PAYMENT.AMOUNT_TOO_PRECISE' } };
    const kind = flow.data.kind === 'principal' ? 'principal' : 'regular';
    const check = await this.svc.payments.checkAmount(this.actor(), acct.id, reading.cents, kind);
    if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}`, params: check.params ?? {} } };
    flow.data.amount = reading.cents;
    this.goTo('dateChoice');
    return { kind: 'accepted' };
  }

  private acceptDate(flow: FlowFrame, date: string): StepResult {
    const check = this.svc.payments.checkDate(date);
    if (!check.ok) {
      if (flow.step === 'dateChoice') flow.step = 'date';
      return { kind: 'invalid', message: { key: `error.${check.code}`, params: { ...(check.params ?? {}), date } } };
    }
    flow.data.date = date;
    this.goTo(flow.data.onFile ? 'funding' : 'routing');
    return { kind: 'accepted' };
  }

  /** Funding steps shared by payments and Auto Pay: the bank on file, or a new routing and account number. */
  private async stepFunding(flow: FlowFrame, a: Answer): Promise<StepResult> {
    if (flow.step === 'funding') {
      const value = choiceValue(this.fundingChoices(flow), a);
      if (value === 'onfile') {
        flow.data.funding = 'on_file';
        this.askConfirm(flow);
        return { kind: 'accepted' };
      }
      if (value === 'new') {
        this.goTo('routing');
        return { kind: 'accepted' };
      }
      return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
    }
    const digits = a.digits ?? digitsIn(a, this.deps.nlu, this.locale);
    if (flow.step === 'routing') {
      if (!digits) return { kind: 'unrecognized' };
      const check = this.svc.payments.checkRouting(digits);
      if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}` } };
      flow.data.routing = digits;
      this.goTo('bankAccount');
      return { kind: 'accepted' };
    }
    if (!digits) return { kind: 'unrecognized' };
    const vaulted = await this.svc.payments.tokenizeBankAccount(String(flow.data.routing), digits);
    if (!vaulted.ok) return { kind: 'invalid', message: { key: `error.${vaulted.code}` } };
    flow.data.funding = 'new';
    flow.data.token = vaulted.value.token;
    flow.data.newLast4 = vaulted.value.last4;
    this.askConfirm(flow);
    return { kind: 'accepted' };
  }

  private askConfirm(flow: FlowFrame): void {
    flow.data.askedAt = this.input.turnKey;
    this.goTo('confirm');
  }

  // ---- Auto Pay

  private async startAutoPay(): Promise<void> {
    const acct = this.currentAccount();
    const status = await this.svc.autopay.status(this.actor(), acct.id);
    if (status?.active) {
      this.say('autopay.alreadyOn', { vehicle: acct.vehicle, day: status.dayOfMonth, last4: status.fundingLast4 });
      this.anythingElse();
      return;
    }
    const o = await this.svc.accounts.overview(this.actor(), acct.id);
    this.say('autopay.intro', { vehicle: acct.vehicle, amount: o.monthlyPaymentCents });
    this.beginFlow('autopayEnroll', 'day', null, { onFile: o.bankOnFileLast4 });
    this.prompt();
  }

  private async stepAutoPay(flow: FlowFrame, a: Answer): Promise<StepResult> {
    if (flow.step === 'day') {
      const n = a.digits ? Number(a.digits) : this.deps.nlu.number(a.text, this.locale);
      if (n === null || Number.isNaN(n)) return a.text.trim() ? { kind: 'unrecognized' } : { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
      if (!Number.isInteger(n) || n < 1 || n > 28) return { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
      flow.data.day = n;
      this.goTo(flow.data.onFile ? 'funding' : 'routing');
      return { kind: 'accepted' };
    }
    if (flow.step === 'confirm') {
      return this.stepYesNo(a, async (yes) => {
        if (!yes) {
          this.say('autopay.notEnrolled');
          this.s.flow = null;
          this.anythingElse();
          return;
        }
        const r = await this.svc.autopay.enroll(this.actor(), {
          accountId: this.currentAccount().id,
          dayOfMonth: Number(flow.data.day),
          funding: fundingOf(flow),
        });
        this.s.flow = null;
        if (r.ok) this.say('autopay.enrolled', { day: r.value.dayOfMonth, last4: r.value.fundingLast4 });
        else this.say(`error.${r.code}`, r.params ?? {});
        this.anythingElse();
      });
    }
    return this.stepFunding(flow, a);
  }

  private async startAutoPayCancel(): Promise<void> {
    const acct = this.currentAccount();
    const status = await this.svc.autopay.status(this.actor(), acct.id);
    if (!status?.active) {
      this.say('autopay.notOn', { vehicle: acct.vehicle });
      this.anythingElse();
      return;
    }
    this.beginFlow('autopayCancel', 'confirm', null, { day: status.dayOfMonth, last4: status.fundingLast4 });
    this.prompt();
  }

  // ---- shared step shapes

  private async stepYesNo(a: Answer, then: (yes: boolean) => Promise<void>): Promise<StepResult> {
    let yes: boolean | null = null;
    if (a.button === 'yes') yes = true;
    else if (a.button === 'no') yes = false;
    else if (a.digits === '1') yes = true;
    else if (a.digits === '2') yes = false;
    else if (a.text && !a.digits) yes = this.deps.nlu.yesNo(a.text, this.locale);
    if (yes === null) return a.digits ? { kind: 'invalid', message: { key: 'common.yesNoInvalid' } } : { kind: 'unrecognized' };
    await then(yes);
    return { kind: 'accepted' };
  }

  private async stepChoice(flow: FlowFrame, a: Answer, then: (value: string) => Promise<void>): Promise<StepResult> {
    const value = choiceValue(this.choicesFor(flow), a);
    if (!value) return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
    await then(value);
    return { kind: 'accepted' };
  }

  // ---------------------------------------------------------------- prompts

  /** Asks the current flow step's question and records it for a repeat. */
  private prompt(): void {
    const flow = this.s.flow;
    if (!flow) return;
    const { messages, expect } = this.promptFor(flow);
    this.out.push(...messages);
    this.expect = expect;
    this.prompted = true;
    this.s.lastPrompt = { messages, expect };
  }

  private promptFor(flow: FlowFrame): { messages: Message[]; expect: Expectation } {
    const m = (key: string, params?: Message['params']): Message[] => [params ? { key, params } : { key }];
    switch (flow.name) {
      case 'language':
        return {
          messages: m('language.pick'),
          expect: { kind: 'choice', choices: [choice('en', 'language.english', '1'), choice('es', 'language.spanish', '2')] },
        };
      case 'verify':
        if (flow.step === 'reference') {
          return { messages: m('identity.askReference'), expect: { kind: 'digits', min: 6, max: 17, sensitive: false, finishOnKey: '#' } };
        }
        return { messages: m('identity.askTaxId'), expect: { kind: 'digits', min: 9, max: 9, sensitive: true } };
      case 'chooseAccount': {
        const accounts = this.accountsFor((flow.then ?? 'help') as Intent);
        const spoken: Message[] =
          this.channel === 'voice'
            ? accounts.map((a, i) => ({ key: 'account.optionPress', params: { vehicle: a.vehicle, last4: a.last4, digit: i + 1 } }))
            : [];
        return {
          messages: [...m('account.pick'), ...spoken],
          expect: {
            kind: 'choice',
            choices: accounts.map((a, i) => ({
              value: a.id,
              labelKey: 'account.option',
              labelParams: { vehicle: a.vehicle, last4: a.last4 },
              digit: String(i + 1),
            })),
          },
        };
      }
      case 'pay':
        return this.payPrompt(flow);
      case 'autopayEnroll':
        if (flow.step === 'day') return { messages: m('autopay.askDay'), expect: { kind: 'digits', min: 1, max: 2, sensitive: false, finishOnKey: '#' } };
        if (flow.step === 'confirm') {
          return {
            messages: m('autopay.confirm', { day: Number(flow.data.day), last4: fundingLast4(flow) }),
            expect: { kind: 'yes-no' },
          };
        }
        return this.fundingPrompt(flow);
      case 'autopayCancel':
        return { messages: m('autopay.confirmCancel', { day: Number(flow.data.day), last4: String(flow.data.last4) }), expect: { kind: 'yes-no' } };
      case 'titleEmail':
        return { messages: m('title.askEmail'), expect: { kind: 'yes-no' } };
      case 'textAlerts':
        return { messages: m('alerts.ask', { last4: String(flow.data.last4 ?? '') }), expect: { kind: 'yes-no' } };
      case 'offerAgent':
      case 'clarify':
        return {
          messages: flow.name === 'clarify'
            ? m('clarify.ask', { a: `topic.${String(flow.data.a)}`, b: `topic.${String(flow.data.b)}` })
            : m('agent.offer'),
          expect: { kind: 'choice', choices: this.choicesFor(flow) },
        };
    }
  }

  private payPrompt(flow: FlowFrame): { messages: Message[]; expect: Expectation } {
    switch (flow.step) {
      case 'amountChoice':
        return {
          messages: [{ key: Number(flow.data.due) > 0 ? 'pay.askAmountChoice' : 'pay.askAmountChoiceNothingDue' }],
          expect: { kind: 'choice', choices: this.payAmountChoices(flow) },
        };
      case 'amount':
        return {
          messages: [{ key: flow.data.kind === 'principal' ? 'pay.askPrincipalAmount' : 'pay.askAmount' }],
          expect: { kind: 'amount' },
        };
      case 'dateChoice':
        return { messages: [{ key: 'pay.askDateChoice' }], expect: { kind: 'choice', choices: this.dateChoices() } };
      case 'date':
        return { messages: [{ key: 'pay.askDate', params: { last: this.svc.payments.lastAllowedDate() } }], expect: { kind: 'date' } };
      case 'confirm': {
        const acct = this.currentAccount();
        return {
          messages: [
            {
              key: flow.data.kind === 'principal' ? 'pay.readBackPrincipal' : 'pay.readBack',
              params: {
                amount: Number(flow.data.amount),
                vehicle: acct.vehicle,
                account: acct.last4,
                date: String(flow.data.date),
                last4: fundingLast4(flow),
              },
            },
          ],
          expect: { kind: 'yes-no' },
        };
      }
      default:
        return this.fundingPrompt(flow);
    }
  }

  private fundingPrompt(flow: FlowFrame): { messages: Message[]; expect: Expectation } {
    if (flow.step === 'funding') {
      return {
        messages: [{ key: 'funding.ask', params: { last4: String(flow.data.onFile) } }],
        expect: { kind: 'choice', choices: this.fundingChoices(flow) },
      };
    }
    if (flow.step === 'routing') {
      return { messages: [{ key: 'funding.askRouting' }], expect: { kind: 'digits', min: 9, max: 9, sensitive: false } };
    }
    return { messages: [{ key: 'funding.askAccount' }], expect: { kind: 'digits', min: 4, max: 17, sensitive: true, finishOnKey: '#' } };
  }

  private payAmountChoices(flow: FlowFrame): Choice[] {
    const list: Choice[] = [];
    if (Number(flow.data.due) > 0) list.push({ value: 'due', labelKey: 'pay.optDue', labelParams: { amount: Number(flow.data.due) }, digit: '1' });
    list.push(choice('other', 'pay.optOther', '2'), choice('principal', 'pay.optPrincipal', '3'));
    return list;
  }

  private dateChoices(): Choice[] {
    return [choice('today', 'pay.optToday', '1'), choice('later', 'pay.optLater', '2')];
  }

  private fundingChoices(flow: FlowFrame): Choice[] {
    return [
      { value: 'onfile', labelKey: 'funding.optOnFile', labelParams: { last4: String(flow.data.onFile) }, digit: '1' },
      choice('new', 'funding.optNew', '2'),
    ];
  }

  private choicesFor(flow: FlowFrame): Choice[] {
    if (flow.name === 'clarify') {
      return [
        { value: String(flow.data.a), labelKey: `topic.${String(flow.data.a)}`, digit: '1' },
        { value: String(flow.data.b), labelKey: `topic.${String(flow.data.b)}`, digit: '2' },
        choice('other', 'clarify.other', '3'),
      ];
    }
    return [choice('agent', 'agent.optAgent', '1'), choice('restart', 'agent.optRestart', '2')];
  }

  private menu(): void {
    this.ask(this.s.verified ? 'menu.askVerified' : 'menu.ask');
  }

  private anythingElse(): void {
    if (this.s.flow) return;
    this.ask('menu.anythingElse');
  }

  /** Says a menu question and offers the main topics (suggested actions; keypad digits on the phone). */
  private ask(key: string): void {
    const choices = MENU.map((m) => choice(`intent:${m.intent}`, `menu.${m.intent}`, m.digit));
    // On the phone, 9 plays the whole menu again (the short "anything else?" does not list it).
    if (this.channel === 'voice') choices.push(choice('intent:help', 'menu.help', '9'));
    const expect: Expectation = { kind: 'choice', choices };
    this.say(key);
    this.expect = expect;
    this.s.lastPrompt = { messages: [{ key }], expect };
    this.prompted = true;
  }

  private repeat(): void {
    const last = this.s.lastPrompt;
    if (!last) {
      this.menu();
      return;
    }
    this.out.push(...last.messages);
    this.expect = last.expect;
    this.prompted = true;
  }

  // ---------------------------------------------------------------- failures and people

  /** An invalid or empty answer: explain, ask again, and after the third offer a person. */
  private async invalid(message: Message): Promise<void> {
    const inFlow = this.s.flow !== null;
    if (inFlow) this.s.retries += 1;
    else this.s.fallbacks += 1;
    const count = inFlow ? this.s.retries : this.s.fallbacks;
    if (count >= MAX_RETRIES) {
      this.s.retries = 0;
      this.s.fallbacks = 0;
      this.say(message.key, message.params);
      if (this.channel === 'voice') {
        await this.toAgent('retries');
        return;
      }
      this.beginFlow('offerAgent', 'pick', null);
      this.prompt();
      return;
    }
    this.say(message.key, message.params);
    if (inFlow) this.prompt();
    else this.menu();
  }

  private async lockedOut(): Promise<void> {
    if (this.channel === 'voice') {
      await this.toAgent('locked');
      return;
    }
    this.beginFlow('offerAgent', 'pick', null);
    this.prompt();
  }

  private async toAgent(reason: string): Promise<void> {
    const summary = this.summary(reason);
    await this.svc.recordHandoff(this.input.sessionId, this.s.verified?.customerId ?? null, summary);
    this.say(this.channel === 'voice' ? 'agent.transferring' : 'agent.handoff');
    this.handoff = { reason, summary };
    this.s.flow = null;
    this.end = this.channel === 'voice';
  }

  /** What an agent needs to pick up the conversation, and nothing sensitive. */
  private summary(reason: string): string {
    const v = this.s.verified;
    const acct = v?.accounts.find((a) => a.id === this.s.accountId);
    const parts = [
      `channel=${this.channel}`,
      `language=${this.locale}`,
      `reason=${reason}`,
      `verified=${v ? 'yes' : 'no'}`,
    ];
    if (v) parts.push(`customer=${v.firstName}`);
    if (acct) parts.push(`account=…${acct.last4} (${acct.vehicle})`);
    if (this.s.flow) parts.push(`inProgress=${this.s.flow.name}:${this.s.flow.step}`);
    if (this.s.topics.length) parts.push(`topics=${this.s.topics.join(',')}`);
    return parts.join('; ');
  }

  // ---------------------------------------------------------------- language

  private switchLanguage(lang: Locale): void {
    this.s.locale = lang;
    this.s.languageChosen = true;
    this.say('language.changed');
    if (this.s.flow) this.prompt();
    else this.menu();
  }

  private lastText(): string {
    const ev = this.input.event;
    return ev.kind === 'text' || ev.kind === 'speech' ? ev.text : '';
  }

  // ---------------------------------------------------------------- output

  private say(key: string, params?: Message['params']): void {
    this.out.push(params && Object.keys(params).length ? { key, params } : { key });
  }

  private topic(intent: Intent): void {
    if (intent === 'none') return;
    if (!this.s.topics.includes(intent)) this.s.topics.push(intent);
    if (this.s.topics.length > 10) this.s.topics.shift();
  }

  private output(): TurnOutput {
    if (!this.prompted && !this.end && !this.handoff) this.expect = { kind: 'text' };
    if (this.end || this.handoff) this.expect = { kind: 'none' };
    const out: TurnOutput = { locale: this.s.locale, messages: this.out, expect: this.expect, end: this.end };
    if (this.intent) out.intent = this.intent;
    if (this.s.flow && !this.end && !this.handoff) out.prompt = `${this.s.flow.name}.${this.s.flow.step}`;
    if (this.receipt) out.receipt = this.receipt;
    if (this.handoff) out.handoff = this.handoff;
    return out;
  }
}

// ------------------------------------------------------------------ helpers

function choice(value: string, labelKey: string, digit: string): Choice {
  return { value, labelKey, digit };
}

function uniqueIntents(list: Intent[]): Intent[] {
  return [...new Set(list)];
}

function toAnswer(ev: TurnEvent): Answer {
  switch (ev.kind) {
    case 'digits': {
      const digits = ev.digits.replace(/[^0-9*#]/g, '').replace(/#$/, '');
      return { text: digits, digits, button: null, speech: false };
    }
    case 'button':
      return { text: ev.value, digits: null, button: ev.value, speech: false };
    case 'speech':
      return { text: clean(ev.text), digits: null, button: null, speech: true };
    case 'text':
      return { text: clean(ev.text), digits: null, button: null, speech: false };
    default:
      return { text: '', digits: null, button: null, speech: false };
  }
}

/** Control characters out, length capped: nothing a customer types can blow up a step. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 500).trim();
}

function digitsIn(a: Answer, nlu: EngineNlu, locale: Locale): string | null {
  if (a.digits) return a.digits;
  const direct = a.text.replace(/[\s\-().]/g, '');
  if (/^\d+$/.test(direct)) return direct;
  const spoken = nlu.digits(a.text, locale);
  return spoken.length >= 4 ? spoken : null;
}

/** VIN, VIN tail or account number from what was typed, pressed or said. */
function referenceFrom(a: Answer, nlu: EngineNlu, locale: Locale): string | null {
  if (a.digits) return a.digits;
  const compact = a.text.replace(/[\s\-.#]/g, '').toUpperCase();
  if (/^[A-Z0-9]{6,17}$/.test(compact) && /\d{3,}/.test(compact)) return compact;
  const spoken = nlu.digits(a.text, locale);
  if (spoken.length >= 6) return spoken;
  // A reference inside a sentence: "my VIN is 2HGFE2F5XMH512345".
  const token = a.text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .find((w) => w.length >= 6 && /\d{3,}/.test(w));
  return token ?? null;
}

function amountFrom(a: Answer, nlu: EngineNlu, locale: Locale) {
  if (a.digits) {
    // Keypad: dollars, star, cents ("50*25" is $50.25).
    const m = /^(\d{1,7})(?:\*(\d{1,2}))?$/.exec(a.digits);
    if (!m) return { kind: 'none' } as const;
    const cents = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
    return { kind: 'amount', cents } as const;
  }
  return nlu.amount(a.text, locale);
}

/** Keypad dates as MMDD: the next such date on or after today. */
function keypadDate(digits: string, today: string): string | null {
  const m = /^(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const d = new Date(Date.UTC(y, month - 1, day));
    if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
    const iso = d.toISOString().slice(0, 10);
    if (iso >= today) return iso;
  }
  return null;
}

/** Which offered choice an answer picks: by button value, keypad digit, a lone number, or its words. */
function choiceValue(choices: Choice[], a: Answer): string | null {
  if (a.button) return choices.find((c) => c.value === a.button)?.value ?? null;
  if (a.digits) return choices.find((c) => c.digit === a.digits)?.value ?? null;
  const text = a.text.toLowerCase();
  const n = /^\s*(\d)\s*$/.exec(text);
  if (n) return choices.find((c) => c.digit === n[1])?.value ?? null;
  const keywords: Record<string, RegExp> = {
    due: /amount due|full amount|what i owe|what's due|monto|cantidad adeudada|lo que debo|total/i,
    other: /other|another|different|otra|otro|distinta/i,
    principal: /principal|extra|capital|adicional/i,
    today: /today|now|hoy|ahora/i,
    later: /later|another day|other date|future|otro d[ií]a|otra fecha|despu[eé]s|m[aá]s tarde/i,
    onfile: /on file|same|that one|ending|registrad|archivo|misma|esa/i,
    new: /new|different|another|nueva|otra/i,
    agent: /agent|person|human|representative|agente|persona|representante/i,
    restart: /start over|restart|again|empezar|de nuevo|reiniciar/i,
    en: /english|ingl/i,
    es: /spanish|espa/i,
  };
  for (const c of choices) {
    const re = keywords[c.value];
    if (re && re.test(text)) return c.value;
  }
  return null;
}

function fundingOf(flow: FlowFrame): Funding {
  if (flow.data.funding === 'new') {
    return {
      type: 'new',
      routingNumber: String(flow.data.routing),
      accountToken: String(flow.data.token),
      accountLast4: String(flow.data.newLast4),
    };
  }
  return { type: 'on_file' };
}

function fundingLast4(flow: FlowFrame): string {
  return String(flow.data.funding === 'new' ? flow.data.newLast4 : flow.data.onFile);
}

function targetLanguage(text: string, current: Locale): Locale {
  if (/espa|spanish|castellano/i.test(text)) return 'es';
  if (/ingl|english/i.test(text)) return 'en';
  return current === 'en' ? 'es' : 'en';
}
