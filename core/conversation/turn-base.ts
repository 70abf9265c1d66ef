import { randomUUID } from 'node:crypto';
import type { Channel, Locale } from '../shared/types';
import type { Choice, Expectation, Message, Receipt, TurnInput, TurnOutput } from './contract';
import { MAX_RETRIES, PAID_OFF_OK, MENU, choice, choiceValue, type StepResult, type Answer, type DialogDeps } from './dialog-kit';
import type { Intent } from './nlu-port';
import type { AccountBrief, Actor, EngineServices } from './services-port';
import type { FlowFrame, FlowName, SessionState } from './state';

/**
 * The machinery of one turn that every flow uses: the session state, what to
 * say and to expect next, flow bookkeeping, retries and the way to a person.
 * The flows build on it, one class per concern (identity, payment, account),
 * and `Turn` (dialog.ts) routes each answer to them.
 */
export abstract class TurnBase {
  /** Carries out a request (in dialog.ts), first asking for verification or a vehicle when it needs them. */
  protected abstract runIntent(intent: Intent, quietMenu: boolean): Promise<void>;
  /** The prompt of a flow's current step (in dialog.ts). */
  protected abstract promptFor(flow: FlowFrame): { messages: Message[]; expect: Expectation };
  /** The choices a flow's current step offers (in dialog.ts). */
  protected abstract choicesFor(flow: FlowFrame): Choice[];

  protected readonly out: Message[] = [];
  protected expect: Expectation = { kind: 'text' };
  protected receipt: Receipt | undefined;
  protected handoff: TurnOutput['handoff'];
  protected end = false;
  protected intent: Intent | undefined;
  protected prompted = false;

  constructor(
    protected readonly s: SessionState,
    protected readonly input: TurnInput,
    protected readonly deps: DialogDeps,
  ) {}

  protected get channel(): Channel {
    return this.s.channel;
  }

  protected get locale(): Locale {
    return this.s.locale;
  }

  protected get svc(): EngineServices {
    return this.deps.services;
  }

  protected accountsFor(intent: Intent): AccountBrief[] {
    const all = this.s.verified?.accounts ?? [];
    if (intent === 'title_status') return all.filter((a) => a.paidOff);
    return PAID_OFF_OK.has(intent) ? all : all.filter((a) => !a.paidOff);
  }

  protected accountFits(intent: Intent): boolean {
    if (!this.s.accountId) return false;
    return this.accountsFor(intent).some((a) => a.id === this.s.accountId);
  }

  /** The verified customer acting in this session; only called once verification is done. */
  protected actor(): Actor {
    if (!this.s.verified) throw new Error('no verified customer');
    return { sessionId: this.input.sessionId, customerId: this.s.verified.customerId, channel: this.channel };
  }

  protected currentAccount(): AccountBrief {
    const acct = this.s.verified?.accounts.find((a) => a.id === this.s.accountId);
    if (!acct) throw new Error('no account chosen');
    return acct;
  }

  protected beginFlow(name: FlowName, step: string, then: string | null, data: FlowFrame['data'] = {}): FlowFrame {
    const flow: FlowFrame = { id: randomUUID(), name, step, data, then };
    this.s.flow = flow;
    this.s.retries = 0;
    return flow;
  }

  protected goTo(step: string): void {
    this.s.flow!.step = step;
    this.s.retries = 0;
    this.prompt();
  }

  protected async finishFlow(): Promise<void> {
    const then = this.s.flow?.then ?? null;
    this.s.flow = null;
    this.s.retries = 0;
    if (then) await this.runIntent(then as Intent, false);
    else this.anythingElse();
  }

  protected async stepYesNo(a: Answer, then: (yes: boolean) => Promise<void>): Promise<StepResult> {
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

  protected async stepChoice(flow: FlowFrame, a: Answer, then: (value: string) => Promise<void>): Promise<StepResult> {
    const value = choiceValue(this.choicesFor(flow), a);
    if (!value) return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
    await then(value);
    return { kind: 'accepted' };
  }

  /** Asks the current flow step's question and records it for a repeat. */
  protected prompt(): void {
    const flow = this.s.flow;
    if (!flow) return;
    const { messages, expect } = this.promptFor(flow);
    this.out.push(...messages);
    this.expect = expect;
    this.prompted = true;
    this.s.lastPrompt = { messages, expect };
  }

  protected menu(): void {
    this.ask(this.s.verified ? 'menu.askVerified' : 'menu.ask');
  }

  protected anythingElse(): void {
    if (this.s.flow) return;
    this.ask('menu.anythingElse');
  }

  /** Says a menu question and offers the main topics (suggested actions; keypad digits on the phone). */
  protected ask(key: string): void {
    const choices = MENU.map((m) => choice(`intent:${m.intent}`, `menu.${m.intent}`, m.digit));
    // On the phone, 9 plays the whole menu again (the short "anything else?" does not list it).
    if (this.channel === 'voice') choices.push(choice('intent:help', 'menu.help', '9'));
    const expect: Expectation = { kind: 'choice', choices };
    this.say(key);
    this.expect = expect;
    this.s.lastPrompt = { messages: [{ key }], expect };
    this.prompted = true;
  }

  /**
   * A caller whose language we know skips the language menu, so the first
   * menu offers the other language on 9 (instead of "the menu again").
   */
  protected offerOtherLanguage(): void {
    if (this.expect.kind !== 'choice') return;
    const other = this.locale === 'en' ? 'es' : 'en';
    const offer: Message = { key: other === 'es' ? 'language.offerSpanish' : 'language.offerEnglish' };
    const choices = [...this.expect.choices.filter((c) => c.digit !== '9'), choice(`lang:${other}`, other === 'es' ? 'language.spanish' : 'language.english', '9')];
    this.out.push(offer);
    this.expect = { kind: 'choice', choices };
    this.s.lastPrompt = { messages: [...(this.s.lastPrompt?.messages ?? []), offer], expect: this.expect };
  }

  protected repeat(): void {
    const last = this.s.lastPrompt;
    if (!last) {
      this.menu();
      return;
    }
    this.out.push(...last.messages);
    this.expect = last.expect;
    this.prompted = true;
  }

  /** An invalid or empty answer: explain, ask again, and after the third offer a person. */
  protected async invalid(message: Message): Promise<void> {
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

  protected async lockedOut(): Promise<void> {
    if (this.channel === 'voice') {
      await this.toAgent('locked');
      return;
    }
    this.beginFlow('offerAgent', 'pick', null);
    this.prompt();
  }

  protected async toAgent(reason: string): Promise<void> {
    const summary = this.summary(reason);
    await this.svc.recordHandoff(this.input.sessionId, this.s.verified?.customerId ?? null, summary);
    this.say(this.channel === 'voice' ? 'agent.transferring' : 'agent.handoff');
    this.handoff = { reason, summary };
    this.s.handoffSummary = summary;
    this.s.flow = null;
    this.end = this.channel === 'voice';
  }

  /** What an agent needs to pick up the conversation, and nothing sensitive. */
  protected summary(reason: string): string {
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

  protected switchLanguage(lang: Locale): void {
    this.s.locale = lang;
    this.s.languageChosen = true;
    this.say('language.changed');
    if (this.s.flow) this.prompt();
    else this.menu();
  }

  protected lastText(): string {
    const ev = this.input.event;
    return ev.kind === 'text' || ev.kind === 'speech' ? ev.text : '';
  }

  protected say(key: string, params?: Message['params']): void {
    this.out.push(params && Object.keys(params).length ? { key, params } : { key });
  }

  protected topic(intent: Intent): void {
    if (intent === 'none') return;
    if (!this.s.topics.includes(intent)) this.s.topics.push(intent);
    if (this.s.topics.length > 10) this.s.topics.shift();
  }

  protected output(): TurnOutput {
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
