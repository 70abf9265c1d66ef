import { guessLanguage } from '../../core/nlu';

describe('which language a short message is written in', () => {
  it.each([
    ['where do I mail my payment?', 'en'],
    ['can I talk to someone', 'en'],
    ['¿cuánto debo?', 'es'],
    ['cuanto debo', 'es'],
    ['quiero hablar con una persona', 'es'],
    ['me embargaron el carro', 'es'],
    ['AYUDA', 'es'],
  ] as const)('"%s" reads as %s', (text, locale) => {
    expect(guessLanguage(text)).toBe(locale);
  });

  it.each(['ok', '4821', 'mi balance', 'no'])('"%s" tells neither language', (text) => {
    expect(guessLanguage(text)).toBeNull();
  });

  it('a lead it must have before it tells: one word is not enough for two', () => {
    expect(guessLanguage('gracias')).toBe('es');
    expect(guessLanguage('gracias', 2)).toBeNull();
    expect(guessLanguage('muchas gracias por la ayuda', 2)).toBe('es');
  });
});
