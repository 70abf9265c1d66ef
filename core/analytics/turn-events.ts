import { createHmac } from 'node:crypto';
import type { ConversationEngine, TurnInput, TurnOutput } from '../conversation';
import { maskSensitiveText } from '../security';
import type { Channel, Locale } from '../shared/types';

/** What a turn came to, as the supervisor's charts count it. */
export const TURN_OUTCOMES = ['answered', 'not-understood', 'verified', 'verify-failed', 'locked', 'payment', 'handoff', 'ended'] as const;
export type TurnOutcome = (typeof TURN_OUTCOMES)[number];

/**
 * One analytics event per turn. It names no one: the conversation is a keyed
 * hash of the session id, and the only customer words kept are those of a
 * question nobody understood, with sensitive values masked.
 */
export interface TurnEventRecord {
  at: Date;
  conversation: string;
  channel: Channel;
  language: Locale;
  intent: string | null;
  confidence: number | null;
  prompt: string | null;
  outcome: TurnOutcome;
  handoffReason: string | null;
  paymentCents: number | null;
  latencyMs: number;
  unknownText: string | null;
}

/** Where turn events are written and from where old ones are deleted. */
export interface TurnEventStore {
  /** Writes events, with the daily totals they add to, in one transaction. */
  recordMany(events: TurnEventRecord[]): Promise<void>;
  /** Deletes events older than `cutoff`; resolves with how many went. */
  deleteBefore(cutoff: Date): Promise<number>;
}

/** Events written per transaction at most. */
const BATCH = 500;

/**
 * Writes turn events behind the turns, in batches: a customer's answer never
 * waits for its analytics, and a busy server writes many events per
 * transaction. Events still queued when the process dies are lost (they are
 * counts, not records of what anyone did); `flush` waits for the queue, and
 * the server flushes before it closes and before the supervisor's page reads.
 */
export class TurnEventWriter {
  private queue: TurnEventRecord[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: TurnEventStore,
    private readonly onError: (error: unknown, lost: number) => void,
  ) {}

  add(event: TurnEventRecord): void {
    this.queue.push(event);
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    // Let the turn's own work (its reply) go first; events written now ride along with any that follow.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue.splice(0, BATCH);
      try {
        await this.store.recordMany(batch);
      } catch (error) {
        this.onError(error, batch.length);
      }
    }
    // In the same step as the last look at the queue: an event added after it starts a new drain.
    this.running = null;
  }

  /** Resolves once every event added so far is written (or reported lost). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }
}

/** Messages that mark a verification's result (see the identity flow's prompts). */
const VERIFIED_KEYS = new Set(['identity.verified']);
const VERIFY_FAILED_KEYS = new Set(['identity.noMatch', 'identity.codeWrong']);
const LOCKED_KEYS = new Set(['identity.locked', 'error.IDENTITY.LOCKED']);

/** A not-understood question is kept to this many characters. */
const UNKNOWN_TEXT_MAX = 200;

/** The outcome a turn's reply plan shows, the strongest first (a payment outweighs the verification before it). */
export function outcomeOf(output: TurnOutput): TurnOutcome {
  const keys = output.messages.map((m) => m.key);
  if (output.handoff) return 'handoff';
  if (output.receipt) return 'payment';
  if (keys.some((k) => LOCKED_KEYS.has(k))) return 'locked';
  if (keys.some((k) => VERIFIED_KEYS.has(k))) return 'verified';
  if (keys.some((k) => VERIFY_FAILED_KEYS.has(k))) return 'verify-failed';
  if (output.end) return 'ended';
  if (output.intent === 'none' || keys.includes('common.notUnderstood')) return 'not-understood';
  return 'answered';
}

/**
 * What is kept of a question the assistant did not understand: masked like
 * every stored message, and then every remaining run of four or more digits
 * too (a partial account or card number is nobody's business here).
 */
export function maskedQuestion(text: string): string {
  return maskSensitiveText(text)
    .replace(/\d(?:[\s.-]?\d){3,}/g, '••••')
    .slice(0, UNKNOWN_TEXT_MAX);
}

export interface TurnEventDeps {
  writer: TurnEventWriter;
  /** Key of the conversation hash (the server's identity hash key serves). */
  hashKey: string;
  now?: () => number;
}

/** The event of one finished turn. */
export function turnEvent(input: TurnInput, output: TurnOutput, latencyMs: number, at: Date, hashKey: string): TurnEventRecord {
  const outcome = outcomeOf(output);
  const ev = input.event;
  const said = ev.kind === 'text' || ev.kind === 'speech' ? ev.text : null;
  return {
    at,
    conversation: createHmac('sha256', hashKey).update(input.sessionId).digest('base64url').slice(0, 22),
    channel: input.channel,
    language: output.locale,
    intent: output.intent ?? null,
    confidence: output.confidence ?? null,
    prompt: output.prompt ?? null,
    outcome,
    handoffReason: output.handoff?.reason ?? null,
    paymentCents: output.receipt?.amountCents ?? null,
    latencyMs: Math.max(0, Math.round(latencyMs)),
    unknownText: outcome === 'not-understood' && said ? maskedQuestion(said) : null,
  };
}

/**
 * The engine, leaving one analytics event per turn it answers. The event is
 * made after the answer is decided and written behind it, so it never
 * changes or delays the answer.
 */
export function withTurnEvents(engine: ConversationEngine, deps: TurnEventDeps): ConversationEngine {
  const now = deps.now ?? Date.now;
  return {
    pendingExpectation: (sessionId) => engine.pendingExpectation(sessionId),
    sessionInfo: (sessionId) => engine.sessionInfo(sessionId),
    async handle(input) {
      const started = now();
      const output = await engine.handle(input);
      const finished = now();
      deps.writer.add(turnEvent(input, output, finished - started, new Date(finished), deps.hashKey));
      return output;
    },
  };
}
