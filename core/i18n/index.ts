import i18next, { type i18n as I18n } from 'i18next';
import type { Message } from '../conversation/contract';
import type { Channel, Locale } from '../shared/types';
import en from './locales/en.json';
import es from './locales/es.json';
import { formatDate, formatDigits, formatMinutes, formatMoney, formatTextDate } from './format';

export { formatDate, formatDigits, formatMinutes, formatMoney, formatPhone, formatTextDate } from './format';

export type Translate = (message: Message) => string;

let shared: Promise<I18n> | null = null;

/**
 * One i18next instance for the process, holding both languages. Nothing ever
 * calls `changeLanguage` on it: each turn gets a `t` fixed to its own language
 * (see `translator`), so concurrent conversations never see each other's.
 */
export function loadI18n(): Promise<I18n> {
  shared ??= (async () => {
    const instance = i18next.createInstance();
    await instance.init({
      resources: { en: { translation: en }, es: { translation: es } },
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: ['en', 'es'],
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<typeof instance.init>[0]);
    const channelOf = (options: unknown): Channel => ((options as { channel?: Channel }).channel ?? 'chat');
    instance.services.formatter?.add('money', (value, lng, options) =>
      formatMoney(Number(value), lng === 'es' ? 'es' : 'en', channelOf(options)),
    );
    instance.services.formatter?.add('day', (value, lng) => formatDate(String(value), lng === 'es' ? 'es' : 'en'));
    instance.services.formatter?.add('textDay', (value, lng) => formatTextDate(String(value), lng === 'es' ? 'es' : 'en'));
    instance.services.formatter?.add('minutes', (value, lng) => formatMinutes(Number(value), lng === 'es' ? 'es' : 'en'));
    instance.services.formatter?.add('digits', (value, _lng, options) => formatDigits(String(value), channelOf(options)));
    return instance;
  })();
  return shared;
}

/**
 * A translator bound to one language and channel. Channel variants use
 * i18next context: `pay.askAmount_voice` wins over `pay.askAmount` on the phone.
 */
export function translator(i18n: I18n, locale: Locale, channel: Channel): Translate {
  const t = i18n.getFixedT(locale);
  return (message: Message) => {
    const params = message.params ?? {};
    const text = t(message.key, { ...params, context: channel, channel });
    return typeof text === 'string' ? text : String(text);
  };
}

/** True when a key exists in both languages (used by tests and the engine's self-checks). */
export function hasKey(i18n: I18n, key: string): boolean {
  return i18n.exists(key, { lng: 'en' }) && i18n.exists(key, { lng: 'es' });
}
