import type { CardCaptureResult, Choice, Message } from '../contract';
import { amountFrom, choice, choiceValue, fundingLast4, fundingOf, keypadDate, numbered, opensWithYes, type Answer, type StepResult } from '../dialog-kit';
import type { FlowSpec } from '../flow';
import type { DateReading } from '../nlu-port';
import type { AccountBrief } from '../../accounts';
import { valueOf } from '../../shared/result';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';
import { accountTypeNamed, askConfirm, chooseBank, forgetFunding, fundingNamedIn, keepFunding } from './bank';
import { otherVehicleNamed, vehicleOption } from './choose-account';

/** A payment: amount, date, bank account, read-back and explicit confirmation. */
export const payFlow: FlowSpec = {
  name: 'pay',
  confirmLeaving: true,
  entries: [
    // The words of the request may already give the amount and the date ("pay $200 tomorrow").
    { intents: ['make_payment'], needs: 'active account', start: (ctx) => startPayment(ctx, { text: ctx.takeRequestText(), ahead: ctx.takeAnswersAhead() }) },
    {
      intents: ['pay_payoff'],
      needs: 'active account',
      start: (ctx) => startPayoffPayment(ctx),
    },
  ],
  async resume(ctx, flow, result) {
    if (result.kind !== 'funding') return ctx.prompt();
    keepFunding(flow, result);
    // On the phone a card payment is read back as the card is asked for: keying the card in is the yes.
    if (flow.data.funding === 'card' && ctx.channel === 'voice') return cardAskedWithReadBack(ctx, flow);
    askConfirm(ctx, flow);
  },
  correct: correction,
  restated: restatement,
  steps: {
    amountChoice: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: Number(flow.data.due) > 0 ? 'pay.askAmountChoice' : 'pay.askAmountChoiceNothingDue' }],
        expect: { kind: 'choice', choices: amountChoices(flow) },
      }),
      async read(ctx, flow, answer) {
        const value = choiceValue(amountChoices(flow), answer, ctx.deps.nlu);
        if (value === 'due') {
          flow.data.amount = Number(flow.data.due);
          flow.data.kind = 'regular';
          flow.data.asDue = true;
          return afterAmount(ctx, flow, answer);
        }
        flow.data.asDue = false;
        if (value === 'other' || value === 'principal') {
          flow.data.kind = value === 'principal' ? 'principal' : 'regular';
          ctx.goTo('amount');
          return { kind: 'accepted' };
        }
        // "Pay $50", "two fifty", "lo atrasado" answer the question directly.
        const reading = payAmount(ctx, flow, answer);
        if (reading.kind === 'none') return answer.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
        flow.data.kind = 'regular';
        return acceptAmount(ctx, flow, ctx.currentAccount(), reading, answer);
      },
    },
    amount: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: flow.data.kind === 'principal' ? 'pay.askPrincipalAmount' : 'pay.askAmount' }],
        expect: { kind: 'amount' },
      }),
      async read(ctx, flow, answer) {
        const reading = payAmount(ctx, flow, answer);
        if (reading.kind === 'none') {
          return answer.digits || /\d/.test(answer.text) ? { kind: 'invalid', message: { key: 'error.PAYMENT.AMOUNT_UNREADABLE' } } : { kind: 'unrecognized' };
        }
        return acceptAmount(ctx, flow, ctx.currentAccount(), reading, answer);
      },
    },
    dateChoice: {
      prompt: () => ({ messages: [{ key: 'pay.askDateChoice' }], expect: { kind: 'choice', choices: dateChoices() } }),
      async read(ctx, flow, answer) {
        const amount = await amountAlsoSaid(ctx, flow, answer);
        if (amount) return amount;
        const value = choiceValue(dateChoices(), answer, ctx.deps.nlu);
        if (value === 'today') {
          // "A week from today" names another day than today.
          const day = answer.button || answer.digits ? null : dayOf(ctx.deps.nlu.readDate(answer.text, ctx.locale, ctx.svc.today()), flow.data.dueDate);
          if (day) bankAlsoNamed(ctx, flow, answer.text);
          return acceptDate(ctx, flow, day ?? ctx.svc.today());
        }
        if (value === 'later') {
          ctx.goTo('date');
          return { kind: 'accepted' };
        }
        if (answer.digits) return { kind: 'invalid', message: { key: 'common.pickOne' } };
        // "Con tarjeta de débito": a card on the phone is charged at once, so it is paid today.
        if (!answer.button && fundingToKeep(ctx, answer.text, flow.data.onFile) === 'card' && !dayOf(ctx.deps.nlu.readDate(answer.text, ctx.locale, ctx.svc.today()), flow.data.dueDate)) {
          flow.data.fundingNamed = 'card';
          return acceptDate(ctx, flow, ctx.svc.today());
        }
        return payDate(ctx, flow, answer.text, false);
      },
    },
    date: {
      prompt: (ctx) => ({ messages: [{ key: 'pay.askDate', params: { last: ctx.svc.payments.lastAllowedDate() } }], expect: { kind: 'date' } }),
      async read(ctx, flow, answer) {
        const amount = await amountAlsoSaid(ctx, flow, answer);
        if (amount) return amount;
        if (answer.digits) {
          const date = keypadDate(answer.digits, ctx.svc.today());
          return date ? acceptDate(ctx, flow, date) : { kind: 'invalid', message: { key: 'error.PAYMENT.DATE_UNREADABLE' } };
        }
        return payDate(ctx, flow, answer.text, true);
      },
    },
    card: {
      prompt: (ctx, flow) => ({
        messages: [...(flow.data.cardReadBack ? cardReadBack(ctx, flow) : []), { key: 'pay.cardEnter' }],
        expect: { kind: 'card', amountCents: Number(flow.data.amount), description: `Vehicle account ending ${ctx.currentAccount().last4}` },
      }),
      // The card is being taken by the phone line's capture; anything else here just asks again.
      read: async () => ({ kind: 'invalid', message: { key: 'pay.cardWaiting' } }),
    },
    confirm: {
      prompt(ctx, flow) {
        const account = ctx.currentAccount();
        if (flow.data.funding === 'card') return { messages: cardReadBack(ctx, flow), expect: { kind: 'yes-no' } };
        // Said before the read-back (and with every repeat of it), so the customer confirms knowing the date may slip.
        const notice: Message[] = flow.data.pendingValidation ? [{ key: 'funding.pendingValidation', params: { last4: fundingLast4(flow) } }] : [];
        const same = sameDayNoted(flow);
        if (same) notice.push({ key: same.scheduled ? 'pay.alreadyScheduledNote' : 'pay.alreadyPaidNote', params: { amount: same.amount, confirmation: same.confirmation, date: same.date } });
        // A new bank account is debited as the kind of account named here, which one word changes.
        if (flow.data.funding === 'new') notice.push({ key: flow.data.accountType === 'savings' ? 'funding.typeSavings' : 'funding.typeChecking', params: { last4: fundingLast4(flow) } });
        return {
          messages: [
            ...notice,
            {
              key: flow.data.kind === 'principal' ? 'pay.readBackPrincipal' : 'pay.readBack',
              params: { amount: Number(flow.data.amount), vehicle: account.vehicle, account: account.last4, date: String(flow.data.date), last4: fundingLast4(flow) },
            },
          ],
          expect: { kind: 'yes-no' },
        };
      },
      // "No wait, make it $150", "actually tomorrow" change that answer (the flow's `correct`) and read everything back again.
      read(ctx, flow, answer) {
        // "It's a savings account" (or 3 on the keypad) changes the kind of a new account and reads back again.
        const type = flow.data.funding === 'new' ? (answer.digits === '3' ? 'savings' : accountTypeNamed(ctx, answer)) : null;
        if (type && type !== flow.data.accountType) {
          flow.data.accountType = type;
          // "Sí, es de ahorros, confirmo": the kind changed and the payment confirmed in one answer.
          if (answer.text && ctx.deps.nlu.yesNo(answer.text, ctx.locale) === true) {
            if (type === 'savings') ctx.say('funding.typeSavings', { last4: fundingLast4(flow) });
            return confirmed(ctx, flow, answer, null);
          }
          askConfirm(ctx, flow);
          return Promise.resolve({ kind: 'accepted' });
        }
        // A second payment is still asked about after the yes (see confirmRepeat): paying twice takes two yeses.
        return confirmed(ctx, flow, answer, null);
      },
    },
    confirmRepeat: {
      prompt: (_ctx, flow) => ({
        messages: [
          {
            key: flow.data.repeatScheduled ? 'pay.alreadyScheduled' : 'pay.alreadyPaidToday',
            params: { amount: Number(flow.data.repeatAmount), confirmation: String(flow.data.repeatOf), date: String(flow.data.repeatDate) },
          },
        ],
        expect: { kind: 'yes-no' },
      }),
      read: (ctx, flow, answer) => confirmed(ctx, flow, answer, String(flow.data.repeatOf)),
    },
  },
};

/** What the customer already said that fills the payment's slots ("pay $200 tomorrow"). */
export interface GivenPayment {
  /** Words that may name the amount and the date. */
  text?: string;
  /** Answers given ahead of their question ("two twenty five" when asked which vehicle). */
  ahead?: string[];
  /** An amount decided before the flow (the payoff). */
  amountCents?: number;
  /** Say nothing about the amount due (the caller already said what matters). */
  quiet?: boolean;
}

/**
 * Starts a payment on the chosen account. Whatever the customer already said
 * fills its slots (an amount, a date), and only what is missing is asked.
 */
async function startPayment(ctx: TurnContext, given: GivenPayment = {}): Promise<void> {
  const account = ctx.currentAccount();
  const overview = valueOf(await ctx.svc.accounts.summary(ctx.actor(), account.id));
  const flow = ctx.beginFlow('pay', 'amountChoice', {
    due: overview.amountDueCents,
    pastDue: overview.pastDueCents,
    monthly: overview.account.monthlyPaymentCents,
    payoff: overview.payoff.amountCents,
    dueDate: overview.dueDate,
    onFile: overview.bankOnFileLast4,
    lease: account.product === 'lease',
  });
  if (!given.quiet) {
    ctx.say(overview.amountDueCents > 0 ? 'pay.due' : 'pay.nothingDue', { vehicle: account.vehicle, amount: overview.amountDueCents, date: overview.dueDate ?? '' });
    if (overview.pastDueCents > 0) ctx.say('balance.pastDue', { amount: overview.pastDueCents });
  }
  // "Put it towards principal": an extra payment asked for in so many words (a lease has no principal to pay down).
  const principal = !flow.data.lease && [given.text, ...(given.ahead ?? [])].some((t) => t !== undefined && ctx.deps.nlu.extraPaymentAskedFor(t) === 'principal');
  if (principal) {
    flow.data.kind = 'principal';
    flow.data.asDue = false;
    flow.step = 'amount';
  }
  let amount: number | null = given.amountCents ?? null;
  let date: string | null = null;
  // The request itself, then each answer given ahead of its question, read on its own.
  for (const text of [given.text, ...(given.ahead ?? [])]) {
    if (!text) continue;
    const reading = given.amountCents === undefined ? ctx.deps.nlu.readAmount(text, ctx.locale, amountContext(flow)) : ({ kind: 'none' } as const);
    if (reading.kind === 'cents') amount = reading.cents;
    else if (reading.kind === 'amount_due' && overview.amountDueCents > 0) amount = dueNamed(flow, text);
    else if (ctx.state.lastPaidCents !== undefined && SAME_AS_BEFORE.test(text)) amount = ctx.state.lastPaidCents;
    else if (reading.kind === 'past_due' && overview.pastDueCents > 0) amount = overview.pastDueCents;
    date = dayOf(ctx.deps.nlu.readDate(text, ctx.locale, ctx.svc.today()), overview.dueDate) ?? date;
    const named = fundingToKeep(ctx, text, overview.bankOnFileLast4);
    if (named) flow.data.fundingNamed = named;
    if (ctx.deps.nlu.readOptionWord(text, ['card']) === 'card') flow.data.cardNamed = true;
  }
  // A good date is kept even while the amount is still to be asked (or was refused); one that
  // cannot be taken ("con fecha de ayer") is refused at once, with its reason.
  if (date !== null) {
    const check = ctx.svc.payments.checkDate(date);
    if (check.ok) flow.data.date = date;
    else ctx.say(`error.${check.code}`, { ...(check.params ?? {}), date });
  }
  // A card on the phone is charged at once: paying by card is paying today.
  if (flow.data.fundingNamed === 'card' && flow.data.date === undefined && date === null) flow.data.date = ctx.svc.today();
  if (amount !== null) {
    const check = await ctx.svc.payments.checkAmount(ctx.actor(), account.id, amount, principal ? 'principal' : 'regular');
    if (check.ok) {
      flow.data.amount = amount;
      flow.data.kind = principal ? 'principal' : 'regular';
      flow.data.asDue = !principal && amount === overview.amountDueCents;
      flow.step = 'dateChoice';
      if (flow.data.date !== undefined) {
        await onToFunding(ctx, flow);
        return;
      }
    } else ctx.say(`error.${check.code}`, check.params ?? {});
  }
  ctx.prompt();
}

function confirmed(ctx: TurnContext, flow: FlowFrame, answer: Answer, repeatOf: string | null): Promise<StepResult> {
  return ctx.readYesNo(answer, async (yes) => {
    if (!yes) {
      ctx.say('pay.notSubmitted');
      ctx.dropFlow();
      ctx.anythingElse();
      return;
    }
    await goAhead(ctx, flow, repeatOf);
  });
}

/** No fee from us, then the card payment read back in full. */
function cardReadBack(ctx: TurnContext, flow: FlowFrame): Message[] {
  const account = ctx.currentAccount();
  const params = { amount: Number(flow.data.amount), vehicle: account.vehicle, account: account.last4 };
  return [{ key: 'pay.cardFee' }, { key: flow.step === 'card' ? 'pay.readBackCardEnter' : 'pay.readBackCard', params }];
}

/**
 * The phone's card payment: read back as the secure card entry starts, where
 * keying the card in is the confirmation (and star stops it). A payment of
 * the same amount already made that day is asked about first.
 */
async function cardAskedWithReadBack(ctx: TurnContext, flow: FlowFrame): Promise<void> {
  flow.data.askedAt = ctx.input.turnKey;
  flow.data.cardReadBack = true;
  if (await askIfPaidToday(ctx, flow, ctx.currentAccount())) return;
  ctx.goTo('card');
}

/** The payment confirmed: on to the card's capture, or submitted. */
async function goAhead(ctx: TurnContext, flow: FlowFrame, repeatOf: string | null): Promise<void> {
  if (flow.data.funding === 'card') {
    if (flow.step === 'confirm' && (await askIfPaidToday(ctx, flow, ctx.currentAccount()))) return;
    ctx.goTo('card');
    return;
  }
  await submitPayment(ctx, flow, ctx.currentAccount(), repeatOf);
}

/**
 * A card is charged the moment it is taken, so a payment of the same amount
 * already made for the same date is asked about before the card, not after.
 */
async function askIfPaidToday(ctx: TurnContext, flow: FlowFrame, account: AccountBrief): Promise<boolean> {
  const same = await ctx.svc.payments.sameDayPayment(ctx.actor(), account.id, Number(flow.data.amount), String(flow.data.date));
  if (!same) return false;
  flow.data.repeatOf = same.confirmation;
  flow.data.repeatAmount = Number(flow.data.amount);
  flow.data.repeatDate = String(flow.data.date);
  flow.data.repeatScheduled = same.status === 'scheduled';
  ctx.goTo('confirmRepeat');
  return true;
}

/** What the phone line's card capture reported: record a charged card, or say why not and offer the ways to pay again. */
export async function cardCaptured(ctx: TurnContext, flow: FlowFrame, result: CardCaptureResult): Promise<void> {
  if (result.outcome !== 'charged') {
    ctx.say(`pay.card_${result.outcome}`);
    delete flow.data.funding;
    chooseBank(ctx, flow);
    return;
  }
  flow.data.cardToken = result.token;
  flow.data.cardBrand = result.brand;
  flow.data.cardLast4 = result.last4;
  flow.data.cardExpiry = result.expiry;
  // The connector charged this exact amount: it is recorded as such, never re-read as "the amount due".
  flow.data.asDue = false;
  await submitPayment(ctx, flow, ctx.currentAccount(), null);
}

/** Submits the confirmed payment; `repeatOf` is the same-day payment the customer chose to pay again. */
async function submitPayment(ctx: TurnContext, flow: FlowFrame, account: AccountBrief, repeatOf: string | null): Promise<void> {
  const cents = Number(flow.data.amount);
  const result = await ctx.svc.payments.pay(ctx.actor(), {
    accountId: account.id,
    // The amount due as shown: if it has moved since, nothing is paid and the customer is asked again.
    amount: flow.data.asDue === true
      ? { kind: 'amount_due', offeredCents: cents }
      : { kind: flow.data.kind === 'principal' ? 'principal' : 'other', amount: cents },
    date: String(flow.data.date),
    funding: fundingOf(flow),
    // Derived from the turn that asked for confirmation: a double click or a retried
    // webhook carries the same key and can never make a second payment.
    idempotencyKey: `pay:${ctx.input.sessionId}:${flow.id}:${String(flow.data.askedAt)}`,
    ...(repeatOf ? { repeatOf } : {}),
  });
  if (!result.ok && result.code === 'PAYMENT.SAME_DAY_REPEAT') {
    // Already paid today, perhaps in another chat or call: only an explicit yes pays again.
    const earlier = result.params ?? {};
    flow.data.repeatOf = String(earlier.confirmation);
    flow.data.repeatAmount = Number(earlier.amountCents);
    flow.data.repeatDate = String(earlier.date);
    flow.data.repeatScheduled = earlier.status === 'scheduled';
    flow.data.askedAt = ctx.input.turnKey;
    ctx.goTo('confirmRepeat');
    return;
  }
  if (!result.ok && (result.code === 'PAYMENT.AMOUNT_DUE_PAID' || result.code === 'PAYMENT.AMOUNT_DUE_CHANGED')) {
    // The amount due moved since it was offered: say so and ask for the amount again.
    ctx.say(`error.${result.code}`, result.params ?? {});
    const overview = valueOf(await ctx.svc.accounts.summary(ctx.actor(), account.id));
    flow.data.due = overview.amountDueCents;
    delete flow.data.amount;
    delete flow.data.asDue;
    ctx.goTo('amountChoice');
    return;
  }
  ctx.dropFlow();
  if (!result.ok) {
    ctx.say(`error.${result.code}`, result.params ?? {});
    ctx.anythingElse();
    return;
  }
  const payment = result.value.payment;
  ctx.state.lastPaidCents = payment.amountCents;
  const fundingLast4 = payment.cardLast4 ?? payment.bankAccountLast4 ?? '';
  if (payment.status === 'awaiting_validation') {
    // Recorded, not debited: no payment confirmation card until the bank account is verified.
    ctx.say('pay.awaitingValidation', { amount: payment.amountCents, confirmation: payment.confirmationNumber, last4: fundingLast4 });
    ctx.anythingElse();
    return;
  }
  ctx.receipt = {
    confirmationNumber: payment.confirmationNumber,
    amountCents: payment.amountCents,
    scheduledFor: payment.scheduledFor,
    accountLast4: account.last4,
    vehicle: account.vehicle,
    fundingLast4,
  };
  ctx.say(payment.cardBrand ? 'pay.doneCard' : payment.scheduledFor === ctx.svc.today() ? 'pay.doneToday' : 'pay.doneScheduled', {
    amount: payment.amountCents,
    date: payment.scheduledFor,
    confirmation: payment.confirmationNumber,
    last4: fundingLast4,
  });
  ctx.anythingElse();
}

async function acceptAmount(
  ctx: TurnContext,
  flow: FlowFrame,
  account: AccountBrief,
  reading: { kind: 'amount'; cents: number } | { kind: 'too_precise' },
  answer: Answer,
): Promise<StepResult> {
  const refused = await takeAmount(ctx, flow, account, reading);
  if (refused) {
    // "Doscientos mil mañana": the day and the bank said with a refused amount still stand.
    othersSaidWith(ctx, flow, answer);
    return refused;
  }
  return afterAmount(ctx, flow, answer);
}

/**
 * On from a kept amount. The day and the bank said with it ("150 tomorrow,
 * from the account ending 4321", "los 589.10, hoy") are kept for their
 * questions; a day that cannot be taken ("dated yesterday") is refused with
 * its reason where the day is asked. The date may also have come with the
 * request ("pay 95000 today", then "I meant 95").
 */
async function afterAmount(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult> {
  if (othersSaidWith(ctx, flow, answer) === 'refused') {
    ctx.goTo('date');
    return { kind: 'accepted' };
  }
  if (flow.data.fundingNamed === 'card' && flow.data.date === undefined) flow.data.date = ctx.svc.today();
  if (flow.data.date !== undefined) await onToFunding(ctx, flow);
  else ctx.goTo('dateChoice');
  return { kind: 'accepted' };
}

/**
 * The bank or card named before its question (see `fundingToKeep`): where
 * it can be taken it is, else the question is asked.
 */
async function onToFunding(ctx: TurnContext, flow: FlowFrame): Promise<void> {
  const cards = ctx.svc.cardPayments;
  await noteSameDayPayment(ctx, flow);
  // "Need to pay the tacoma lease today, can i put it on the company amex?": the chat takes no card itself, so a
  // card named with the request is answered where the way to pay is asked: cards are taken on the phone.
  if (flow.data.cardNamed === true && flow.data.fundingNamed === undefined && cardsOnlyByPhone(ctx)) ctx.say('pay.cardByPhone');
  delete flow.data.cardNamed;
  if (flow.data.fundingNamed === 'card' && ctx.channel === 'voice' && cards.phone && flow.data.date === ctx.svc.today()) {
    delete flow.data.fundingNamed;
    keepFunding(flow, { kind: 'funding', funding: 'card', pendingValidation: false });
    await cardAskedWithReadBack(ctx, flow);
    return;
  }
  chooseBank(ctx, flow);
}

/**
 * "Can you run the Jeep payment again just in case": a payment of the same
 * amount already made or scheduled for the same day is found before the
 * read-back, which then says so (and a yes is still asked about again).
 */
async function noteSameDayPayment(ctx: TurnContext, flow: FlowFrame): Promise<void> {
  for (const key of ['sameDayOf', 'sameDayAmount', 'sameDayDate', 'sameDayScheduled']) delete flow.data[key];
  const same = await ctx.svc.payments.sameDayPayment(ctx.actor(), ctx.currentAccount().id, Number(flow.data.amount), String(flow.data.date));
  if (!same) return;
  flow.data.sameDayOf = same.confirmation;
  flow.data.sameDayAmount = Number(flow.data.amount);
  flow.data.sameDayDate = String(flow.data.date);
  flow.data.sameDayScheduled = same.status === 'scheduled';
}

/** The same-day payment noted for this amount and day, if the read-back is still of them. */
function sameDayNoted(flow: FlowFrame): { confirmation: string; amount: number; date: string; scheduled: boolean } | null {
  const d = flow.data;
  if (typeof d.sameDayOf !== 'string' || d.sameDayAmount !== Number(d.amount) || d.sameDayDate !== String(d.date)) return null;
  return { confirmation: d.sameDayOf, amount: Number(d.sameDayAmount), date: String(d.sameDayDate), scheduled: d.sameDayScheduled === true };
}

/** A chat with no card page of its own, on a line whose phone takes cards: cards are taken there. */
export function cardsOnlyByPhone(ctx: TurnContext): boolean {
  const cards = ctx.svc.cardPayments;
  return ctx.channel === 'chat' && cards.phone && !cards.pageUrl;
}

/** The bank or card a sentence names, to keep for the question of how to pay; a card only where this line takes one itself. */
function fundingToKeep(ctx: TurnContext, text: string, onFile: unknown): 'onfile' | 'new' | 'card' | null {
  const named = fundingNamedIn(ctx, text, onFile);
  if (named === 'card' && !(ctx.channel === 'voice' && ctx.svc.cardPayments.phone)) return null;
  return named;
}

/** The bank and the day said in words with an amount (see `bankAlsoNamed`, `dayAlsoSaid`): kept, or the day refused. */
function othersSaidWith(ctx: TurnContext, flow: FlowFrame, answer: Answer): 'kept' | 'refused' | null {
  const words = answer.button || answer.digits ? '' : answer.text;
  bankAlsoNamed(ctx, flow, words);
  return dayAlsoSaid(ctx, flow, words);
}

/**
 * The day said with an answer to another question, while the payment has
 * none yet: kept when it can be taken; else its reason is said.
 */
function dayAlsoSaid(ctx: TurnContext, flow: FlowFrame, words: string): 'kept' | 'refused' | null {
  if (flow.data.date !== undefined || !words) return null;
  const day = dayOf(ctx.deps.nlu.readDate(words, ctx.locale, ctx.svc.today()), flow.data.dueDate);
  if (!day) return null;
  const check = ctx.svc.payments.checkDate(day);
  if (!check.ok) {
    ctx.say(`error.${check.code}`, { ...(check.params ?? {}), date: day });
    return 'refused';
  }
  flow.data.date = day;
  return 'kept';
}

/**
 * An amount said plainly as money with the day ("quinientos ochenta y nueve
 * con diez, lo atrasado, para hoy", "356.90 tomorrow") that is not the one
 * kept: it replaces it, or is refused with its reason and the day is not
 * taken. A bare number here may be the day ("el 15"), so only a named amount
 * or one written or said as money counts.
 */
async function amountAlsoSaid(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null> {
  if (answer.button || answer.digits || !answer.text || flow.data.amount === undefined) return null;
  const named = ctx.deps.nlu.readAmount(answer.text, ctx.locale, amountContext(flow)).kind;
  const asMoney = /\d\.\d{2}\b|\$|dollar|dolar|cent|centavo|\bcon\s+\p{L}+/iu.test(answer.text);
  if (named !== 'past_due' && named !== 'amount_due' && !(named === 'cents' && asMoney)) return null;
  const reading = payAmount(ctx, flow, answer);
  if (reading.kind !== 'amount' || reading.cents === Number(flow.data.amount)) return null;
  const refused = await takeAmount(ctx, flow, ctx.currentAccount(), reading);
  if (refused) return refused;
  flow.data.asDue = Number(flow.data.amount) === Number(flow.data.due);
  ctx.say('account.amountChanged', { amount: Number(flow.data.amount) });
  // The new amount alone ("589.10"): the day is still to be said, so its question is asked again.
  if (ctx.deps.nlu.readDate(answer.text, ctx.locale, ctx.svc.today()).kind === 'none') {
    ctx.prompt();
    return { kind: 'accepted' };
  }
  return null;
}

/** The bank named in an answer to another question ("tomorrow, from the account ending 4321"): kept for its question. */
function bankAlsoNamed(ctx: TurnContext, flow: FlowFrame, text: string): void {
  if (flow.data.funding !== undefined || !text) return;
  const named = fundingToKeep(ctx, text, flow.data.onFile);
  if (named) flow.data.fundingNamed = named;
  // "1178.20, con su debit card" on a chat that takes no card: said where the way to pay is asked.
  else if (ctx.deps.nlu.readOptionWord(text, ['card']) === 'card') flow.data.cardNamed = true;
}

/** Checks an amount against the account and keeps it; the reason it is refused, or null once kept. */
async function takeAmount(
  ctx: TurnContext,
  flow: FlowFrame,
  account: AccountBrief,
  reading: { kind: 'amount'; cents: number } | { kind: 'too_precise' },
): Promise<StepResult | null> {
  if (reading.kind === 'too_precise') return { kind: 'invalid', message: { key: 'error.PAYMENT.AMOUNT_TOO_PRECISE' } };
  const kind = flow.data.kind === 'principal' ? 'principal' : 'regular';
  const check = await ctx.svc.payments.checkAmount(ctx.actor(), account.id, reading.cents, kind);
  if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}`, params: check.params ?? {} } };
  flow.data.amount = reading.cents;
  return null;
}

async function acceptDate(ctx: TurnContext, flow: FlowFrame, date: string): Promise<StepResult> {
  const check = ctx.svc.payments.checkDate(date);
  if (!check.ok) {
    if (flow.step === 'dateChoice') flow.step = 'date';
    return { kind: 'invalid', message: { key: `error.${check.code}`, params: { ...(check.params ?? {}), date } } };
  }
  flow.data.date = date;
  await onToFunding(ctx, flow);
  return { kind: 'accepted' };
}

function amountChoices(flow: FlowFrame): Choice[] {
  const list: Choice[] = [];
  if (Number(flow.data.due) > 0) list.push({ value: 'due', labelKey: 'pay.optDue', labelParams: { amount: Number(flow.data.due) }, digit: '1' });
  list.push(choice('other', 'pay.optOther', '2'));
  // A lease has no principal to pay down.
  if (!flow.data.lease) list.push(choice('principal', 'pay.optPrincipal', '3'));
  return numbered(list);
}

function amountContext(flow: FlowFrame) {
  return { amountDueCents: Number(flow.data.due ?? 0), pastDueCents: Number(flow.data.pastDue ?? 0), payoffCents: Number(flow.data.payoff ?? 0) };
}

/** The amount of the payment just made, asked for again: "same amount as before", "la misma cantidad que la otra". */
const SAME_AS_BEFORE =
  /\b(?:(?:the )?same amount|same (?:as|like) (?:before|last time|the other|that one|the \w+)|the same (?:as|like) (?:before|last time|the other)|la misma cantidad|el mismo monto|lo mismo que (?:antes|la otra|el otro|la vez pasada|le pague|pague)|igual que (?:antes|la otra|el otro))\b|(?:^|[,.]\s*)(?:lo mismo|the same(?: thing)?|same thing|same)\s*[.!]*$/i;

/** One month's payment named: "la mensualidad", "my regular monthly payment", "la cuota". */
const ONE_INSTALMENT = /\b(?:monthly payment|regular payment|usual payment|normal payment|the usual|my usual|regular monthly|this month'?s payment|mensualidad|cuota|pago mensual|pago de siempre|lo de siempre|pago normal|lo normal|lo del mes|el pago del mes)\b/i;

/**
 * The amount due the words name: the whole amount due, or, where some of it
 * is past due, one month's payment when that is what they name ("nomás la
 * mensualidad": $589.10, not the $1,178.20 with the month behind).
 */
function dueNamed(flow: FlowFrame, text: string): number {
  const monthly = Number(flow.data.monthly ?? 0);
  if (Number(flow.data.pastDue ?? 0) > 0 && monthly > 0 && monthly < Number(flow.data.due) && ONE_INSTALMENT.test(text)) return monthly;
  return Number(flow.data.due);
}

/** Words for all of it, which name the payoff when the loan is being paid off. */
const ALL_OF_IT = /\b(?:tod[oa]s?|all of it|all|everything|(?:the )?whole(?: thing| amount| balance)?|(?:the |el )?total|complet[oa]|full)\b/i;

/** An amount from the keypad (dollars, star, cents), or in the customer's own words ("two fifty", "lo atrasado"). */
function payAmount(ctx: TurnContext, flow: FlowFrame, answer: Answer): { kind: 'amount'; cents: number } | { kind: 'too_precise' } | { kind: 'none' } {
  if (answer.digits) return amountFrom(answer, ctx.deps.nlu, ctx.locale);
  // "Same amount as before": the last payment made in this conversation.
  if (ctx.state.lastPaidCents !== undefined && SAME_AS_BEFORE.test(answer.text)) return { kind: 'amount', cents: ctx.state.lastPaidCents };
  // "200 dollars, no wait, make it 150", "como doscientos no mejor doscientos cincuenta": the last said counts.
  const last = ctx.deps.nlu.saidLast(answer.text, ctx.locale);
  const corrected = last ? ctx.deps.nlu.readAmount(last, ctx.locale, amountContext(flow)) : ({ kind: 'none' } as const);
  let reading = corrected.kind !== 'none' ? corrected : ctx.deps.nlu.readAmount(answer.text, ctx.locale, amountContext(flow));
  // "75000, whatever it takes to be done with it": the sum opens the answer, what follows is the why; in "uy se me
  // fueron ceros jaja, 600" it closes it.
  const opening = /^([^,;]+)[,;]\s*\D/.exec(answer.text)?.[1];
  const closing = /[,;]\s*([^,;]+)$/.exec(answer.text)?.[1];
  for (const clause of [opening, closing]) {
    if (reading.kind === 'none' && clause) reading = ctx.deps.nlu.readAmount(clause, ctx.locale, amountContext(flow));
  }
  switch (reading.kind) {
    case 'cents':
      return { kind: 'amount', cents: reading.cents };
    case 'amount_due': {
      // "Sí, lo quiero pagar todo" while paying the loan off: all of it is the payoff, not this month's amount.
      const payoff = Number(flow.data.payoff ?? 0);
      if (payoff > 0 && Number(flow.data.amount) === payoff && ALL_OF_IT.test(answer.text)) return { kind: 'amount', cents: payoff };
      return Number(flow.data.due) > 0 ? { kind: 'amount', cents: dueNamed(flow, answer.text) } : { kind: 'none' };
    }
    case 'past_due':
      return Number(flow.data.pastDue) > 0 ? { kind: 'amount', cents: Number(flow.data.pastDue) } : { kind: 'none' };
    // "Then pay off the whole thing, the payoff amount" where the amount is asked.
    case 'payoff':
      return Number(flow.data.payoff) > 0 ? { kind: 'amount', cents: Number(flow.data.payoff) } : { kind: 'none' };
    case 'too_precise':
      return { kind: 'too_precise' };
    default:
      return { kind: 'none' };
  }
}

/** A date in the customer's words; a time that is not a day yet ("next payday") is asked about. */
function payDate(ctx: TurnContext, flow: FlowFrame, text: string, asked: boolean): Promise<StepResult> | StepResult {
  const reading = ctx.deps.nlu.readDate(text, ctx.locale, ctx.svc.today());
  const day = dayOf(reading, flow.data.dueDate);
  if (day) {
    bankAlsoNamed(ctx, flow, text);
    return acceptDate(ctx, flow, day);
  }
  if (reading.kind === 'ask' || reading.kind === 'due_date') {
    if (flow.step === 'dateChoice') flow.step = 'date';
    return { kind: 'invalid', message: { key: 'pay.whichDay' } };
  }
  // The older recognizer still has a say before the answer counts as something else; a long
  // number (a routing or account number said ahead) is never a day, and neither is a bank named
  // ("con mi cuenta de banco nueva", where it read "mi" as miércoles).
  const notADay = /\d{5,}/.test(text.replace(/[\s-]/g, '')) || ctx.deps.nlu.fundingMention(text, ctx.locale) !== null;
  const date = notADay ? null : ctx.deps.nlu.date(text, ctx.locale, ctx.svc.today());
  if (date) return acceptDate(ctx, flow, date);
  if (asked && (/\d/.test(text) || text.trim() === '')) return { kind: 'invalid', message: { key: 'error.PAYMENT.DATE_UNREADABLE' } };
  return { kind: 'unrecognized' };
}

/**
 * A change to an earlier answer at a later step ("no wait, make it $150",
 * "actually tomorrow", "change the amount", "use a different bank"): that
 * answer is replaced (or asked for again) and the payment goes on to the
 * read-back. Null when the answer is not a correction.
 */
async function correction(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null> {
  if (answer.digits || answer.button || !answer.text) return null;
  // "Sí, y ahora el civic" at the read-back: the yes is for this payment, and the Civic comes after it.
  const yesFirst = opensWithYes(answer, ctx.deps.nlu, ctx.locale, ctx.state.lastPrompt?.expect.kind === 'yes-no');
  const other = yesFirst ? null : otherVehicleNamed(ctx, answer.text, 'make_payment');
  if (other) {
    // "Ay no, perdón, es la Jeep la que quiero pagar, no el Honda": the payment starts again for that vehicle,
    // with whatever else the same words give ("la jeep, 356.90 para hoy"); its amount due names the vehicle.
    ctx.unwindTo(flow);
    ctx.dropFlow();
    ctx.state.accountId = other.id;
    await startPayment(ctx, { text: answer.text });
    return { kind: 'accepted' };
  }
  const change = ctx.deps.nlu.readCorrection(answer.text, ctx.locale);
  if (!change || !change.slot) return null;
  // "Perdón, es 021000021" where a routing or bank account number is asked corrects that number, not the amount.
  const numberAsked = ctx.flow?.name === 'bank' && (ctx.flow.step === 'routing' || ctx.flow.step === 'bankAccount');
  if (numberAsked && change.slot === 'amount' && change.value && /^[\d\s-]+$/.test(change.value.trim())) return null;
  return applyChange(ctx, flow, answer, { slot: change.slot, ...(change.value ? { value: change.value } : {}) });
}

/** One answer changed: the slot named, and its new value in the customer's words (none: ask for it again). */
async function applyChange(ctx: TurnContext, flow: FlowFrame, answer: Answer, change: { slot: string; value?: string }): Promise<StepResult | null> {
  const onTop = ctx.flow === flow;
  const account = ctx.currentAccount();
  if (change.slot === 'amount') {
    if (!change.value) {
      ctx.unwindTo(flow);
      flow.data.asDue = false;
      flow.data.kind = 'regular';
      ctx.goTo('amount');
      return { kind: 'accepted' };
    }
    const reading = payAmount(ctx, flow, { ...answer, text: change.value });
    if (reading.kind === 'none') return null;
    // A refused amount is explained and the question on screen asked again; nothing changes.
    const refused = await takeAmount(ctx, flow, account, reading);
    if (refused) return refused;
    ctx.unwindTo(flow);
    flow.data.asDue = Number(flow.data.amount) === Number(flow.data.due);
    // "Oops, I meant 412.36, today": the day and the bank said with the new amount are kept too.
    if (othersSaidWith(ctx, flow, answer) === 'refused') {
      ctx.goTo('date');
      return { kind: 'accepted' };
    }
    // Said so where another question follows; the read-back says it anyway.
    if (flow.data.date === undefined || flow.data.funding === undefined) ctx.say('account.amountChanged', { amount: Number(flow.data.amount) });
    return afterCorrection(ctx, flow);
  }
  if (change.slot === 'date') {
    if (onTop && (flow.step === 'dateChoice' || flow.step === 'date')) return change.value ? payDate(ctx, flow, change.value, true) : null;
    if (!change.value) {
      ctx.unwindTo(flow);
      ctx.goTo('date');
      return { kind: 'accepted' };
    }
    const day = dayOf(ctx.deps.nlu.readDate(change.value, ctx.locale, ctx.svc.today()), flow.data.dueDate);
    if (!day) return null;
    const check = ctx.svc.payments.checkDate(day);
    if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}`, params: { ...(check.params ?? {}), date: day } } };
    ctx.unwindTo(flow);
    const changed = flow.data.date !== undefined;
    flow.data.date = day;
    // Said so where another question follows; the read-back says it anyway.
    if (changed && flow.data.amount !== undefined && flow.data.funding === undefined) ctx.say('account.dateChanged', { date: day });
    return afterCorrection(ctx, flow);
  }
  // Asked while choosing the bank, "a different bank" is that question's own answer.
  if (change.slot === 'bank' && onTop && flow.data.date !== undefined) {
    forgetFunding(flow);
    chooseBank(ctx, flow);
    return { kind: 'accepted' };
  }
  return null;
}

/**
 * An answer the payment already has, said again where another question is
 * asked ("$100", "the Civic", "tomorrow", "the bank on file" at the
 * routing-number question): acknowledged, and that question asked again. A
 * new amount or day said there changes it, as "make it $150" would. A bare
 * number at a question for digits counts only when it repeats the amount, and
 * never at the bank account number's question.
 */
async function restatement(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null> {
  const top = ctx.flow;
  if (!top || (top !== flow && top.name !== 'bank') || (top === flow && flow.step === 'card')) return null;
  const text = answer.text;
  // "589.10" where the routing number is asked: a sum with its cents is money, not a number of the bank's.
  const bare = /^\s*\d[\d\s.,-]*$/.test(text) && !/^\s*\d[\d,]*\.\d{2}\s*$/.test(text);
  if (bare && top.name === 'bank' && top.step === 'bankAccount') return null;
  const asking = top === flow ? flow.step : 'bank';
  let same = false;

  if (flow.data.amount !== undefined && asking !== 'amountChoice' && asking !== 'amount') {
    const reading = payAmount(ctx, flow, answer);
    if (reading.kind === 'amount' && reading.cents === Number(flow.data.amount)) same = true;
    else if (reading.kind === 'amount' && !bare) return applyChange(ctx, flow, answer, { slot: 'amount', value: text });
  }
  if (!bare && flow.data.date !== undefined && asking !== 'dateChoice' && asking !== 'date') {
    const day = dayOf(ctx.deps.nlu.readDate(text, ctx.locale, ctx.svc.today()), flow.data.dueDate);
    if (day === flow.data.date) same = true;
    else if (day) return applyChange(ctx, flow, answer, { slot: 'date', value: text });
  }
  if (!bare && flow.data.funding !== undefined && asking !== 'bank') {
    const named = fundingNamedIn(ctx, text, flow.data.onFile);
    if ((named === 'onfile' && flow.data.funding === 'on_file') || (named === 'new' && flow.data.funding === 'new')) same = true;
    else if (top === flow && (named === 'onfile' || named === 'new') && flow.data.funding !== 'card') {
      // "De otra cuenta nueva, no la 4321" at the read-back: that bank instead, asked for or read back again.
      ctx.unwindTo(flow);
      forgetFunding(flow);
      flow.data.fundingNamed = named;
      chooseBank(ctx, flow);
      return { kind: 'accepted' };
    }
  }
  // The vehicle by its words ("the Civic"), never by digits that may be an amount or part of one.
  if (!same && !/\d/.test(text)) {
    const account = ctx.currentAccount();
    const options = ctx.accountsFor('make_payment').map(vehicleOption);
    const reading = options.length ? ctx.deps.nlu.readChoice(text, ctx.locale, options) : { kind: 'none' as const };
    if (reading.kind === 'picked' && reading.value === account.id) same = true;
  }
  if (same) {
    ctx.say('common.alreadyHave');
    ctx.prompt();
    return { kind: 'accepted' };
  }
  return bare ? null : keptForLater(ctx, flow, text, asking);
}

/**
 * A day or a bank given before its question ("tomorrow", "from the bank on
 * file" while the amount is asked): kept, said so, and the question on screen
 * asked again; a day that cannot be taken is refused at once.
 */
function keptForLater(ctx: TurnContext, flow: FlowFrame, text: string, asking: string): StepResult | null {
  // A day from a short answer, not from a story with a time word in it; a bank named is named at any length.
  const short = text.trim().split(/\s+/).length <= 8;
  let kept = false;
  if (short && flow.data.date === undefined && (asking === 'amountChoice' || asking === 'amount')) {
    const day = dayOf(ctx.deps.nlu.readDate(text, ctx.locale, ctx.svc.today()), flow.data.dueDate);
    if (day) {
      const check = ctx.svc.payments.checkDate(day);
      if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}`, params: { ...(check.params ?? {}), date: day } } };
      flow.data.date = day;
      kept = true;
    }
  }
  if (flow.data.funding === undefined && asking !== 'bank' && asking !== 'confirm') {
    const named = fundingToKeep(ctx, text, flow.data.onFile);
    if (named) {
      flow.data.fundingNamed = named;
      kept = true;
    }
  }
  if (!kept) return null;
  ctx.say('account.keptForLater');
  ctx.prompt();
  return { kind: 'accepted' };
}

/** After a correction: back to the read-back once everything is known, else on to what is still missing. */
function afterCorrection(ctx: TurnContext, flow: FlowFrame): StepResult {
  // A day or a bank said while the amount is still asked ("um today i guess"): kept, and the amount asked again.
  if (flow.data.amount === undefined) {
    ctx.say('account.keptForLater');
    ctx.goTo(flow.step === 'amount' ? 'amount' : 'amountChoice');
  } else if (flow.data.date === undefined) ctx.goTo('dateChoice');
  else if (flow.data.funding === undefined) chooseBank(ctx, flow);
  else {
    flow.data.askedAt = ctx.input.turnKey;
    ctx.goTo('confirm');
  }
  return { kind: 'accepted' };
}

function dateChoices(): Choice[] {
  return [choice('today', 'pay.optToday', '1'), choice('later', 'pay.optLater', '2')];
}

/**
 * Paying the loan off ("pay it off", "quiero liquidar"): the payoff quote,
 * then a payment of that amount through the ordinary payment flow (date, bank,
 * read-back, confirmation).
 */
async function startPayoffPayment(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const quote = valueOf(await ctx.svc.accounts.summary(ctx.actor(), account.id)).payoff;
  ctx.say('payoff.quote', { vehicle: account.vehicle, amount: quote.amountCents, date: quote.goodThrough });
  // "Pay off my Jeep today from the account ending 4321": the day and the bank come with the request.
  const text = ctx.takeRequestText();
  await startPayment(ctx, { amountCents: quote.amountCents, quiet: true, ...(text ? { text } : {}) });
}

/** The day a date reading names: a date, or the account's due date when the customer said "on the due date". */
function dayOf(reading: DateReading, dueDate: unknown): string | null {
  if (reading.kind === 'date') return reading.date;
  if (reading.kind === 'due_date' && typeof dueDate === 'string' && dueDate) return dueDate;
  return null;
}
