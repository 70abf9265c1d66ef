import type { CardCaptureResult, Choice, Expectation, Message } from '../contract';
import { choice, digitsIn, amountFrom, keypadDate, choiceValue, fundingOf, fundingLast4, numbered, type StepResult, type Answer } from '../dialog-kit';
import type { AccountBrief } from '../services-port';
import type { FlowFrame } from '../state';
import { IdentityTurn } from './identity';

/** A payment: amount, date, bank account or card, read-back and explicit confirmation. */
export abstract class PaymentTurn extends IdentityTurn {
  protected async startPayment(prefill: number | null): Promise<void> {
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

  protected async stepPay(flow: FlowFrame, a: Answer): Promise<StepResult> {
    const acct = this.currentAccount();
    switch (flow.step) {
      case 'amountChoice': {
        const value = choiceValue(this.payAmountChoices(flow), a);
        if (value === 'due') {
          flow.data.amount = Number(flow.data.due);
          flow.data.kind = 'regular';
          flow.data.asDue = true;
          this.goTo('dateChoice');
          return { kind: 'accepted' };
        }
        flow.data.asDue = false;
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
      case 'accountType':
        return this.stepFunding(flow, a);
      case 'card':
        // The card is being taken by the phone line's capture; anything else here just asks again.
        return { kind: 'invalid', message: { key: 'pay.cardWaiting' } };
      case 'confirm':
      case 'confirmRepeat':
        return this.stepYesNo(a, async (yes) => {
          if (!yes) {
            this.say('pay.notSubmitted');
            this.s.flow = null;
            this.anythingElse();
            return;
          }
          if (flow.data.funding === 'card') {
            if (flow.step === 'confirm' && (await this.askIfPaidToday(flow, acct))) return;
            this.goTo('card');
            return;
          }
          await this.submitPayment(flow, acct, flow.step === 'confirmRepeat' ? String(flow.data.repeatOf) : null);
        });
    }
    return { kind: 'unrecognized' };
  }

  /**
   * A card is charged the moment it is taken, so a payment of the same amount
   * already made for the same date is asked about before the card, not after.
   */
  private async askIfPaidToday(flow: FlowFrame, acct: AccountBrief): Promise<boolean> {
    const same = await this.svc.payments.sameDayPayment(this.actor(), acct.id, Number(flow.data.amount), String(flow.data.date));
    if (!same) return false;
    flow.data.repeatOf = same.confirmation;
    flow.data.repeatAmount = Number(flow.data.amount);
    flow.data.repeatDate = String(flow.data.date);
    flow.data.repeatScheduled = same.status === 'scheduled';
    this.goTo('confirmRepeat');
    return true;
  }

  /** What the phone line's card capture reported: record a charged card, or say why not and offer the ways to pay again. */
  protected async cardCaptured(flow: FlowFrame, result: CardCaptureResult): Promise<void> {
    if (result.outcome !== 'charged') {
      this.say(`pay.card_${result.outcome}`);
      delete flow.data.funding;
      this.goTo('funding');
      return;
    }
    flow.data.cardToken = result.token;
    flow.data.cardBrand = result.brand;
    flow.data.cardLast4 = result.last4;
    flow.data.cardExpiry = result.expiry;
    // The connector charged this exact amount: it is recorded as such, never re-read as "the amount due".
    flow.data.asDue = false;
    await this.submitPayment(flow, this.currentAccount(), null);
  }

  /** Submits the confirmed payment; `repeatOf` is the same-day payment the customer chose to pay again. */
  protected async submitPayment(flow: FlowFrame, acct: AccountBrief, repeatOf: string | null): Promise<void> {
    const result = await this.svc.payments.make(this.actor(), {
      accountId: acct.id,
      amountCents: Number(flow.data.amount),
      kind: flow.data.kind === 'principal' ? 'principal' : 'regular',
      asAmountDue: flow.data.asDue === true,
      date: String(flow.data.date),
      funding: fundingOf(flow),
      // Derived from the turn that asked for confirmation: a double click or a retried
      // webhook carries the same key and can never make a second payment.
      idempotencyKey: `pay:${this.input.sessionId}:${flow.id}:${String(flow.data.askedAt)}`,
      ...(repeatOf ? { repeatOf } : {}),
    });
    if (!result.ok && result.code === 'PAYMENT.SAME_DAY_REPEAT') {
      // Already paid today, perhaps in another chat or call: only an explicit yes pays again.
      const p = result.params ?? {};
      flow.data.repeatOf = String(p.confirmation);
      flow.data.repeatAmount = Number(p.amountCents);
      flow.data.repeatDate = String(p.date);
      flow.data.repeatScheduled = p.status === 'scheduled';
      flow.data.askedAt = this.input.turnKey;
      this.goTo('confirmRepeat');
      return;
    }
    if (!result.ok && (result.code === 'PAYMENT.AMOUNT_DUE_PAID' || result.code === 'PAYMENT.AMOUNT_DUE_CHANGED')) {
      // The amount due moved since it was offered: say so and ask for the amount again.
      this.say(`error.${result.code}`, result.params ?? {});
      const o = await this.svc.accounts.overview(this.actor(), acct.id);
      flow.data.due = o.amountDueCents;
      delete flow.data.amount;
      delete flow.data.asDue;
      this.goTo('amountChoice');
      return;
    }
    this.s.flow = null;
    if (!result.ok) {
      this.say(`error.${result.code}`, result.params ?? {});
      this.anythingElse();
      return;
    }
    const r = result.value;
    if (r.awaitingValidation) {
      // Recorded, not debited: no payment confirmation card until the bank account is verified.
      this.say('pay.awaitingValidation', { amount: r.amountCents, confirmation: r.confirmationNumber, last4: r.fundingLast4 });
      this.anythingElse();
      return;
    }
    this.receipt = {
      confirmationNumber: r.confirmationNumber,
      amountCents: r.amountCents,
      scheduledFor: r.scheduledFor,
      accountLast4: acct.last4,
      vehicle: acct.vehicle,
      fundingLast4: r.fundingLast4,
    };
    const done = r.cardBrand ? 'pay.doneCard' : r.scheduledFor === this.svc.today() ? 'pay.doneToday' : 'pay.doneScheduled';
    this.say(done, {
      amount: r.amountCents,
      date: r.scheduledFor,
      confirmation: r.confirmationNumber,
      last4: r.fundingLast4,
    });
    this.anythingElse();
  }

  protected async acceptAmount(
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

  protected acceptDate(flow: FlowFrame, date: string): StepResult {
    const check = this.svc.payments.checkDate(date);
    if (!check.ok) {
      if (flow.step === 'dateChoice') flow.step = 'date';
      return { kind: 'invalid', message: { key: `error.${check.code}`, params: { ...(check.params ?? {}), date } } };
    }
    flow.data.date = date;
    // The chat takes no card itself: without a card page, it says where a card is taken.
    const cards = this.svc.cardPayments;
    if (this.channel === 'chat' && cards.phone && !cards.pageUrl) this.say('pay.cardByPhone');
    this.goTo(this.fundingChoices(flow).length > 1 ? 'funding' : 'routing');
    return { kind: 'accepted' };
  }

  /** Funding steps shared by payments and Auto Pay: the bank on file, or a new routing and account number. */
  protected async stepFunding(flow: FlowFrame, a: Answer): Promise<StepResult> {
    if (flow.step === 'funding') {
      const value = choiceValue(this.fundingChoices(flow), a);
      if (value === 'onfile') {
        flow.data.funding = 'on_file';
        flow.data.pendingValidation = false;
        this.askConfirm(flow);
        return { kind: 'accepted' };
      }
      if (value === 'new') {
        this.goTo('routing');
        return { kind: 'accepted' };
      }
      if (value === 'card') return this.chooseCard(flow);
      return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
    }
    if (flow.step === 'accountType') {
      const value = choiceValue(this.accountTypeChoices(), a);
      if (value !== 'checking' && value !== 'savings') {
        return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
      }
      flow.data.accountType = value;
      this.askConfirm(flow);
      return { kind: 'accepted' };
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
    if (!vaulted.ok) return { kind: 'invalid', message: { key: `error.${vaulted.code}`, params: vaulted.params ?? {} } };
    if (vaulted.value.pendingValidation && flow.name === 'autopayEnroll') {
      // Drafts are never set up on an account whose first-use validation is not back.
      this.say('error.AUTOPAY.BANK_PENDING_VALIDATION', { last4: vaulted.value.last4 });
      this.s.flow = null;
      this.anythingElse();
      return { kind: 'accepted' };
    }
    flow.data.funding = 'new';
    flow.data.token = vaulted.value.token;
    flow.data.newLast4 = vaulted.value.last4;
    flow.data.pendingValidation = vaulted.value.pendingValidation;
    // An ACH debit names the kind of account it comes from.
    if (flow.name === 'pay') this.goTo('accountType');
    else this.askConfirm(flow);
    return { kind: 'accepted' };
  }

  /**
   * A card: on the phone, the fee is stated and the payment read back before
   * the card is taken; on chat, a link to the hosted card page.
   */
  private chooseCard(flow: FlowFrame): StepResult {
    if (this.channel === 'voice') {
      flow.data.funding = 'card';
      flow.data.pendingValidation = false;
      this.askConfirm(flow);
      return { kind: 'accepted' };
    }
    this.say('pay.cardPage', { url: String(this.svc.cardPayments.pageUrl) });
    this.s.flow = null;
    this.anythingElse();
    return { kind: 'accepted' };
  }

  protected askConfirm(flow: FlowFrame): void {
    flow.data.askedAt = this.input.turnKey;
    this.goTo('confirm');
  }

  protected payPrompt(flow: FlowFrame): { messages: Message[]; expect: Expectation } {
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
      case 'card':
        return {
          messages: [{ key: 'pay.cardEnter' }],
          expect: { kind: 'card', amountCents: Number(flow.data.amount), description: `Vehicle account ending ${this.currentAccount().last4}` },
        };
      case 'confirm': {
        const acct = this.currentAccount();
        if (flow.data.funding === 'card') {
          const params = { amount: Number(flow.data.amount), vehicle: acct.vehicle, account: acct.last4 };
          return { messages: [{ key: 'pay.cardFee' }, { key: 'pay.readBackCard', params }], expect: { kind: 'yes-no' } };
        }
        // Said before the read-back (and with every repeat of it), so the customer confirms knowing the date may slip.
        const notice: Message[] = flow.data.pendingValidation ? [{ key: 'funding.pendingValidation', params: { last4: fundingLast4(flow) } }] : [];
        return {
          messages: [
            ...notice,
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
      case 'confirmRepeat': {
        const params = { amount: Number(flow.data.repeatAmount), confirmation: String(flow.data.repeatOf), date: String(flow.data.repeatDate) };
        return {
          messages: [{ key: flow.data.repeatScheduled ? 'pay.alreadyScheduled' : 'pay.alreadyPaidToday', params }],
          expect: { kind: 'yes-no' },
        };
      }
      default:
        return this.fundingPrompt(flow);
    }
  }

  protected fundingPrompt(flow: FlowFrame): { messages: Message[]; expect: Expectation } {
    if (flow.step === 'funding') {
      const choices = this.fundingChoices(flow);
      // On the phone each option is read with the key that picks it.
      const messages: Message[] =
        this.channel === 'voice'
          ? choices.map((c) => ({ key: `funding.press_${c.value}`, params: { last4: String(flow.data.onFile ?? ''), digit: c.digit ?? '' } }))
          : [{ key: choices.some((c) => c.value === 'card') ? 'funding.askWithCard' : 'funding.ask', params: { last4: String(flow.data.onFile ?? '') } }];
      return { messages, expect: { kind: 'choice', choices } };
    }
    if (flow.step === 'accountType') {
      return { messages: [{ key: 'funding.askAccountType' }], expect: { kind: 'choice', choices: this.accountTypeChoices() } };
    }
    if (flow.step === 'routing') {
      return { messages: [{ key: 'funding.askRouting' }], expect: { kind: 'digits', min: 9, max: 9, sensitive: false } };
    }
    return { messages: [{ key: 'funding.askAccount' }], expect: { kind: 'digits', min: 4, max: 17, sensitive: true, finishOnKey: '#' } };
  }

  protected payAmountChoices(flow: FlowFrame): Choice[] {
    const list: Choice[] = [];
    if (Number(flow.data.due) > 0) list.push({ value: 'due', labelKey: 'pay.optDue', labelParams: { amount: Number(flow.data.due) }, digit: '1' });
    list.push(choice('other', 'pay.optOther', '2'), choice('principal', 'pay.optPrincipal', '3'));
    return numbered(list);
  }

  protected dateChoices(): Choice[] {
    return [choice('today', 'pay.optToday', '1'), choice('later', 'pay.optLater', '2')];
  }

  protected fundingChoices(flow: FlowFrame): Choice[] {
    const list: Choice[] = [];
    if (flow.data.onFile) list.push({ value: 'onfile', labelKey: 'funding.optOnFile', labelParams: { last4: String(flow.data.onFile) }, digit: '1' });
    list.push(choice('new', 'funding.optNew', '2'));
    if (flow.name === 'pay' && this.cardOffered(flow)) list.push(choice('card', 'funding.optCard', '3'));
    return numbered(list);
  }

  /**
   * Cards: on the phone through its card capture, charged at once (so for a
   * payment today); on chat as a link to the hosted card page, or the way to
   * pay by card on the phone. Never by text.
   */
  private cardOffered(flow: FlowFrame): boolean {
    const cards = this.svc.cardPayments;
    if (this.channel === 'voice') return cards.phone && flow.data.date === this.svc.today();
    if (this.channel === 'chat') return cards.pageUrl !== null;
    return false;
  }

  protected accountTypeChoices(): Choice[] {
    return [choice('checking', 'funding.optChecking', '1'), choice('savings', 'funding.optSavings', '2')];
  }
}
