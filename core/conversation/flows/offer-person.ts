import type { FlowSpec } from '../flow';
import type { TurnContext } from '../turn-context';

/**
 * A topic that belongs with a person and never gets a balance (a
 * repossession, a hardship, a death in the family, fraud, a dispute, a
 * complaint, frustration): a calm acknowledgement with the right number (and
 * the disputes address), then the offer of a person at once.
 */
export const offerPersonFlow: FlowSpec = {
  name: 'offerPerson',
  steps: {
    confirm: {
      prompt: (_ctx, flow) => ({ messages: [{ key: `sensitive.${String(flow.data.topic)}` }], expect: { kind: 'yes-no' } }),
      read: (ctx, flow, a) =>
        ctx.readYesNo(a, async (yes) => {
          ctx.dropFlow();
          if (yes) await ctx.toAgent(String(flow.data.topic));
          else {
            ctx.say('agent.declined');
            ctx.anythingElse();
          }
        }),
    },
  },
};

export function offerPerson(ctx: TurnContext, topic: string): void {
  ctx.topic(topic as never);
  ctx.beginFlow('offerPerson', 'confirm', { topic });
  ctx.prompt();
}

/** A Spanish-speaking representative: the number, in Spanish, and the handoff. */
export async function toSpanishAgent(ctx: TurnContext): Promise<void> {
  ctx.state.locale = 'es';
  ctx.state.languageChosen = true;
  ctx.say('spanish.agent');
  await ctx.toAgent('spanish');
}
