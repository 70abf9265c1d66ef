/**
 * Expected failures are values, not exceptions: a refused amount or a failed
 * verification comes back as a typed result carrying a stable code that the
 * conversation engine maps to a prompt.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string> = {
  readonly ok: false;
  readonly code: C;
  /** Values for the prompt that explains the failure (never sensitive). */
  readonly params?: Readonly<Record<string, string | number>>;
};
export type Result<T, C extends string> = Ok<T> | Err<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends string>(code: C, params?: Record<string, string | number>): Err<C> =>
  params ? { ok: false, code, params } : { ok: false, code };

/**
 * The value of a result whose failure would be a caller's error (an account
 * the acting customer does not own, when only their own are ever offered):
 * such a failure throws, to the front end's one error handler.
 */
export function valueOf<T, C extends string>(r: Result<T, C>): T {
  if (!r.ok) throw new Error(`unexpected ${r.code}`);
  return r.value;
}
