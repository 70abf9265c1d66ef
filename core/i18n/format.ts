import type { Channel, Locale } from '../shared/types';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

// Building an Intl formatter costs far more than formatting with one (locale data is resolved
// each time, as `toLocaleString` does on every call), and a reply formats several values: each is built once.
const DOLLARS = new Intl.NumberFormat('en-US');
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const DATES: Record<Locale, Record<'long' | 'short', Intl.DateTimeFormat>> = {
  en: dateFormats('en'),
  es: dateFormats('es'),
};

function dateFormats(locale: Locale): Record<'long' | 'short', Intl.DateTimeFormat> {
  return {
    short: new Intl.DateTimeFormat(INTL_LOCALE[locale], { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
    long: new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  };
}

/**
 * Money for the eye ("$1,178.20") or the ear. Twilio's text-to-speech has no
 * currency say-as, so on the phone amounts are written the way a person says
 * them ("1,178 dollars and 20 cents"), which every voice reads naturally.
 */
export function formatMoney(cents: number, locale: Locale, channel: Channel): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(abs / 100);
  const rest = abs % 100;
  if (channel === 'voice') {
    const d = DOLLARS.format(dollars);
    const sign = negative ? (locale === 'es' ? 'menos ' : 'minus ') : '';
    if (locale === 'es') {
      const unit = dollars === 1 ? 'dólar' : 'dólares';
      return rest === 0 ? `${sign}${d} ${unit}` : `${sign}${d} ${unit} con ${rest} ${rest === 1 ? 'centavo' : 'centavos'}`;
    }
    const unit = dollars === 1 ? 'dollar' : 'dollars';
    return rest === 0 ? `${sign}${d} ${unit}` : `${sign}${d} ${unit} and ${rest} ${rest === 1 ? 'cent' : 'cents'}`;
  }
  // US Spanish writes amounts like US English ($1,178.20); customers read statements that way.
  const text = USD.format(abs / 100);
  return negative ? `-${text}` : text;
}

/**
 * A calendar date ('YYYY-MM-DD') as words: "Friday, December 5" / "viernes, 5
 * de diciembre"; `short` gives "Dec 5, 2026" for cards with little room.
 */
export function formatDate(isoDate: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return DATES[locale][style].format(date);
}

/**
 * A calendar date as a text message has room for: "Dec 5" / "5 dic" (no
 * weekday, no year, no trailing period). Anything not 'YYYY-MM-DD' is kept as
 * it is, so a date already written for a text passes through.
 */
export function formatTextDate(isoDate: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(at).replace(/\.$/, '');
}

/**
 * Numbers people hear digit by digit on the phone (confirmation numbers,
 * account endings): "4 3 2 1" so the voice does not say "four thousand...".
 */
export function formatDigits(value: string, channel: Channel): string {
  return channel === 'voice' ? value.split('').join(' ') : value;
}

/** A wait in whole minutes as words: "1 minute", "5 minutes" / "1 minuto", "5 minutos". */
export function formatMinutes(minutes: number, locale: Locale): string {
  const n = Math.max(1, Math.round(minutes));
  if (locale === 'es') return `${n} ${n === 1 ? 'minuto' : 'minutos'}`;
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}

/** +18889252559 → 1-888-925-2559, the way people dial it (and a text shows it); other numbers stay E.164. */
export function formatPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `1-${m[1]}-${m[2]}-${m[3]}` : e164;
}
