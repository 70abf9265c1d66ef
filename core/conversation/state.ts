import type { Channel, Locale } from '../shared/types';
import type { Expectation, Message } from './contract';
import type { AccountBrief } from '../accounts';

/**
 * A flow's name (its `name` in its file under `flows/`). Written in
 * snake_case like the intents; a flow that one request starts is named after
 * that request's intent (`autopay_enroll`, `balance_due`), and the others for
 * what they do (`verify`, `choose_account`, `pay`). Sessions store it, so a
 * renamed flow keeps its old name in {@link RENAMED_FLOWS}.
 */
export type FlowName = string;

export type FlowData = Record<string, string | number | boolean | null>;

/** One flow on the stack: which step it is waiting on and what it has gathered. */
export interface FlowFrame {
  /** Unique per flow instance; part of payment idempotency keys. */
  id: string;
  name: FlowName;
  step: string;
  data: FlowData;
}

export interface VerifiedState {
  customerId: string;
  /** When verification succeeded (ms since the epoch): it holds for a limited time however active the session. */
  verifiedAt: number;
  firstName: string;
  business: boolean;
  accounts: AccountBrief[];
}

/**
 * Everything the engine remembers about a conversation. Plain JSON, so any
 * server instance can load it and take the next turn. Never holds a full
 * SSN/Tax ID or bank account number: those are checked or vaulted the turn
 * they arrive, and only a token and last four digits are kept.
 */
export interface SessionState {
  v: 1;
  channel: Channel;
  locale: Locale;
  /** False until the caller picked a language (voice) or we learned it. */
  languageChosen: boolean;
  /** On the phone: the language is the one kept for the caller's number, not yet confirmed by anything said in the call. */
  languageFromNumber?: boolean;
  /**
   * The language the chat page last sent with an activity: a change of it is
   * the visitor's switch on the page; the same one sent again does not undo
   * a switch asked for in the conversation.
   */
  pageLocale?: Locale;
  verified: VerifiedState | null;
  accountId: string | null;
  /**
   * The flows in progress, the one waiting on an answer last. A flow that
   * needs something first (verification, a vehicle, a bank account) calls a
   * sub-flow on top of itself and gets its result back when it returns.
   */
  stack: FlowFrame[];
  /** Invalid or empty answers to the current prompt. */
  retries: number;
  /** Invalid answers with no flow in progress (fallbacks in a row). */
  fallbacks: number;
  lastPrompt: { messages: Message[]; expect: Expectation } | null;
  lastActivityAt: number;
  turns: number;
  /** What the last answer asked for: a channel masks what comes back when it is sensitive. */
  expecting?: Expectation;
  /** The words of the request being carried out, until its flow has read what they already say. */
  requestText?: string;
  /** Answers given ahead of their question (an amount when asked which vehicle), masked, until a flow reads them. */
  answersAhead?: string[];
  /** The amount of the last payment made in this conversation, for "the same amount as before" (cents). */
  lastPaidCents?: number;
  /** Topics handled, for the agent's handoff summary. */
  topics: string[];
  /** The summary of the last transfer to a person, for the agent who picks up (free of sensitive data). */
  handoffSummary?: string;
  ended: boolean;
}

export function newSessionState(channel: Channel, locale: Locale | null, now: number): SessionState {
  return {
    v: 1,
    channel,
    locale: locale ?? 'en',
    languageChosen: locale !== null && channel !== 'voice',
    verified: null,
    accountId: null,
    stack: [],
    retries: 0,
    fallbacks: 0,
    lastPrompt: null,
    lastActivityAt: now,
    turns: 0,
    topics: [],
    ended: false,
  };
}

/** Forgets who the customer is and what was in progress: they must verify again to act on an account. */
export function forgetVerified(state: SessionState): void {
  state.verified = null;
  state.accountId = null;
  state.stack = [];
  state.retries = 0;
}

/** The flow waiting on an answer, if any. */
export function currentFlow(state: SessionState): FlowFrame | null {
  return state.stack[state.stack.length - 1] ?? null;
}

/** Names flows had in sessions saved before flow names took the intents' spelling: the old name, then the new. */
export const RENAMED_FLOWS: Readonly<Record<string, FlowName>> = {
  chooseAccount: 'choose_account',
  autopayEnroll: 'autopay_enroll',
  autopayCancel: 'autopay_cancel',
  autopayChangeDay: 'autopay_change_day',
  titleEmail: 'title_email',
  textAlerts: 'text_alerts',
  offerAgent: 'offer_agent',
  offerPerson: 'offer_person',
};

/**
 * Brings a session saved by an earlier version up to date, so it resumes
 * where it was: one kept a single flow (`flow`, with the request to carry on
 * with as `then`), which becomes a stack with the request waiting beneath the
 * flow; flows on the stack under an old name take their current one.
 */
export function upgradeState(state: SessionState): SessionState {
  if (!Array.isArray(state.stack)) state.stack = stackOfSingleFlow(state);
  for (const frame of state.stack) {
    if (Object.hasOwn(RENAMED_FLOWS, frame.name)) frame.name = RENAMED_FLOWS[frame.name]!;
  }
  return state;
}

function stackOfSingleFlow(state: SessionState): FlowFrame[] {
  const legacy = state as SessionState & { flow?: (FlowFrame & { then?: string | null }) | null };
  const stack: FlowFrame[] = [];
  if (legacy.flow) {
    const { then, ...frame } = legacy.flow;
    if (then) stack.push({ id: `${frame.id}:request`, name: 'request', step: 'waiting', data: { intent: then } });
    stack.push(frame);
  }
  delete legacy.flow;
  return stack;
}
