import type { Choice, Expectation, Message, TurnOutput } from './contract';
import { NEEDS_ACCOUNT, NEEDS_CUSTOMER, ONE_SHOT, choice, uniqueIntents, toAnswer, fundingLast4, targetLanguage, type StepResult, type Answer } from './dialog-kit';
import { FAQ_INTENTS, faqKey } from './faq';
import { AccountTurn } from './flows/account';
import type { Intent } from './nlu-port';
import type { FlowFrame } from './state';

export { MAX_RETRIES, type DialogDeps } from './dialog-kit';

/**
 * One turn of the conversation, over a loaded session state. Mutates the state
 * and returns what to say; the engine persists the state afterwards.
 */
export class Turn extends AccountTurn {
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
    if (ev.kind === 'card-result') {
      const flow = this.s.flow;
      if (ev.result.outcome === 'hung-up') {
        // The caller hung up while entering the card: nothing was charged.
        this.s.ended = true;
        this.s.flow = null;
        this.end = true;
      } else if (flow?.name === 'pay' && flow.step === 'card') await this.cardCaptured(flow, ev.result);
      else this.repeat();
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

  protected async start(): Promise<void> {
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
      this.offerOtherLanguage();
      return;
    }
    this.say('chat.welcome');
    this.menu();
  }

  protected async globalCommand(a: Answer): Promise<boolean> {
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

  protected async understand(a: Answer): Promise<void> {
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

  protected canAnswerNow(intent: Intent): boolean {
    if (!NEEDS_ACCOUNT.has(intent) && !NEEDS_CUSTOMER.has(intent)) return true;
    if (!this.s.verified) return false;
    if (NEEDS_CUSTOMER.has(intent)) return true;
    return this.s.accountId !== null;
  }

  protected async answerOneShot(intent: Intent): Promise<void> {
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

  /** Carries out a request, first asking for verification or a vehicle when it needs them. */
  protected async runIntent(intent: Intent, quietMenu: boolean): Promise<void> {
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
        if (this.s.verified) {
          const st = await this.svc.alerts.status(this.actor());
          if (st.textAlerts) {
            // Already on: what alerts are needs no explaining again.
            this.say('alerts.alreadyOn', { last4: st.mobileLast4 ?? '' });
          } else if (st.mobileLast4) {
            this.say(faqKey(intent));
            this.beginFlow('textAlerts', 'confirm', null, { last4: st.mobileLast4 });
            this.prompt();
            return;
          } else {
            this.say(faqKey(intent));
            this.say('alerts.noMobile');
          }
        } else {
          this.say(faqKey(intent));
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

  protected async step(flow: FlowFrame, a: Answer): Promise<StepResult> {
    switch (flow.name) {
      case 'language':
        return this.stepLanguage(a);
      case 'verify':
        if (flow.step === 'reference') return this.stepReference(flow, a);
        return flow.step === 'code' ? this.stepCode(flow, a) : this.stepTaxId(flow, a);
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

  protected promptFor(flow: FlowFrame): { messages: Message[]; expect: Expectation } {
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
        if (flow.step === 'code') return { messages: m('identity.askCode'), expect: { kind: 'digits', min: 6, max: 6, sensitive: true } };
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

  protected choicesFor(flow: FlowFrame): Choice[] {
    if (flow.name === 'clarify') {
      return [
        { value: String(flow.data.a), labelKey: `topic.${String(flow.data.a)}`, digit: '1' },
        { value: String(flow.data.b), labelKey: `topic.${String(flow.data.b)}`, digit: '2' },
        choice('other', 'clarify.other', '3'),
      ];
    }
    return [choice('agent', 'agent.optAgent', '1'), choice('restart', 'agent.optRestart', '2')];
  }
}
