import type { Choice } from '../contract';
import { choice, choiceValue } from '../dialog-kit';
import type { Answer, StepResult } from '../dialog-kit';
import type { FlowSpec } from '../flow';
import type { Intent } from '../nlu-port';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';
import { referenceInPassing, referenceTyped } from './verify';

/** After three answers that could not be used: a person, or start over. */
export const offerAgentFlow: FlowSpec = {
  name: 'offer_agent',
  kind: 'repair',
  steps: {
    pick: {
      prompt: () => ({ messages: [{ key: 'agent.offer' }], expect: { kind: 'choice', choices: agentChoices() } }),
      read: (ctx, _flow, answer) =>
        ctx.readChoice(agentChoices(), answer, async (value) => {
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
      async read(ctx, flow, answer) {
        const started = await startedWithReference(ctx, flow, answer);
        if (started) return started;
        // "Otra cosa, si mando cheque ¿a dónde lo mando?": something else, and what it is; read as a request.
        const other = !answer.button && !answer.digits && choiceValue(clarifyChoices(flow), answer, ctx.deps.nlu) === 'other';
        if (other && answer.text.trim().split(/\s+/).length > 4) return { kind: 'unrecognized' };
        return ctx.readChoice(clarifyChoices(flow), answer, async (value) => {
          ctx.dropFlow();
          if (value === 'other') {
            ctx.say('common.askAgain');
            ctx.menu();
          } else await ctx.runIntent(value as Intent, false);
        });
      },
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

/**
 * An account number, a VIN or an SSN/Tax ID given instead of a choice: the
 * customer is already identifying themselves for the likelier option that
 * needs it, so that request is carried out and the number taken as the first
 * answer of its verification (an SSN is held sealed there until the reference).
 */
async function startedWithReference(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null> {
  const typed = (answer.digits ?? answer.text).replace(/[\s-]/g, '');
  // Only what the identity check itself reads as a VIN, a VIN's last six or an account number, or a valid SSN/Tax ID.
  const taxId = /^\d{9}$/.test(typed) ? typed : answer.digits ? null : (ctx.deps.nlu.taxIdIn(answer.text)?.digits ?? null);
  const reference = answer.digits ?? referenceTyped(ctx, answer.text, typed) ?? referenceInPassing(ctx, answer.text);
  const identifying = (taxId !== null && ctx.svc.identity.checkTaxId(taxId).ok) || (reference !== null && /\d/.test(reference) && ctx.svc.identity.parseReference(reference).ok);
  if (ctx.state.verified || !identifying) return null;
  // The likelier of the options that need it (both may: "make a payment" or "pay it off").
  const needing = [String(flow.data.a), String(flow.data.b)].filter((i) => ctx.needs(i as Intent) !== 'nothing');
  if (needing.length === 0) return null;
  ctx.dropFlow();
  await ctx.runIntent(needing[0] as Intent, false);
  if (ctx.flow?.name !== 'verify' || ctx.flow.step !== 'reference') return { kind: 'accepted' };
  // The question it would ask is already answered.
  ctx.out.splice(ctx.out.length - (ctx.state.lastPrompt?.messages.length ?? 0));
  await ctx.reread(answer);
  return { kind: 'accepted' };
}
