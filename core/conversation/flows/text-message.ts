import { carrierConfirmsStop, smsKeyword } from '../../alerts/alerts-service';
import { REMINDER_CODE_DIGITS } from '../../alerts/payment-reminders';
import type { Message } from '../contract';
import { clean } from '../dialog-kit';
import { FAQ_INTENTS, faqKey } from '../faq';
import type { Intent } from '../nlu-port';
import type { PayByTextOutcome, TextSender } from '../../alerts';
import type { TurnContext } from '../turn-context';

/**
 * The conversation by text message. Every text is answered on its own, in
 * one reply of at most one segment, because a text cannot hold a question
 * and its answer the way a chat does:
 *
 * 1. carrier keywords first (STOP wins over everything; HELP; START);
 * 2. PAY with a reminder's one-time code pays what that reminder named;
 *    PAY with an amount is told plainly that a text pays only the amount due;
 * 3. anything else is understood like any other channel's free text: a
 *    sensitive topic gets the number to call, a question from the knowledge
 *    base its short answer, a request for a person the number, and account
 *    details (which need verifying, impossible by text) the ways to get them.
 *
 * Nothing sensitive is taken by text: a message carrying a long run of
 * digits (an SSN, a card or bank account number) is never read further and
 * never echoed. Replies name no account unless a reminder's code came with
 * the text. The phone number to call is the channel's (`phone`, filled in by
 * the SMS renderer).
 */
export async function answerText(ctx: TurnContext): Promise<void> {
  const body = ctx.lastText();
  if (ctx.input.event.kind !== 'text') return;
  const phone = ctx.input.callerId ?? '';
  const sender = phone ? await ctx.svc.alerts.sender(phone) : null;
  // A customer's own language; a number we do not know is answered in the language it writes in.
  ctx.state.locale = sender?.locale ?? ctx.deps.nlu.guessLanguage(body) ?? 'en';
  ctx.state.languageChosen = true;

  const keyword = smsKeyword(body);
  if (keyword) return answerKeyword(ctx, keyword, body, phone, sender);

  // Checked before PAY too: "PAY 4111111111111111" is a card number, not an amount.
  if (LONG_DIGIT_RUN.test(body)) return tell(ctx, { key: 'sms.noSensitive' });
  const pay = payReply(body);
  if (pay?.kind === 'code') {
    ctx.intent = 'make_payment';
    const outcome = await ctx.svc.payByText.payByReminder(phone, pay.code);
    tell(ctx, payOutcomeMessage(outcome));
    if (outcome.kind === 'paid') {
      // The same record of a payment every channel leaves (the supervisor's charts count it).
      ctx.receipt = {
        confirmationNumber: outcome.confirmationNumber,
        amountCents: outcome.amountCents,
        scheduledFor: outcome.date,
        accountLast4: outcome.accountLast4,
        vehicle: outcome.vehicle,
        fundingLast4: outcome.bankLast4,
      };
    }
    return;
  }
  if (pay?.kind === 'amount') {
    ctx.intent = 'make_payment';
    tell(ctx, { key: gate(sender) ?? 'sms.payAmount' });
    return;
  }
  // Understood like any channel's words: control characters out, the length capped.
  await answerQuestion(ctx, clean(body), sender);
}

async function answerKeyword(ctx: TurnContext, keyword: 'stop' | 'start' | 'help', body: string, phone: string, sender: TextSender | null): Promise<void> {
  ctx.intent = `sms_${keyword}`;
  if (keyword === 'stop') {
    if (sender) await ctx.svc.alerts.recordSmsKeyword(phone, 'stop');
    // The carrier (or Twilio) confirms an English opt-out itself; the Spanish ALTO gets ours.
    if (!carrierConfirmsStop(body)) tell(ctx, { key: 'sms.stopped' });
    return;
  }
  if (keyword === 'start') {
    if (!sender) return tell(ctx, { key: 'sms.unknownNumber' });
    await ctx.svc.alerts.recordSmsKeyword(phone, 'start');
    return tell(ctx, { key: sender.textAlerts ? 'sms.optedIn' : 'sms.optedInNoAlerts' });
  }
  tell(ctx, { key: 'sms.help' });
}

/**
 * "PAY 4821": the word that means "pay what my reminder named" (Spanish
 * speakers may answer PAGAR or PAGO) and the reminder's one-time code, if given.
 */
const PAY_WORD = /^(?:PAY|PAGAR|PAGO)(?![A-Z])\s*(.*)$/;
const PAY_CODE = new RegExp(`^#?\\s*(\\d{${REMINDER_CODE_DIGITS}})$`);
/** "PAY 100", "pay $250.50", "PAGAR 300 dolares": an amount, which a text cannot choose. */
const PAY_AMOUNT = /^(?:US)?\$?\s*\d[\d,]*(?:\.\d{1,2})?\s*(?:\$|USD|DOLLARS?|D[OÓ]LARES|BUCKS)?$/;

/** What a PAY text asks: the reminder's amount (with or without its code), or an amount of its own. */
export function payReply(body: string): { kind: 'code'; code: string | null } | { kind: 'amount' } | null {
  const m = PAY_WORD.exec(body.trim().replace(/[.!¡?¿]+$/g, '').toUpperCase());
  if (!m) return null;
  const rest = m[1]!.trim();
  if (!rest) return { kind: 'code', code: null };
  const code = PAY_CODE.exec(rest);
  if (code) return { kind: 'code', code: code[1]! };
  // Any other number after PAY, "PAY 100" or "PAY 48213", is read as an amount: the reply names the code's length too.
  return PAY_AMOUNT.test(rest) ? { kind: 'amount' } : null;
}

/** Seven digits or more in a row (spaces, dots or dashes between them allowed): an SSN, card or bank number. */
const LONG_DIGIT_RUN = /\d(?:[\s.-]?\d){6,}/;

/**
 * How many more words of one language than of the other a question needs
 * before it is answered in that language rather than the customer's own: a
 * lone "thanks" from a Spanish speaker is still answered in Spanish.
 */
const WRITTEN_LANGUAGE_LEAD = 2;

/** Questions about one account: they need a verified customer, which a text cannot be. */
const ACCOUNT_DETAILS: ReadonlySet<Intent> = new Set<Intent>([
  'balance_due',
  'payoff_quote',
  'pay_payoff',
  'payment_history',
  'fico_score',
  'autopay_enroll',
  'autopay_cancel',
  'autopay_change_day',
  'title_status',
  'title_email_updates',
]);

/** Where the answer to a question about one account is found, said for the topic asked about. */
const DETAILS_BY_TOPIC: Partial<Record<Intent, string>> = {
  title_status: 'sms.titleDetails',
  title_email_updates: 'sms.titleDetails',
  fico_score: 'sms.ficoDetails',
};

/** Topics a person handles: answered with the number to call (and, for a dispute, where to write). */
const PERSON_TOPICS: ReadonlySet<Intent> = new Set<Intent>(['repossession', 'hardship', 'deferral', 'bankruptcy', 'death', 'fraud', 'dispute', 'complaint', 'frustration']);

async function answerQuestion(ctx: TurnContext, body: string, sender: TextSender | null): Promise<void> {
  const text = body.trim();
  if (sender?.optedOut) {
    tell(ctx, { key: 'sms.optedOut' });
    return;
  }
  const fallback = sender ? 'sms.unknownCommand' : 'sms.unknownNumber';
  if (!text) return tell(ctx, { key: fallback });
  // A question plainly written in the other language is understood, and answered, in that language.
  const written = ctx.deps.nlu.guessLanguage(text, WRITTEN_LANGUAGE_LEAD);
  if (written) ctx.state.locale = written;

  const topic = ctx.deps.nlu.detectTopic(text, ctx.locale);
  if (topic) {
    ctx.intent = topic;
    ctx.topic(topic);
    return tell(ctx, { key: `sensitive.${topic}` });
  }
  const result = await ctx.deps.nlu.classify(text, ctx.locale);
  const intent = result.intent;
  ctx.intent = intent;
  if (intent === 'none' || result.score < ctx.deps.nlu.threshold) return tell(ctx, { key: fallback });
  ctx.topic(intent);
  tell(ctx, questionAnswer(ctx, intent, text, sender) ?? { key: fallback });
}

/** The short answer to a question by text, or null when a text has none (then the usual directions). */
function questionAnswer(ctx: TurnContext, intent: Intent, text: string, sender: TextSender | null): Message | null {
  if (FAQ_INTENTS.has(intent)) return { key: faqKey(intent) };
  switch (intent) {
    case 'agent':
      return { key: 'sms.agent' };
    case 'spanish_agent':
      ctx.state.locale = 'es';
      return { key: 'spanish.agent' };
    case 'make_payment':
      // "I want to pay $100": a text pays the reminder's amount, and says so.
      if (ctx.deps.nlu.amount(text, ctx.locale).kind === 'amount') return { key: 'sms.payAmount' };
      return { key: 'sms.payHowTo' };
    case 'help':
    case 'greeting':
      return { key: 'sms.help' };
    case 'thanks':
    case 'goodbye':
      return { key: 'sms.thanks' };
    default:
      if (ACCOUNT_DETAILS.has(intent)) return sender ? { key: DETAILS_BY_TOPIC[intent] ?? 'sms.accountDetails' } : { key: 'sms.unknownNumber' };
      // A topic that goes to a person, recognised by the classifier rather than by its words: the same answer.
      if (PERSON_TOPICS.has(intent)) return { key: `sensitive.${intent}` };
      return null;
  }
}

/** Why a number cannot act by text at all (unknown, or opted out), as a reply key; null when it can. */
function gate(sender: TextSender | null): string | null {
  if (!sender) return 'sms.unknownNumber';
  if (sender.optedOut) return 'sms.optedOut';
  return null;
}

/** What a PAY with a reminder's code came to, as the reply. */
function payOutcomeMessage(outcome: PayByTextOutcome): Message {
  switch (outcome.kind) {
    case 'paid':
    case 'already-paid':
      return {
        key: outcome.kind === 'paid' ? 'sms.paid' : 'sms.alreadyPaid',
        params: {
          amount: outcome.amountCents,
          date: outcome.date,
          confirmation: outcome.confirmationNumber,
          vehicle: outcome.vehicle,
          account: outcome.accountLast4,
          last4: outcome.bankLast4,
        },
      };
    case 'paid-today':
      return { key: 'sms.paidToday', params: { amount: outcome.amountCents, confirmation: outcome.confirmationNumber, vehicle: outcome.vehicle } };
    case 'unknown-number':
      return { key: 'sms.unknownNumber' };
    case 'opted-out':
      return { key: 'sms.optedOut' };
    case 'not-opted-in':
      return { key: 'sms.notOptedIn' };
    case 'how-to-pay':
      return { key: 'sms.payHowTo' };
    case 'suspended':
      return { key: 'sms.paySuspended' };
    case 'nothing-due':
      return { key: 'sms.nothingDue' };
    case 'no-bank':
      return { key: 'sms.noBank' };
    case 'failed':
      return { key: 'sms.payFailed' };
  }
}

/** Says the one reply of this text; a text waits for nothing in particular. */
function tell(ctx: TurnContext, message: Message): void {
  ctx.say(message.key, message.params);
}
