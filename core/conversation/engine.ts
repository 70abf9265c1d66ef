import type { SessionStore } from '../store/ports';
import type { ConversationEngine, TurnInput, TurnOutput } from './contract';
import { Turn } from './dialog';
import type { EngineNlu } from './nlu-port';
import type { EngineServices } from './services-port';
import { newSessionState, type SessionState } from './state';

/** A verified session is forgotten after this long without a turn. */
export const IDLE_LIMIT_MS = 15 * 60 * 1000;
/** How many answered turns are kept to replay a retried request. */
const RECENT_TURNS = 8;
/** Saves lost to a concurrent turn before giving up on this one. */
const MAX_SAVE_ATTEMPTS = 4;

export class SessionBusyError extends Error {
  constructor(sessionId: string) {
    super(`session ${sessionId} is busy with another turn`);
    this.name = 'SessionBusyError';
  }
}

export interface EngineDeps {
  services: EngineServices;
  nlu: EngineNlu;
  sessions: SessionStore<unknown>;
  clock?: () => number;
}

/**
 * The conversation engine: loads the session, plays one turn, and saves it
 * with an optimistic version check, so any server instance can take the next
 * turn and two concurrent turns cannot both win. A turn whose save loses is
 * played again on the fresh state; payments inside it are idempotent, so the
 * replay never pays twice.
 */
export function createEngine(deps: EngineDeps): ConversationEngine {
  const now = deps.clock ?? Date.now;
  // Turns of one session on this instance run one at a time; the version check covers other instances.
  const queues = new Map<string, Promise<unknown>>();

  async function play(input: TurnInput): Promise<TurnOutput> {
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      const stored = await deps.sessions.load(input.sessionId);
      const state = stored ? (stored.state as SessionState) : newSessionState(input.channel, input.locale, now());
      const replay = state.recent.find((r) => r.key === input.turnKey);
      if (replay) return replay.output;

      const idleFor = now() - state.lastActivityAt;
      const expired = stored !== null && state.verified !== null && idleFor > IDLE_LIMIT_MS;
      if (expired) forgetVerified(state);
      if (input.locale && (input.channel !== 'voice' || !state.languageChosen)) {
        // Chat pages send the visitor's language switch with every activity.
        if (input.channel !== 'voice') state.locale = input.locale;
      }
      state.channel = input.channel;

      const output = await new Turn(state, input, { services: deps.services, nlu: deps.nlu, now }).run();
      if (expired) output.messages.unshift({ key: 'session.expired' });

      state.lastActivityAt = now();
      state.turns += 1;
      state.recent = [...state.recent, { key: input.turnKey, output }].slice(-RECENT_TURNS);
      const saved = await deps.sessions.save(input.sessionId, state, stored?.version ?? 0, new Date(now()));
      if (saved !== null) return output;
    }
    throw new SessionBusyError(input.sessionId);
  }

  return {
    handle(input: TurnInput): Promise<TurnOutput> {
      const previous = queues.get(input.sessionId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => play(input));
      queues.set(input.sessionId, next);
      void next.finally(() => {
        if (queues.get(input.sessionId) === next) queues.delete(input.sessionId);
      }).catch(() => undefined);
      return next;
    },
    async pendingExpectation(sessionId: string) {
      const stored = await deps.sessions.load(sessionId);
      const last = stored ? (stored.state as SessionState).recent.at(-1) : undefined;
      return last?.output.expect ?? null;
    },
  };
}

function forgetVerified(state: SessionState): void {
  state.verified = null;
  state.accountId = null;
  state.flow = null;
  state.retries = 0;
}
