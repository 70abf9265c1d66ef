import { parseEin, parseSsn, parseTaxId } from '../../core/identity';

describe('SSN', () => {
  it.each(['401-22-7788', '401227788', '401 22 7788', ' 401-22-7788 '])('accepts %p and keeps only the digits and last 4', (input) => {
    expect(parseSsn(input)).toEqual({ ok: true, value: { kind: 'ssn', digits: '401227788', last4: '7788' } });
  });
  it.each(['40122778', '4012277889', '401-22-77a8', ''])('refuses %p for its format', (input) => {
    expect(parseSsn(input)).toMatchObject({ ok: false, code: 'IDENTITY.SSN_FORMAT' });
  });
  it.each(['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456'])('refuses area of %s', (input) => {
    expect(parseSsn(input)).toMatchObject({ ok: false, code: 'IDENTITY.SSN_AREA_INVALID' });
  });
  it('refuses group 00', () => expect(parseSsn('401-00-7788')).toMatchObject({ code: 'IDENTITY.SSN_GROUP_INVALID' }));
  it('refuses serial 0000', () => expect(parseSsn('401-22-0000')).toMatchObject({ code: 'IDENTITY.SSN_SERIAL_INVALID' }));
  it('accepts area 899 and 665', () => {
    expect(parseSsn('899-22-7788').ok).toBe(true);
    expect(parseSsn('665-22-7788').ok).toBe(true);
  });
});

describe('EIN and Tax ID', () => {
  it('accepts an EIN written NN-NNNNNNN', () => {
    expect(parseEin('56-1234567')).toEqual({ ok: true, value: { kind: 'ein', digits: '561234567', last4: '4567' } });
  });
  it('refuses an EIN with a never-issued prefix', () => {
    expect(parseEin('00-1234567')).toMatchObject({ ok: false, code: 'IDENTITY.EIN_PREFIX_INVALID' });
  });
  it('reads the shape 12-3456789 as an EIN and 123-45-6789 as an SSN', () => {
    expect(parseTaxId('56-1234567')).toMatchObject({ ok: true, value: { kind: 'ein' } });
    expect(parseTaxId('533-18-2046')).toMatchObject({ ok: true, value: { kind: 'ssn' } });
  });
  it('reads bare digits that cannot be an SSN as an EIN', () => {
    expect(parseTaxId('951234567')).toMatchObject({ ok: true, value: { kind: 'ein', last4: '4567' } });
  });
  it('refuses something that is neither', () => {
    expect(parseTaxId('12345')).toMatchObject({ ok: false, code: 'IDENTITY.TAX_ID_FORMAT' });
  });
  it('does not name the digits in a refusal', () => {
    const r = parseTaxId('000-12-3456');
    expect(JSON.stringify(r)).not.toContain('3456');
  });
});
