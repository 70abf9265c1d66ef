import { err, ok, type Result } from '../shared/result';

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
