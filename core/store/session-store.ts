/**
 * The conversation's own port: its sessions, persisted with a version. Kept
 * apart from the repositories of ports.ts because the conversation engine may
 * use this one and no other (.dependency-cruiser.cjs, engine-reaches-no-repository).
 */

/** A conversation's state, persisted with a version for optimistic concurrency. */
export interface StoredSession<S> {
  id: string;
  state: S;
  version: number;
  updatedAt: Date;
}

/** The answer a turn got, recorded under its turn key so the same request is answered again without acting twice. */
export interface AnsweredTurn {
  turnKey: string;
  output: unknown;
}

export interface SessionStore<S> {
  load(id: string): Promise<StoredSession<S> | null>;
  /**
   * The session and, when this turn key was already answered in it, the
   * recorded answer (in one read).
   */
  loadForTurn(id: string, turnKey: string): Promise<{ session: StoredSession<S> | null; answer: unknown }>;
  /**
   * Saves when the stored version still equals `expectedVersion` (0 for a new
   * session) and returns the new version; returns null when another turn won.
   * The turn's answer is recorded in the same transaction: both or neither
   * (null, too, when that turn key was already answered).
   */
  save(id: string, state: S, expectedVersion: number, at: Date, answered?: AnsweredTurn): Promise<number | null>;
  /** Deletes the session with every answer recorded in it. */
  delete(id: string): Promise<void>;
}
