import { fundingLast4, fundingOf, type Answer, type StepResult } from '../dialog-kit';
import { valueOf } from '../../shared/result';
import type { FlowSpec } from '../flow';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';
import { askConfirm, chooseBank, fundingNamedIn, keepFunding } from './bank';

/** Auto Pay: the day of the month, the bank account, a read-back and a yes. */
export const autopayEnrollFlow: FlowSpec = {
  name: 'autopay_enroll',
  entries: [{ intents: ['autopay_enroll'], needs: 'active account', start: (ctx) => startAutopayEnroll(ctx) }],
  async resume(ctx, flow, result) {
    if (result.kind !== 'funding') return ctx.prompt();
    keepFunding(flow, result);
    askConfirm(ctx, flow);
  },
  correct: dayCorrected,
  steps: {
    day: {
      prompt: () => ({ messages: [{ key: 'autopay.askDay' }], expect: { kind: 'digits', min: 1, max: 2, sensitive: false, finishOnKey: '#' } }),
      async read(ctx, flow, answer) {
        // "The 31st, out of my checking ending 4321": the bank said with the day stands, even when the day is refused.
        const named = answer.digits || answer.button ? null : fundingNamedIn(ctx, answer.text, flow.data.onFile);
        if (named === 'onfile' || named === 'new') flow.data.fundingNamed = named;
        const day = answer.digits ? Number(answer.digits) : ctx.deps.nlu.readDayOfMonth(answer.text, ctx.locale);
        if (day === null || Number.isNaN(day)) return answer.text.trim() ? { kind: 'unrecognized' } : { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
        if (!Number.isInteger(day) || day < 1 || day > 28) return { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
        flow.data.day = day;
        chooseBank(ctx, flow);
        return { kind: 'accepted' };
      },
    },
    confirm: {
      prompt: (_ctx, flow) => ({ messages: [{ key: 'autopay.confirm', params: { day: Number(flow.data.day), last4: fundingLast4(flow) } }], expect: { kind: 'yes-no' } }),
      read: (ctx, flow, answer) =>
        ctx.readYesNo(answer, async (yes) => {
          if (!yes) {
            ctx.say('autopay.notEnrolled');
            ctx.dropFlow();
            ctx.anythingElse();
            return;
          }
          const result = await ctx.svc.autopay.enroll(ctx.actor(), { accountId: ctx.currentAccount().id, dayOfMonth: Number(flow.data.day), funding: fundingOf(flow) });
          ctx.dropFlow();
          if (result.ok) ctx.say('autopay.enrolled', { day: result.value.dayOfMonth ?? Number(flow.data.day), last4: result.value.bankAccountLast4 ?? '' });
          else ctx.say(`error.${result.code}`, result.params ?? {});
          ctx.anythingElse();
        }),
    },
  },
};

/**
 * "No, espere, mejor el diez porque el quince todavía no me depositan" after
 * the day was taken: the new day replaces it (refused with its reason when it
 * cannot be drafted), said so, and enrolment goes on where it was.
 */
async function dayCorrected(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null> {
  if (answer.digits || answer.button || !answer.text || flow.data.day === undefined) return null;
  const change = ctx.deps.nlu.readCorrection(answer.text, ctx.locale);
  // Auto Pay has no amount to change: "mejor el diez" read as a sum is the day.
  if (!change?.value || change.slot === 'bank' || change.slot === 'account') return null;
  const day = ctx.deps.nlu.readDayOfMonth(change.value, ctx.locale);
  if (day === null || day === Number(flow.data.day)) return null;
  if (day < 1 || day > 28) return { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
  ctx.unwindTo(flow);
  flow.data.day = day;
  if (flow.data.funding !== undefined) askConfirm(ctx, flow);
  else {
    ctx.say('autopay.dayInstead', { day });
    chooseBank(ctx, flow);
  }
  return { kind: 'accepted' };
}

/** Cancelling Auto Pay, after a read-back of what is cancelled. */
export const autopayCancelFlow: FlowSpec = {
  name: 'autopay_cancel',
  entries: [{ intents: ['autopay_cancel'], needs: 'active account', start: (ctx) => startAutopayCancel(ctx) }],
  steps: {
    confirm: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: 'autopay.confirmCancel', params: { day: Number(flow.data.day), last4: String(flow.data.last4) } }],
        expect: { kind: 'yes-no' },
      }),
      read: (ctx, _flow, answer) =>
        ctx.readYesNo(answer, async (yes) => {
          if (!yes) {
            ctx.say('autopay.kept');
            return ctx.finishFlow();
          }
          const result = await ctx.svc.autopay.cancel(ctx.actor(), ctx.currentAccount().id);
          ctx.say(result.ok ? 'autopay.cancelled' : `error.${result.code}`);
          await ctx.finishFlow();
        }),
    },
  },
};

/** A day of the month (1-28) the words of a request gave ("on the 5th of every month"). */
export function dayInRequest(ctx: TurnContext, text: string | undefined): number | null {
  if (!text) return null;
  const day = ctx.deps.nlu.dayOfMonthMention(text, ctx.locale);
  return day !== null && Number.isInteger(day) && day >= 1 && day <= 28 ? day : null;
}

/** Auto Pay for the chosen account: its day, then the bank (the day may come with the request). */
export async function startAutopayEnroll(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const status = valueOf(await ctx.svc.autopay.status(ctx.actor(), account.id));
  if (status.enrolled) {
    ctx.say('autopay.alreadyOn', { vehicle: account.vehicle, day: status.dayOfMonth ?? 0, last4: status.bankAccountLast4 ?? '' });
    ctx.anythingElse();
    return;
  }
  const overview = valueOf(await ctx.svc.accounts.summary(ctx.actor(), account.id));
  ctx.say('autopay.intro', { vehicle: account.vehicle, amount: overview.account.monthlyPaymentCents });
  const flow = ctx.beginFlow('autopay_enroll', 'day', { onFile: overview.bankOnFileLast4 });
  const request = ctx.takeRequestText();
  // "… from my bank on file", "con mi cuenta que termina en 4321": the bank is not asked again.
  const named = request ? fundingNamedIn(ctx, request, overview.bankOnFileLast4) : null;
  if (named) flow.data.fundingNamed = named;
  const day = dayInRequest(ctx, request);
  if (day !== null) {
    flow.data.day = day;
    chooseBank(ctx, flow);
    return;
  }
  ctx.prompt();
}

async function startAutopayCancel(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const status = valueOf(await ctx.svc.autopay.status(ctx.actor(), account.id));
  if (!status.enrolled) {
    ctx.say('autopay.notOn', { vehicle: account.vehicle });
    ctx.anythingElse();
    return;
  }
  ctx.beginFlow('autopay_cancel', 'confirm', { day: status.dayOfMonth ?? 0, last4: status.bankAccountLast4 ?? '' });
  ctx.prompt();
}
