import type { TurnInput, TurnOutput } from './contract';
import { NEEDS_ACCOUNT, NEEDS_CUSTOMER, ONE_SHOT, uniqueIntents, toAnswer, targetLanguage, type Answer, type DialogDeps } from './dialog-kit';
import { FAQ_INTENTS, faqKey } from './faq';
import { FLOWS } from './flows';
import { tellBalance, tellFico, tellHistory, tellPayoff, tellTitle } from './flows/account-answers';
import { startAutoPay, startAutoPayCancel } from './flows/autopay';
import { startPayment } from './flows/pay';
import { startWithReference } from './flows/verify';
import type { Intent } from './nlu-port';
import type { SessionState } from './state';
import { TurnContext } from './turn-context';

export { MAX_RETRIES, type DialogDeps } from './dialog-kit';

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
  if (state.flow) {
    const flow = state.flow;
    const result = await FLOWS[flow.name].steps[flow.step]!.read(ctx, flow, answer);
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
  const result = await ctx.deps.nlu.classify(text, ctx.locale);
  ctx.intent = result.intent;
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
      ctx.say('common.switching');
      ctx.state.flow = null;
    }
  }
  ctx.state.fallbacks = 0;
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
  if ((NEEDS_ACCOUNT.has(intent) || NEEDS_CUSTOMER.has(intent)) && !ctx.state.verified) {
    const locked = await ctx.svc.identity.lockedMinutes(ctx.input.sessionId, ctx.input.callerId ?? null);
    if (locked !== null) {
      ctx.say('identity.locked', { minutes: locked });
      await ctx.lockedOut();
      return;
    }
    ctx.say(ctx.channel === 'voice' ? 'identity.intro' : 'identity.introFor', { topic: `topic.${intent}` });
    ctx.beginFlow('verify', 'reference', intent);
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
      return startPayment(ctx, null);
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
