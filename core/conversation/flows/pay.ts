import type { Choice, Message } from '../contract';
import { amountFrom, choice, choiceValue, fundingLast4, fundingOf, keypadDate, type StepResult } from '../dialog-kit';
import type { FlowSpec } from '../flow';
import type { AccountBrief } from '../services-port';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';
import { bankSteps, firstBankStep } from './bank';

/** A payment: amount, date, bank account, read-back and explicit confirmation. */
export const payFlow: FlowSpec = {
  name: 'pay',
  steps: {
    amountChoice: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: Number(flow.data.due) > 0 ? 'pay.askAmountChoice' : 'pay.askAmountChoiceNothingDue' }],
        expect: { kind: 'choice', choices: amountChoices(flow) },
      }),
      async read(ctx, flow, a) {
        const value = choiceValue(amountChoices(flow), a);
        if (value === 'due') {
          flow.data.amount = Number(flow.data.due);
          flow.data.kind = 'regular';
          flow.data.asDue = true;
          ctx.goTo('dateChoice');
          return { kind: 'accepted' };
        }
        flow.data.asDue = false;
        if (value === 'other' || value === 'principal') {
          flow.data.kind = value === 'principal' ? 'principal' : 'regular';
          ctx.goTo('amount');
          return { kind: 'accepted' };
        }
        // "Pay $50" answers the question directly.
        const reading = amountFrom(a, ctx.deps.nlu, ctx.locale);
        if (reading.kind === 'none') return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
        flow.data.kind = 'regular';
        return acceptAmount(ctx, flow, ctx.currentAccount(), reading);
      },
    },
    amount: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: flow.data.kind === 'principal' ? 'pay.askPrincipalAmount' : 'pay.askAmount' }],
        expect: { kind: 'amount' },
      }),
      async read(ctx, flow, a) {
        const reading = amountFrom(a, ctx.deps.nlu, ctx.locale);
        if (reading.kind === 'none') {
          return a.digits || /\d/.test(a.text) ? { kind: 'invalid', message: { key: 'error.PAYMENT.AMOUNT_UNREADABLE' } } : { kind: 'unrecognized' };
        }
        return acceptAmount(ctx, flow, ctx.currentAccount(), reading);
      },
    },
    dateChoice: {
      prompt: () => ({ messages: [{ key: 'pay.askDateChoice' }], expect: { kind: 'choice', choices: dateChoices() } }),
      async read(ctx, flow, a) {
        const value = choiceValue(dateChoices(), a);
        if (value === 'today') return acceptDate(ctx, flow, ctx.svc.today());
        if (value === 'later') {
          ctx.goTo('date');
          return { kind: 'accepted' };
        }
        const date = a.digits ? null : ctx.deps.nlu.date(a.text, ctx.locale, ctx.svc.today());
        if (date) return acceptDate(ctx, flow, date);
        return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
      },
    },
    date: {
      prompt: (ctx) => ({ messages: [{ key: 'pay.askDate', params: { last: ctx.svc.payments.lastAllowedDate() } }], expect: { kind: 'date' } }),
      async read(ctx, flow, a) {
        const date = a.digits ? keypadDate(a.digits, ctx.svc.today()) : ctx.deps.nlu.date(a.text, ctx.locale, ctx.svc.today());
        if (!date) {
          return a.digits || /\d/.test(a.text) || a.text.trim() === ''
            ? { kind: 'invalid', message: { key: 'error.PAYMENT.DATE_UNREADABLE' } }
            : { kind: 'unrecognized' };
        }
        return acceptDate(ctx, flow, date);
      },
    },
    ...bankSteps,
    confirm: {
      prompt(ctx, flow) {
        const account = ctx.currentAccount();
        // Said before the read-back (and with every repeat of it), so the customer confirms knowing the date may slip.
        const notice: Message[] = flow.data.pendingValidation ? [{ key: 'funding.pendingValidation', params: { last4: fundingLast4(flow) } }] : [];
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
      read: (ctx, flow, a) => confirmed(ctx, flow, a, null),
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
      read: (ctx, flow, a) => confirmed(ctx, flow, a, String(flow.data.repeatOf)),
    },
  },
};

/** Starts a payment on the chosen account; `prefill` is an amount the customer already gave. */
export async function startPayment(ctx: TurnContext, prefill: number | null): Promise<void> {
  const account = ctx.currentAccount();
  const o = await ctx.svc.accounts.overview(ctx.actor(), account.id);
  const flow = ctx.beginFlow('pay', 'amountChoice', null, { due: o.amountDueCents, dueDate: o.dueDate, onFile: o.bankOnFileLast4 });
  if (prefill !== null) flow.data.amount = prefill;
  ctx.say(o.amountDueCents > 0 ? 'pay.due' : 'pay.nothingDue', { vehicle: account.vehicle, amount: o.amountDueCents, date: o.dueDate ?? '' });
  if (o.pastDueCents > 0) ctx.say('balance.pastDue', { amount: o.pastDueCents });
  ctx.prompt();
}

function confirmed(ctx: TurnContext, flow: FlowFrame, a: Parameters<FlowSpec['steps'][string]['read']>[2], repeatOf: string | null): Promise<StepResult> {
  return ctx.readYesNo(a, async (yes) => {
    if (!yes) {
      ctx.say('pay.notSubmitted');
      ctx.dropFlow();
      ctx.anythingElse();
      return;
    }
    await submitPayment(ctx, flow, ctx.currentAccount(), repeatOf);
  });
}

/** Submits the confirmed payment; `repeatOf` is the same-day payment the customer chose to pay again. */
async function submitPayment(ctx: TurnContext, flow: FlowFrame, account: AccountBrief, repeatOf: string | null): Promise<void> {
  const result = await ctx.svc.payments.make(ctx.actor(), {
    accountId: account.id,
    amountCents: Number(flow.data.amount),
    kind: flow.data.kind === 'principal' ? 'principal' : 'regular',
    asAmountDue: flow.data.asDue === true,
    date: String(flow.data.date),
    funding: fundingOf(flow),
    // Derived from the turn that asked for confirmation: a double click or a retried
    // webhook carries the same key and can never make a second payment.
    idempotencyKey: `pay:${ctx.input.sessionId}:${flow.id}:${String(flow.data.askedAt)}`,
    ...(repeatOf ? { repeatOf } : {}),
  });
  if (!result.ok && result.code === 'PAYMENT.SAME_DAY_REPEAT') {
    // Already paid today, perhaps in another chat or call: only an explicit yes pays again.
    const p = result.params ?? {};
    flow.data.repeatOf = String(p.confirmation);
    flow.data.repeatAmount = Number(p.amountCents);
    flow.data.repeatDate = String(p.date);
    flow.data.repeatScheduled = p.status === 'scheduled';
    flow.data.askedAt = ctx.input.turnKey;
    ctx.goTo('confirmRepeat');
    return;
  }
  if (!result.ok && (result.code === 'PAYMENT.AMOUNT_DUE_PAID' || result.code === 'PAYMENT.AMOUNT_DUE_CHANGED')) {
    // The amount due moved since it was offered: say so and ask for the amount again.
    ctx.say(`error.${result.code}`, result.params ?? {});
    const o = await ctx.svc.accounts.overview(ctx.actor(), account.id);
    flow.data.due = o.amountDueCents;
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
  const r = result.value;
  if (r.awaitingValidation) {
    // Recorded, not debited: no payment confirmation card until the bank account is verified.
    ctx.say('pay.awaitingValidation', { amount: r.amountCents, confirmation: r.confirmationNumber, last4: r.fundingLast4 });
    ctx.anythingElse();
    return;
  }
  ctx.receipt = {
    confirmationNumber: r.confirmationNumber,
    amountCents: r.amountCents,
    scheduledFor: r.scheduledFor,
    accountLast4: account.last4,
    vehicle: account.vehicle,
    fundingLast4: r.fundingLast4,
  };
  ctx.say(r.scheduledFor === ctx.svc.today() ? 'pay.doneToday' : 'pay.doneScheduled', {
    amount: r.amountCents,
    date: r.scheduledFor,
    confirmation: r.confirmationNumber,
    last4: r.fundingLast4,
  });
  ctx.anythingElse();
}

async function acceptAmount(
  ctx: TurnContext,
  flow: FlowFrame,
  account: AccountBrief,
  reading: { kind: 'amount'; cents: number } | { kind: 'too_precise' },
): Promise<StepResult> {
  if (reading.kind === 'too_precise') return { kind: 'invalid', message: { key: 'error.PAYMENT.AMOUNT_TOO_PRECISE' } };
  const kind = flow.data.kind === 'principal' ? 'principal' : 'regular';
  const check = await ctx.svc.payments.checkAmount(ctx.actor(), account.id, reading.cents, kind);
  if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}`, params: check.params ?? {} } };
  flow.data.amount = reading.cents;
  ctx.goTo('dateChoice');
  return { kind: 'accepted' };
}

function acceptDate(ctx: TurnContext, flow: FlowFrame, date: string): StepResult {
  const check = ctx.svc.payments.checkDate(date);
  if (!check.ok) {
    if (flow.step === 'dateChoice') flow.step = 'date';
    return { kind: 'invalid', message: { key: `error.${check.code}`, params: { ...(check.params ?? {}), date } } };
  }
  flow.data.date = date;
  ctx.goTo(firstBankStep(flow));
  return { kind: 'accepted' };
}

function amountChoices(flow: FlowFrame): Choice[] {
  const list: Choice[] = [];
  if (Number(flow.data.due) > 0) list.push({ value: 'due', labelKey: 'pay.optDue', labelParams: { amount: Number(flow.data.due) }, digit: '1' });
  list.push(choice('other', 'pay.optOther', '2'), choice('principal', 'pay.optPrincipal', '3'));
  return list;
}

function dateChoices(): Choice[] {
  return [choice('today', 'pay.optToday', '1'), choice('later', 'pay.optLater', '2')];
}
