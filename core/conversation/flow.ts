import type { Expectation, Message } from './contract';
import type { Answer, StepResult } from './dialog-kit';
import type { Intent } from './nlu-port';
import type { FlowFrame, FlowName } from './state';
import type { TurnContext } from './turn-context';

/** What a step asks: the words, and what kind of answer is expected (so each channel asks the right way). */
export interface Prompt {
  messages: Message[];
  expect: Expectation;
}

/**
 * One question of a flow: how it is asked, and how an answer to it is read.
 * `read` answers `unrecognized` when the answer is not for this question at
 * all (a new request, an aside), `invalid` with the reason when it is a bad
 * answer (asked again; a person offered after three), or `accepted` once it
 * has moved the flow on.
 */
export interface StepSpec {
  prompt(ctx: TurnContext, flow: FlowFrame): Prompt;
  read(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult>;
}

/** What a called sub-flow gives back to the flow that called it. */
export type FlowResult =
  /** Done, with nothing to give back. */
  | { kind: 'done' }
  /** Identity is verified (the customer is in the session). */
  | { kind: 'verified' }
  /** The vehicle account the request is about. */
  | { kind: 'account'; accountId: string }
  /** How to pay: the bank on file, a new (vaulted) bank account, or a card on the phone. */
  | {
      kind: 'funding';
      funding: 'on_file' | 'new' | 'card';
      routing?: string;
      token?: string;
      newLast4?: string;
      accountType?: string;
      pendingValidation: boolean;
    };

/**
 * How a flow takes an interruption, declared once instead of special-cased by name:
 * - `task` (the default): an aside is answered and the flow resumes; a clear new
 *   request leaves it (saying so); `cancel` ends it;
 * - `repair`: a question put to get the conversation back on track (which topic
 *   was meant, a person or start over): any new request simply replaces it.
 */
export type FlowKind = 'task' | 'repair';

/**
 * What a request needs before it can be carried out: nothing, a verified
 * customer, or one of their vehicle accounts (active ones, paid-off ones, or any).
 */
export type Needs = 'nothing' | 'customer' | 'active account' | 'paid-off account' | 'any account';

/**
 * A way into a flow: the requests that start it, what they need first (the
 * router verifies the customer and asks which vehicle before `start`), and
 * whether it may be asked in the middle of another flow and answered as an
 * aside (a flow without steps, such as the amount due).
 */
export interface Entry {
  intents: readonly Intent[];
  needs: Needs;
  aside?: boolean;
  start(ctx: TurnContext, intent: Intent): Promise<void>;
}

/**
 * A flow, declared as data: its name and its steps in the order a
 * conversation usually meets them. The interpreter (`play-turn.ts`) routes an
 * answer to the current step of the flow on top of the stack; the steps'
 * names, as `flow.step`, are the prompts transcripts report coverage of.
 */
export interface FlowSpec {
  name: FlowName;
  steps: Record<string, StepSpec>;
  /** The requests that start it. A flow without entries is only ever called by another one. */
  entries?: readonly Entry[];
  kind?: FlowKind;
  /** Leaving it half done loses something the customer gave (a payment): goodbye asks first. */
  confirmLeaving?: boolean;
  /** A sub-flow this flow called has returned its result. */
  resume?(ctx: TurnContext, flow: FlowFrame, result: FlowResult): Promise<void>;
  /**
   * A change to an answer already given ("no wait, make it $150", "actually
   * tomorrow"), offered at any later step of this flow or of a sub-flow it
   * called: null when the answer changes nothing of this flow.
   */
  correct?(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null>;
  /**
   * An answer to another of this flow's questions, given where it was not
   * asked ("$100" or "the Civic" at the routing-number question): a value the
   * flow already has is acknowledged and the question on screen asked again;
   * a new good value replaces the old one. Offered top-down once the step's
   * own reader found no answer in it; null when it is none of this flow's.
   */
  restated?(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult | null>;
}

export type FlowRegistry = Record<FlowName, FlowSpec>;

/** A step that asks with a fixed prompt. */
export function step(prompt: StepSpec['prompt'], read: StepSpec['read']): StepSpec {
  return { prompt, read };
}

/** The step a frame waits on, or null for a frame no registered flow has (a session saved by another version). */
export function stepOf(flows: FlowRegistry, name: FlowName, step: string): StepSpec | null {
  return flows[name]?.steps[step] ?? null;
}

// Each registry's entries by intent, built the first time it is asked (a registry never changes).
const entriesByIntent = new WeakMap<FlowRegistry, Map<Intent, Entry>>();

/** The way into a flow that a request takes, if a flow starts on it. */
export function entryFor(flows: FlowRegistry, intent: Intent): Entry | null {
  let byIntent = entriesByIntent.get(flows);
  if (!byIntent) {
    byIntent = new Map();
    for (const flow of Object.values(flows)) {
      for (const entry of flow.entries ?? []) for (const i of entry.intents) if (!byIntent.has(i)) byIntent.set(i, entry);
    }
    entriesByIntent.set(flows, byIntent);
  }
  return byIntent.get(intent) ?? null;
}

/** What a request needs before it is carried out (nothing, when no flow starts on it). */
export function needsOf(flows: FlowRegistry, intent: Intent): Needs {
  return entryFor(flows, intent)?.needs ?? 'nothing';
}
