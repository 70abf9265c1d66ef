import type { Locale } from '../../shared/types';
import { digitsIn, referenceFrom, type StepResult, type Answer } from '../dialog-kit';
import type { Intent } from '../nlu-port';
import type { AccountBrief, VerifiedCustomer } from '../services-port';
import type { FlowFrame } from '../state';
import { TurnBase } from '../turn-base';

/** Identity: the language menu, the VIN or account number, the SSN/Tax ID, and the choice of vehicle. */
export abstract class IdentityTurn extends TurnBase {
  /**
   * A VIN or account number typed before anything was asked: the customer is
   * starting to identify themselves, so verification begins with it and the
   * menu follows. Only on text channels, where a reference can be typed whole.
   */
  protected async startWithReference(text: string): Promise<boolean> {
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

  protected async stepLanguage(a: Answer): Promise<StepResult> {
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

  protected async stepReference(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const raw = referenceFrom(a, this.deps.nlu, this.locale);
    if (!raw) return { kind: 'unrecognized' };
    const parsed = this.svc.identity.parseReference(raw);
    if (!parsed.ok) return { kind: 'invalid', message: { key: `error.${parsed.code}` } };
    flow.data.refKind = parsed.value.kind;
    flow.data.ref = parsed.value.value;
    this.goTo('taxId');
    return { kind: 'accepted' };
  }

  protected async stepTaxId(flow: FlowFrame, a: Answer): Promise<StepResult> {
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
      switch (result.code) {
        case 'IDENTITY.THROTTLED':
          return this.throttled(result.params?.minutes);
        case 'IDENTITY.CODE_SENT':
          this.say('identity.codeSent', { last4: String(result.params?.last4 ?? ''), minutes: Number(result.params?.minutes ?? 10) });
          flow.data = {};
          this.goTo('code');
          return { kind: 'accepted' };
        case 'IDENTITY.CODE_UNAVAILABLE':
          this.say('identity.codeUnavailable');
          this.s.flow = null;
          await this.lockedOut();
          return { kind: 'accepted' };
        default:
          this.say('identity.noMatch');
          flow.data = {};
          this.goTo('reference');
          return { kind: 'accepted' };
      }
    }
    return this.verified(flow, result.value);
  }

  /** The one-time code texted to the mobile on file, when a correct answer was not enough on its own. */
  protected async stepCode(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const raw = a.digits ?? digitsIn(a, this.deps.nlu, this.locale);
    if (!raw) return { kind: 'unrecognized' };
    const result = await this.svc.identity.confirmCode({
      sessionId: this.input.sessionId,
      channel: this.channel,
      callerId: this.input.callerId ?? null,
      code: raw,
    });
    if (result.ok) return this.verified(flow, result.value);
    switch (result.code) {
      case 'IDENTITY.THROTTLED':
        return this.throttled(result.params?.minutes);
      case 'IDENTITY.CODE_FORMAT':
        return { kind: 'invalid', message: { key: 'identity.codeFormat' } };
      case 'IDENTITY.CODE_WRONG':
        this.say('identity.codeWrong');
        this.prompt();
        return { kind: 'accepted' };
      default:
        this.say('identity.codeExpired');
        flow.data = {};
        this.goTo('reference');
        return { kind: 'accepted' };
    }
  }

  private async throttled(minutes: string | number | undefined): Promise<StepResult> {
    this.say('identity.locked', { minutes: Number(minutes ?? 5) });
    this.s.flow = null;
    await this.lockedOut();
    return { kind: 'accepted' };
  }

  private async verified(flow: FlowFrame, v: VerifiedCustomer): Promise<StepResult> {
    this.s.verified = { customerId: v.customerId, verifiedAt: this.deps.now(), firstName: v.firstName, business: v.business, accounts: v.accounts };
    this.s.accountId = null;
    this.say('identity.verified', { name: v.firstName });
    const then = flow.then;
    this.s.flow = null;
    this.s.retries = 0;
    await this.runIntent((then ?? 'help') as Intent, then === null);
    return { kind: 'accepted' };
  }

  protected async stepChooseAccount(flow: FlowFrame, a: Answer): Promise<StepResult> {
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
}
