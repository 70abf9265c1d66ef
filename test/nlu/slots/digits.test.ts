import { readDigits } from '../../../core/nlu';

const ssn = { min: 9, max: 9 };

describe('when the assistant asks for a number digit by digit, then it is read however it was given', () => {
  it.each([
    ['401 22 7788', 'en'],
    ['401-22-7788', 'en'],
    ['four oh one two two seven seven eight eight', 'en'],
    ['four oh one twenty two seventy seven eighty eight', 'en'],
    ['my ssn is 401 22 7788', 'en'],
    ['oh, it is 401227788', 'en'],
    ['401 22 7788 and my vin ends 6554', 'en'],
    ['cuatro cero uno dos dos siete siete ocho ocho', 'es'],
    ['cuatro cero uno veintidós setenta y siete ochenta y ocho', 'es'],
    ['mi seguro social es el 401-22-7788', 'es'],
  ] as const)('"%s" (%s) is 401227788', (text, locale) => {
    expect(readDigits(text, locale, ssn)).toBe('401227788');
  });

  it('expands "double" and "triple"', () => {
    expect(readDigits('double five oh one', 'en', { min: 4, max: 4 })).toBe('5501');
    expect(readDigits('nine nine double five', 'en', { min: 4, max: 4 })).toBe('9955');
    expect(readDigits('triple cero uno', 'es', { min: 4, max: 4 })).toBe('0001');
  });

  it.each([
    ['I do not know', 'en'],
    ['401 22 778', 'en'],
    ['401227788 or 533182046', 'en'],
    ['no lo sé', 'es'],
    ['es una pregunta', 'es'],
  ] as const)('"%s" (%s) is not one number of the right length', (text, locale) => {
    expect(readDigits(text, locale, ssn)).toBeNull();
  });
});
