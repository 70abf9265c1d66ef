import type { FlowSpec } from '../flow';

/**
 * Goodbye in the middle of something the customer would lose (a payment half
 * given): asked first, never dropped on a guess. No goes back to the question
 * that was waiting.
 */
export const leaveFlow: FlowSpec = {
  name: 'leave',
  kind: 'repair',
  steps: {
    confirm: {
      prompt: () => ({ messages: [{ key: 'common.confirmLeave' }], expect: { kind: 'yes-no' } }),
      read: (ctx, _flow, answer) =>
        ctx.readYesNo(answer, async (yes) => {
          if (yes) {
            ctx.dropFlow();
            await ctx.runIntent('goodbye', false);
            return;
          }
          ctx.say('common.resume');
          await ctx.finishFlow();
        }),
    },
  },
};
