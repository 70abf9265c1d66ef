import { addDays, isIsoDate } from '../shared/dates';
import { err, ok, type Result } from '../shared/result';
import type { IsoDate } from '../shared/types';

export const MAX_DAYS_AHEAD = 30;

export type PaymentDateCode = 'PAYMENT.DATE_FORMAT' | 'PAYMENT.DATE_IN_PAST' | 'PAYMENT.DATE_TOO_FAR';

/**
 * A payment date from today to 30 days ahead (business dates in the lender's
 * time zone). Refusals carry `today` or `lastDate` so the prompt can say
 * which dates would work.
 */
export function checkPaymentDate(date: string, today: IsoDate): Result<IsoDate, PaymentDateCode> {
  if (!isIsoDate(date)) return err('PAYMENT.DATE_FORMAT');
  if (date < today) return err('PAYMENT.DATE_IN_PAST', { today });
  const lastDate = addDays(today, MAX_DAYS_AHEAD);
  if (date > lastDate) return err('PAYMENT.DATE_TOO_FAR', { lastDate, maxDays: MAX_DAYS_AHEAD });
  return ok(date);
}
