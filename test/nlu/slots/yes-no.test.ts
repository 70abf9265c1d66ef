import { readYesNo } from '../../../core/nlu';

describe('when the assistant asks a yes/no question, then hedged answers are read', () => {
  it.each([
    ['sure, go ahead', 'en', true],
    ['yes please', 'en', true],
    ['yep', 'en', true],
    ["that's right", 'en', true],
    ['that’s right', 'en', true],
    ['correct', 'en', true],
    ['do it', 'en', true],
    ['ok', 'en', true],
    ['no problem', 'en', true],
    ['right', 'en', true],
    ['sí, adelante', 'es', true],
    ['si adelante', 'es', true],
    ['claro', 'es', true],
    ['órale', 'es', true],
    ['dale', 'es', true],
    ['está bien', 'es', true],
    ['esta bien', 'es', true],
    ['ok', 'es', true],
    ['va', 'es', true],
    ['no, not yet', 'en', false],
    ['nope', 'en', false],
    ["don't", 'en', false],
    ["don't do it", 'en', false],
    ['wait', 'en', false],
    ['no espera', 'es', false],
    ['todavía no', 'es', false],
    ['mejor no', 'es', false],
    ['no', 'es', false],
    // A short answer in the other language (a call answered in English, answered in Spanish).
    ['sí', 'en', true],
    ['sí, por favor', 'en', true],
    ['yes please', 'es', true],
  ] as const)('"%s" (%s) means %s', (text, locale, value) => {
    expect(readYesNo(text, locale)).toBe(value);
  });

  it.each([
    ['no wait, make it $150', 'en'],
    ['actually tomorrow', 'en'],
    ['mejor el quince', 'es'],
    ['cambia la cantidad a quinientos cincuenta', 'es'],
  ] as const)('a correction, "%s" (%s), is not a plain yes or no', (text, locale) => {
    expect(readYesNo(text, locale)).toBeNull();
  });

  it.each([
    ['not sure', 'en'],
    ['yes no', 'en'],
    ['I want to pay', 'en'],
    ['', 'en'],
    ['no sé', 'es'],
    ['tal vez', 'es'],
    ['va a ser mañana', 'es'],
  ] as const)('"%s" (%s) is neither', (text, locale) => {
    expect(readYesNo(text, locale)).toBeNull();
  });
});
