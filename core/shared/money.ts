import { err, ok, type Result } from './result';
import type { Cents } from './types';

export type MoneyParseCode = 'PAYMENT.AMOUNT_FORMAT' | 'PAYMENT.AMOUNT_NOT_POSITIVE' | 'PAYMENT.AMOUNT_TOO_PRECISE';

/**
 * Parses an amount as a person types or says it ("$1,178.20", "412", "25.5")
 * into integer cents without ever going through a float, so 0.1 + 0.2 errors
 * cannot creep into a payment.
 */
export function parseAmountToCents(input: string): Result<Cents, MoneyParseCode> {
  const text = input.trim().replace(/^\$\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '').trim();
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return err('PAYMENT.AMOUNT_FORMAT');
  const negative = m[1] === '-';
  const whole = m[2] || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return err('PAYMENT.AMOUNT_TOO_PRECISE');
  if (whole.replace(/^0+/, '').length > 13) return err('PAYMENT.AMOUNT_FORMAT');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (negative || cents <= 0) return err('PAYMENT.AMOUNT_NOT_POSITIVE');
  return ok(cents);
}

/** "$1,178.20": for prompts and logs; the i18n layer may format per locale instead. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** Rejects anything that is not a safe non-negative integer number of cents (a programming error, not user input). */
export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer number of cents`);
  return value;
}
