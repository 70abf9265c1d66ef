import { valueOf } from '../../shared/result';
import { dayInRequest, startAutopayEnroll } from './autopay';
import type { FlowSpec } from '../flow';
import type { TurnContext } from '../turn-context';

/** Moving Auto Pay to another day of the month, from the same bank account. */
export const autopayChangeDayFlow: FlowSpec = {
  name: 'autopay_change_day',
  entries: [{ intents: ['autopay_change_day'], needs: 'active account', start: (ctx) => startAutopayChangeDay(ctx) }],
  steps: {
    day: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: 'autopay.askNewDay', params: { day: Number(flow.data.current) } }],
        expect: { kind: 'digits', min: 1, max: 2, sensitive: false, finishOnKey: '#' },
      }),
      async read(ctx, flow, answer) {
        const day = answer.digits ? Number(answer.digits) : ctx.deps.nlu.readDayOfMonth(answer.text, ctx.locale);
        if (day === null || Number.isNaN(day)) return answer.text.trim() ? { kind: 'unrecognized' } : { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
        if (!Number.isInteger(day) || day < 1 || day > 28) return { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
        flow.data.day = day;
        ctx.goTo('confirm');
        return { kind: 'accepted' };
      },
    },
    confirm: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: 'autopay.confirmChangeDay', params: { day: Number(flow.data.day), last4: String(flow.data.last4) } }],
        expect: { kind: 'yes-no' },
      }),
      async read(ctx, flow, answer) {
        // "The 20th works better", "yes, the 20th": another day than the one read back is that day, read back again.
        const other = answer.digits || answer.button ? null : ctx.deps.nlu.dayOfMonthMention(answer.text, ctx.locale);
        if (other !== null && other !== Number(flow.data.day)) {
          if (other < 1 || other > 28) return { kind: 'invalid', message: { key: 'error.AUTOPAY.DAY_RANGE' } };
          if (other === Number(flow.data.current)) {
            ctx.say('autopay.dayIsCurrent', { day: other });
            ctx.goTo('day');
          } else {
            flow.data.day = other;
            ctx.prompt();
          }
          return { kind: 'accepted' };
        }
        return ctx.readYesNo(answer, async (yes) => {
          ctx.dropFlow();
          if (!yes) {
            ctx.say('autopay.dayKept', { day: Number(flow.data.current) });
            ctx.anythingElse();
            return;
          }
          const result = await ctx.svc.autopay.changeDay(ctx.actor(), ctx.currentAccount().id, Number(flow.data.day));
          if (result.ok) ctx.say('autopay.dayChanged', { day: result.value.dayOfMonth ?? Number(flow.data.day), last4: result.value.bankAccountLast4 ?? '' });
          else ctx.say(`error.${result.code}`, result.params ?? {});
          ctx.anythingElse();
        });
      },
    },
  },
};

async function startAutopayChangeDay(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const status = valueOf(await ctx.svc.autopay.status(ctx.actor(), account.id));
  if (!status.enrolled) {
    // Nothing to move: what was wanted is Auto Pay on a day, so it is set up (on the day said, if one was).
    ctx.say('autopay.notOnToChange', { vehicle: account.vehicle });
    await startAutopayEnroll(ctx);
    return;
  }
  const flow = ctx.beginFlow('autopay_change_day', 'day', { current: status.dayOfMonth ?? 0, last4: status.bankAccountLast4 ?? '' });
  // "Move my Auto Pay to the 20th": the day is already given.
  const day = dayInRequest(ctx, ctx.takeRequestText());
  // "The 15th is bad for us": the day it drafts on now is the one to move away from, not the new one.
  if (day !== null && day !== Number(flow.data.current)) {
    flow.data.day = day;
    ctx.goTo('confirm');
    return;
  }
  ctx.prompt();
}
