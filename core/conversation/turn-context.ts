import { randomUUID } from 'node:crypto';
import type { Channel, Locale } from '../shared/types';
import type { Choice, Expectation, Message, Receipt, TurnInput, TurnOutput } from './contract';
import { MAX_RETRIES, MENU, choice, choiceValue, type Answer, type DialogDeps, type StepResult } from './dialog-kit';
import { needsOf, stepOf, type Needs, type FlowKind, type FlowRegistry, type FlowResult, type FlowSpec } from './flow';
import type { Intent } from './nlu-port';
import type { EngineServices } from './services-port';
import type { AccountBrief, CustomerContext } from '../accounts';
import { currentFlow, type FlowFrame, type FlowName, type SessionState } from './state';

/** Carries out a request, first asking for verification or a vehicle when it needs them (the router's job). */
export type RunIntent = (ctx: TurnContext, intent: Intent, quietMenu: boolean) => Promise<void>;

/**
 * What a flow step works with during one turn: the session, the answer's
 * turn, what to say and to expect next, and the moves a step can make (ask,
 * go to a step, finish, begin another flow, hand over to a person). Flows are
 * plain data (see `flow.ts`) whose steps receive this context; nothing here
 * knows a particular flow.
 */
export class TurnContext {
  readonly out: Message[] = [];
  expect: Expectation = { kind: 'text' };
  receipt: Receipt | undefined;
  handoff: TurnOutput['handoff'];
  end = false;
  /** What this turn's input was taken as: an intent, or a channel's own keyword (`sms_help`). */
  intent: string | undefined;
  confidence: number | undefined;
  prompted = false;

  constructor(
    readonly state: SessionState,
    readonly input: TurnInput,
    readonly deps: DialogDeps,
    private readonly flows: FlowRegistry,
    private readonly router: RunIntent,
    private readonly answerRouter: (ctx: TurnContext, answer: Answer) => Promise<void>,
  ) {}

  /** Routes an answer as if it had just been given (a read-back confirmed it). */
  reread(answer: Answer): Promise<void> {
    return this.answerRouter(this, answer);
  }

  get channel(): Channel {
    return this.state.channel;
  }

  get locale(): Locale {
    return this.state.locale;
  }

  get svc(): EngineServices {
    return this.deps.services;
  }

  /** Carries out a request (verifying first, choosing a vehicle first, as it needs). */
  runIntent(intent: Intent, quietMenu = false): Promise<void> {
    return this.router(this, intent, quietMenu);
  }

  /** The customer's accounts a request may be about, as its flow declares (active ones, paid-off ones, or any). */
  accountsFor(intent: Intent): AccountBrief[] {
    const all = this.state.verified?.accounts ?? [];
    const needs = needsOf(this.flows, intent);
    if (needs === 'paid-off account') return all.filter((a) => a.paidOff);
    return needs === 'any account' ? all : all.filter((a) => !a.paidOff);
  }

  /** What a request needs before it is carried out, as its flow declares. */
  needs(intent: Intent): Needs {
    return needsOf(this.flows, intent);
  }

  /** Answers given ahead of the question they answer, once (see `state.answersAhead`). */
  takeAnswersAhead(): string[] {
    const answers = this.state.answersAhead ?? [];
    delete this.state.answersAhead;
    return answers;
  }

  /** The words of the request being carried out, once: a later request starts afresh. */
  takeRequestText(): string | undefined {
    const text = this.state.requestText;
    delete this.state.requestText;
    return text;
  }

  accountFits(intent: Intent): boolean {
    if (!this.state.accountId) return false;
    return this.accountsFor(intent).some((a) => a.id === this.state.accountId);
  }

  /** The verified customer acting in this session; only called once verification is done. */
  actor(): CustomerContext {
    if (!this.state.verified) throw new Error('no verified customer');
    return { sessionId: this.input.sessionId, customerId: this.state.verified.customerId, channel: this.channel };
  }

  currentAccount(): AccountBrief {
    const account = this.state.verified?.accounts.find((a) => a.id === this.state.accountId);
    if (!account) throw new Error('no account chosen');
    return account;
  }

  /** The flow waiting on an answer (the top of the stack), if any. */
  get flow(): FlowFrame | null {
    return currentFlow(this.state);
  }

  /** Starts a flow as the one thing in progress (whatever was in progress ends); the caller then asks its question. */
  beginFlow(name: FlowName, step: string, data: FlowFrame['data'] = {}): FlowFrame {
    const flow: FlowFrame = { id: randomUUID(), name, step, data };
    this.state.stack = [flow];
    this.state.retries = 0;
    return flow;
  }

  /**
   * Calls a sub-flow on top of the flow in progress (the caller then asks its
   * question); when it finishes, its result goes to the calling flow's `resume`.
   */
  callFlow(name: FlowName, step: string, data: FlowFrame['data'] = {}): FlowFrame {
    const flow: FlowFrame = { id: randomUUID(), name, step, data };
    this.state.stack.push(flow);
    this.state.retries = 0;
    return flow;
  }

  /** Moves the flow on top to a step and asks its question. */
  goTo(step: string): void {
    this.flow!.step = step;
    this.state.retries = 0;
    this.prompt();
  }

  /** Abandons the sub-flows called above a flow, which is then the one on top again. */
  unwindTo(flow: FlowFrame): void {
    const at = this.state.stack.indexOf(flow);
    if (at >= 0) this.state.stack.length = at + 1;
  }

  /** Ends everything in progress without carrying on with anything. */
  dropFlow(): void {
    this.state.stack = [];
    this.state.retries = 0;
  }

  /**
   * Ends the flow on top. The flow that called it, if any, gets the result
   * and carries on; with no caller, the customer is asked what else.
   */
  async finishFlow(result: FlowResult = { kind: 'done' }): Promise<void> {
    this.state.stack.pop();
    this.state.retries = 0;
    const caller = this.flow;
    const resume = caller ? this.flows[caller.name]?.resume : undefined;
    if (caller && resume) await resume(this, caller, result);
    else if (caller) this.prompt();
    else this.anythingElse();
  }

  /** The flows on the stack from the top down, with their declarations. */
  *flowsInProgress(): Generator<{ frame: FlowFrame; spec: FlowSpec | undefined }> {
    for (let i = this.state.stack.length - 1; i >= 0; i--) {
      const frame = this.state.stack[i]!;
      yield { frame, spec: this.flows[frame.name] };
    }
  }

  /** How the flow on top takes an interruption (see `FlowKind`). */
  flowKind(): FlowKind | null {
    const flow = this.flow;
    return flow ? (this.flows[flow.name]?.kind ?? 'task') : null;
  }

  async readYesNo(answer: Answer, then: (yes: boolean) => Promise<void>): Promise<StepResult> {
    let yes: boolean | null = null;
    if (answer.button === 'yes') yes = true;
    else if (answer.button === 'no') yes = false;
    else if (answer.digits === '1') yes = true;
    else if (answer.digits === '2') yes = false;
    else if (answer.text && !answer.digits) yes = this.deps.nlu.yesNo(answer.text, this.locale);
    if (yes === null) return answer.digits ? { kind: 'invalid', message: { key: 'common.yesNoInvalid' } } : { kind: 'unrecognized' };
    await then(yes);
    return { kind: 'accepted' };
  }

  async readChoice(choices: Choice[], answer: Answer, then: (value: string) => Promise<void>): Promise<StepResult> {
    const value = choiceValue(choices, answer, this.deps.nlu);
    if (!value) return answer.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
    await then(value);
    return { kind: 'accepted' };
  }

  /** Asks the current flow step's question and records it for a repeat. */
  prompt(): void {
    const flow = this.flow;
    if (!flow) return;
    const step = stepOf(this.flows, flow.name, flow.step);
    if (!step) {
      this.dropFlow();
      this.menu();
      return;
    }
    const { messages, expect } = step.prompt(this, flow);
    this.out.push(...messages);
    this.expect = expect;
    this.prompted = true;
    this.state.lastPrompt = { messages, expect };
  }

  menu(): void {
    this.ask(this.state.verified ? 'menu.askVerified' : 'menu.ask');
  }

  anythingElse(): void {
    if (this.flow) return;
    this.ask('menu.anythingElse');
  }

  /** Says a menu question and offers the main topics (suggested actions; keypad digits on the phone). */
  ask(key: string): void {
    const choices = MENU.map((m) => choice(`intent:${m.intent}`, `menu.${m.intent}`, m.digit));
    // On the phone, 9 plays the whole menu again (the short "anything else?" does not list it).
    if (this.channel === 'voice') choices.push(choice('intent:help', 'menu.help', '9'));
    const expect: Expectation = { kind: 'choice', choices };
    this.say(key);
    this.expect = expect;
    this.state.lastPrompt = { messages: [{ key }], expect };
    this.prompted = true;
  }

  /**
   * A caller whose language we know skips the language menu, so the first
   * menu offers the other language on 9 (instead of "the menu again").
   */
  offerOtherLanguage(): void {
    if (this.expect.kind !== 'choice') return;
    const other = this.locale === 'en' ? 'es' : 'en';
    const offer: Message = { key: other === 'es' ? 'language.offerSpanish' : 'language.offerEnglish' };
    const choices = [...this.expect.choices.filter((c) => c.digit !== '9'), choice(`lang:${other}`, other === 'es' ? 'language.spanish' : 'language.english', '9')];
    this.out.push(offer);
    this.expect = { kind: 'choice', choices };
    this.state.lastPrompt = { messages: [...(this.state.lastPrompt?.messages ?? []), offer], expect: this.expect };
  }

  repeat(): void {
    const last = this.state.lastPrompt;
    if (!last) {
      this.menu();
      return;
    }
    this.out.push(...last.messages);
    this.expect = last.expect;
    this.prompted = true;
  }

  /** An invalid or empty answer: explain, ask again, and after the third offer a person. */
  async invalid(message: Message): Promise<void> {
    const inFlow = this.flow !== null;
    if (inFlow) this.state.retries += 1;
    else this.state.fallbacks += 1;
    const count = inFlow ? this.state.retries : this.state.fallbacks;
    if (count >= MAX_RETRIES) {
      this.state.retries = 0;
      this.state.fallbacks = 0;
      this.say(message.key, message.params);
      if (this.channel === 'voice') {
        await this.toAgent('retries');
        return;
      }
      this.beginFlow('offer_agent', 'pick');
      this.prompt();
      return;
    }
    this.say(message.key, message.params);
    if (inFlow) this.prompt();
    else this.menu();
  }

  async lockedOut(): Promise<void> {
    if (this.channel === 'voice') {
      await this.toAgent('locked');
      return;
    }
    this.beginFlow('offer_agent', 'pick');
    this.prompt();
  }

  async toAgent(reason: string): Promise<void> {
    const summary = this.summary(reason);
    await this.svc.audit.record('handoff', { sessionId: this.input.sessionId, customerId: this.state.verified?.customerId ?? null, accountId: null }, { summary });
    this.say(this.channel === 'voice' ? 'agent.transferring' : 'agent.handoff');
    this.handoff = { reason, summary };
    this.state.handoffSummary = summary;
    this.state.stack = [];
    this.end = this.channel === 'voice';
  }

  /** What an agent needs to pick up the conversation, and nothing sensitive. */
  summary(reason: string): string {
    const verified = this.state.verified;
    const account = verified?.accounts.find((a) => a.id === this.state.accountId);
    const parts = [`channel=${this.channel}`, `language=${this.locale}`, `reason=${reason}`, `verified=${verified ? 'yes' : 'no'}`];
    if (verified) parts.push(`customer=${verified.firstName}`);
    if (account) parts.push(`account=…${account.last4} (${account.vehicle})`);
    if (this.flow) parts.push(`inProgress=${this.flow.name}:${this.flow.step}`);
    if (this.state.topics.length) parts.push(`topics=${this.state.topics.join(',')}`);
    return parts.join('; ');
  }

  switchLanguage(lang: Locale): void {
    this.state.locale = lang;
    this.state.languageChosen = true;
    this.say('language.changed');
    if (this.flow) this.prompt();
    else this.menu();
  }

  lastText(): string {
    const ev = this.input.event;
    return ev.kind === 'text' || ev.kind === 'speech' ? ev.text : '';
  }

  say(key: string, params?: Message['params']): void {
    this.out.push(params && Object.keys(params).length ? { key, params } : { key });
  }

  topic(intent: Intent): void {
    if (intent === 'none') return;
    if (!this.state.topics.includes(intent)) this.state.topics.push(intent);
    if (this.state.topics.length > 10) this.state.topics.shift();
  }

  output(): TurnOutput {
    if (!this.prompted && !this.end && !this.handoff) this.expect = { kind: 'text' };
    if (this.end || this.handoff) this.expect = { kind: 'none' };
    const out: TurnOutput = { locale: this.state.locale, messages: this.out, expect: this.expect, end: this.end };
    if (this.intent) out.intent = this.intent;
    if (this.confidence !== undefined) out.confidence = this.confidence;
    const flow = this.flow;
    if (flow && !this.end && !this.handoff) out.prompt = `${flow.name}.${flow.step}`;
    if (this.receipt) out.receipt = this.receipt;
    if (this.handoff) out.handoff = this.handoff;
    return out;
  }
}
