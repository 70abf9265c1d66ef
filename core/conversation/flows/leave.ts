import type { FlowSpec } from '../flow';

/**
 * Goodbye in the middle of something the customer would lose (a payment half
 * given): asked first, never dropped on a guess. No goes back to the question
 * that was waiting, and so does an answer that goes on with the payment.
 */
export const leaveFlow: FlowSpec = {
  name: 'leave',
  kind: 'repair',
  steps: {
    confirm: {
      prompt: () => ({ messages: [{ key: 'common.confirmLeave' }], expect: { kind: 'yes-no' } }),
      async read(ctx, _flow, answer) {
        // "Ok then pay off the whole thing": not leaving but going on, with what the words say read where it was.
        if (!answer.digits && !answer.button && answer.text.trim().split(/\s+/).length > 3 && ctx.deps.nlu.paysInSoManyWords(answer.text) && !ctx.deps.nlu.takesLeave(answer.text)) {
          ctx.state.stack.pop();
          await ctx.reread(answer);
          return { kind: 'accepted' };
        }
        return ctx.readYesNo(answer, async (yes) => {
          if (yes) {
            ctx.dropFlow();
            await ctx.runIntent('goodbye', false);
            return;
          }
          ctx.say('common.resume');
          await ctx.finishFlow();
        });
      },
    },
  },
};
