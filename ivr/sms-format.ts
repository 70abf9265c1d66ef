import type { IsoDate, Locale } from '../core/shared/types';

/** "Dec 5" / "5 dic": a text message has no room for the weekday. */
export function shortDate(date: IsoDate, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(at)
    .replace(/\.$/, '');
}

/** +18889252559 → 1-888-925-2559, the way people dial it; other numbers stay E.164. */
export function displayPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `1-${m[1]}-${m[2]}-${m[3]}` : e164;
}
