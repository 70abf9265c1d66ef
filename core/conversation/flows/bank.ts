import type { Choice } from '../contract';
import { choice, choiceValue, digitsIn } from '../dialog-kit';
import type { StepSpec } from '../flow';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';

/**
 * The bank account steps that payments and Auto Pay share: the bank on file,
 * or a new routing number and account number (vaulted at once, validated
 * before its first debit). Each ends at the flow's `confirm` step.
 */
export const bankSteps: Record<'funding' | 'routing' | 'bankAccount', StepSpec> = {
  funding: {
    prompt: (_ctx, flow) => ({
      messages: [{ key: 'funding.ask', params: { last4: String(flow.data.onFile) } }],
      expect: { kind: 'choice', choices: fundingChoices(flow) },
    }),
    async read(ctx, flow, a) {
      const value = choiceValue(fundingChoices(flow), a);
      if (value === 'onfile') {
        flow.data.funding = 'on_file';
        flow.data.pendingValidation = false;
        askConfirm(ctx, flow);
        return { kind: 'accepted' };
      }
      if (value === 'new') {
        ctx.goTo('routing');
        return { kind: 'accepted' };
      }
      return a.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
    },
  },
  routing: {
    prompt: () => ({ messages: [{ key: 'funding.askRouting' }], expect: { kind: 'digits', min: 9, max: 9, sensitive: false } }),
    async read(ctx, flow, a) {
      const digits = a.digits ?? digitsIn(a, ctx.deps.nlu, ctx.locale);
      if (!digits) return { kind: 'unrecognized' };
      const check = ctx.svc.payments.checkRouting(digits);
      if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}` } };
      flow.data.routing = digits;
      ctx.goTo('bankAccount');
      return { kind: 'accepted' };
    },
  },
  bankAccount: {
    prompt: () => ({ messages: [{ key: 'funding.askAccount' }], expect: { kind: 'digits', min: 4, max: 17, sensitive: true, finishOnKey: '#' } }),
    async read(ctx, flow, a) {
      const digits = a.digits ?? digitsIn(a, ctx.deps.nlu, ctx.locale);
      if (!digits) return { kind: 'unrecognized' };
      const vaulted = await ctx.svc.payments.tokenizeBankAccount(String(flow.data.routing), digits);
      if (!vaulted.ok) return { kind: 'invalid', message: { key: `error.${vaulted.code}`, params: vaulted.params ?? {} } };
      if (vaulted.value.pendingValidation && flow.name === 'autopayEnroll') {
        // Drafts are never set up on an account whose first-use validation is not back.
        ctx.say('error.AUTOPAY.BANK_PENDING_VALIDATION', { last4: vaulted.value.last4 });
        ctx.dropFlow();
        ctx.anythingElse();
        return { kind: 'accepted' };
      }
      flow.data.funding = 'new';
      flow.data.token = vaulted.value.token;
      flow.data.newLast4 = vaulted.value.last4;
      flow.data.pendingValidation = vaulted.value.pendingValidation;
      askConfirm(ctx, flow);
      return { kind: 'accepted' };
    },
  },
};

/** The first bank step: the bank on file when there is one, else a new account's routing number. */
export function firstBankStep(flow: FlowFrame): 'funding' | 'routing' {
  return flow.data.onFile ? 'funding' : 'routing';
}

/** Moves to the read-back; the confirmation's turn is what the payment's idempotency key is derived from. */
export function askConfirm(ctx: TurnContext, flow: FlowFrame): void {
  flow.data.askedAt = ctx.input.turnKey;
  ctx.goTo('confirm');
}

function fundingChoices(flow: FlowFrame): Choice[] {
  return [
    { value: 'onfile', labelKey: 'funding.optOnFile', labelParams: { last4: String(flow.data.onFile) }, digit: '1' },
    choice('new', 'funding.optNew', '2'),
  ];
}
