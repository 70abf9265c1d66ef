import type { SessionStore } from '../store/session-store';
import type { ConversationEngine, TurnInput, TurnOutput } from './contract';
import { playTurn } from './play-turn';
import type { EngineNlu } from './nlu-port';
import type { EngineServices } from './services-port';
import { forgetVerified, newSessionState, upgradeState, type SessionState } from './state';

/** A verified session is forgotten after this long without a turn. */
export const IDLE_LIMIT_MS = 15 * 60 * 1000;
/** A verification is forgotten this long after it was given, however active the session. */
export const VERIFIED_LIFETIME_MS = 30 * 60 * 1000;
/** Saves lost to a concurrent turn before giving up on this one. */
const MAX_SAVE_ATTEMPTS = 4;
/** Sessions whose last saved expectation an engine that is the sessions' sole writer keeps in memory. */
const REMEMBERED_EXPECTATIONS = 10_000;

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
  /**
   * True when no other process saves these sessions (one server on an
   * embedded SQLite file). What each save leaves expected is then known here,
   * and {@link ConversationEngine.pendingExpectation} answers without reading
   * the session. Default false: with instances sharing a database, another
   * may have taken the last turn.
   */
  soleWriter?: boolean;
}

/**
 * The conversation engine: loads the session, plays one turn, and saves it
 * with an optimistic version check, so any server instance can take the next
 * turn and two concurrent turns cannot both win. A turn whose save loses is
 * played again on the fresh state; payments inside it are idempotent, so the
 * replay never pays twice.
 *
 * Every turn's answer is saved with the session, by its turn key, for as long
 * as the session lives: a request that arrives again (a retried webhook, a
 * resent activity, a captured request replayed) gets the recorded answer and
 * acts on nothing, however many turns ago it was first answered.
 */
export function createEngine(deps: EngineDeps): ConversationEngine {
  const now = deps.clock ?? Date.now;
  // Turns of one session on this instance run one at a time; the version check covers other instances.
  const queues = new Map<string, Promise<unknown>>();
  // Insertion-ordered, so the first key is the session saved longest ago.
  const expected = deps.soleWriter ? new Map<string, SessionState['expecting']>() : null;
  const rememberExpected = (sessionId: string, expecting: SessionState['expecting']) => {
    if (!expected) return;
    expected.delete(sessionId);
    expected.set(sessionId, expecting);
    if (expected.size > REMEMBERED_EXPECTATIONS) expected.delete(expected.keys().next().value!);
  };

  async function play(input: TurnInput): Promise<TurnOutput> {
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      const { session: stored, answer } = await deps.sessions.loadForTurn(input.sessionId, input.turnKey);
      if (answer !== null) return answer as TurnOutput;
      const state = stored ? upgradeState(stored.state as SessionState) : newSessionState(input.channel, input.locale, now());

      const expiry = stored !== null ? verificationExpiry(state, now()) : null;
      if (expiry) forgetVerified(state);
      // Chat pages send the visitor's language switch with every activity: a new value is the visitor switching on
      // the page; the same value again leaves a language asked for in the chat. A call's language is chosen in the call.
      if (input.locale && input.channel !== 'voice') {
        if (state.pageLocale !== input.locale) state.locale = input.locale;
        state.pageLocale = input.locale;
      }
      state.channel = input.channel;

      const output = await playTurn(state, input, { services: deps.services, nlu: deps.nlu, now });
      if (expiry) output.messages.unshift({ key: expiry === 'idle' ? 'session.expired' : 'session.lifetimeOver' });
      // Goodbye, a hang-up or the end of the chat: whoever comes next must verify again.
      if (output.end) forgetVerified(state);

      state.lastActivityAt = now();
      state.turns += 1;
      state.expecting = output.expect;
      const saved = await deps.sessions.save(input.sessionId, state, stored?.version ?? 0, new Date(now()), { turnKey: input.turnKey, output });
      if (saved !== null) {
        rememberExpected(input.sessionId, state.expecting);
        return output;
      }
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
      if (expected?.has(sessionId)) return expected.get(sessionId) ?? null;
      const stored = await deps.sessions.load(sessionId);
      return stored ? ((stored.state as SessionState).expecting ?? null) : null;
    },
    async sessionInfo(sessionId: string) {
      const stored = await deps.sessions.load(sessionId);
      if (!stored) return null;
      const state = stored.state as SessionState;
      return { locale: state.locale, handoffSummary: state.handoffSummary ?? null };
    },
  };
}

/** Why a verified session's verification no longer holds, or null while it does. */
function verificationExpiry(state: SessionState, at: number): 'idle' | 'lifetime' | null {
  if (state.verified === null) return null;
  if (at - state.lastActivityAt > IDLE_LIMIT_MS) return 'idle';
  // A verification saved before it carried its time fails closed.
  const since = typeof state.verified.verifiedAt === 'number' ? state.verified.verifiedAt : 0;
  if (at - since > VERIFIED_LIFETIME_MS) return 'lifetime';
  return null;
}
