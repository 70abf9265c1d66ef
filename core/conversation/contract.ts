import type { Channel, Locale } from '../shared/types';

/**
 * The conversation engine's contract. A front end turns its channel's input
 * into a `TurnInput`, calls the engine, and renders the `TurnOutput` it gets
 * back: the engine never knows which library carries the words.
 */

export type TurnEvent =
  /** The conversation (chat opened, call answered, first text) begins. */
  | { kind: 'start' }
  /** The caller said or pressed nothing before the prompt timed out. */
  | { kind: 'no-input' }
  /** Ask the last question again (the channel could not deliver the answer, or the caller asked to hear it again). */
  | { kind: 'repeat' }
  /** The call or chat ended from the customer's side. */
  | { kind: 'hang-up' }
  | { kind: 'text'; text: string }
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; text: string; confidence: number }
  /** A suggested-action button: its value is a stable choice id (see `Choice.value`). */
  | { kind: 'button'; value: string }
  /** What the phone line's card capture (Twilio `<Pay>`) reported back. */
  | { kind: 'card-result'; result: CardCaptureResult };

/**
 * The outcome of a card capture. The card number never reaches us: a charged
 * card comes back as the payment connector's token, brand, last 4 and expiry.
 */
export type CardCaptureResult =
  | { outcome: 'charged'; token: string; brand: string; last4: string; expiry: string; confirmationCode: string }
  /** `declined`: the card issuer said no; `connector-error`: the payment processor failed; `too-many-attempts`: no valid card after the tries allowed; `interrupted`: the caller pressed star. */
  | { outcome: 'declined' | 'connector-error' | 'too-many-attempts' | 'interrupted' | 'hung-up' };

export interface TurnInput {
  sessionId: string;
  channel: Channel;
  /** The locale the channel reports (the web page's switch, the language digit); null when unknown. */
  locale: Locale | null;
  event: TurnEvent;
  /**
   * A key identifying this exact request, stable across retries (Direct Line
   * activity id, Twilio CallSid plus step). The engine derives payment
   * idempotency keys from it, so a retried webhook never pays twice.
   */
  turnKey: string;
  /** The caller's phone number (voice, sms), for caller-level rate limits and language lookup. */
  callerId?: string | null;
}

/** One thing to say: an i18n key with its parameters, rendered per channel and language. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export interface Choice {
  /** Stable value sent back as a `button` event (or mapped from a keypad digit). */
  value: string;
  /** i18n key of the label. */
  labelKey: string;
  labelParams?: Record<string, string | number>;
  /** The keypad digit that selects it on the phone. */
  digit?: string;
}

/** What the engine expects next, so each channel can ask for it the right way. */
export type Expectation =
  | { kind: 'text' }
  | { kind: 'choice'; choices: Choice[] }
  | { kind: 'yes-no' }
  | { kind: 'digits'; min: number; max: number; sensitive: boolean; finishOnKey?: '#' }
  | { kind: 'amount' }
  | { kind: 'date' }
  /**
   * A card, taken by the channel's own PCI-safe capture and charged for
   * `amountCents` (the phone line's `<Pay>`); its result comes back as a
   * `card-result` event.
   */
  | { kind: 'card'; amountCents: number; description: string }
  | { kind: 'none' };

/** A receipt for a payment just taken, so chat can show a card. */
export interface Receipt {
  confirmationNumber: string;
  amountCents: number;
  scheduledFor: string;
  accountLast4: string;
  vehicle: string;
  fundingLast4: string;
}

export interface TurnOutput {
  locale: Locale;
  messages: Message[];
  expect: Expectation;
  /** Recognised intent of this turn's input when the NLU ran, for transcripts and analytics. */
  intent?: string;
  /** The classifier's score for that intent (0–1), when the classifier ran. */
  confidence?: number;
  /** The flow step now waiting for an answer (`pay.amount`, `verify.taxId`; see PROMPTS), if any. */
  prompt?: string;
  receipt?: Receipt;
  /** Transfer to a person, with a summary free of sensitive data. */
  handoff?: { reason: string; summary: string };
  /** The session is over (goodbye, hang-up, too many failures without an agent). */
  end: boolean;
}

export interface ConversationEngine {
  /** Handles one turn. Never throws for a customer's input; infrastructure failures reject. */
  handle(input: TurnInput): Promise<TurnOutput>;
  /**
   * What the session's last answer asked for, or null before its first turn:
   * a channel masks what comes back when it is sensitive, before storing it.
   */
  pendingExpectation(sessionId: string): Promise<Expectation | null>;
  /**
   * What a front end may know of a session without playing a turn: its
   * language (to apologise in it) and the summary of its last transfer to a
   * person (for the agent who picks up); null when the session does not exist.
   */
  sessionInfo(sessionId: string): Promise<SessionInfo | null>;
}

export interface SessionInfo {
  locale: Locale;
  handoffSummary: string | null;
}
