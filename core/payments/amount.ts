import { parseAmountToCents, type MoneyParseCode } from '../shared/money';
import { err, ok, type Result } from '../shared/result';
import type { Cents } from '../shared/types';
import { formatCents } from '../shared/money';

export type AmountCode = MoneyParseCode | 'PAYMENT.AMOUNT_ABOVE_PAYOFF';

/**
 * Checks an amount offered for a payment: positive, at most two decimals,
 * and no more than the payoff (param `payoff`, formatted, and `payoffCents`).
 * Accepts what the caller typed or an already-parsed number of cents.
 */
export function checkPaymentAmount(input: string | Cents, payoffCents: Cents): Result<Cents, AmountCode> {
  let cents: Cents;
  if (typeof input === 'string') {
    const parsed = parseAmountToCents(input);
    if (!parsed.ok) return parsed;
    cents = parsed.value;
  } else {
    if (!Number.isInteger(input)) return err('PAYMENT.AMOUNT_TOO_PRECISE');
    if (input <= 0) return err('PAYMENT.AMOUNT_NOT_POSITIVE');
    cents = input;
  }
  if (cents > payoffCents) return err('PAYMENT.AMOUNT_ABOVE_PAYOFF', { payoff: formatCents(payoffCents), payoffCents });
  return ok(cents);
}
