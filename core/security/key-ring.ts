/** A secret with the id stored beside everything it hashed or sealed, so keys can be rotated. */
export interface KeyEntry<K> {
  id: string;
  key: K;
}

/**
 * The current key, used for everything new, and the previous keys still
 * needed to read what they hashed or sealed until it is moved to the current one.
 */
export interface KeyRing<K> {
  current: KeyEntry<K>;
  /** The current key first, then the previous ones. */
  all: KeyEntry<K>[];
  byId(id: string): K | null;
}

export function keyRing<K>(current: KeyEntry<K>, previous: KeyEntry<K>[] = []): KeyRing<K> {
  const all = [current, ...previous];
  const ids = new Set(all.map((k) => k.id));
  if (ids.size !== all.length) throw new RangeError('every key in a key ring needs its own id');
  const byId = new Map(all.map((k) => [k.id, k.key]));
  return { current, all, byId: (id) => byId.get(id) ?? null };
}
