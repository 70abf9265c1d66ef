import { err, ok, type Result } from '../shared/result';
import type { RoutingDirectory } from './fedach-directory';

const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;

/**
 * An ABA routing number: nine digits whose 3-7-1 weighted sum is a multiple
 * of 10. The checksum catches most single-digit typos before a payment bounces.
 */
export function parseRoutingNumber(input: string): Result<string, 'PAYMENT.ROUTING_INVALID'> {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(digits)) return err('PAYMENT.ROUTING_INVALID');
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return sum % 10 === 0 ? ok(digits) : err('PAYMENT.ROUTING_INVALID');
}

export type RoutingCode = 'PAYMENT.ROUTING_INVALID' | 'PAYMENT.ROUTING_UNKNOWN' | 'PAYMENT.ROUTING_INACTIVE';

/**
 * A routing number a new bank account may be debited through: the ABA
 * checksum holds, the Federal Reserve's FedACH directory lists it, and the
 * bank still takes entries under it (not replaced after a merger, status
 * "receives government and commercial entries").
 */
export function checkRoutingNumber(input: string, directory: RoutingDirectory): Result<string, RoutingCode> {
  const parsed = parseRoutingNumber(input);
  if (!parsed.ok) return parsed;
  const participant = directory.lookup(parsed.value);
  if (!participant) return err('PAYMENT.ROUTING_UNKNOWN');
  if (participant.recordType === 'new_routing_number' || participant.statusCode !== '1') return err('PAYMENT.ROUTING_INACTIVE');
  return ok(parsed.value);
}
