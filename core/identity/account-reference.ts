import { err, ok, type Result } from '../shared/result';
import { normalizeVin, parseVin } from './vin';

export type ReferenceKind = 'vin' | 'vin_last6' | 'account_number';

/** How the caller pointed at an account while verifying: a whole VIN, its last six characters, or the account number. */
export interface AccountReference {
  kind: ReferenceKind;
  /** The VIN (upper case), the VIN's last six, or the ten digits. */
  value: string;
}

/**
 * A mistyped VIN character or check digit is worth its own explanation; any
 * other shape (a VIN of the wrong length included) is "not a VIN or an account number".
 */
export type AccountReferenceCode = 'IDENTITY.VIN_CHARACTERS' | 'IDENTITY.VIN_CHECK_DIGIT' | 'IDENTITY.REFERENCE_FORMAT';

/**
 * Reads a full VIN, the last 6 of a VIN, or a 10-digit account number. Ten
 * digits can only be an account number (a VIN has 17 characters), six
 * characters only a VIN suffix, so no guessing is needed.
 */
export function parseAccountReference(input: string): Result<AccountReference, AccountReferenceCode> {
  const text = normalizeVin(input);
  if (/^\d{10}$/.test(text)) return ok({ kind: 'account_number', value: text });
  if (/^[A-HJ-NPR-Z0-9]{6}$/.test(text)) return ok({ kind: 'vin_last6', value: text });
  if (text.length === 17 || /[A-Z]/.test(text)) {
    const vin = parseVin(text);
    if (vin.ok) return ok({ kind: 'vin', value: vin.value });
    return vin.code === 'IDENTITY.VIN_LENGTH' ? err('IDENTITY.REFERENCE_FORMAT') : err(vin.code);
  }
  return err('IDENTITY.REFERENCE_FORMAT');
}
