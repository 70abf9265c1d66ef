import {
  recognizeAmount,
  recognizeDate,
  recognizeNumber,
  recognizeOrdinalChoice,
  recognizeYesNo,
  spokenDigits,
} from '../../core/nlu/entities';

describe('amounts a customer offers to pay', () => {
  it.each([
    ['$250', 25000],
    ['250', 25000],
    ['250.75', 25075],
    ['two hundred fifty dollars', 25000],
    ['two hundred and fifty dollars and 75 cents', 25075],
    ['$0.29', 29],
    ['fifty cents', 50],
    ['I can do $1,250.50 today', 125050],
  ])('in English, "%s" is %i cents', (text, cents) => {
    expect(recognizeAmount(text, 'en')).toEqual({ kind: 'amount', cents });
  });

  it.each([
    ['doscientos cincuenta dólares', 25000],
    ['250,75', 25075],
    ['ciento veinte dólares con cincuenta centavos', 12050],
    ['ciento veinte dolares con cincuenta centavos', 12050],
    ['quiero pagar 300', 30000],
  ])('in Spanish, "%s" is %i cents', (text, cents) => {
    expect(recognizeAmount(text, 'es')).toEqual({ kind: 'amount', cents });
  });

  it('prefers the named currency over another number in the sentence', () => {
    expect(recognizeAmount('pay $50 on the 15th', 'en')).toEqual({ kind: 'amount', cents: 5000 });
  });

  it('flags fractions of a cent instead of rounding them away', () => {
    expect(recognizeAmount('$10.555', 'en').kind).toBe('too_precise');
    // US Spanish writes amounts like US English: a point for cents, commas for thousands.
    expect(recognizeAmount('10.555 dólares', 'es').kind).toBe('too_precise');
    expect(recognizeAmount('10,555 dólares', 'es')).toEqual({ kind: 'amount', cents: 1_055_500 });
  });

  it('finds nothing in words that are not an amount', () => {
    expect(recognizeAmount('abc', 'en')).toEqual({ kind: 'none' });
    expect(recognizeAmount('', 'es')).toEqual({ kind: 'none' });
  });

  it('can insist on a currency when a bare number would be ambiguous', () => {
    expect(recognizeAmount('250', 'en', { allowBareNumber: false })).toEqual({ kind: 'none' });
  });
});

describe('payment dates, relative to the conversation date', () => {
  // Wednesday 4 December 2024.
  const today = '2024-12-04';
  it.each([
    ['today', '2024-12-04'],
    ['tomorrow', '2024-12-05'],
    ['Friday', '2024-12-06'],
    ['next Friday', '2024-12-13'],
    ['December 15', '2024-12-15'],
    ['12/15', '2024-12-15'],
    ['the 15th', '2024-12-15'],
    ['Wednesday', '2024-12-04'],
    ['the 2nd', '2025-01-02'],
  ])('in English, "%s" is %s', (text, iso) => {
    expect(recognizeDate(text, 'en', today)).toBe(iso);
  });

  it.each([
    ['hoy', '2024-12-04'],
    ['mañana', '2024-12-05'],
    ['el viernes', '2024-12-06'],
    ['el 15 de diciembre', '2024-12-15'],
    ['el día 20', '2024-12-20'],
  ])('in Spanish, "%s" is %s', (text, iso) => {
    expect(recognizeDate(text, 'es', today)).toBe(iso);
  });

  it('keeps a date just gone (so it can be refused as past) but rolls an older one over to next year', () => {
    expect(recognizeDate('December 1', 'en', today)).toBe('2024-12-01');
    expect(recognizeDate('October 1', 'en', today)).toBe('2025-10-01');
  });

  it('returns null when there is no date, or the reference date is malformed', () => {
    expect(recognizeDate('abc', 'en', today)).toBeNull();
    expect(recognizeDate('el día de San Nunca', 'es', today)).toBeNull();
    expect(recognizeDate('cuando pueda', 'es', today)).toBeNull();
    expect(recognizeDate('tomorrow', 'en', '12/04/2024')).toBeNull();
  });
});

describe('yes or no answers', () => {
  it.each([
    ['yes', 'en', true],
    ['yeah', 'en', true],
    ['sure', 'en', true],
    ['correct', 'en', true],
    ['nope', 'en', false],
    ['no thanks', 'en', false],
    ['sí', 'es', true],
    ['si', 'es', true],
    ['claro', 'es', true],
    ['no', 'es', false],
  ] as const)('"%s" (%s) means %s', (text, locale, value) => {
    expect(recognizeYesNo(text, locale)).toBe(value);
  });

  it('does not guess when the answer is neither or both', () => {
    expect(recognizeYesNo('maybe later', 'en')).toBeNull();
    expect(recognizeYesNo('yes no', 'en')).toBeNull();
    expect(recognizeYesNo('', 'es')).toBeNull();
  });
});

describe('numbers and choices from a list', () => {
  it('reads numbers written as words or digits', () => {
    expect(recognizeNumber('doscientos', 'es')).toBe(200);
    expect(recognizeNumber('three and a half', 'en')).toBe(3.5);
    expect(recognizeNumber('abc', 'en')).toBeNull();
  });

  it('reads which item of a list was picked', () => {
    expect(recognizeOrdinalChoice('the second one', 'en')).toBe(2);
    expect(recognizeOrdinalChoice('el primero', 'es')).toBe(1);
    expect(recognizeOrdinalChoice('3', 'en')).toBe(3);
    expect(recognizeOrdinalChoice('whichever', 'en')).toBeNull();
  });
});

describe('digits read out on the phone', () => {
  it('joins spoken English digits, ignoring pauses and fillers', () => {
    expect(spokenDigits('four one zero zero, two zero zero zero one', 'en')).toBe('410020001');
    expect(spokenDigits("um it's four one oh oh", 'en')).toBe('4100');
  });

  it('joins spoken Spanish digits', () => {
    expect(spokenDigits('cuatro uno cero cero, dos cero cero cero uno', 'es')).toBe('410020001');
  });

  it('joins digit groups recognised as numerals', () => {
    expect(spokenDigits('4100 020 001', 'en')).toBe('4100020001');
  });

  it('expands "double" and "triple"', () => {
    expect(spokenDigits('oh five double five triple nine', 'en')).toBe('0555999');
    expect(spokenDigits('doble siete tres', 'es')).toBe('773');
  });

  it('returns an empty string when nothing was a digit', () => {
    expect(spokenDigits('I do not know it', 'en')).toBe('');
  });
});

describe('hostile input to the recognisers', () => {
  const huge = '9'.repeat(100_000);
  it('stays fast and safe on a 100,000-character string', () => {
    const started = Date.now();
    recognizeAmount(huge, 'en');
    recognizeDate(huge, 'en', '2024-12-04');
    recognizeYesNo(huge, 'es');
    spokenDigits(huge, 'en');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('finds nothing in markup, SQL or control characters without digits', () => {
    expect(recognizeAmount('<script>alert(document.cookie)</script>', 'en')).toEqual({ kind: 'none' });
    expect(recognizeAmount("'; DROP TABLE payments; --", 'en')).toEqual({ kind: 'none' });
    expect(recognizeDate('\u0000\u0007', 'es', '2024-12-04')).toBeNull();
  });
});
