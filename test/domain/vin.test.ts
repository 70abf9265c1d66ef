import { parseVin, vinCheckDigit } from '../../core/identity';
import { DEMO_ACCOUNTS } from '../../prisma/seed-data';

describe('VIN', () => {
  it.each(DEMO_ACCOUNTS.map((a) => a.vin))('accepts the demo VIN %s (its check digit is right)', (vin) => {
    expect(parseVin(vin)).toEqual({ ok: true, value: vin });
  });

  it('accepts lower case with spaces and dashes, and normalises it', () => {
    expect(parseVin('2hgfe2f5xm h512-345')).toEqual({ ok: true, value: '2HGFE2F5XMH512345' });
  });

  it('when a VIN is too short, then it says the length is wrong', () => {
    expect(parseVin('2HGFE2F5XMH51234')).toEqual({ ok: false, code: 'IDENTITY.VIN_LENGTH', params: { length: 16 } });
  });

  it.each(['I', 'O', 'Q'])('when a VIN contains %s, then it is refused for its characters', (ch) => {
    expect(parseVin(`2HGFE2F5XMH51234${ch}`)).toMatchObject({ ok: false, code: 'IDENTITY.VIN_CHARACTERS' });
  });

  it('when one character is mistyped, then the check digit catches it', () => {
    expect(parseVin('2HGFE2F5XMH512346')).toMatchObject({ ok: false, code: 'IDENTITY.VIN_CHECK_DIGIT' });
  });

  it('uses X for a remainder of 10', () => {
    expect(vinCheckDigit('2HGFE2F5XMH512345')).toBe('X');
    expect(parseVin('2HGFE2F50MH512345')).toMatchObject({ ok: false, code: 'IDENTITY.VIN_CHECK_DIGIT' });
  });

  it('computes the textbook example 1M8GDM9AXKP042788', () => {
    expect(vinCheckDigit('1M8GDM9A_KP042788')).toBe('X');
  });
});
