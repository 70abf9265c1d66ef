import { formatCents, parseAmountToCents } from '../../core/shared/money';
import { addDays, businessDate, daysBetween, isIsoDate, nextDayOfMonth } from '../../core/shared/dates';
import { checkPaymentAmount, checkPaymentDate, parseBankAccountNumber, parseRoutingNumber } from '../../core/payments';

describe('amounts in cents', () => {
  it.each([
    ['412.36', 41236],
    ['$1,178.20', 117820],
    ['25', 2500],
    ['25.5', 2550],
    ['.99', 99],
    ['0.10', 10],
    ['1,000,000.00', 100000000],
  ])('reads %p as %d cents without floating point error', (input, cents) => {
    expect(parseAmountToCents(input)).toEqual({ ok: true, value: cents });
  });
  it.each(['0', '0.00', '-5', '-0.01'])('refuses %p as not positive', (input) => {
    expect(parseAmountToCents(input)).toMatchObject({ ok: false, code: 'PAYMENT.AMOUNT_NOT_POSITIVE' });
  });
  it.each(['10.001', '0.005'])('refuses %p as too precise', (input) => {
    expect(parseAmountToCents(input)).toMatchObject({ ok: false, code: 'PAYMENT.AMOUNT_TOO_PRECISE' });
  });
  it.each(['abc', '', '12.3.4', '$'])('refuses %p as not an amount', (input) => {
    expect(parseAmountToCents(input)).toMatchObject({ ok: false, code: 'PAYMENT.AMOUNT_FORMAT' });
  });
  it('refuses more than the payoff and says what the payoff is', () => {
    expect(checkPaymentAmount('1500.00', 149_999)).toEqual({
      ok: false,
      code: 'PAYMENT.AMOUNT_ABOVE_PAYOFF',
      params: { payoff: '$1,499.99', payoffCents: 149_999 },
    });
    expect(checkPaymentAmount('1499.99', 149_999)).toEqual({ ok: true, value: 149_999 });
  });
  it('refuses non-integer or non-positive cents', () => {
    expect(checkPaymentAmount(10.5, 100_000)).toMatchObject({ code: 'PAYMENT.AMOUNT_TOO_PRECISE' });
    expect(checkPaymentAmount(0, 100_000)).toMatchObject({ code: 'PAYMENT.AMOUNT_NOT_POSITIVE' });
  });
  it('formats cents for people', () => {
    expect(formatCents(117820)).toBe('$1,178.20');
    expect(formatCents(5)).toBe('$0.05');
  });
});

describe('business dates', () => {
  it('uses the lender time zone: 02:00 UTC is still yesterday in New York', () => {
    expect(businessDate(new Date('2025-03-11T02:00:00Z'), 'America/New_York')).toBe('2025-03-10');
    expect(businessDate(new Date('2025-03-11T02:00:00Z'), 'UTC')).toBe('2025-03-11');
  });
  it('does calendar arithmetic across months and DST', () => {
    expect(addDays('2025-03-08', 2)).toBe('2025-03-10');
    expect(addDays('2025-01-31', 30)).toBe('2025-03-02');
    expect(daysBetween('2025-03-01', '2025-03-31')).toBe(30);
  });
  it('knows real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-3-1')).toBe(false);
  });
  it('finds the next draft day, rolling into next month from the 31st', () => {
    expect(nextDayOfMonth('2025-01-31', 15)).toBe('2025-02-15');
    expect(nextDayOfMonth('2025-03-10', 15)).toBe('2025-03-15');
    expect(nextDayOfMonth('2025-03-15', 15)).toBe('2025-03-15');
  });
});

describe('payment dates', () => {
  const today = '2025-03-10';
  it('accepts today and the 30th day ahead', () => {
    expect(checkPaymentDate(today, today)).toEqual({ ok: true, value: today });
    expect(checkPaymentDate('2025-04-09', today)).toEqual({ ok: true, value: '2025-04-09' });
  });
  it('when the date is yesterday, then it is refused as in the past', () => {
    expect(checkPaymentDate('2025-03-09', today)).toEqual({ ok: false, code: 'PAYMENT.DATE_IN_PAST', params: { today } });
  });
  it('when the date is 31 days ahead, then it is refused with the last allowed date', () => {
    expect(checkPaymentDate('2025-04-10', today)).toEqual({
      ok: false,
      code: 'PAYMENT.DATE_TOO_FAR',
      params: { lastDate: '2025-04-09', maxDays: 30 },
    });
  });
  it('refuses a date that does not exist', () => {
    expect(checkPaymentDate('2025-02-30', today)).toMatchObject({ code: 'PAYMENT.DATE_FORMAT' });
  });
});

describe('bank details', () => {
  it.each(['021000021', '011000015', '0210-00021'])('accepts routing number %p (ABA checksum holds)', (r) => {
    expect(parseRoutingNumber(r).ok).toBe(true);
  });
  it.each(['021000022', '12345678', '0210000210', 'abcdefghi'])('refuses routing number %p', (r) => {
    expect(parseRoutingNumber(r)).toEqual({ ok: false, code: 'PAYMENT.ROUTING_INVALID' });
  });
  it.each(['1234', '12345678901234567', '000123454321'])('accepts account number %p', (n) => {
    expect(parseBankAccountNumber(n).ok).toBe(true);
  });
  it.each(['123', '123456789012345678', '12ab34'])('refuses account number %p', (n) => {
    expect(parseBankAccountNumber(n)).toEqual({ ok: false, code: 'PAYMENT.ACCOUNT_NUMBER_INVALID' });
  });
});
