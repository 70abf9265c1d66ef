import { err, ok, type Result } from '../shared/result';
import { normalizeVin, parseVin, type VinCode } from './vin';

/** How the caller pointed at an account while verifying. */
export type AccountReference =
  | { kind: 'vin'; vin: string }
  | { kind: 'vin_last6'; last6: string }
  | { kind: 'account_number'; accountNumber: string };

export type AccountReferenceCode = VinCode | 'IDENTITY.ACCOUNT_REF_FORMAT';

/**
 * Reads a full VIN, the last 6 of a VIN, or a 10-digit account number. Ten
 * digits can only be an account number (a VIN has 17 characters), six
 * characters only a VIN suffix, so no guessing is needed.
 */
export function parseAccountReference(input: string): Result<AccountReference, AccountReferenceCode> {
  const text = normalizeVin(input);
  if (/^\d{10}$/.test(text)) return ok({ kind: 'account_number', accountNumber: text });
  if (/^[A-HJ-NPR-Z0-9]{6}$/.test(text)) return ok({ kind: 'vin_last6', last6: text });
  if (text.length === 17 || /[A-Z]/.test(text)) {
    const vin = parseVin(text);
    return vin.ok ? ok({ kind: 'vin', vin: vin.value }) : vin;
  }
  return err('IDENTITY.ACCOUNT_REF_FORMAT');
}
