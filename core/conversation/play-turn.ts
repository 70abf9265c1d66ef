import type { TurnInput, TurnOutput } from './contract';
import { NEEDS_ACCOUNT, NEEDS_CUSTOMER, ONE_SHOT, SENSITIVE, uniqueIntents, toAnswer, targetLanguage, referenceFrom, type Answer, type DialogDeps } from './dialog-kit';
import { FAQ_INTENTS, faqKey } from './faq';
import { maskSensitiveText } from '../security/redact';
import { stepOf } from './flow';
import { FLOWS } from './flows';
import { tellBalance, tellFico, tellHistory, tellPayoff, tellTitle } from './flows/account-answers';
import { startAutoPay, startAutoPayCancel } from './flows/autopay';
import { cardCaptured, startPayment } from './flows/pay';
import { startAutoPayChangeDay } from './flows/autopay-change-day';
import { offerPerson, toSpanishAgent } from './flows/offer-person';
import { startPayoffPayment } from './flows/pay-payoff';
import { isWholeReference, startWithReference } from './flows/verify';
import type { Intent } from './nlu-port';
import type { SessionState } from './state';
import { TurnContext } from './turn-context';

export { MAX_RETRIES, type DialogDeps } from './dialog-kit';

/** How sure the understanding must be of a new request before a flow in progress is left for it. */
const LEAVE_FLOW_SCORE = 0.85;

/**
 * Plays one turn over a loaded session state: mutates the state and returns
 * what to say; the engine persists the state afterwards. An answer goes first
 * to the current step of the flow in progress (the question asked comes
 * first); only what that step does not recognise goes to the language
 * understanding, as an aside (answered, then the flow resumes) or a new request.
 */
export async function playTurn(state: SessionState, input: TurnInput, deps: DialogDeps): Promise<TurnOutput> {
  const ctx = new TurnContext(state, input, deps, FLOWS, runIntent);
  const ev = input.event;
  if (ev.kind === 'hang-up') {
    state.ended = true;
    state.flow = null;
    ctx.end = true;
    return ctx.output();
  }
  if (ev.kind === 'start') {
    await start(ctx);
    return ctx.output();
  }
  if (ev.kind === 'card-result') {
    const flow = state.flow;
    if (ev.result.outcome === 'hung-up') {
      // The caller hung up while entering the card: nothing was charged.
      state.ended = true;
      state.flow = null;
      ctx.end = true;
    } else if (flow?.name === 'pay' && flow.step === 'card') await cardCaptured(ctx, flow, ev.result);
    else ctx.repeat();
    return ctx.output();
  }
  if (state.ended) {
    // A new message after goodbye starts over with what the customer said.
    state.ended = false;
  }
  if (ev.kind === 'no-input') {
    await ctx.invalid({ key: 'common.noInput' });
    return ctx.output();
  }
  const answer = toAnswer(ev);
  if (!state.flow && answer.digits && state.lastPrompt?.expect.kind === 'choice') {
    // A keypad answer to a menu: the digit picks the choice.
    const picked = state.lastPrompt.expect.choices.find((c) => c.digit === answer.digits);
    if (picked) answer.button = picked.value;
  }
  if (await globalCommand(ctx, answer)) return ctx.output();
  const current = state.flow ? stepOf(FLOWS, state.flow.name, state.flow.step) : null;
  if (state.flow && !current) ctx.dropFlow();
  if (state.flow && current) {
    const flow = state.flow;
    const result = await current.read(ctx, flow, answer);
    if (result.kind === 'accepted') {
      state.retries = 0;
      return ctx.output();
    }
    if (result.kind === 'invalid') {
      await ctx.invalid(result.message);
      return ctx.output();
    }
  }
  await understand(ctx, answer);
  return ctx.output();
}

async function start(ctx: TurnContext): Promise<void> {
  if (ctx.channel === 'voice') {
    const known = ctx.input.callerId ? await ctx.svc.identity.languageForCaller(ctx.input.callerId) : null;
    if (known) {
      ctx.state.locale = known;
      ctx.state.languageChosen = true;
    }
    if (!ctx.state.languageChosen) {
      ctx.beginFlow('language', 'pick', null);
      ctx.say('voice.welcome');
      ctx.prompt();
      return;
    }
    ctx.say('voice.welcome');
    await runIntent(ctx, 'help', true);
    ctx.offerOtherLanguage();
    return;
  }
  ctx.say('chat.welcome');
  ctx.menu();
}

async function globalCommand(ctx: TurnContext, a: Answer): Promise<boolean> {
  if (ctx.channel === 'voice' && a.digits === '0') {
    await ctx.toAgent('requested');
    return true;
  }
  if (ctx.channel === 'voice' && a.digits === '*') {
    ctx.repeat();
    return true;
  }
  if (a.button?.startsWith('intent:')) {
    const intent = a.button.slice('intent:'.length) as Intent;
    ctx.intent = intent;
    if (ctx.state.flow && ctx.state.flow.name !== 'clarify' && ctx.state.flow.name !== 'offerAgent' && !ONE_SHOT.has(intent)) {
      ctx.state.flow = null;
    }
    if (ctx.state.flow?.name === 'clarify' || ctx.state.flow?.name === 'offerAgent') ctx.state.flow = null;
    await runIntent(ctx, intent, false);
    return true;
  }
  if (a.button === 'lang:es' || a.button === 'lang:en') {
    ctx.switchLanguage(a.button === 'lang:es' ? 'es' : 'en');
    return true;
  }
  return false;
}

async function understand(ctx: TurnContext, a: Answer): Promise<void> {
  const text = a.text.trim();
  if (!text) {
    await ctx.invalid({ key: 'common.notUnderstood' });
    return;
  }
  if (await startWithReference(ctx, text)) return;
  // Topics that go to a person come before anything else: never a balance for a repossession.
  const topic = ctx.deps.nlu.detectTopic(text, ctx.locale);
  if (topic) {
    ctx.intent = topic;
    offerPerson(ctx, topic);
    return;
  }
  const result = await ctx.deps.nlu.classify(text, ctx.locale);
  ctx.intent = result.intent;
  ctx.confidence = result.score;
  const confident = result.score >= ctx.deps.nlu.threshold && result.intent !== 'none';
  if (!confident) {
    const top = [result, ...result.alternatives]
      .filter((c) => c.intent !== 'none')
      .sort((x, y) => y.score - x.score);
    const options = uniqueIntents(top.map((c) => c.intent)).slice(0, 2);
    if (result.intent !== 'none' && options.length === 2 && !ctx.state.flow) {
      ctx.beginFlow('clarify', 'pick', null, { a: options[0]!, b: options[1]! });
      ctx.prompt();
      return;
    }
    await ctx.invalid({ key: ctx.state.flow ? 'common.notUnderstood' : 'common.fallback' });
    return;
  }
  const intent = result.intent;
  if (ctx.state.flow) {
    const flow = ctx.state.flow;
    if (intent === 'cancel') {
      ctx.state.flow = null;
      ctx.state.retries = 0;
      ctx.say('common.cancelled');
      ctx.menu();
      return;
    }
    if (intent === 'agent' || intent === 'goodbye') {
      await runIntent(ctx, intent, false);
      return;
    }
    if (intent === 'change_language') {
      ctx.switchLanguage(targetLanguage(text, ctx.locale));
      return;
    }
    if (FAQ_INTENTS.has(intent) || (ONE_SHOT.has(intent) && canAnswerNow(ctx, intent))) {
      // Answer the aside, then pick the flow up where it was.
      await answerOneShot(ctx, intent);
      if (ctx.state.flow === flow) {
        ctx.say('common.resume');
        ctx.prompt();
      }
      return;
    }
    if (flow.name === 'clarify' || flow.name === 'offerAgent') ctx.state.flow = null;
    else {
      // Leaving a flow in progress takes a clear request, not a guess at an answer that did not fit the question.
      if (result.score < LEAVE_FLOW_SCORE) {
        await ctx.invalid({ key: 'common.notUnderstood' });
        return;
      }
      ctx.say('common.switching');
      ctx.state.flow = null;
    }
  }
  ctx.state.fallbacks = 0;
  // The words of the request may already carry what the flow asks for ("pay $200 tomorrow").
  // Kept in the session until used, so never with an SSN or bank number in it.
  ctx.state.requestText = maskSensitiveText(text);
  await runIntent(ctx, intent, false);
}

function canAnswerNow(ctx: TurnContext, intent: Intent): boolean {
  if (!NEEDS_ACCOUNT.has(intent) && !NEEDS_CUSTOMER.has(intent)) return true;
  if (!ctx.state.verified) return false;
  if (NEEDS_CUSTOMER.has(intent)) return true;
  return ctx.state.accountId !== null;
}

async function answerOneShot(ctx: TurnContext, intent: Intent): Promise<void> {
  ctx.topic(intent);
  if (FAQ_INTENTS.has(intent)) {
    ctx.say(faqKey(intent));
    return;
  }
  switch (intent) {
    case 'balance_due':
      return tellBalance(ctx);
    case 'payoff_quote':
      return tellPayoff(ctx);
    case 'payment_history':
      return tellHistory(ctx);
    case 'fico_score':
      return tellFico(ctx);
    case 'thanks':
      ctx.say('common.welcomeThanks');
      return;
    case 'greeting':
      ctx.say('common.hello');
      return;
    default:
      ctx.say('help.body');
  }
}

/** Carries out a request, first asking for verification or a vehicle when it needs them. */
async function runIntent(ctx: TurnContext, intent: Intent, quietMenu: boolean): Promise<void> {
  ctx.topic(intent);
  if (SENSITIVE.has(intent)) {
    offerPerson(ctx, intent);
    return;
  }
  if (intent === 'spanish_agent') return toSpanishAgent(ctx);
  if ((NEEDS_ACCOUNT.has(intent) || NEEDS_CUSTOMER.has(intent)) && !ctx.state.verified) {
    const locked = await ctx.svc.identity.lockedMinutes(ctx.input.sessionId, ctx.input.callerId ?? null);
    if (locked !== null) {
      ctx.say('identity.locked', { minutes: locked });
      await ctx.lockedOut();
      return;
    }
    ctx.say(ctx.channel === 'voice' ? 'identity.intro' : 'identity.introFor', { topic: `topic.${intent}` });
    const flow = ctx.beginFlow('verify', 'reference', intent);
    // A VIN or account number given with the request ("pay $200 on my Civic, VIN 2HGF…") is the first answer.
    const reference = ctx.channel === 'voice' ? null : referenceInRequest(ctx);
    if (reference) {
      flow.data.refKind = reference.kind;
      flow.data.ref = reference.value;
      ctx.goTo('taxId');
      return;
    }
    ctx.prompt();
    return;
  }
  if (NEEDS_ACCOUNT.has(intent) && !ctx.accountFits(intent)) {
    const candidates = ctx.accountsFor(intent);
    if (candidates.length === 0) {
      ctx.say(intent === 'title_status' ? 'title.noneToTrack' : 'account.allPaidOff');
      ctx.anythingElse();
      return;
    }
    if (candidates.length === 1) {
      ctx.state.accountId = candidates[0]!.id;
    } else {
      ctx.beginFlow('chooseAccount', 'pick', intent);
      ctx.prompt();
      return;
    }
  }
  switch (intent) {
    case 'greeting':
      ctx.say('common.hello');
      ctx.menu();
      return;
    case 'help':
      if (quietMenu && ctx.channel === 'voice') {
        ctx.menu();
        return;
      }
      ctx.say('help.body');
      ctx.menu();
      return;
    case 'thanks':
      ctx.say('common.welcomeThanks');
      ctx.anythingElse();
      return;
    case 'goodbye':
      ctx.say('common.goodbye');
      ctx.state.flow = null;
      ctx.state.ended = true;
      ctx.end = true;
      return;
    case 'agent':
      await ctx.toAgent('requested');
      return;
    case 'cancel':
      ctx.say('common.nothingToCancel');
      ctx.menu();
      return;
    case 'change_language':
      ctx.switchLanguage(targetLanguage(ctx.lastText(), ctx.locale));
      return;
    case 'none':
      await ctx.invalid({ key: 'common.fallback' });
      return;
    case 'make_payment':
      return startPayment(ctx, { text: takeRequestText(ctx) });
    case 'pay_payoff':
      takeRequestText(ctx);
      return startPayoffPayment(ctx);
    case 'autopay_change_day':
      return startAutoPayChangeDay(ctx);
    case 'title_email_updates':
      // The title's status comes with the offer of emailed updates on its way.
      return tellTitle(ctx);
    case 'balance_due':
    case 'payoff_quote':
    case 'payment_history':
    case 'fico_score':
      await answerOneShot(ctx, intent);
      ctx.anythingElse();
      return;
    case 'autopay_enroll':
      return startAutoPay(ctx);
    case 'autopay_cancel':
      return startAutoPayCancel(ctx);
    case 'title_status':
      return tellTitle(ctx);
    case 'extra_payment':
      ctx.say(faqKey(intent));
      if (ctx.state.verified) {
        ctx.say('pay.offerExtra');
      }
      ctx.anythingElse();
      return;
    case 'alerts':
    case 'pay_by_text':
      if (ctx.state.verified) {
        const st = await ctx.svc.alerts.status(ctx.actor());
        if (st.textAlerts) {
          // Already on: what alerts are needs no explaining again.
          ctx.say('alerts.alreadyOn', { last4: st.mobileLast4 ?? '' });
        } else if (st.mobileLast4) {
          ctx.say(faqKey(intent));
          ctx.beginFlow('textAlerts', 'confirm', null, { last4: st.mobileLast4 });
          ctx.prompt();
          return;
        } else {
          ctx.say(faqKey(intent));
          ctx.say('alerts.noMobile');
        }
      } else {
        ctx.say(faqKey(intent));
        ctx.say('alerts.signUpHint');
      }
      ctx.anythingElse();
      return;
    default:
      if (FAQ_INTENTS.has(intent)) {
        ctx.say(faqKey(intent));
        ctx.anythingElse();
        return;
      }
      await ctx.invalid({ key: 'common.fallback' });
  }
}

/** The words of the request being carried out, once: a later request starts afresh. */
function takeRequestText(ctx: TurnContext): string | undefined {
  const text = ctx.state.requestText;
  delete ctx.state.requestText;
  return text;
}

/** A VIN or account number inside the words of the request, if it reads as one. */
function referenceInRequest(ctx: TurnContext): { kind: string; value: string } | null {
  const text = ctx.state.requestText;
  if (!text) return null;
  const token = text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .find(isWholeReference);
  if (!token) return null;
  const raw = referenceFrom({ text: token, digits: null, button: null, speech: false }, ctx.deps.nlu, ctx.locale);
  const parsed = raw ? ctx.svc.identity.parseReference(raw) : null;
  return parsed?.ok ? { kind: parsed.value.kind, value: parsed.value.value } : null;
}
