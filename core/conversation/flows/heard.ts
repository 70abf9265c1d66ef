import type { FlowSpec } from '../flow';

/**
 * Speech the recognizer was unsure of ("I heard the Jeep. Is that right?"):
 * yes acts on it as if it had been heard clearly; no asks the question again.
 */
export const heardFlow: FlowSpec = {
  name: 'heard',
  kind: 'repair',
  steps: {
    confirm: {
      prompt: (_ctx, flow) => ({ messages: [{ key: 'voice.heardConfirm', params: { text: String(flow.data.text) } }], expect: { kind: 'yes-no' } }),
      read: (ctx, flow, answer) =>
        ctx.readYesNo(answer, async (yes) => {
          const text = String(flow.data.text);
          ctx.state.stack.pop();
          ctx.state.retries = 0;
          if (yes) {
            await ctx.reread({ text, digits: null, button: null, speech: true });
            return;
          }
          ctx.say('voice.heardAgain');
          if (ctx.flow) ctx.prompt();
          else ctx.menu();
        }),
    },
  },
};
