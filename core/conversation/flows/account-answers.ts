import { addDays, dayOfMonth, nextDayOfMonth } from '../../shared/dates';
import type { FlowSpec, Needs } from '../flow';
import type { Intent } from '../nlu-port';
import type { AccountBrief, AccountSummary } from '../../accounts';
import { valueOf } from '../../shared/result';
import type { Answer, StepResult } from '../dialog-kit';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';

/** Answers about the chosen account and the customer: amount due, payoff, history, FICO® Score, title. */

/** An answer that is a flow without steps, named for its request: said, then "anything else?" (nothing more when it was an aside). */
function answerFlow(intent: Intent, needs: Needs, tell: (ctx: TurnContext) => Promise<void>): FlowSpec {
  return {
    name: intent,
    steps: {},
    entries: [
      {
        intents: [intent],
        needs,
        aside: true,
        async start(ctx) {
          await tell(ctx);
          ctx.anythingElse();
        },
      },
    ],
  };
}

export const balanceFlow = answerFlow('balance_due', 'active account', (ctx) => tellBalance(ctx));
export const payoffFlow = answerFlow('payoff_quote', 'active account', (ctx) => tellPayoff(ctx));
export const historyFlow = answerFlow('payment_history', 'any account', (ctx) => tellHistory(ctx));
export const ficoFlow = answerFlow('fico_score', 'customer', (ctx) => tellFico(ctx));

async function tellBalance(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const summary = valueOf(await ctx.svc.accounts.summary(ctx.actor(), account.id));
  if (summary.account.status === 'paid_off') {
    ctx.say('account.paidOff', { vehicle: account.vehicle, date: summary.account.paidOffOn ?? '' });
    return;
  }
  if (summary.amountDueCents <= 0) {
    await tellNothingDue(ctx, account, summary);
    return;
  }
  ctx.say('balance.summary', { vehicle: account.vehicle, last4: account.last4, amount: summary.amountDueCents, date: summary.dueDate ?? '' });
  if (summary.pastDueCents > 0) ctx.say('balance.pastDue', { amount: summary.pastDueCents });
  if (summary.scheduledCents > 0) ctx.say('balance.scheduled', { amount: summary.scheduledCents });
  // "Is that coming out automatically?": with Auto Pay on and nothing past due, the draft covers it.
  const autopay = valueOf(await ctx.svc.autopay.status(ctx.actor(), account.id));
  if (autopay.enrolled && autopay.nextDraft && summary.pastDueCents <= 0) {
    ctx.say('balance.autopayDrafts', { amount: summary.account.monthlyPaymentCents, date: autopay.nextDraft, last4: autopay.bankAccountLast4 ?? '' });
  }
}

/** No "0 dollars due": that nothing is due, whether today's payment covered it, and when the next payment is due. */
async function tellNothingDue(ctx: TurnContext, account: AccountBrief, summary: AccountSummary): Promise<void> {
  const today = ctx.svc.today();
  const paidToday = valueOf(await ctx.svc.payments.history(ctx.actor(), account.id, 5)).some((p) => p.scheduledFor === today && p.status === 'posted');
  ctx.say(paidToday ? 'balance.nothingDuePaidToday' : 'balance.nothingDue', { vehicle: account.vehicle, last4: account.last4 });
  if (summary.dueDate) {
    // The installment of the due date on file is covered: the next one falls a month on.
    const next = nextDayOfMonth(addDays(summary.dueDate, 1), Math.min(dayOfMonth(summary.dueDate), 28));
    ctx.say('balance.nextDue', { amount: summary.account.monthlyPaymentCents, date: next });
  }
  if (summary.scheduledCents > 0) ctx.say('balance.scheduled', { amount: summary.scheduledCents });
}

async function tellPayoff(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const quote = valueOf(await ctx.svc.accounts.summary(ctx.actor(), account.id)).payoff;
  ctx.say('payoff.quote', { vehicle: account.vehicle, amount: quote.amountCents, date: quote.goodThrough });
}

async function tellHistory(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const items = valueOf(await ctx.svc.payments.history(ctx.actor(), account.id, 3));
  if (items.length === 0) {
    ctx.say('history.none', { vehicle: account.vehicle });
    return;
  }
  ctx.say('history.intro', { vehicle: account.vehicle, count: items.length });
  for (const payment of items) {
    if (payment.method === 'card' && payment.cardLast4 && payment.status === 'posted') {
      ctx.say('history.item_posted_card', { amount: payment.amountCents, date: payment.scheduledFor, confirmation: payment.confirmationNumber, last4: payment.cardLast4 });
    } else ctx.say(`history.item_${payment.status}`, { amount: payment.amountCents, date: payment.scheduledFor, confirmation: payment.confirmationNumber });
  }
}

async function tellFico(ctx: TurnContext): Promise<void> {
  const customer = ctx.state.verified!;
  const fico = customer.business ? null : await ctx.svc.fico.latest(ctx.actor());
  if (!fico) {
    ctx.say(customer.business ? 'fico.business' : 'fico.none');
    return;
  }
  ctx.say('fico.score', { score: fico.score, model: fico.model, date: fico.asOf });
  const factors = fico.factors.slice(0, 2);
  if (factors.length === 2) ctx.say('fico.factors', { a: `fico.factor.${factors[0]}`, b: `fico.factor.${factors[1]}` });
  ctx.say('fico.noImpact');
}

async function tellTitle(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const status = await ctx.svc.title.status(ctx.actor(), account.id);
  if (!status.ok) {
    ctx.say('title.unknown');
    ctx.anythingElse();
    return;
  }
  const info = status.value;
  ctx.say(`title.state_${info.state}`, {
    vehicle: account.vehicle,
    date: info.milestones[info.milestones.length - 1]?.date ?? '',
    expected: info.expectedDelivery ?? '',
    carrier: info.carrier ?? '',
    tracking: info.trackingNumber ?? '',
  });
  if (info.trackingNumber) ctx.say('title.tracking', { carrier: info.carrier ?? '', tracking: info.trackingNumber });
  if (info.state !== 'not_paid_off' && info.state !== 'title_delivered') {
    if (info.emailUpdates) ctx.say('title.emailOn');
    // An address can be typed on chat; on the phone only the one on file is offered.
    else if (info.hasEmail || ctx.channel !== 'voice') {
      ctx.beginFlow('title_email', 'offer', { hint: info.emailHint });
      ctx.prompt();
      return;
    }
  }
  ctx.anythingElse();
}

/**
 * Emailed updates on the title's way, offered with its status: the address
 * on file is read back (masked) before anything is sent to it, and another
 * one can be typed and confirmed on chat.
 */
export const titleEmailFlow: FlowSpec = {
  name: 'title_email',
  // The title's status comes with the offer of emailed updates on its way.
  entries: [{ intents: ['title_status', 'title_email_updates'], needs: 'paid-off account', start: (ctx) => tellTitle(ctx) }],
  steps: {
    offer: {
      prompt: () => ({ messages: [{ key: 'title.askEmail' }], expect: { kind: 'yes-no' } }),
      read(ctx, flow, answer) {
        const typed = addressTyped(ctx, flow, answer);
        if (typed) return Promise.resolve(typed);
        const wantsIt = (yes: boolean) => {
          if (!yes) {
            ctx.say('common.okay');
            return ctx.finishFlow();
          }
          ctx.goTo(flow.data.hint ? 'address' : 'newAddress');
          return Promise.resolve();
        };
        // "Can you email me updates on it?", "sí, mándenmelas por correo": asking for them is a yes.
        if (!answer.digits && !answer.button && ctx.deps.nlu.asksForEmail(answer.text)) return wantsIt(true).then(() => ({ kind: 'accepted' }) as const);
        return ctx.readYesNo(answer, wantsIt);
      },
    },
    address: {
      prompt: (_ctx, flow) => ({ messages: [{ key: 'title.emailConfirmAddress', params: { email: String(flow.data.hint) } }], expect: { kind: 'yes-no' } }),
      read: (ctx, flow, answer) =>
        addressTyped(ctx, flow, answer) ??
        ctx.readYesNo(answer, async (yes) => {
          if (yes) return turnOnTitleEmail(ctx);
          if (ctx.channel === 'voice') {
            ctx.say('title.emailChangeElsewhere');
            await ctx.finishFlow();
          } else ctx.goTo('newAddress');
        }),
    },
    newAddress: {
      prompt: () => ({ messages: [{ key: 'title.emailAskNew' }], expect: { kind: 'text' } }),
      async read(ctx, flow, answer) {
        // The address alone, or inside a sentence ("send them to priya.s@example.com please").
        const typed = addressIn(answer.text) ?? answer.text.trim();
        if (!ctx.svc.title.isEmailAddress(typed)) {
          // Something with an @ was meant as an address; anything else may be a new request.
          return typed.includes('@') ? { kind: 'invalid', message: { key: 'title.emailInvalid' } } : { kind: 'unrecognized' };
        }
        flow.data.newEmail = typed;
        ctx.goTo('confirmNew');
        return { kind: 'accepted' };
      },
    },
    confirmNew: {
      prompt: (_ctx, flow) => ({ messages: [{ key: 'title.emailConfirmNew', params: { email: String(flow.data.newEmail) } }], expect: { kind: 'yes-no' } }),
      read: (ctx, flow, answer) =>
        addressTyped(ctx, flow, answer) ??
        ctx.readYesNo(answer, async (yes) => {
          if (yes) return turnOnTitleEmail(ctx, String(flow.data.newEmail));
          ctx.goTo('newAddress');
        }),
    },
  },
};

/** The first word of a sentence that looks like an email address. */
function addressIn(text: string): string | null {
  const word = /[^\s<>(),;:"']+@[^\s<>(),;:"']+\.[^\s<>(),;:"']*[a-z0-9]/i.exec(text);
  return word ? word[0] : null;
}

/**
 * An address typed on chat at any of the offer's questions ("no, send them to
 * priya.s@example.com"): checked, then read back to be confirmed. Never on
 * the phone, where an address is neither taken nor read out.
 */
function addressTyped(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult> | null {
  if (ctx.channel === 'voice' || answer.digits || answer.button) return null;
  const address = addressIn(answer.text);
  if (!address) return null;
  if (!ctx.svc.title.isEmailAddress(address)) return Promise.resolve({ kind: 'invalid', message: { key: 'title.emailInvalid' } });
  flow.data.newEmail = address;
  ctx.goTo('confirmNew');
  return Promise.resolve({ kind: 'accepted' });
}

async function turnOnTitleEmail(ctx: TurnContext, email?: string): Promise<void> {
  const result = await ctx.svc.title.setEmailUpdates(ctx.actor(), ctx.currentAccount().id, true, email);
  if (!result.ok) ctx.say(`error.${result.code}`);
  else ctx.say(email ? 'title.emailOnNowAt' : 'title.emailOnNow', email ? { email } : {});
  await ctx.finishFlow();
}

/** Payment alerts by text, offered to a verified customer with a mobile on file. */
export const textAlertsFlow: FlowSpec = {
  name: 'text_alerts',
  steps: {
    confirm: {
      prompt: (_ctx, flow) => ({ messages: [{ key: 'alerts.ask', params: { last4: String(flow.data.last4 ?? '') } }], expect: { kind: 'yes-no' } }),
      read: (ctx, flow, answer) =>
        ctx.readYesNo(answer, async (yes) => {
          const result = yes ? await ctx.svc.alerts.setTextAlerts(ctx.actor(), true) : null;
          ctx.say(result && !result.ok ? `error.${result.code}` : yes ? 'alerts.turnedOn' : 'common.okay', { last4: String(flow.data.last4 ?? '') });
          await ctx.finishFlow();
        }),
    },
  },
};
