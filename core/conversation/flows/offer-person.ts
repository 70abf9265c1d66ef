import type { FlowSpec } from '../flow';
import type { Intent } from '../nlu-port';
import type { TurnContext } from '../turn-context';

/** Topics a person handles: acknowledged, the right number given, a person offered at once; never a balance. */
export const SENSITIVE_TOPICS: readonly Intent[] = [
  'repossession', 'hardship', 'deferral', 'bankruptcy', 'death', 'fraud', 'dispute', 'complaint', 'frustration',
];

/**
 * A topic that belongs with a person and never gets a balance (a
 * repossession, a hardship, a death in the family, fraud, a dispute, a
 * complaint, frustration): a calm acknowledgement with the right number (and
 * the disputes address), then the offer of a person at once.
 */
export const offerPersonFlow: FlowSpec = {
  name: 'offer_person',
  // An offer, not a task: a clear request instead of an answer ("lo que quiero es pagar lo atrasado") is taken.
  kind: 'repair',
  entries: [
    { intents: [...SENSITIVE_TOPICS], needs: 'nothing', start: async (ctx, intent) => offerPerson(ctx, intent) },
    { intents: ['spanish_agent'], needs: 'nothing', start: (ctx) => toSpanishAgent(ctx) },
  ],
  steps: {
    confirm: {
      prompt: (_ctx, flow) => ({ messages: [{ key: `sensitive.${String(flow.data.topic)}` }], expect: { kind: 'yes-no' } }),
      read(ctx, flow, answer) {
        // An account number or SSN keyed instead: the caller is identifying to go on, read as such.
        if (answer.digits && answer.digits.length >= 9) return Promise.resolve({ kind: 'unrecognized' });
        return ctx.readYesNo(answer, async (yes) => {
          ctx.dropFlow();
          if (yes) await ctx.toAgent(String(flow.data.topic));
          else {
            ctx.say('agent.declined');
            ctx.anythingElse();
          }
        });
      },
    },
  },
};

export function offerPerson(ctx: TurnContext, topic: string): void {
  ctx.topic(topic as never);
  ctx.beginFlow('offer_person', 'confirm', { topic });
  ctx.prompt();
}

/** A Spanish-speaking representative: the number, in Spanish, and the handoff. */
async function toSpanishAgent(ctx: TurnContext): Promise<void> {
  ctx.state.locale = 'es';
  ctx.state.languageChosen = true;
  ctx.say('spanish.agent');
  await ctx.toAgent('spanish');
}
