import type { IsoDate } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building an Intl formatter costs far more than using one, and every turn asks for "today".
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The business date (YYYY-MM-DD) of an instant in the lender's time zone.
 * "Today" for a payment is the lender's today, not the server's or the caller's.
 */
export function businessDate(at: Date, timeZone: string): IsoDate {
  const parts = dateFormatIn(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is false). */
export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

/** Calendar arithmetic on business dates; time zones and DST cannot shift the result. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export function dayOfMonth(date: IsoDate): number {
  return toUtc(date).getUTCDate();
}

/**
 * The next date on or after `from` whose day of month is `day` (1..28, so it
 * exists in every month).
 */
export function nextDayOfMonth(from: IsoDate, day: number): IsoDate {
  const d = toUtc(from);
  const rollOver = d.getUTCDate() > day;
  d.setUTCDate(1);
  if (rollOver) d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(day);
  return d.toISOString().slice(0, 10);
}
