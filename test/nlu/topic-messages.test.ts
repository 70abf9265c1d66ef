import type { i18n as I18n } from 'i18next';
import { INTENTS } from '../../core/nlu';
import { hasKey, loadI18n, translator } from '../../core/i18n';
import { gsm7Length, nonGsm7Characters, SMS_SEGMENT } from '../../ivr';

/**
 * What the assistant says about the topics it recognises: a short label for
 * every intent (used in "do you mean X or Y?"), and for the topics only a
 * person can handle, a calm answer that gives the way to reach one.
 */
const SENSITIVE = ['repossession', 'hardship', 'deferral', 'bankruptcy', 'death', 'fraud', 'dispute', 'complaint', 'frustration'] as const;
const LOCALES = ['en', 'es'] as const;
const PHONE = '1-888-925-2559';
const PHONE_SPOKEN = '1 8 8 8 9 2 5 2 5 5 9';

let i18n: I18n;
beforeAll(async () => {
  i18n = await loadI18n();
});

const say = (locale: 'en' | 'es', channel: 'chat' | 'voice' | 'sms', key: string) => translator(i18n, locale, channel)({ key });

describe('labels for every topic the assistant recognises', () => {
  it('every intent has a short topic label in both languages', () => {
    const missing = INTENTS.filter((intent) => !hasKey(i18n, `topic.${intent}`));
    expect(missing).toEqual([]);
  });
});

describe('when a customer raises a topic only a person can handle', () => {
  const cases = SENSITIVE.flatMap((topic) => LOCALES.map((locale) => [topic, locale] as const));

  it.each(cases)('the %s answer in %s exists and never talks about money owed', (topic, locale) => {
    expect(hasKey(i18n, `sensitive.${topic}`)).toBe(true);
    for (const channel of ['chat', 'voice', 'sms'] as const) {
      const text = say(locale, channel, `sensitive.${topic}`);
      expect(text).not.toMatch(/\{\{|\}\}|\$\d|balance|amount due|payoff|saldo|monto adeudado|liquidaci/i);
    }
  });

  it.each(cases)('the %s answer in %s gives the customer service number, read digit by digit on the phone', (topic, locale) => {
    expect(say(locale, 'chat', `sensitive.${topic}`)).toContain(PHONE);
    expect(say(locale, 'sms', `sensitive.${topic}`)).toContain(PHONE);
    const spoken = say(locale, 'voice', `sensitive.${topic}`);
    expect(spoken).toContain(PHONE_SPOKEN);
    expect(spoken).not.toContain(PHONE);
  });

  it.each(cases)('the %s answer in %s offers a person in chat and on the phone', (topic, locale) => {
    for (const channel of ['chat', 'voice'] as const) {
      expect(say(locale, channel, `sensitive.${topic}`)).toMatch(/representative|person|representante|persona/i);
    }
  });

  it.each(cases)('the %s text message in %s is one GSM-7 segment', (topic, locale) => {
    const text = say(locale, 'sms', `sensitive.${topic}`);
    expect(nonGsm7Characters(text)).toEqual([]);
    expect(gsm7Length(text)).toBeLessThanOrEqual(SMS_SEGMENT);
  });

  it.each(LOCALES)('in %s, a dispute also gets the disputes mailing address', (locale) => {
    for (const channel of ['chat', 'sms'] as const) {
      expect(say(locale, channel, 'sensitive.dispute')).toContain('P.O. Box 380901, Bloomington, MN 55438');
    }
    const spoken = say(locale, 'voice', 'sensitive.dispute');
    expect(spoken).toContain('3 8 0 9 0 1');
    expect(spoken).toContain('5 5 4 3 8');
  });

  it.each(LOCALES)('in %s, fraud or identity theft is told to call now', (locale) => {
    for (const channel of ['chat', 'voice', 'sms'] as const) {
      expect(say(locale, channel, 'sensitive.fraud')).toMatch(/call us now|ll[aá]menos ahora/i);
    }
  });

  it.each(LOCALES)('in %s, a death in the family is met with condolences first', (locale) => {
    for (const channel of ['chat', 'voice', 'sms'] as const) {
      expect(say(locale, channel, 'sensitive.death')).toMatch(/^(I'm so sorry for your loss|We're so sorry for your loss|Lamento mucho su pérdida|Lamentamos mucho su perdida)/);
    }
  });

  it.each(LOCALES)('in %s, frustration is acknowledged before anything else', (locale) => {
    for (const channel of ['chat', 'voice', 'sms'] as const) {
      expect(say(locale, channel, 'sensitive.frustration')).toMatch(/^(I'm sorry|Sorry|Lamento|Lamentamos)/);
    }
  });
});

describe('when a customer asks for a Spanish-speaking representative', () => {
  it.each(LOCALES)('in %s, they are told in Spanish where Spanish-speaking representatives are and that they are being transferred', (locale) => {
    expect(say(locale, 'chat', 'spanish.agent')).toMatch(/representantes que hablan español le atienden en el 1-888-925-2559.*transfiriendo/);
    expect(say(locale, 'voice', 'spanish.agent')).toMatch(new RegExp(`español le atienden en el ${PHONE_SPOKEN}.*transfiriendo`));
    const text = say(locale, 'sms', 'spanish.agent');
    expect(text).toContain(PHONE);
    expect(nonGsm7Characters(text)).toEqual([]);
    expect(gsm7Length(text)).toBeLessThanOrEqual(SMS_SEGMENT);
  });
});
