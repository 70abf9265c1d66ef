import type { Choice } from '../contract';
import { choice } from '../dialog-kit';
import type { FlowSpec } from '../flow';
import type { Intent } from '../nlu-port';
import type { FlowFrame } from '../state';

/** After three answers that could not be used: a person, or start over. */
export const offerAgentFlow: FlowSpec = {
  name: 'offerAgent',
  kind: 'repair',
  steps: {
    pick: {
      prompt: () => ({ messages: [{ key: 'agent.offer' }], expect: { kind: 'choice', choices: agentChoices() } }),
      read: (ctx, _flow, a) =>
        ctx.readChoice(agentChoices(), a, async (value) => {
          ctx.dropFlow();
          if (value === 'agent') await ctx.toAgent('retries');
          else {
            ctx.say('common.startOver');
            ctx.menu();
          }
        }),
    },
  },
};

/** A request the language understanding was not sure of: which of the two likeliest topics was meant. */
export const clarifyFlow: FlowSpec = {
  name: 'clarify',
  kind: 'repair',
  steps: {
    pick: {
      prompt: (_ctx, flow) => ({
        messages: [{ key: 'clarify.ask', params: { a: `topic.${String(flow.data.a)}`, b: `topic.${String(flow.data.b)}` } }],
        expect: { kind: 'choice', choices: clarifyChoices(flow) },
      }),
      read: (ctx, flow, a) =>
        ctx.readChoice(clarifyChoices(flow), a, async (value) => {
          ctx.dropFlow();
          if (value === 'other') {
            ctx.say('common.askAgain');
            ctx.menu();
          } else await ctx.runIntent(value as Intent, false);
        }),
    },
  },
};

function agentChoices(): Choice[] {
  return [choice('agent', 'agent.optAgent', '1'), choice('restart', 'agent.optRestart', '2')];
}

function clarifyChoices(flow: FlowFrame): Choice[] {
  return [
    { value: String(flow.data.a), labelKey: `topic.${String(flow.data.a)}`, digit: '1' },
    { value: String(flow.data.b), labelKey: `topic.${String(flow.data.b)}`, digit: '2' },
    choice('other', 'clarify.other', '3'),
  ];
}
