import type { Choice, Message } from '../contract';
import { choice, choiceValue, digitsIn, numbered, type StepResult } from '../dialog-kit';
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
    prompt(ctx, flow) {
      const choices = fundingChoices(ctx, flow);
      // On the phone each option is read with the key that picks it.
      const messages: Message[] =
        ctx.channel === 'voice'
          ? choices.map((c) => ({ key: `funding.press_${c.value}`, params: { last4: String(flow.data.onFile ?? ''), digit: c.digit ?? '' } }))
          : [{ key: choices.some((c) => c.value === 'card') ? 'funding.askWithCard' : 'funding.ask', params: { last4: String(flow.data.onFile ?? '') } }];
      return { messages, expect: { kind: 'choice', choices } };
    },
    async read(ctx, flow, a) {
      const value = choiceValue(fundingChoices(ctx, flow), a);
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
      if (value === 'card') return chooseCard(ctx, flow);
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
      // An ACH debit names the kind of account it comes from.
      if (flow.name === 'pay') ctx.goTo('accountType');
      else askConfirm(ctx, flow);
      return { kind: 'accepted' };
    },
  },
};

/** The first bank step: a choice when there is more than one way to pay, else a new account's routing number. */
export function firstBankStep(ctx: TurnContext, flow: FlowFrame): 'funding' | 'routing' {
  return fundingChoices(ctx, flow).length > 1 ? 'funding' : 'routing';
}

/** Moves to the read-back; the confirmation's turn is what the payment's idempotency key is derived from. */
export function askConfirm(ctx: TurnContext, flow: FlowFrame): void {
  flow.data.askedAt = ctx.input.turnKey;
  ctx.goTo('confirm');
}

function fundingChoices(ctx: TurnContext, flow: FlowFrame): Choice[] {
  const list: Choice[] = [];
  if (flow.data.onFile) list.push({ value: 'onfile', labelKey: 'funding.optOnFile', labelParams: { last4: String(flow.data.onFile) }, digit: '1' });
  list.push(choice('new', 'funding.optNew', '2'));
  if (flow.name === 'pay' && cardOffered(ctx, flow)) list.push(choice('card', 'funding.optCard', '3'));
  return numbered(list);
}

/**
 * Cards: on the phone through its card capture, charged at once (so for a
 * payment today); on chat as a link to the hosted card page. Never by text.
 */
function cardOffered(ctx: TurnContext, flow: FlowFrame): boolean {
  const cards = ctx.svc.cardPayments;
  if (ctx.channel === 'voice') return cards.phone && flow.data.date === ctx.svc.today();
  if (ctx.channel === 'chat') return cards.pageUrl !== null;
  return false;
}

/** A card: on the phone, the fee is stated and the payment read back before the card is taken; on chat, a link to the card page. */
function chooseCard(ctx: TurnContext, flow: FlowFrame): StepResult {
  if (ctx.channel === 'voice') {
    flow.data.funding = 'card';
    flow.data.pendingValidation = false;
    askConfirm(ctx, flow);
    return { kind: 'accepted' };
  }
  ctx.say('pay.cardPage', { url: String(ctx.svc.cardPayments.pageUrl) });
  ctx.dropFlow();
  ctx.anythingElse();
  return { kind: 'accepted' };
}
