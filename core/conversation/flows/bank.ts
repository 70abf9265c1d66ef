import type { Choice, Message } from '../contract';
import { choice, choiceValue, digitsIn, numbered, type Answer, type StepResult } from '../dialog-kit';
import type { FlowResult, FlowSpec } from '../flow';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';

/**
 * How to pay, as a sub-flow that payments and Auto Pay call: the bank on
 * file, a new routing and account number (vaulted at once, validated before
 * its first debit), or a card where the channel takes one. It returns the
 * choice to the calling flow, which reads everything back.
 *
 * Its frame carries `purpose` (`pay` or `autopay`), `onFile` (the last four
 * of the bank on file, if any) and `card` (whether a card is offered).
 */
export const bankFlow: FlowSpec = {
  name: 'bank',
  steps: {
    funding: {
      prompt(ctx, flow) {
        const choices = fundingChoices(flow);
        // On the phone each option is read with the key that picks it.
        const messages: Message[] =
          ctx.channel === 'voice'
            ? choices.map((c) => ({ key: `funding.press_${c.value}`, params: { last4: String(flow.data.onFile ?? ''), digit: c.digit ?? '' } }))
            : [{ key: choices.some((c) => c.value === 'card') ? 'funding.askWithCard' : 'funding.ask', params: { last4: String(flow.data.onFile ?? '') } }];
        return { messages, expect: { kind: 'choice', choices } };
      },
      async read(ctx, flow, answer) {
        const none = noneOnFile(ctx, flow, answer);
        if (none) return none;
        const value =
          namedFunding(ctx, flow, answer) ?? anotherCard(ctx, flow, answer) ?? choiceValue(fundingChoices(flow), answer, ctx.deps.nlu) ?? yesToOnFile(ctx, flow, answer) ?? aBankWithNoneOnFile(ctx, flow, answer);
        const routing = routingKeyedAhead(ctx, flow, answer);
        if (routing) return routing;
        if (value === 'onfile') return chosen(ctx, { kind: 'funding', funding: 'on_file', pendingValidation: false });
        if (value === 'new') {
          ctx.goTo('routing');
          return { kind: 'accepted' };
        }
        if (value === 'card') return chooseCard(ctx);
        return answer.digits ? { kind: 'invalid', message: { key: 'common.pickOne' } } : { kind: 'unrecognized' };
      },
    },
    routing: {
      prompt: () => ({ messages: [{ key: 'funding.askRouting' }], expect: { kind: 'digits', min: 9, max: 9, sensitive: false } }),
      async read(ctx, flow, answer) {
        const backToOnFile = onFileAfterAll(ctx, flow, answer);
        if (backToOnFile) return backToOnFile;
        const typeNamed = keepTypeNamed(ctx, flow, answer);
        const digits = answer.digits ?? digitsIn(answer, ctx.deps.nlu, ctx.locale);
        if (!digits) {
          // "A new account", "de otra cuenta", "de mi cuenta de ahorros": the answer to the question the
          // customer expected; this one follows from it.
          if (typeNamed || (!answer.digits && choiceValue([choice('new', 'funding.optNew', '2')], answer, ctx.deps.nlu) === 'new') || aBankWithNoneOnFile(ctx, flow, answer)) {
            ctx.prompt();
            return { kind: 'accepted' };
          }
          return { kind: 'unrecognized' };
        }
        const check = ctx.svc.payments.checkRoutingNumber(digits);
        if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}` } };
        flow.data.routing = digits;
        ctx.goTo('bankAccount');
        return { kind: 'accepted' };
      },
    },
    bankAccount: {
      prompt: () => ({ messages: [{ key: 'funding.askAccount' }], expect: { kind: 'digits', min: 4, max: 17, sensitive: true, finishOnKey: '#' } }),
      async read(ctx, flow, answer) {
        const backToOnFile = onFileAfterAll(ctx, flow, answer);
        if (backToOnFile) return backToOnFile;
        const typeNamed = keepTypeNamed(ctx, flow, answer);
        const digits = answer.digits ?? digitsIn(answer, ctx.deps.nlu, ctx.locale);
        if (!digits) {
          if (!typeNamed) return { kind: 'unrecognized' };
          ctx.prompt();
          return { kind: 'accepted' };
        }
        const vaulted = await ctx.svc.payments.tokenizeBankAccount(String(flow.data.routing), digits);
        if (!vaulted.ok) return { kind: 'invalid', message: { key: `error.${vaulted.code}`, params: vaulted.params ?? {} } };
        if (vaulted.value.pendingValidation && flow.data.purpose === 'autopay') {
          // Drafts are never set up on an account whose first-use validation is not back.
          ctx.say('error.AUTOPAY.BANK_PENDING_VALIDATION', { last4: vaulted.value.last4 });
          ctx.dropFlow();
          ctx.anythingElse();
          return { kind: 'accepted' };
        }
        flow.data.token = vaulted.value.token;
        flow.data.newLast4 = vaulted.value.last4;
        flow.data.pendingValidation = vaulted.value.pendingValidation;
        // An ACH debit names the kind of account it comes from: checking unless the
        // customer says otherwise, and said in the read-back so it can be changed there.
        const accountType = flow.data.accountType === 'savings' ? 'savings' : 'checking';
        return chosen(ctx, flow.data.purpose === 'pay' ? { ...newAccount(flow), accountType } : newAccount(flow));
      },
    },
  },
};

/**
 * Asks how to pay for the flow on top (a payment or Auto Pay): a choice when
 * there is more than one way, else straight to a new account's routing number.
 */
export function chooseBank(ctx: TurnContext, caller: FlowFrame): void {
  // Named in the request or an earlier answer ("from my bank on file", "de otra cuenta"): not asked again.
  const named = caller.data.fundingNamed;
  delete caller.data.fundingNamed;
  if (named === 'onfile' && caller.data.onFile) {
    keepFunding(caller, { kind: 'funding', funding: 'on_file', pendingValidation: false });
    askConfirm(ctx, caller);
    return;
  }
  const data = {
    purpose: caller.name === 'pay' ? 'pay' : 'autopay',
    onFile: caller.data.onFile ?? null,
    card: caller.name === 'pay' && cardOffered(ctx, caller),
  };
  const flow = ctx.callFlow('bank', 'funding', data);
  if (fundingChoices(flow).length === 1 || named === 'new') flow.step = 'routing';
  ctx.prompt();
}

/** Keeps what the bank sub-flow returned on the calling flow's frame, as the read-back and the payment read it. */
export function keepFunding(flow: FlowFrame, result: Extract<FlowResult, { kind: 'funding' }>): void {
  flow.data.funding = result.funding;
  flow.data.pendingValidation = result.pendingValidation;
  if (result.routing !== undefined) flow.data.routing = result.routing;
  if (result.token !== undefined) flow.data.token = result.token;
  if (result.newLast4 !== undefined) flow.data.newLast4 = result.newLast4;
  if (result.accountType !== undefined) flow.data.accountType = result.accountType;
}

/** Forgets the way to pay kept on the calling flow's frame, so it is asked for again (the twin of `keepFunding`). */
export function forgetFunding(flow: FlowFrame): void {
  for (const key of ['funding', 'routing', 'token', 'newLast4', 'accountType', 'pendingValidation']) delete flow.data[key];
}

/** Moves to the read-back; the confirmation's turn is what the payment's idempotency key is derived from. */
export function askConfirm(ctx: TurnContext, flow: FlowFrame): void {
  flow.data.askedAt = ctx.input.turnKey;
  ctx.goTo('confirm');
}

async function chosen(ctx: TurnContext, result: FlowResult): Promise<StepResult> {
  await ctx.finishFlow(result);
  return { kind: 'accepted' };
}

/**
 * The bank a sentence names (see `fundingMention`), as the value of the
 * choice it picks: the one on file (also by its last four, typed or said
 * digit by digit), a new one or a card; null when it names none. Whether a
 * card is taken here is the caller's to decide.
 */
export function fundingNamedIn(ctx: TurnContext, text: string, onFile: unknown): 'onfile' | 'new' | 'card' | null {
  const mention = ctx.deps.nlu.fundingMention(text, ctx.locale);
  if (mention?.kind === 'on_file') return onFile ? 'onfile' : null;
  if (mention?.kind === 'new') return 'new';
  if (mention?.kind === 'card') return 'card';
  if (mention?.kind === 'last4') return mention.last4 === onFile ? 'onfile' : null;
  return null;
}

function namedFunding(ctx: TurnContext, flow: FlowFrame, answer: Answer): 'onfile' | 'new' | null {
  if (answer.button || answer.digits || !answer.text) return null;
  const named = fundingNamedIn(ctx, answer.text, flow.data.onFile);
  // A card is picked by the option's own words (a question about it is not picking it).
  if (named && named !== 'card') return named;
  // "four three two one": the last four of the bank on file, said digit by digit.
  const spoken = ctx.deps.nlu.digits(answer.text, ctx.locale);
  return flow.data.onFile && spoken === flow.data.onFile ? 'onfile' : null;
}

/** "A ver con otra tarjeta", "try another card": a card, where "otra" and "another" also name a new bank account. */
function anotherCard(ctx: TurnContext, flow: FlowFrame, answer: Answer): 'card' | null {
  if (flow.data.card !== true || answer.button || answer.digits || !answer.text) return null;
  return ctx.deps.nlu.readOptionWord(answer.text, ['card']) === 'card' && ctx.deps.nlu.readOptionWord(answer.text, ['bank']) === null ? 'card' : null;
}

/** "Con mi cuenta de banco", "from my checking" where no bank is on file: a bank account, so a new one. */
function aBankWithNoneOnFile(ctx: TurnContext, flow: FlowFrame, answer: Answer): 'new' | null {
  if (flow.data.onFile || answer.button || answer.digits || !answer.text) return null;
  return ctx.deps.nlu.readOptionWord(answer.text, ['bank']) === 'bank' ? 'new' : null;
}

/** A routing number keyed where the way to pay is asked: a new bank account, and its first number. */
function routingKeyedAhead(ctx: TurnContext, flow: FlowFrame, answer: Answer): StepResult | null {
  if (!answer.digits || answer.digits.length !== 9) return null;
  const check = ctx.svc.payments.checkRoutingNumber(answer.digits);
  if (!check.ok) return { kind: 'invalid', message: { key: `error.${check.code}` } };
  flow.data.routing = answer.digits;
  ctx.goTo('bankAccount');
  return { kind: 'accepted' };
}

/** "Yes", "sí, esa" where the bank on file is the first way offered: that one. */
function yesToOnFile(ctx: TurnContext, flow: FlowFrame, answer: Answer): 'onfile' | null {
  if (!flow.data.onFile || answer.button || answer.digits || !answer.text) return null;
  return ctx.deps.nlu.yesNo(answer.text, ctx.locale) === true ? 'onfile' : null;
}

/**
 * "Just use the one on file", "la cuenta registrada" while a new account's
 * numbers are asked: the bank on file after all (by name, or by its last four
 * in words), or, when there is none, a plain word that there is none.
 */
function onFileAfterAll(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult> | StepResult | null {
  if (answer.button || answer.digits || !answer.text || /^\s*[\d\s-]+$/.test(answer.text)) return null;
  const mention = ctx.deps.nlu.fundingMention(answer.text, ctx.locale);
  if (!flow.data.onFile) return mention?.kind === 'on_file' ? NONE_ON_FILE : null;
  const onFile = mention?.kind === 'on_file' || (mention?.kind === 'last4' && mention.last4 === flow.data.onFile);
  return onFile ? chosen(ctx, { kind: 'funding', funding: 'on_file', pendingValidation: false }) : null;
}

/**
 * The kind of a new account said while its numbers are asked ("de mi cuenta de
 * ahorros"): kept for the payment's debit, and acknowledged. Auto Pay does not
 * ask it, so there it is only heard. True when the answer named one.
 */
function keepTypeNamed(ctx: TurnContext, flow: FlowFrame, answer: Answer): boolean {
  const type = accountTypeNamed(ctx, answer);
  if (!type) return false;
  if (flow.data.purpose === 'pay') {
    flow.data.accountType = type;
    ctx.say(type === 'savings' ? 'funding.typeNotedSavings' : 'funding.typeNotedChecking');
  }
  return true;
}

/** The bank on file asked for where there is none: said so, and the question asked again. */
const NONE_ON_FILE: StepResult = { kind: 'invalid', message: { key: 'funding.noneOnFile' } };

function noneOnFile(ctx: TurnContext, flow: FlowFrame, answer: Answer): StepResult | null {
  if (flow.data.onFile || answer.button || answer.digits || !answer.text) return null;
  return ctx.deps.nlu.fundingMention(answer.text, ctx.locale)?.kind === 'on_file' ? NONE_ON_FILE : null;
}

function newAccount(flow: FlowFrame): Extract<FlowResult, { kind: 'funding' }> {
  return {
    kind: 'funding',
    funding: 'new',
    routing: String(flow.data.routing),
    token: String(flow.data.token),
    newLast4: String(flow.data.newLast4),
    pendingValidation: flow.data.pendingValidation === true,
  };
}

function fundingChoices(flow: FlowFrame): Choice[] {
  const list: Choice[] = [];
  if (flow.data.onFile) list.push({ value: 'onfile', labelKey: 'funding.optOnFile', labelParams: { last4: String(flow.data.onFile) }, digit: '1' });
  list.push(choice('new', 'funding.optNew', '2'));
  if (flow.data.card === true) list.push(choice('card', 'funding.optCard', '3'));
  return numbered(list);
}

/**
 * Cards: on the phone through its card capture, charged at once (so for a
 * payment today); on chat as a link to the hosted card page. Never by text.
 */
function cardOffered(ctx: TurnContext, payment: FlowFrame): boolean {
  const cards = ctx.svc.cardPayments;
  if (ctx.channel === 'voice') return cards.phone && payment.data.date === ctx.svc.today();
  if (ctx.channel === 'chat') return cards.pageUrl !== null;
  return false;
}

/** A card: on the phone, the fee is stated and the payment read back before the card is taken; on chat, a link to the card page. */
function chooseCard(ctx: TurnContext): Promise<StepResult> | StepResult {
  if (ctx.channel === 'voice') return chosen(ctx, { kind: 'funding', funding: 'card', pendingValidation: false });
  ctx.say('pay.cardPage', { url: String(ctx.svc.cardPayments.pageUrl) });
  ctx.dropFlow();
  ctx.anythingElse();
  return { kind: 'accepted' };
}

const NOT_THIS_KIND = /\b(?:no|not|ni)\s+(?:(?:de|a|an|un|una|my|mi)\s+)?(?:(?:cuenta|account)\s+(?:de\s+)?)?(?:cheques|checking|ahorros?|savings)\b/giu;

/** The kind of bank account an answer names ("it's a savings account", "es de ahorros"), or null. */
export function accountTypeNamed(ctx: TurnContext, answer: Answer): 'checking' | 'savings' | null {
  if (answer.button || answer.digits || !answer.text) return null;
  // The kind said not to be ("es de ahorros, no de cheques", "savings, not checking") is not the one named.
  const text = answer.text.replace(NOT_THIS_KIND, ' ');
  const value = choiceValue([choice('checking', 'funding.optChecking', '1'), choice('savings', 'funding.optSavings', '2')], { ...answer, text }, ctx.deps.nlu);
  return value === 'checking' || value === 'savings' ? value : null;
}
