import { addDays, dayOfMonth, nextDayOfMonth } from '../../shared/dates';
import type { AccountBrief, AccountOverview } from '../services-port';
import { fundingOf, type StepResult, type Answer } from '../dialog-kit';
import type { FlowFrame } from '../state';
import { PaymentTurn } from './payment';

/** Answers about the account (amount due, payoff, history, FICO® Score, title) and Auto Pay. */
export abstract class AccountTurn extends PaymentTurn {
  protected async tellBalance(): Promise<void> {
    const acct = this.currentAccount();
    const o = await this.svc.accounts.overview(this.actor(), acct.id);
    if (o.paidOff) {
      this.say('account.paidOff', { vehicle: acct.vehicle, date: o.paidOffOn ?? '' });
      return;
    }
    if (o.amountDueCents <= 0) {
      await this.tellNothingDue(acct, o);
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

  /** No "0 dollars due": that nothing is due, whether today's payment covered it, and when the next payment is due. */
  private async tellNothingDue(acct: AccountBrief, o: AccountOverview): Promise<void> {
    const today = this.svc.today();
    const paidToday = (await this.svc.payments.history(this.actor(), acct.id, 5)).some((p) => p.date === today && p.status === 'posted');
    this.say(paidToday ? 'balance.nothingDuePaidToday' : 'balance.nothingDue', { vehicle: acct.vehicle, last4: acct.last4 });
    if (o.dueDate) {
      // The installment of the due date on file is covered: the next one falls a month on.
      const next = nextDayOfMonth(addDays(o.dueDate, 1), Math.min(dayOfMonth(o.dueDate), 28));
      this.say('balance.nextDue', { amount: o.monthlyPaymentCents, date: next });
    }
    if (o.scheduledCents > 0) this.say('balance.scheduled', { amount: o.scheduledCents });
  }

  protected async tellPayoff(): Promise<void> {
    const acct = this.currentAccount();
    const q = await this.svc.accounts.payoffQuote(this.actor(), acct.id);
    this.say('payoff.quote', { vehicle: acct.vehicle, amount: q.amountCents, date: q.goodThrough });
  }

  protected async tellHistory(): Promise<void> {
    const acct = this.currentAccount();
    const items = await this.svc.payments.history(this.actor(), acct.id, 3);
    if (items.length === 0) {
      this.say('history.none', { vehicle: acct.vehicle });
      return;
    }
    this.say('history.intro', { vehicle: acct.vehicle, count: items.length });
    for (const p of items) {
      if (p.card && p.status === 'posted') {
        this.say('history.item_posted_card', { amount: p.amountCents, date: p.date, confirmation: p.confirmationNumber, last4: p.card.last4 });
      } else this.say(`history.item_${p.status}`, { amount: p.amountCents, date: p.date, confirmation: p.confirmationNumber });
    }
  }

  protected async tellFico(): Promise<void> {
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

  protected async tellTitle(): Promise<void> {
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

  protected async startAutoPay(): Promise<void> {
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

  protected async stepAutoPay(flow: FlowFrame, a: Answer): Promise<StepResult> {
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

  protected async startAutoPayCancel(): Promise<void> {
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
}
