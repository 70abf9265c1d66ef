import { digitsIn, isWholeReference, referenceFrom, type Answer, type StepResult } from '../dialog-kit';
import type { FlowSpec } from '../flow';
import type { AccountBrief } from '../../accounts';
import type { SealedTaxId, TaxIdFormatCode, VerifiedCustomer } from '../../identity';
import type { FlowFrame } from '../state';
import type { TurnContext } from '../turn-context';

/** Identity: the VIN or account number, the SSN/Tax ID, and a texted code when the account has recent failures. */
export const verifyFlow: FlowSpec = {
  name: 'verify',
  steps: {
    reference: {
      prompt: () => ({ messages: [{ key: 'identity.askReference' }], expect: { kind: 'digits', min: 6, max: 17, sensitive: false, finishOnKey: '#' } }),
      async read(ctx, flow, answer) {
        // An SSN or Tax ID given first ("my ssn is 401 22 7788", nine digits keyed): held sealed until the reference comes.
        const taxId = taxIdAnswer(ctx, answer);
        if (taxId !== null) {
          const problem = holdTaxId(ctx, flow, taxId);
          if (problem) return { kind: 'invalid', message: { key: `error.${problem}` } };
          ctx.say('identity.taxIdHeld');
          ctx.prompt();
          return { kind: 'accepted' };
        }
        const raw = referenceFrom(answer, ctx.deps.nlu, ctx.locale);
        if (!raw) return { kind: 'unrecognized' };
        const parsed = ctx.svc.identity.parseReference(raw);
        if (!parsed.ok) return { kind: 'invalid', message: { key: `error.${parsed.code}` } };
        flow.data.refKind = parsed.value.kind;
        flow.data.ref = parsed.value.value;
        // Both at once ("4100020001 ssn 401-22-7788"): the SSN or Tax ID beside the reference is checked with it,
        // in place of one held from before ("sorry typo. account 4100020003, ssn 612-09-3345").
        const beside = answer.digits ? null : taxIdBeside(ctx, answer.text);
        if (beside) delete flow.data.taxId;
        if (typeof flow.data.taxId === 'string') return check(ctx, flow, JSON.parse(flow.data.taxId) as SealedTaxId);
        if (beside) {
          const format = ctx.svc.identity.checkTaxId(beside);
          if (!format.ok) {
            ctx.say(`error.${format.code}`);
            ctx.goTo('taxId');
            return { kind: 'accepted' };
          }
          return check(ctx, flow, beside);
        }
        ctx.goTo('taxId');
        return { kind: 'accepted' };
      },
    },
    taxId: {
      prompt: () => ({ messages: [{ key: 'identity.askTaxId' }], expect: { kind: 'digits', min: 9, max: 9, sensitive: true } }),
      async read(ctx, flow, answer) {
        // A whole VIN or account number here ("no wait, use VIN 1FTEW…") replaces the one given before; on the
        // keypad, ten digits after the pair did not match are the account number keyed again, not a long SSN.
        const rekeyed = answer.digits && flow.data.mismatched && /^\d{10}$/.test(answer.digits) ? ctx.svc.identity.parseReference(answer.digits) : null;
        const reference = rekeyed?.ok ? { kind: rekeyed.value.kind, value: rekeyed.value.value } : answer.digits ? null : referenceInstead(ctx, answer);
        if (reference) {
          flow.data.refKind = reference.kind;
          flow.data.ref = reference.value;
          delete flow.data.mismatched;
          // "Sorry typo. account 4100020003, ssn 612-09-3345": both again, checked together.
          const beside = answer.digits ? null : taxIdBeside(ctx, answer.text);
          if (beside && ctx.svc.identity.checkTaxId(beside).ok) return check(ctx, flow, beside);
          ctx.say('identity.referenceTaken');
          ctx.prompt();
          return { kind: 'accepted' };
        }
        const raw = answer.digits ?? digitsIn(answer, ctx.deps.nlu, ctx.locale);
        if (!raw || raw.replace(/\D/g, '').length < 4) return { kind: 'unrecognized' };
        const format = ctx.svc.identity.checkTaxId(raw);
        if (!format.ok) return { kind: 'invalid', message: { key: `error.${format.code}` } };
        return check(ctx, flow, raw);
      },
    },
    code: {
      prompt: () => ({ messages: [{ key: 'identity.askCode' }], expect: { kind: 'digits', min: 6, max: 6, sensitive: true } }),
      async read(ctx, flow, answer) {
        const raw = answer.digits ?? digitsIn(answer, ctx.deps.nlu, ctx.locale);
        if (!raw) return { kind: 'unrecognized' };
        const result = await ctx.svc.identity.confirmCode({
          sessionId: ctx.input.sessionId,
          channel: ctx.channel,
          callerId: ctx.input.callerId ?? null,
          code: raw,
        });
        if (result.ok) return verified(ctx, flow, result.value);
        switch (result.code) {
          case 'IDENTITY.THROTTLED':
            return throttled(ctx, result.params?.minutes);
          case 'IDENTITY.CODE_FORMAT':
            return { kind: 'invalid', message: { key: 'identity.codeFormat' } };
          case 'IDENTITY.CODE_WRONG':
            ctx.say('identity.codeWrong');
            ctx.prompt();
            return { kind: 'accepted' };
          default:
            ctx.say('identity.codeExpired');
            flow.data = {};
            ctx.goTo('reference');
            return { kind: 'accepted' };
        }
      },
    },
  },
};

/**
 * The SSN or Tax ID in an answer to the reference question: nine digits keyed,
 * or typed alone or in words that name it, with no whole VIN or account number
 * beside them; null otherwise (a VIN tail or an account number is read as one).
 */
function taxIdAnswer(ctx: TurnContext, answer: Answer): string | null {
  if (answer.digits) return /^\d{9}$/.test(answer.digits) ? answer.digits : null;
  if (answer.text.toUpperCase().split(/[^A-Z0-9]+/).some(isWholeReference)) return null;
  const mention = ctx.deps.nlu.taxIdIn(answer.text, true);
  if (mention) return mention.digits;
  // "my ssn is 40122778": named, but not nine digits; its own digits say what is wrong with it.
  return ctx.deps.nlu.namesTaxId(answer.text) ? (digitsIn(answer, ctx.deps.nlu, ctx.locale) ?? '') : null;
}

/** Nine digits (an SSN or Tax ID) in a sentence beside a whole VIN or account number, which are left out first. */
function taxIdBeside(ctx: TurnContext, text: string): string | null {
  const rest = text
    .split(/([^A-Za-z0-9]+)/)
    .map((part) => (isWholeReference(part.toUpperCase()) ? ' ' : part))
    .join('');
  return ctx.deps.nlu.taxIdIn(rest, true)?.digits ?? null;
}

/** A whole VIN, or an account number in words that name it, typed where the SSN is asked (a new one, or the same again). */
function referenceInstead(ctx: TurnContext, answer: Answer): { kind: string; value: string } | null {
  const token = answer.text.toUpperCase().split(/[^A-Z0-9]+/).find(isWholeReference);
  // Ten digits alone are more likely an SSN with a digit too many than an account number.
  if (!token || (/^\d+$/.test(token) && !/\p{L}/u.test(answer.text))) return null;
  const parsed = ctx.svc.identity.parseReference(token);
  return parsed.ok ? { kind: parsed.value.kind, value: parsed.value.value } : null;
}

/** Matches the SSN/Tax ID (as typed, or sealed when it came first) with the reference the flow holds. */
async function check(ctx: TurnContext, flow: FlowFrame, taxId: string | SealedTaxId): Promise<StepResult> {
  // A sealed number is used once, whatever the answer.
  delete flow.data.taxId;
  const result = await ctx.svc.identity.verify({
    sessionId: ctx.input.sessionId,
    channel: ctx.channel,
    callerId: ctx.input.callerId ?? null,
    accountReference: String(flow.data.ref),
    taxId,
  });
  if (result.ok) return verified(ctx, flow, result.value);
  switch (result.code) {
    case 'IDENTITY.THROTTLED':
      return throttled(ctx, result.params?.minutes);
    case 'IDENTITY.CODE_SENT':
      ctx.say('identity.codeSent', { last4: String(result.params?.last4 ?? ''), minutes: Number(result.params?.minutes ?? 10) });
      flow.data = {};
      ctx.goTo('code');
      return { kind: 'accepted' };
    case 'IDENTITY.CODE_UNAVAILABLE':
      ctx.say('identity.codeUnavailable');
      ctx.dropFlow();
      await ctx.lockedOut();
      return { kind: 'accepted' };
    default:
      // A typo in the SSN is the likelier slip: ask it again first, then both.
      if (!flow.data.mismatched) {
        flow.data.mismatched = true;
        ctx.say('identity.noMatchTaxId');
        ctx.goTo('taxId');
        return { kind: 'accepted' };
      }
      ctx.say('identity.noMatch');
      flow.data = {};
      ctx.goTo('reference');
      return { kind: 'accepted' };
  }
}

/** Verifies with the reference and the sealed SSN/Tax ID the flow already holds (both given in a request). */
export async function verifyHeld(ctx: TurnContext, flow: FlowFrame): Promise<void> {
  await check(ctx, flow, JSON.parse(String(flow.data.taxId)) as SealedTaxId);
}

/**
 * Seals an SSN or Tax ID given before the reference and holds it in the
 * verification flow: its keyed hashes only, until the reference arrives.
 * Returns why it is not a valid one (and nothing is held), or null.
 */
export function holdTaxId(ctx: TurnContext, flow: FlowFrame, raw: string): TaxIdFormatCode | null {
  const sealed = ctx.svc.identity.sealTaxId(raw);
  if (!sealed.ok) return sealed.code;
  flow.data.taxId = JSON.stringify(sealed.value);
  return null;
}

async function throttled(ctx: TurnContext, minutes: string | number | undefined): Promise<StepResult> {
  ctx.say('identity.locked', { minutes: Number(minutes ?? 5) });
  ctx.dropFlow();
  await ctx.lockedOut();
  return { kind: 'accepted' };
}

async function verified(ctx: TurnContext, flow: FlowFrame, customer: VerifiedCustomer): Promise<StepResult> {
  ctx.state.verified = { customerId: customer.customerId, verifiedAt: ctx.deps.now(), firstName: customer.firstName, business: customer.business, accounts: customer.accounts };
  // A VIN or account number given with the request named the vehicle it is about.
  ctx.state.accountId = flow.data.inRequest ? (namedAccount(customer, String(flow.data.refKind), String(flow.data.ref))?.id ?? null) : null;
  ctx.say('identity.verified', { name: customer.firstName });
  await ctx.finishFlow({ kind: 'verified' });
  return { kind: 'accepted' };
}

/** The one account a verified reference names: by the account number's last four, or the VIN's last six. */
function namedAccount(customer: VerifiedCustomer, kind: string, ref: string): AccountBrief | null {
  const matches = customer.accounts.filter((a) => (kind === 'account_number' ? ref.endsWith(a.last4) && ref.length >= 10 : !!a.vinLast6 && ref.toUpperCase().endsWith(a.vinLast6.toUpperCase())));
  return matches.length === 1 ? matches[0]! : null;
}

/**
 * A VIN or account number typed before anything was asked: the customer is
 * starting to identify themselves, so verification begins with it and the
 * menu follows. On the phone, only keyed digits or an account number read
 * out as one count: a VIN is said whole at its own question.
 */
export async function startWithReference(ctx: TurnContext, text: string, inPassing = false): Promise<boolean> {
  // A question put to get back on track (a clarifying question, a person offered) gives way to a customer who starts identifying.
  const givesWay = !ctx.flow || ctx.flowKind() === 'repair';
  if (!givesWay || ctx.state.verified) return false;
  if (ctx.channel === 'voice') {
    // On the phone: an account number or SSN keyed at the menu, or an account number read out as such
    // ("el número de cuenta es cuatro uno cero cero…").
    const spoken = /^\d+$/.test(text) ? text : ACCOUNT_NAMED.test(text) ? ctx.deps.nlu.digits(text, ctx.locale) : '';
    if (!/^\d{9,10}$/.test(spoken)) return false;
    text = spoken;
  }
  const compact = text.replace(/[\s-]/g, '');
  // An SSN or Tax ID on its own, or in a few words that name it ("my ssn is 401-22-7788"), starts
  // verification the same way; in a longer request it waits for the request's own verification.
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  const taxId = /^\d{9}$/.test(compact) ? compact : words <= 5 ? (ctx.deps.nlu.taxIdIn(text)?.digits ?? null) : null;
  if (taxId && !isWholeReference(compact)) return startWithTaxId(ctx, taxId);
  const reference = referenceTyped(ctx, text, compact) ?? (inPassing ? referenceInPassing(ctx, text) : null);
  if (!reference) return false;
  ctx.dropFlow();
  const locked = await ctx.svc.identity.lockedMinutes(ctx.input.sessionId, ctx.input.callerId ?? null);
  if (locked > 0) {
    ctx.say('identity.locked', { minutes: locked });
    await ctx.lockedOut();
    return true;
  }
  ctx.say('identity.introReference');
  // Once verified, the menu follows (quietly on the phone).
  ctx.beginFlow('request', 'waiting', { intent: 'help', quiet: true });
  const flow = ctx.callFlow('verify', 'reference');
  const parsed = ctx.svc.identity.parseReference(reference);
  if (!parsed.ok) {
    ctx.say(`error.${parsed.code}`);
    ctx.prompt();
    return true;
  }
  flow.data.refKind = parsed.value.kind;
  flow.data.ref = parsed.value.value;
  ctx.goTo('taxId');
  return true;
}

/** An account number named as such, in either language. */
const ACCOUNT_NAMED = /\b(?:account|acct|cuenta)\b/i;

/** Words that only say what the number is ("account 4100020005", "mi vin es …"). */
const NAMES_THE_NUMBER = /^(?:my|mi|the|el|la|su|account|acct|acc|number|no|num|numero|número|vin|is|es|de|cuenta|#)$/i;

/**
 * The VIN or account number a message typed before anything was asked
 * consists of: the whole message run together ("4100 020 001"), or the one
 * whole reference among a few words that name it ("account 4100020005");
 * null when there is none.
 */
export function referenceTyped(ctx: TurnContext, text: string, compact: string): string | null {
  const words = text.split(/[^\p{L}\p{N}#]+/u).filter(Boolean);
  const named = words.filter((w) => !/\d/.test(w)).every((w) => NAMES_THE_NUMBER.test(w));
  const token = named ? words.map((w) => w.toUpperCase()).find((w) => isWholeReference(w) && ctx.svc.identity.parseReference(w).ok) : undefined;
  if (isWholeReference(compact) && (!token || ctx.svc.identity.parseReference(compact).ok)) return compact;
  return token ?? null;
}

/**
 * "Nvm found it on the statement, 4100020001": the one VIN or account number
 * in a message that asks nothing the assistant understood.
 */
export function referenceInPassing(ctx: TurnContext, text: string): string | null {
  const found = text
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.toUpperCase())
    .filter((w) => isWholeReference(w) && ctx.svc.identity.parseReference(w).ok);
  return found.length === 1 ? found[0]! : null;
}

async function startWithTaxId(ctx: TurnContext, taxId: string): Promise<boolean> {
  if (!ctx.svc.identity.checkTaxId(taxId).ok) return false;
  ctx.dropFlow();
  const locked = await ctx.svc.identity.lockedMinutes(ctx.input.sessionId, ctx.input.callerId ?? null);
  if (locked > 0) {
    ctx.say('identity.locked', { minutes: locked });
    await ctx.lockedOut();
    return true;
  }
  ctx.beginFlow('request', 'waiting', { intent: 'help', quiet: true });
  const flow = ctx.callFlow('verify', 'reference');
  holdTaxId(ctx, flow, taxId);
  ctx.say('identity.taxIdHeld');
  ctx.prompt();
  return true;
}
