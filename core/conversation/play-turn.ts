import type { TurnInput, TurnOutput } from './contract';
import { isWholeReference, opensWithYes, FIRST_CLAUSE_END, CONVERSATIONAL_ASIDES, uniqueIntents, toAnswer, targetLanguage, referenceFrom, type Answer, type DialogDeps, type StepResult } from './dialog-kit';
import { FAQ_INTENTS, faqKey } from './faq';
import { holdsCardNumber, maskSensitiveText } from '../security/redact';
import { entryFor, needsOf, stepOf, type Needs } from './flow';
import { FLOWS } from './flows';
import { offerPerson, SENSITIVE_TOPICS } from './flows/offer-person';
import { otherVehicleNamed, theOtherOne, vehicleOption } from './flows/choose-account';
import { cardCaptured, cardsOnlyByPhone } from './flows/pay';
import { answerText } from './flows/text-message';
import { holdTaxId, startWithReference, verifyHeld } from './flows/verify';
import type { Intent } from './nlu-port';
import type { AccountBrief } from '../accounts';
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
  const ctx = new TurnContext(state, input, deps, FLOWS, runIntent, routeAnswer);
  if (state.channel === 'sms') {
    // Each text is answered on its own by the text-message flow.
    await answerText(ctx);
    return ctx.output();
  }
  const ev = input.event;
  if (ev.kind === 'hang-up') {
    state.ended = true;
    state.stack = [];
    ctx.end = true;
    return ctx.output();
  }
  if (ev.kind === 'start') {
    await start(ctx);
    return ctx.output();
  }
  if (ev.kind === 'card-result') {
    const flow = ctx.flow;
    if (ev.result.outcome === 'hung-up') {
      // The caller hung up while entering the card: nothing was charged.
      state.ended = true;
      state.stack = [];
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
  if (ev.kind === 'repeat') {
    ctx.repeat();
    return ctx.output();
  }
  const answer = toAnswer(ev);
  if (ev.kind === 'speech' && ev.confidence < CONFIRM_SPEECH_BELOW && speakable(answer.text) && mayEcho(state) && ctx.flow?.name !== 'heard') {
    // Speech the recognizer was unsure of is read back before anything is done with it.
    ctx.callFlow('heard', 'confirm', { text: maskSensitiveText(answer.text) });
    ctx.prompt();
    return ctx.output();
  }
  await routeAnswer(ctx, answer);
  return ctx.output();
}

/** An answer, routed: a global command, the question asked, a change of an earlier answer, or a new request. */
async function routeAnswer(ctx: TurnContext, answer: Answer): Promise<void> {
  const state = ctx.state;
  if (!ctx.flow && answer.digits && state.lastPrompt?.expect.kind === 'choice') {
    // A keypad answer to a menu: the digit picks the choice.
    const picked = state.lastPrompt.expect.choices.find((c) => c.digit === answer.digits);
    if (picked) answer.button = picked.value;
  }
  if (await globalCommand(ctx, answer)) return;
  // "Perdón, no le entendí, ¿me lo repite?": the question again, never read as its answer (a "no" at a read-back).
  if (answer.text && !answer.digits && !answer.button && ctx.state.lastPrompt && ctx.deps.nlu.asksToRepeat(answer.text)) {
    ctx.repeat();
    return;
  }
  const flow = ctx.flow;
  const current = flow ? stepOf(FLOWS, flow.name, flow.step) : null;
  if (flow && !current) ctx.dropFlow();
  if (flow && current && !aRequestInstead(ctx, answer)) {
    const atYesNo = state.lastPrompt?.expect.kind === 'yes-no';
    // A change to an earlier answer ("no wait, make it $150") is read before the step's own reader; then
    // another vehicle meant ("wait, the other car, the civic"), which starts the request again for it.
    let result = (await correctEarlierAnswer(ctx, answer)) ?? (await anotherVehicleMeant(ctx, answer)) ?? (await current.read(ctx, flow, answer));
    // Not an answer to this question, but perhaps one the customer already gave, or gives ahead. A refused answer
    // keeps its reason ("two decimal places"), except where digits of another kind are asked (a routing number).
    const refusedDigits = result.kind === 'invalid' && state.lastPrompt?.expect.kind === 'digits';
    // A topic that goes to a person ("me quedé sin trabajo y no puedo pagar nada ahorita") is never an answer.
    const mayBeSaidAgain = (result.kind === 'unrecognized' || refusedDigits) && answer.text && !answer.digits && !answer.button;
    if (mayBeSaidAgain && !ctx.deps.nlu.detectTopic(answer.text, ctx.locale)) result = (await restatedAnswer(ctx, answer)) ?? result;
    if (result.kind === 'accepted') {
      state.retries = 0;
      if (atYesNo && !ctx.flow) await andThen(ctx, answer);
      return;
    }
    if (result.kind === 'invalid') {
      await ctx.invalid(result.message);
      return;
    }
  }
  await understand(ctx, answer);
}

/**
 * "Perfect. Do the other one too, autopay for the civic, same day": a yes
 * that finished what was read back, and a next request after it, which is
 * taken in place of the question of what else.
 */
async function andThen(ctx: TurnContext, answer: Answer): Promise<void> {
  if (!answer.text || answer.digits || answer.button || ctx.state.ended) return;
  const cut = FIRST_CLAUSE_END.exec(answer.text);
  if (!cut) return;
  const rest = answer.text.slice(cut.index + cut[0].length).trim();
  if (rest.split(/\s+/).length < 3 || ctx.deps.nlu.acknowledges(rest) || ctx.deps.nlu.takesLeave(rest) || ctx.deps.nlu.yesNo(rest, ctx.locale) !== null) return;
  const asked = ctx.state.lastPrompt?.messages.length ?? 0;
  ctx.out.splice(ctx.out.length - asked);
  await understand(ctx, { ...answer, text: rest });
}

/**
 * "Actually hold on, can I talk to a real person about moving my due date",
 * "no, don't pay anything right now": a person asked for, the payment
 * called off, or Auto Pay asked of, in so many words, in the middle of a task, is a request and
 * never read as the answer to the question on screen (a day in "right now").
 * An offer of a person, a question put to get back on track, and the phone's
 * choice of language (which reads the request in the language chosen) read it
 * themselves.
 */
function aRequestInstead(ctx: TurnContext, answer: Answer): boolean {
  if (!answer.text || answer.digits || answer.button || ctx.flowKind() === 'repair' || ctx.flow?.name === 'language') return false;
  if (ctx.deps.nlu.asksForAPerson(answer.text) || ctx.deps.nlu.callsOffThePayment(answer.text)) return true;
  // "¿Se puede en inglés? Le paso a mi socio": the other language asked for, also where digits are asked.
  const language = ctx.deps.nlu.languageAskedFor(answer.text);
  if (language !== null && language !== ctx.locale) return true;
  // "Instead of paying now can you set up autopay on the civic": Auto Pay asked of in its own words, outside Auto Pay.
  const autoPay = ctx.deps.nlu.autoPayAskedFor(answer.text);
  return autoPay !== null && !ctx.state.stack.some((f) => f.name.startsWith('autopay'));
}

/**
 * "Wait, the other car. The Civic", at Auto Pay's day question: the request in
 * progress starts again for the vehicle meant, by its make or model (or, of
 * two, as "the other one"). A payment reads this itself, keeping what else the
 * words give (see the payment's corrections).
 */
async function anotherVehicleMeant(ctx: TurnContext, answer: Answer): Promise<StepResult | null> {
  if (!answer.text || answer.digits || answer.button || !ctx.state.verified || !ctx.state.accountId) return null;
  const bottom = ctx.state.stack[0];
  const entry = bottom ? FLOWS[bottom.name]?.entries?.[0] : undefined;
  const intent = entry?.intents[0];
  if (!bottom || !entry || !intent || bottom.name === 'pay' || !ACCOUNT_NEEDS.has(entry.needs)) return null;
  if (ctx.flow?.name === 'choose_account') return null;
  // "Perfect. Do the other one too" at a read-back: the yes is for this one.
  if (opensWithYes(answer, ctx.deps.nlu, ctx.locale, ctx.state.lastPrompt?.expect.kind === 'yes-no')) return null;
  const other = otherVehicleNamed(ctx, answer.text, intent) ?? theOtherOne(ctx, answer.text, intent);
  if (!other) return null;
  ctx.dropFlow();
  await runFor(ctx, intent, other, answer.text);
  return { kind: 'accepted' };
}

/** The request run again for another vehicle, what else the words say filling its slots ("ahora el civic, la misma cantidad, hoy"). */
async function runFor(ctx: TurnContext, intent: Intent, account: AccountBrief, words: string): Promise<void> {
  ctx.state.accountId = account.id;
  ctx.intent = intent;
  ctx.state.requestText = maskSensitiveText(words);
  delete ctx.state.answersAhead;
  await runIntent(ctx, intent, false);
}

const ACCOUNT_NEEDS: ReadonlySet<Needs> = new Set(['active account', 'paid-off account', 'any account']);

/**
 * Questions answered by their words alone, in a line, and a flow in progress
 * goes on: what paying here costs ("oiga, ¿y por pagar así me cobran algo?";
 * in a payment, "y eso tiene algún cargo extra?"), the customer service
 * number, the language letters come in ("¿me pueden mandar las cartas en
 * español?"), whether looking at the FICO® Score lowers it, and, before
 * verifying, where the account number or the VIN is found.
 */
function asideAnswered(ctx: TurnContext, text: string): string | null {
  const nlu = ctx.deps.nlu;
  const paying = [...ctx.flowsInProgress()].some(({ frame }) => frame.name === 'pay');
  const asides: Array<[() => boolean, string]> = [
    [() => nlu.asksWhatPayingHereCosts(text, paying), 'pay.noFeeHere'],
    [() => nlu.asksForTheNumber(text), 'agent.number'],
    [() => nlu.asksWhichLanguageWeWrite(text), 'faq.statements'],
    [() => nlu.asksIfLookingHurts(text), 'fico.noImpact'],
    [() => !ctx.state.verified && nlu.asksWhereToFindTheNumber(text), 'identity.whereToFind'],
  ];
  return asides.find(([asks]) => asks())?.[1] ?? null;
}

/** Where one question ends and another begins in a message: "…online account?? also do u sell gap insurance". */
const NEXT_QUESTION = /[?!.]+\s+|\b(?:also|and also|plus|tambi[eé]n|y otra cosa|otra pregunta|otra cosa)\b/i;

/** The other questions the FAQ answers in a message of several, each read alone (at most two more). */
async function otherQuestionsAsked(ctx: TurnContext, text: string, first: Intent): Promise<Intent[]> {
  const parts = text.split(NEXT_QUESTION).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 3);
  if (parts.length < 2) return [];
  const found: Intent[] = [];
  for (const part of parts) {
    const reading = await ctx.deps.nlu.classify(part, ctx.locale);
    if (FAQ_INTENTS.has(reading.intent) && reading.score >= ctx.deps.nlu.threshold && reading.intent !== first && !found.includes(reading.intent)) found.push(reading.intent);
  }
  return found.slice(0, 2);
}

/** Wanting to do it, not asking about it: "lo quiero liquidar", "I want to pay it off". */
const WANTS_TO = /\b(?:quiero|queremos|quisiera|voy a|vamos a|want to|wanna|i'?d like to|let'?s|i'?ll|gonna|going to)\b/;

/** Torn between a payoff quote and paying it off (either read first, the other close behind). */
function quoteOrPayingOff(result: Classification): boolean {
  const pair = new Set(['payoff_quote', 'pay_payoff']);
  const second = result.alternatives[0];
  return pair.has(result.intent) && (result.score >= 0.9 || (second !== undefined && pair.has(second.intent) && second.score >= TORN_SECOND));
}

/** A question the FAQ answers is answered at this score when no other request is in sight. */
const FAQ_ALONE = 0.5;

/** A reading is offered in a clarifying question only when it scores at least this. */
const CLARIFY_FLOOR = 0.1;

/** A request is asked about when the runner-up scores at least this and is within this margin of the best. */
const TORN_SECOND = 0.3;
const TORN_MARGIN = 0.35;

/** Words that open or close a request ("hola buenas, …", "thanks, and …") but are not one. */
const COURTESIES: ReadonlySet<Intent> = new Set(['greeting', 'thanks']);

/**
 * In a sentence of more than a few words, a greeting or a thank-you is how the
 * request is wrapped, not what is asked ("hola buenas, quiero pagar lo
 * atrasado de mi troca"): when a request is among the likely readings, the
 * courtesy's likelihood goes to it, and it is not offered as one of two
 * readings to choose from.
 */
function courtesyIsNotTheRequest(text: string, result: Classification): Classification {
  if (text.split(/\s+/).length <= 3) return result;
  const all = [result, ...result.alternatives];
  const courtesy = all.filter((c) => COURTESIES.has(c.intent)).reduce((total, c) => total + c.score, 0);
  if (courtesy === 0) return result;
  const [best, ...rest] = all.filter((c) => !COURTESIES.has(c.intent)).sort((x, y) => y.score - x.score);
  // Only a request the words already point to takes its place ("hello there, good morning" stays a greeting);
  // a topic for a person never gains by politeness ("disculpe la molestia" is no frustration).
  if (!best || best.intent === 'none' || best.score < 0.2 || SENSITIVE_TOPICS.includes(best.intent)) return result;
  return { intent: best.intent, score: Math.min(1, best.score + courtesy), alternatives: rest };
}

/**
 * "Hola buenas, quiero pagar uno de mis carros": a greeting that opens a
 * request and drowns it is not the request; what follows it is read alone,
 * and taken when it is something else the words point to.
 */
async function openingIsNotTheRequest(ctx: TurnContext, text: string, result: Classification): Promise<Classification> {
  if (!COURTESIES.has(result.intent)) return result;
  const rest = ctx.deps.nlu.withoutOpening(text);
  if (rest.split(/\s+/).length < 2) return result;
  const again = await ctx.deps.nlu.classify(rest, ctx.locale);
  const other = again.intent === 'none' || COURTESIES.has(again.intent) || SENSITIVE_TOPICS.includes(again.intent) || again.score < OPENING_FLOOR;
  return other ? result : again;
}

/** What follows a greeting is taken for the request when it scores at least this. */
const OPENING_FLOOR = 0.3;

/** A question of how much or when ("¿cuánto tengo que pagar de lo atrasado?"), which a payment is not. */
const HOW_MUCH = /\b(?:how much|how many|when|cu[aá]nto|cu[aá]nta|cu[aá]ndo)\b/i;

/**
 * "Ay no, sabe qué, mejor comuníqueme con una persona que hable español":
 * a person asked for in so many words, read among the likely readings, is
 * the request, however frustrated the rest of it sounds.
 */
function personAskedFor(ctx: TurnContext, text: string, result: Classification): Classification {
  if (result.intent === 'agent' || result.intent === 'spanish_agent') return result;
  const person = [result, ...result.alternatives].find((c) => (c.intent === 'agent' || c.intent === 'spanish_agent') && c.score >= TORN_SECOND);
  if (!person || ctx.deps.nlu.readOptionWord(text, ['agent']) !== 'agent') return result;
  return { intent: person.intent, score: Math.max(ctx.deps.nlu.threshold, person.score), alternatives: [] };
}

/** Requests about one vehicle that the same words may ask again for another. */
const ANSWERS_FOR_A_VEHICLE: ReadonlySet<Intent> = new Set([
  'balance_due', 'payoff_quote', 'payment_history', 'title_status', 'make_payment', 'autopay_enroll', 'autopay_cancel', 'autopay_change_day',
]);

/** The same question put again for another vehicle: "ok and what about the jeep", "¿y la Jeep?", "same for the other car". */
const ASKS_THE_SAME =
  /^(?:(?:ok(?:ay|ey)?|oh|ah|and|so|also|now|bueno|pues|vale|ok y|y|great|perfect|perfecto|listo)\b[\s,.!]*)*(?:what about|how about|and (?:for |on |the )|same (?:for|with)|y (?:de |para |en |con |la |el |mi )|que tal|y que hay (?:de|con)|lo mismo (?:para|con|de)|(?:now|also|ahora|tambien) (?:the|my|el|la|mi) )/;
/** "Do the other one too", "la otra también, autopay for the civic": the same, asking nothing else. */
const ALSO_THIS_ONE = /\b(?:too|as well|tambien)\b/;
/** The words of each request that may be asked again for another vehicle; another's words ask something else. */
const WORDS_OF: Array<[RegExp, ReadonlySet<Intent>]> = [
  [/\b(?:pay(?!off)\w*|pag\w*|abon\w*)\b/, new Set(['make_payment'])],
  [/\b(?:owe|deb\w*|balance|saldo|due|adeud\w*)\b/, new Set(['balance_due'])],
  [/\b(?:payoff|liquid\w*)\b/, new Set(['payoff_quote'])],
  [/\b(?:auto ?pay|autopago)\b/, new Set(['autopay_enroll', 'autopay_cancel', 'autopay_change_day'])],
  [/\b(?:title|titulo)\b/, new Set(['title_status'])],
  [/\b(?:score|puntaje|fico)\b/, new Set()],
];
const asksSomethingElse = (text: string, last: Intent): boolean => WORDS_OF.some(([words, intents]) => words.test(text) && !intents.has(last));

/**
 * "Oh wait, no, sorry, I meant the Jeep, that's the one I'm trading in",
 * just after a payoff quote for the Civic, or "ok and what about the jeep"
 * after its amount due: the same answer, for the vehicle meant.
 */
async function sameAnswerForAnotherVehicle(ctx: TurnContext, text: string): Promise<boolean> {
  if (ctx.flow || !ctx.state.verified) return false;
  const last = ctx.state.topics[ctx.state.topics.length - 1] as Intent | undefined;
  if (!last || !ANSWERS_FOR_A_VEHICLE.has(last)) return false;
  const folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/^[\s¿¡]+/, '');
  const alsoThisOne = ALSO_THIS_ONE.test(folded) && !asksSomethingElse(folded, last);
  if (!ctx.deps.nlu.readCorrection(text, ctx.locale) && !ASKS_THE_SAME.test(folded) && !alsoThisOne) return false;
  const other = otherVehicleNamed(ctx, text, last) ?? theOtherOne(ctx, text, last, true);
  if (!other) return false;
  await runFor(ctx, last, other, text);
  return true;
}

/** Requests that name a sum to pay ("pay $180 … from my bank", "quiero pagar 400 de la F150") are payments, not these. */
const PAYMENT_LOOKALIKES: ReadonlySet<Intent> = new Set(['bill_pay', 'payoff_quote', 'pay_payoff', 'phone_payment', 'extra_payment', 'payment_options', 'pay_by_text']);
/** A payment named: "un pago por favor", "a payment please". */
const NAMES_A_PAYMENT = /\b(?:pago|payment|pay|pagar)\b/i;

type Classification = Awaited<ReturnType<DialogDeps['nlu']['classify']>>;

/** A sum the words name, read with no account in view. */
type SumReading = ReturnType<DialogDeps['nlu']['readAmount']>;
const NO_AMOUNTS = { amountDueCents: 0, pastDueCents: 0, payoffCents: 0 };

/**
 * The words' own evidence weighs in: when a request names a sum of money to
 * pay and a payment is among the likely readings, next to a topic that only
 * looks like one (bank bill pay, a payoff quote, paying by phone), it is a
 * payment.
 */
function namedSumIsPayment(ctx: TurnContext, text: string, result: Classification, sumSaid: () => SumReading): Classification {
  const payment = result.intent === 'make_payment' ? result : result.alternatives.find((c) => c.intent === 'make_payment');
  // Behind a look-alike read first ("pagar $180 del civic" as paying it off), a fainter payment reading is enough.
  const floor = PAYMENT_LOOKALIKES.has(result.intent) ? 0.1 : 0.2;
  if (!payment || payment.score < floor || KEEPS_ITS_READING.has(result.intent)) return result;
  const sum = sumSaid();
  // "Lo que quiero es pagar lo que está atrasado": the past due or the amount due named, and paying it said, not asked about.
  const dueToPay = (sum.kind === 'past_due' || sum.kind === 'amount_due') && ctx.deps.nlu.paysInSoManyWords(text) && !HOW_MUCH.test(text);
  if (sum.kind !== 'cents' && !dueToPay) return result;
  // The sum settles it; the look-alikes' likelihood was the payment's all along.
  return settledAsPayment(ctx, result, paysOrLooksLikeIt);
}

const paysOrLooksLikeIt = (c: { intent: Intent }): boolean => c.intent === 'make_payment' || PAYMENT_LOOKALIKES.has(c.intent);

/**
 * A payment the words settle: the likelihood of every reading `pays` counts
 * is the payment's, at least enough to act on, and no other reading is a
 * close second to ask about.
 */
function settledAsPayment(ctx: TurnContext, result: Classification, pays: (c: { intent: Intent }) => boolean): Classification {
  const score = [result, ...result.alternatives].filter(pays).reduce((total, c) => total + c.score, 0);
  return { intent: 'make_payment', score: Math.max(ctx.deps.nlu.threshold, Math.min(1, score)), alternatives: [] };
}

/**
 * A payoff quote, ways to pay, an extra payment or a deferral read where
 * none of its own words is ("Need to pay on my car loan", "quiero programar
 * un pago para dentro de dos meses"), next to a payment: the likelihood was
 * the payment's, and there is no second reading to ask about.
 */
function lookAlikesNeedTheirWords(ctx: TurnContext, text: string, result: Classification): Classification {
  const all = [result, ...result.alternatives];
  const payment = all.find((c) => c.intent === 'make_payment');
  // A payment scheduled for later, paid from a bank account the words name ("from a different bank
  // account this time"), or said in so many words ("vengo a abonar al carro"), is a payment however
  // unlikely the classifier found it.
  const saysSo =
    (result.intent === 'deferral' && ctx.deps.nlu.schedulesAPayment(text)) ||
    (result.intent === 'bill_pay' && ctx.deps.nlu.fundingMention(text, ctx.locale) !== null) ||
    (result.intent === 'extra_payment' && ctx.deps.nlu.paysInSoManyWords(text)) ||
    // "Un pago por favor": a look-alike with none of its words, where a payment is named.
    (PAYMENT_LOOKALIKES.has(result.intent) && ctx.deps.nlu.lacksItsOwnWords(result.intent, text) && NAMES_A_PAYMENT.test(text));
  if (!payment || (payment.score < 0.2 && !saysSo)) return result;
  const unfounded = all.filter((c) => ctx.deps.nlu.lacksItsOwnWords(c.intent, text));
  if (unfounded.length === 0 || (result !== payment && !unfounded.includes(result))) return result;
  return {
    intent: 'make_payment',
    score: Math.min(1, payment.score + unfounded.reduce((total, c) => total + c.score, 0)),
    alternatives: all.filter((c) => c !== payment && !unfounded.includes(c)),
  };
}

/** The questions about a payment that a look-alike read without its own words was hiding (never a topic for a person). */
const WHAT_LOOK_ALIKES_HIDE: ReadonlySet<Intent> = new Set(['make_payment', 'balance_due', 'payment_history', 'payoff_quote', 'pay_payoff']);

/**
 * "¿Y el pago del quince de cuánto es?": torn between two readings, one of
 * them a look-alike read without any word of its own (a payoff quote with no
 * payoff in it), the other is meant when the two together are a clear reading,
 * it is itself a likely one, and it is a question about a payment.
 */
function lookAlikeGivesWay(ctx: TurnContext, text: string, result: Classification): Classification {
  const threshold = ctx.deps.nlu.threshold;
  const readings = [result, ...result.alternatives].filter((c) => c.intent !== 'none').sort((x, y) => y.score - x.score);
  const [first, second] = readings;
  if (!first || !second || first.score >= threshold || first.score + second.score < threshold) return result;
  const firstLacks = ctx.deps.nlu.lacksItsOwnWords(first.intent, text);
  if (firstLacks === ctx.deps.nlu.lacksItsOwnWords(second.intent, text)) return result;
  const kept = firstLacks ? second : first;
  if (kept.score < TORN_SECOND || !WHAT_LOOK_ALIKES_HIDE.has(kept.intent)) return result;
  // "Pago automático o liquidación": another look-alike whose own words are there is a reading still in play.
  const inPlay = readings.slice(2).some((c) => c.score >= CLARIFY_FLOOR && PAYMENT_LOOKALIKES.has(c.intent) && !ctx.deps.nlu.lacksItsOwnWords(c.intent, text));
  if (inPlay) return result;
  return { intent: kept.intent, score: threshold, alternatives: readings.filter((c) => c !== first && c !== second) };
}

/**
 * "I want to pay extra on my car", "pay 500 toward principal": an extra
 * payment asked for, not asked about, is a payment (toward principal when
 * that is said), whichever way of paying the classifier took it for.
 */
function extraAskedForIsAPayment(ctx: TurnContext, text: string, result: Classification): Classification {
  if (!(paysOrLooksLikeIt(result) || result.intent === 'none') || !ctx.deps.nlu.extraPaymentAskedFor(text)) return result;
  // The words settle it: a wish to pay, and extra or principal.
  return settledAsPayment(ctx, result, paysOrLooksLikeIt);
}

/**
 * "Pay my Civic with a debit card": on a phone line that takes cards itself,
 * a payment by card asked for (not asked about) is a payment, which then
 * goes to the card; elsewhere the card question is answered.
 */
function cardAskedForIsAPayment(ctx: TurnContext, text: string, result: Classification): Classification {
  if (ctx.channel !== 'voice' || !ctx.svc.cardPayments.phone) return result;
  const payingByCard = (c: { intent: Intent }) => c.intent === 'debit_card_payment' || paysOrLooksLikeIt(c);
  if (!(payingByCard(result) || result.intent === 'none') || !ctx.deps.nlu.cardPaymentAskedFor(text)) return result;
  return settledAsPayment(ctx, result, payingByCard);
}

/**
 * "We need to turn off autopay on our Tacoma lease": Auto Pay named with what
 * is to be done with it is that request, where the classifier took it for a
 * way of paying or a payoff ("off"), or for another of Auto Pay's requests.
 */
function autoPayNamed(ctx: TurnContext, text: string, result: Classification): Classification {
  const asked = ctx.deps.nlu.autoPayAskedFor(text);
  if (!asked) return result;
  // Read as what the words ask of it, however unsure the classifier was.
  if (result.intent === asked) return { ...result, score: Math.max(ctx.deps.nlu.threshold, result.score) };
  // The words say which of Auto Pay's requests it is ("me quiero inscribir al autopay pa que ya no se me olvide"), whatever the other read.
  const anotherOfItsOwn = result.intent.startsWith('autopay_');
  if (!(anotherOfItsOwn || paysOrLooksLikeIt(result) || result.intent === 'none' || result.score < ctx.deps.nlu.threshold)) return result;
  const kept = [result, ...result.alternatives].filter((c) => c.intent !== asked && !paysOrLooksLikeIt(c));
  return { intent: asked, score: Math.max(ctx.deps.nlu.threshold, result.score), alternatives: kept };
}

/** What is owed, asked in so many words: "how much do we owe on the tacoma", "¿cuánto debemos este mes?". */
const HOW_MUCH_OWED = /\b(?:how much (?:do|does|did) (?:i|we|he|she|they) (?:still )?owe|what do (?:i|we) owe|how much is (?:due|owed)|cu[aá]nto (?:debo|debemos|le debo|les debo|se debe|adeudo|adeudamos))\b/i;

/**
 * "How much do we owe on the Tacoma this month, and is that coming out
 * automatically?": the amount owed asked for in so many words is the amount
 * due, where it is a likely reading beside something else the words touch on
 * (Auto Pay); a payoff asked in its own words keeps its reading.
 */
function owedAskedFor(ctx: TurnContext, text: string, result: Classification): Classification {
  if (result.intent === 'balance_due' || !HOW_MUCH_OWED.test(text) || ctx.deps.nlu.paysItOff(text)) return result;
  if (PAYMENT_LOOKALIKES.has(result.intent) && !ctx.deps.nlu.lacksItsOwnWords(result.intent, text)) return result;
  const owed = result.alternatives.find((c) => c.intent === 'balance_due');
  if (!owed || owed.score < TORN_SECOND) return result;
  return { intent: 'balance_due', score: Math.max(ctx.deps.nlu.threshold, owed.score), alternatives: [result, ...result.alternatives.filter((c) => c !== owed)] };
}

/**
 * "Pagala otra vez porfa, la jeep 356.90 hoy de la 4321": a sum with the day
 * or the bank to take it from is a payment spelled out, whatever else the
 * words resemble, outside a task; a person asked for, stopping or leaving
 * keep their reading.
 */
/** "El 5", "the 5th", "el día 20": a day of the month said alone, not a sum (nor a sum with its day). */
const DAY_ALONE = /^\s*(?:(?:(?:el|the|on the|on|para el)\s+(?:d[ií]a\s+)?|d[ií]a\s+)\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th))\s*[.!]?\s*$/i;

function paymentSpelledOut(ctx: TurnContext, text: string, result: Classification, sumSaid: () => SumReading): Classification {
  if ((ctx.flow && ctx.flowKind() !== 'repair') || KEEPS_ITS_READING.has(result.intent) || result.intent === 'make_payment') return result;
  const sum = sumSaid();
  if (sum.kind !== 'cents' || DAY_ALONE.test(text)) return result;
  const when = ctx.deps.nlu.readDate(text, ctx.locale, ctx.svc.today()).kind === 'date';
  const from = ctx.deps.nlu.fundingMention(text, ctx.locale) !== null;
  return when || from ? settledAsPayment(ctx, result, paysOrLooksLikeIt) : result;
}

/**
 * "300", "just 356.90 then", "trescientos dólares": a sum said on its own,
 * outside a task, where nothing else is understood with confidence, is a
 * payment of it. A bare number of four digits or more is not taken for one
 * (the last four of an account, a ZIP code).
 */
function sumAloneIsPayment(ctx: TurnContext, text: string, result: Classification, sumSaid: () => SumReading): Classification {
  const threshold = ctx.deps.nlu.threshold;
  // In a task, a sum is that task's to read (a new amount, or not understood there). A sigh the classifier
  // took for frustration, with nothing but a sum beside it ("ugh fine. 356.90 then"), is going on, not a complaint.
  const sigh = result.intent === 'frustration' && !ctx.deps.nlu.detectTopic(text, ctx.locale);
  if ((ctx.flow && ctx.flowKind() !== 'repair') || (result.intent !== 'none' && result.score >= threshold && !sigh)) return result;
  if (text.split(/\s+/).length > 6) return result;
  const sum = sumSaid();
  if (sum.kind !== 'cents') return result;
  const plainNumber = /^[^\d$]*\d+[^\d$.,]*$/.test(text) && !/\b(?:dollars?|bucks|d[oó]lares|pesos)\b/i.test(text);
  if (plainNumber && (text.match(/\d+/)?.[0].length ?? 0) > 3) return result;
  if (DAY_ALONE.test(text)) return result;
  return { intent: 'make_payment', score: threshold, alternatives: [] };
}

/**
 * "Jeep", "the civic": one of a verified customer's vehicles named with no
 * request. It becomes the vehicle the next request is about, and the
 * customer is asked what to do; never a guess at a topic.
 */
function vehicleNamedAlone(ctx: TurnContext, text: string): boolean {
  const accounts = ctx.state.verified?.accounts ?? [];
  if (accounts.length < 2 || text.split(/\s+/).length > 6) return false;
  const reading = ctx.deps.nlu.readChoice(text, ctx.locale, accounts.map(vehicleOption));
  const account = reading.kind === 'picked' ? accounts.find((a) => a.id === reading.value) : undefined;
  if (!account) return false;
  ctx.state.accountId = account.id;
  ctx.say('account.named', { vehicle: account.vehicle, last4: account.last4 });
  ctx.menu();
  return true;
}

/** Requests a named sum does not turn into a payment: a person, stopping, leaving, another language. */
const KEEPS_ITS_READING: ReadonlySet<Intent> = new Set(['agent', 'spanish_agent', 'cancel', 'goodbye', 'change_language']);

/** Speech recognised with less confidence than this is read back before it is acted on. */
const CONFIRM_SPEECH_BELOW = 0.4;

/** Words that can be read back as heard: a short answer of letters, digits and plain punctuation (never markup). */
function speakable(text: string): boolean {
  return text.length <= 80 && text.split(/\s+/).length <= 12 && /^[\p{L}\p{N}\s.,'’?!¿¡-]+$/u.test(text) && /\p{L}/u.test(text);
}

/** An answer may be read back unless the question asked for something sensitive (an SSN, a bank account number). */
function mayEcho(state: SessionState): boolean {
  const expect = state.lastPrompt?.expect;
  return !(expect && 'sensitive' in expect && expect.sensitive);
}

async function start(ctx: TurnContext): Promise<void> {
  if (ctx.channel === 'voice') {
    const known = ctx.input.callerId ? await ctx.svc.identity.languageForCaller(ctx.input.callerId) : null;
    if (known) {
      ctx.state.locale = known;
      ctx.state.languageChosen = true;
      ctx.state.languageFromNumber = true;
    }
    if (!ctx.state.languageChosen) {
      ctx.beginFlow('language', 'pick');
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

async function globalCommand(ctx: TurnContext, answer: Answer): Promise<boolean> {
  if (ctx.channel === 'voice' && answer.digits === '0') {
    await ctx.toAgent('requested');
    return true;
  }
  if (ctx.channel === 'voice' && answer.digits === '*') {
    ctx.repeat();
    return true;
  }
  if (answer.button?.startsWith('intent:')) {
    const intent = answer.button.slice('intent:'.length) as Intent;
    ctx.intent = intent;
    // A button says nothing more than its topic: earlier words do not fill this request's slots.
    delete ctx.state.requestText;
    delete ctx.state.answersAhead;
    // A button for a new topic leaves what was in progress; one for an aside answers it and the flow resumes.
    if (ctx.flowKind() === 'repair' || (ctx.flow && !isAside(intent))) ctx.dropFlow();
    await runIntent(ctx, intent, false);
    return true;
  }
  if (answer.button === 'lang:es' || answer.button === 'lang:en') {
    ctx.switchLanguage(answer.button === 'lang:es' ? 'es' : 'en');
    return true;
  }
  return false;
}

async function understand(ctx: TurnContext, answer: Answer): Promise<void> {
  let text = answer.text.trim();
  if (!text) {
    await ctx.invalid({ key: 'common.notUnderstood' });
    return;
  }
  // "Can I pay with my debit card? The number is 4111 1111 1111 1111": never kept, and said so; the rest is read.
  if (ctx.channel !== 'voice' && holdsCardNumber(text)) {
    ctx.say('pay.cardNumberTyped');
    if (cardsOnlyByPhone(ctx)) ctx.say('pay.cardByPhone');
    text = maskSensitiveText(text);
    if (!/\p{L}{3,}/u.test(text.replace(/•+\d{4}/g, ''))) {
      if (ctx.flow) ctx.prompt();
      else ctx.anythingElse();
      return;
    }
  }
  if (await startWithReference(ctx, text)) return;
  // "Ok sounds good", "perfecto": the last answer acknowledged. The question on screen is asked again, without a
  // "sorry"; with none, what else.
  if (ctx.deps.nlu.acknowledges(text)) {
    ctx.say('common.okay');
    if (ctx.flow) ctx.prompt();
    else if (ctx.state.topics.length > 0) ctx.anythingElse();
    else ctx.menu();
    return;
  }
  // "Sorry, can we switch to spanish? mi inglés no es muy bueno": said in so many words, whatever else is said.
  // "Sí, español, gracias" in the language already spoken: a few words choosing it, taken as chosen.
  const chosen = !ctx.flow && text.split(/\s+/).length <= 4 ? ctx.deps.nlu.readLanguageName(text) : null;
  const switchTo = ctx.deps.nlu.asksWhichLanguageWeWrite(text) ? null : ctx.deps.nlu.languageAskedFor(text);
  const language = switchTo && switchTo !== ctx.locale ? switchTo : chosen === ctx.locale ? chosen : null;
  if (language) {
    // "She wants to talk to someone in spanish": a person who speaks it, not only the language.
    if (switchTo === language && ctx.deps.nlu.readOptionWord(text, ['agent']) === 'agent') {
      const person: Intent = language === 'es' ? 'spanish_agent' : 'agent';
      ctx.intent = person;
      ctx.state.locale = language;
      ctx.state.languageChosen = true;
      await runIntent(ctx, person, false);
      return;
    }
    ctx.intent = 'change_language';
    ctx.switchLanguage(language);
    return;
  }
  // "I need to pay my car, ssn 401-22-7788": the SSN and the words naming it say nothing of what is asked.
  const asked = ctx.deps.nlu.taxIdIn(text)?.rest || text;
  // Topics that go to a person come before anything else: never a balance for a repossession.
  const topic = ctx.deps.nlu.detectTopic(asked, ctx.locale);
  if (topic) {
    ctx.intent = topic;
    offerPerson(ctx, topic);
    return;
  }
  if (await sameAnswerForAnotherVehicle(ctx, asked)) return;
  const asidesAnswered = asideAnswered(ctx, asked);
  if (asidesAnswered) {
    ctx.say(asidesAnswered);
    if (ctx.flow) {
      ctx.say('common.resume');
      ctx.prompt();
    } else ctx.anythingElse();
    return;
  }
  const classified = await withoutItsSlots(ctx, asked, await openingIsNotTheRequest(ctx, asked, courtesyIsNotTheRequest(asked, await readInWrittenLanguage(ctx, asked))));
  // The sum the words name, read once for the rules below that weigh it (and only if one does).
  let sumRead: SumReading | undefined;
  const sumSaid = (): SumReading => (sumRead ??= ctx.deps.nlu.readAmount(asked, ctx.locale, NO_AMOUNTS));
  // The words' own evidence, weighed rule by rule, in this order, on the classifier's reading.
  const rules: Array<(reading: Classification) => Classification> = [
    (r) => namedSumIsPayment(ctx, asked, r, sumSaid),
    (r) => lookAlikesNeedTheirWords(ctx, asked, r),
    (r) => lookAlikeGivesWay(ctx, asked, r),
    (r) => extraAskedForIsAPayment(ctx, asked, r),
    (r) => cardAskedForIsAPayment(ctx, asked, r),
    (r) => paymentSpelledOut(ctx, asked, r, sumSaid),
    (r) => sumAloneIsPayment(ctx, asked, r, sumSaid),
    (r) => autoPayNamed(ctx, asked, r),
    (r) => owedAskedFor(ctx, asked, r),
    (r) => personAskedFor(ctx, asked, r),
  ];
  let result = rules.reduce((reading, rule) => rule(reading), classified);
  // "Okay yeah, let's pay that off today from my bank on file": the payoff, paid, however much the day and bank made it a payment.
  if (result.intent === 'make_payment' && ctx.deps.nlu.paysItOff(asked)) result = { ...result, intent: 'pay_payoff' };
  // "¿Cuánto me falta para terminar de pagar el honda? Lo quiero liquidar ya": the quote and the wish to pay it
  // off; paying it off gives the quote first.
  if (quoteOrPayingOff(result) && ctx.deps.nlu.paysItOff(asked) && WANTS_TO.test(asked.toLowerCase())) {
    result = { intent: 'pay_payoff', score: Math.max(ctx.deps.nlu.threshold, result.score), alternatives: result.alternatives.filter((c) => c.intent !== 'payoff_quote' && c.intent !== 'pay_payoff') };
  }
  // "No, don't pay anything right now" in the middle of a payment: it stops.
  if (ctx.flow && ctx.deps.nlu.callsOffThePayment(asked)) result = { intent: 'cancel', score: 1, alternatives: [] };
  // "Ok gracias bye": thanks that take their leave are a goodbye.
  if (result.intent === 'thanks' && ctx.deps.nlu.takesLeave(asked)) result = { ...result, intent: 'goodbye' };
  // "Yes, that's correct" where no yes or no was asked is never a goodbye or a stop: the question is asked again.
  if (ctx.flow && (result.intent === 'goodbye' || result.intent === 'cancel') && !ctx.deps.nlu.takesLeave(asked) && ctx.deps.nlu.yesNo(asked, ctx.locale) === true) {
    await ctx.invalid({ key: 'common.notUnderstood' });
    return;
  }
  ctx.intent = result.intent;
  ctx.confidence = result.score;
  const runnerUp = result.alternatives.find((c) => c.intent !== result.intent && c.intent !== 'none');
  // Two topics in one breath ("fico title"): the second is nearly as likely as the first.
  // A topic for a person the classifier only guesses at second is no question to put ("buenas tardes, disculpe la
  // molestia" is a greeting, "queremos quitar el autopay" no repossession): such a topic is offered when it is the
  // likeliest reading, or when its own words are there (see detectTopic).
  const guessedAtSecond = runnerUp !== undefined && SENSITIVE_TOPICS.includes(runnerUp.intent);
  const torn = !ctx.flow && !guessedAtSecond && runnerUp !== undefined && runnerUp.score >= TORN_SECOND && result.score - runnerUp.score <= TORN_MARGIN;
  // Beside such a guess, a likely reading that together with it is a clear one is the request ("vengo a abonar al carro").
  const besideAGuess = guessedAtSecond && result.score >= TORN_SECOND && result.score + runnerUp.score >= ctx.deps.nlu.threshold;
  // "Also what's GAP? The dealer mentioned it": a question the FAQ answers, with nothing but out of scope beside it.
  const questionAlone = FAQ_INTENTS.has(result.intent) && result.score >= FAQ_ALONE && (runnerUp === undefined || runnerUp.score < CLARIFY_FLOOR);
  const confident = (result.score >= ctx.deps.nlu.threshold || besideAGuess || questionAlone) && result.intent !== 'none' && !torn;
  if (!confident && ctx.flow && wantsToLeave(ctx, result)) {
    // "Ay, mejor no sé... adiós": torn between stopping and saying goodbye, either way the customer wants out; ask first.
    if (leavingLosesSomething(ctx)) {
      ctx.callFlow('leave', 'confirm');
      ctx.prompt();
    } else await runIntent(ctx, 'goodbye', false);
    return;
  }
  if (!confident && !ctx.flow && vehicleNamedAlone(ctx, asked)) return;
  // "Nvm found it on the statement, 4100020001": what was not understood carries the number to verify with.
  if (!confident && (await startWithReference(ctx, text, true))) return;
  if (!confident) {
    // A reading nearly nobody would mean ("end the conversation" at 0.01 beside a guess at alerts) is never offered.
    const top = [result, ...result.alternatives]
      .filter((c) => c.intent !== 'none' && c.score >= CLARIFY_FLOOR && (c === result || !SENSITIVE_TOPICS.includes(c.intent)))
      .sort((x, y) => y.score - x.score);
    const options = uniqueIntents(top.map((c) => c.intent)).slice(0, 2);
    if (result.intent !== 'none' && options.length === 2 && !ctx.flow) {
      // Whichever is meant, the words may already fill its slots ("pay civic").
      ctx.state.requestText = maskSensitiveText(text);
      ctx.beginFlow('clarify', 'pick', { a: options[0]!, b: options[1]! });
      ctx.prompt();
      return;
    }
    await ctx.invalid({ key: ctx.flow ? 'common.notUnderstood' : 'common.fallback' });
    return;
  }
  const intent = result.intent;
  const flow = ctx.flow;
  if (flow) {
    if (intent === 'cancel') {
      ctx.dropFlow();
      ctx.say('common.cancelled');
      ctx.menu();
      return;
    }
    if (intent === 'goodbye' && leavingLosesSomething(ctx)) {
      // Half a payment is not dropped on a guess: goodbye in the middle asks first.
      ctx.callFlow('leave', 'confirm');
      ctx.prompt();
      return;
    }
    if (intent === 'agent' || intent === 'spanish_agent' || intent === 'goodbye') {
      await runIntent(ctx, intent, false);
      return;
    }
    if (intent === 'change_language') {
      ctx.switchLanguage(targetLanguage(text, ctx.locale, ctx.deps.nlu));
      return;
    }
    if (FAQ_INTENTS.has(intent) || (isAside(intent) && canAnswerNow(ctx, intent))) {
      // Answer the aside, then pick the flow up where it was; a question put to get back on track is not picked up again.
      const repair = ctx.flowKind() === 'repair';
      if (repair) ctx.dropFlow();
      const under = ctx.flow;
      await answerOneShot(ctx, intent);
      if (under && ctx.flow === under) {
        ctx.say('common.resume');
        ctx.prompt();
      } else if (repair && !ctx.flow && FAQ_INTENTS.has(intent)) ctx.anythingElse();
      return;
    }
    const cannot = nothingToServe(ctx, intent);
    if (cannot) {
      // "How long till I get the title?" while paying the loan off: there is no title to track yet, said so, and the payment goes on.
      ctx.say(cannot);
      ctx.say('common.resume');
      ctx.prompt();
      return;
    }
    if (alreadyUnderWay(ctx, intent)) {
      // "I want to see my FICO score" again while its verification is asked: the same request, not a new one.
      // What the words add ("entonces quiero pagar quinientos dólares a la Honda") is kept for the request.
      ctx.state.requestText = [ctx.state.requestText, maskSensitiveText(text)].filter(Boolean).join(' ');
      ctx.say('common.onIt');
      ctx.prompt();
      return;
    }
    if (ctx.flowKind() === 'repair') ctx.dropFlow();
    else {
      // Leaving a flow in progress takes a clear request, not a guess at an answer that did not fit the question.
      if (result.score < LEAVE_FLOW_SCORE) {
        await ctx.invalid({ key: 'common.notUnderstood' });
        return;
      }
      ctx.say('common.switching');
      ctx.dropFlow();
    }
  }
  ctx.state.fallbacks = 0;
  // The words of the request may already carry what the flow asks for ("pay $200 tomorrow").
  // Kept in the session until used, so never with an SSN or bank number in it.
  ctx.state.requestText = maskSensitiveText(text);
  delete ctx.state.answersAhead;
  // "It doesn't show up in my online account?? also do u sell gap insurance": each question the FAQ answers, answered.
  if (!flow && FAQ_INTENTS.has(intent)) {
    const more = await otherQuestionsAsked(ctx, asked, intent);
    if (more.length > 0) {
      for (const question of [intent, ...more]) {
        ctx.topic(question);
        sayFaq(ctx, question);
      }
      ctx.anythingElse();
      return;
    }
  }
  // "We'd like to stop the automatic draft, our bookkeeper will mail checks. Where do those go?": a question and
  // an Auto Pay task in one breath; the question is answered, then the task begun.
  const task = !flow && FAQ_INTENTS.has(intent) ? ctx.deps.nlu.autoPayAskedFor(asked) : null;
  if (task) {
    ctx.topic(intent);
    sayFaq(ctx, intent);
    ctx.intent = task;
    await runIntent(ctx, task, false);
    return;
  }
  await runIntent(ctx, intent, false);
}

/** How plainly a chat message must be in the other language (see `guessLanguage`) to be read in it. */
const WRITTEN_LANGUAGE_LEAD = 2;

/**
 * Classifies a request in the conversation's language; on chat, a request not
 * understood there but plainly written in the other language and understood
 * in it ("what's the customer service phone number?" in a Spanish chat) is
 * taken in that language, and the conversation goes on in it. On the phone
 * only the first request counts, and only when the call was answered in the
 * language kept for the caller's number: then the words' language decides,
 * understood or not.
 */
async function readInWrittenLanguage(ctx: TurnContext, text: string): Promise<Classification> {
  const here = await ctx.deps.nlu.classify(text, ctx.locale);
  // A call answered in the language kept for the caller's number, and a first request plainly in the other one:
  // the caller's own words decide, understood here or not.
  const numberOnly = ctx.channel === 'voice' && ctx.state.languageFromNumber === true;
  delete ctx.state.languageFromNumber;
  if (!numberOnly && (ctx.channel !== 'chat' || (here.intent !== 'none' && here.score >= ctx.deps.nlu.threshold))) return here;
  const written = ctx.deps.nlu.guessLanguage(text, WRITTEN_LANGUAGE_LEAD);
  if (!written || written === ctx.locale) return here;
  const there = await ctx.deps.nlu.classify(text, written);
  if (!numberOnly && (there.intent === 'none' || there.score < ctx.deps.nlu.threshold)) return here;
  ctx.state.locale = written;
  ctx.state.languageChosen = true;
  // Asking for the language itself ("español, señorita") is answered once, by that request.
  if (there.intent !== 'change_language') ctx.say('language.changed');
  return there;
}

/**
 * A request not understood with confidence as said, read again without the
 * day and the bank it names ("pagar $180 del civic mañana de la cuenta
 * registrada" as "pagar $180 del civic"): those fill its slots and say nothing
 * of what is asked, and the fewer words the classifier never paired with a
 * request, the plainer the request. Taken when it is confident, or when it
 * is a payment (the request those words come with) and surer than the first.
 */
async function withoutItsSlots(ctx: TurnContext, text: string, result: Classification): Promise<Classification> {
  if (result.intent !== 'none' && result.score >= ctx.deps.nlu.threshold) return result;
  const bare = ctx.deps.nlu.withoutDayAndBank(text, ctx.locale);
  if (!bare || bare.split(' ').length === text.trim().split(/\s+/).length) return result;
  const again = courtesyIsNotTheRequest(bare, await ctx.deps.nlu.classify(bare, ctx.locale));
  const confident = again.intent !== 'none' && again.score >= ctx.deps.nlu.threshold;
  return confident || (again.intent === 'make_payment' && again.score > result.score) ? again : result;
}

/** Stopping and saying goodbye are the two likeliest readings, and together a clear one. */
function wantsToLeave(ctx: TurnContext, result: Classification): boolean {
  const leaving = new Set<Intent>(['cancel', 'goodbye']);
  const readings = [result, ...result.alternatives].filter((c, i, all) => all.findIndex((o) => o.intent === c.intent) === i);
  const best = readings.reduce((x, y) => (y.score > x.score ? y : x));
  const leavingScore = readings.filter((c) => leaving.has(c.intent)).reduce((total, c) => total + c.score, 0);
  return leaving.has(best.intent) && leavingScore >= ctx.deps.nlu.threshold;
}

/** Why a verified customer's request has no account to be about (a title while nothing is paid off), or null. */
function nothingToServe(ctx: TurnContext, intent: Intent): string | null {
  const needs = needsOf(FLOWS, intent);
  if (!ctx.state.verified || needs === 'nothing' || needs === 'customer' || ctx.accountsFor(intent).length > 0) return null;
  return noAccountFor(needs);
}

/** What is said when none of the customer's accounts is the kind a request needs. */
function noAccountFor(needs: Needs): string {
  return needs === 'paid-off account' ? 'title.noneToTrack' : 'account.allPaidOff';
}

/** The request is the one a flow in progress is already carrying out (or waiting to). */
function alreadyUnderWay(ctx: TurnContext, intent: Intent): boolean {
  for (const { frame, spec } of ctx.flowsInProgress()) {
    if (frame.name === 'request' && frame.data.intent === intent) return true;
    if (spec?.entries?.some((entry) => entry.intents.includes(intent))) return true;
  }
  return false;
}

/** A read-back or answer would be lost by leaving now (a payment half given). */
function leavingLosesSomething(ctx: TurnContext): boolean {
  for (const { spec } of ctx.flowsInProgress()) if (spec?.confirmLeaving) return true;
  return false;
}

/** Offers the answer to each flow in progress, top down, as a change to something it already has. */
function correctEarlierAnswer(ctx: TurnContext, answer: Answer): Promise<StepResult | null> {
  return offerTopDown(ctx, answer, 'correct');
}

/** Offers the answer to each flow in progress, top down, as one of its other questions' answers said again. */
function restatedAnswer(ctx: TurnContext, answer: Answer): Promise<StepResult | null> {
  return offerTopDown(ctx, answer, 'restated');
}

/** The first flow in progress, from the top, whose pattern takes the answer, and what it made of it. */
async function offerTopDown(ctx: TurnContext, answer: Answer, pattern: 'correct' | 'restated'): Promise<StepResult | null> {
  for (const { frame, spec } of [...ctx.flowsInProgress()]) {
    const take = spec?.[pattern];
    if (!take) continue;
    const result = await take(ctx, frame, answer);
    if (result) return result;
  }
  return null;
}

/** A request that may be answered in the middle of a flow, which then resumes. */
function isAside(intent: Intent): boolean {
  return CONVERSATIONAL_ASIDES.has(intent) || entryFor(FLOWS, intent)?.aside === true;
}

/** An aside needing a customer or an account is answered mid-flow only once it has them. */
function canAnswerNow(ctx: TurnContext, intent: Intent): boolean {
  const needs = needsOf(FLOWS, intent);
  if (needs === 'nothing') return true;
  if (!ctx.state.verified) return false;
  if (needs === 'customer') return true;
  return ctx.state.accountId !== null;
}

/**
 * The FAQ's answer; on a phone line that takes cards, a question about paying
 * by card is answered for this line (no fee from us) before the other services' fees.
 */
function sayFaq(ctx: TurnContext, intent: Intent): void {
  if (intent === 'debit_card_payment' && ctx.channel === 'voice' && ctx.svc.cardPayments.phone) ctx.say('pay.cardFee');
  // "Card pls" in the middle of a payment on a chat that takes no card: where this payment can go on a card.
  else if (intent === 'debit_card_payment' && cardsOnlyByPhone(ctx) && [...ctx.flowsInProgress()].some(({ frame }) => frame.name === 'pay')) ctx.say('pay.cardByPhone');
  else ctx.say(faqKey(intent));
}

async function answerOneShot(ctx: TurnContext, intent: Intent): Promise<void> {
  ctx.topic(intent);
  if (FAQ_INTENTS.has(intent)) {
    sayFaq(ctx, intent);
    return;
  }
  const entry = entryFor(FLOWS, intent);
  if (entry?.aside) return entry.start(ctx, intent);
  switch (intent) {
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
  const entry = entryFor(FLOWS, intent);
  if (entry) {
    if (await hasWhatItNeeds(ctx, intent, entry.needs)) await entry.start(ctx, intent);
    return;
  }
  await converse(ctx, intent, quietMenu);
}

/**
 * Whether the request can be carried out now; if not, verification or the
 * choice of a vehicle is called, beneath which the request waits.
 */
async function hasWhatItNeeds(ctx: TurnContext, intent: Intent, needs: Needs): Promise<boolean> {
  if (needs === 'nothing') return true;
  if (!ctx.state.verified) {
    const locked = await ctx.svc.identity.lockedMinutes(ctx.input.sessionId, ctx.input.callerId ?? null);
    if (locked > 0) {
      ctx.say('identity.locked', { minutes: locked });
      await ctx.lockedOut();
      return false;
    }
    ctx.say(ctx.channel === 'voice' ? 'identity.intro' : 'identity.introFor', { topic: `topic.${intent}` });
    ctx.beginFlow('request', 'waiting', { intent });
    const flow = ctx.callFlow('verify', 'reference');
    // A VIN or account number given with the request ("pay $200 on my Civic, VIN 2HGF…") is the first answer.
    const reference = ctx.channel === 'voice' ? null : referenceInRequest(ctx);
    // An SSN or Tax ID typed with the request ("I need to pay, ssn 401-22-7788") is held sealed for the reference.
    const taxId = ctx.channel === 'voice' ? null : taxIdInRequest(ctx);
    const held = taxId !== null && holdTaxId(ctx, flow, taxId) === null;
    if (reference) {
      flow.data.refKind = reference.kind;
      flow.data.ref = reference.value;
      flow.data.inRequest = true;
      if (held) await verifyHeld(ctx, flow);
      else ctx.goTo('taxId');
      return false;
    }
    if (held) ctx.say('identity.taxIdHeld');
    ctx.prompt();
    return false;
  }
  if (needs === 'customer') return true;
  const candidates = ctx.accountsFor(intent);
  // "Pay $200 on my Civic": the vehicle the request names; also after another one was talked about ("now pay the civic too").
  const named = candidates.length > 1 ? vehicleInRequest(ctx, candidates) : null;
  if (named && named.id !== ctx.state.accountId) {
    ctx.state.accountId = named.id;
    return true;
  }
  if (ctx.accountFits(intent)) return true;
  if (candidates.length === 0) {
    ctx.say(noAccountFor(needs));
    ctx.anythingElse();
    return false;
  }
  if (candidates.length === 1) ctx.state.accountId = candidates[0]!.id;
  else if (named) ctx.state.accountId = named.id;
  else {
    ctx.beginFlow('request', 'waiting', { intent });
    ctx.callFlow('choose_account', 'pick', { intent });
    ctx.prompt();
    return false;
  }
  return true;
}

/** The conversational requests no flow starts on: greetings, help, goodbye, a person, the language, the FAQ. */
async function converse(ctx: TurnContext, intent: Intent, quietMenu: boolean): Promise<void> {
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
      ctx.dropFlow();
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
      ctx.switchLanguage(targetLanguage(ctx.lastText(), ctx.locale, ctx.deps.nlu));
      return;
    case 'none':
      await ctx.invalid({ key: 'common.fallback' });
      return;
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
        const alertStatus = await ctx.svc.alerts.preferences(ctx.actor());
        if (alertStatus.textAlerts && !alertStatus.smsOptedOut) {
          // Already on: what alerts are needs no explaining again.
          ctx.say('alerts.alreadyOn', { last4: alertStatus.mobileLast4 ?? '' });
        } else if (alertStatus.mobileLast4) {
          ctx.say(faqKey(intent));
          ctx.beginFlow('text_alerts', 'confirm', { last4: alertStatus.mobileLast4 });
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
        sayFaq(ctx, intent);
        ctx.anythingElse();
        return;
      }
      await ctx.invalid({ key: 'common.fallback' });
  }
}

/**
 * The one vehicle the words of the request name by make or model ("pay $200
 * on my Civic", "el pago de la Jeep"), if they name exactly one. Ordinals are
 * not read here: "the first" in a request is more likely a date than a vehicle.
 */
function vehicleInRequest(ctx: TurnContext, candidates: AccountBrief[]): AccountBrief | null {
  const text = ` ${ctx.state.requestText?.toLowerCase() ?? ''} `;
  // Its make and model, its year ("my 2021"), or the last four of its account number or VIN ("the one ending 0005").
  const names = (account: AccountBrief) => [
    ...account.vehicle.toLowerCase().split(/\s+/).slice(1).filter((w) => w.length > 2),
    ...(/^(?:19|20)\d\d$/.test(account.vehicle.split(/\s+/)[0] ?? '') ? [account.vehicle.split(/\s+/)[0]!] : []),
    account.last4,
    ...(account.vinLast6 ? [account.vinLast6.slice(-4).toLowerCase()] : []),
  ];
  const named = candidates.filter((account) => names(account).some((w) => new RegExp(`[^\\p{L}\\p{N}]${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\p{L}\\p{N}]`, 'u').test(text)));
  return named.length === 1 ? named[0]! : null;
}

/** A VIN or account number inside the words of the request, if it reads as one. */
/** The SSN or Tax ID in the request, when the request is this turn's own words (the text kept of it is masked). */
function taxIdInRequest(ctx: TurnContext): string | null {
  const event = ctx.input.event;
  const text = event.kind === 'text' ? event.text : '';
  if (!ctx.state.requestText || maskSensitiveText(text) !== ctx.state.requestText) return null;
  return ctx.deps.nlu.taxIdIn(text)?.digits ?? null;
}

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
