import { err, ok, type Result } from '../shared/result';
import type { TaxIdKind } from '../shared/types';

export type TaxIdCode =
  | 'IDENTITY.TAX_ID_FORMAT'
  | 'IDENTITY.SSN_FORMAT'
  | 'IDENTITY.SSN_AREA_INVALID'
  | 'IDENTITY.SSN_GROUP_INVALID'
  | 'IDENTITY.SSN_SERIAL_INVALID'
  | 'IDENTITY.EIN_FORMAT'
  | 'IDENTITY.EIN_PREFIX_INVALID';

/**
 * A parsed SSN or EIN. `digits` exists only to be hashed: never log it, store
 * it, echo it or put it in an audit entry (use `last4`).
 */
export interface TaxId {
  kind: TaxIdKind;
  digits: string;
  last4: string;
}

const SEPARATORS = /[\s.-]/g;

function digitsOnly(input: string): string | null {
  const stripped = input.trim().replace(SEPARATORS, '');
  return /^\d+$/.test(stripped) ? stripped : null;
}

/** Checks the SSA's structural rules; says which part is wrong so the prompt can help. */
function checkSsn(digits: string): TaxIdCode | null {
  const area = digits.slice(0, 3);
  const group = digits.slice(3, 5);
  const serial = digits.slice(5);
  if (area === '000' || area === '666' || area >= '900') return 'IDENTITY.SSN_AREA_INVALID';
  if (group === '00') return 'IDENTITY.SSN_GROUP_INVALID';
  if (serial === '0000') return 'IDENTITY.SSN_SERIAL_INVALID';
  return null;
}

/** Parses a Social Security number: nine digits, with or without dashes or spaces. */
export function parseSsn(input: string): Result<TaxId, TaxIdCode> {
  const digits = digitsOnly(input);
  if (!digits || digits.length !== 9) return err('IDENTITY.SSN_FORMAT');
  const problem = checkSsn(digits);
  if (problem) return err(problem);
  return ok({ kind: 'ssn', digits, last4: digits.slice(5) });
}

/** Parses an Employer Identification Number: nine digits, usually written NN-NNNNNNN. */
export function parseEin(input: string): Result<TaxId, TaxIdCode> {
  const digits = digitsOnly(input);
  if (!digits || digits.length !== 9) return err('IDENTITY.EIN_FORMAT');
  // The IRS never issues these prefixes; catching them early saves a lookup and an attempt.
  if (['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97'].includes(digits.slice(0, 2))) {
    return err('IDENTITY.EIN_PREFIX_INVALID');
  }
  return ok({ kind: 'ein', digits, last4: digits.slice(5) });
}

/**
 * Parses what a caller gives as "SSN or Tax ID". The written shape decides
 * when there is one (123-45-6789 is an SSN, 12-3456789 an EIN); bare digits
 * are read as an SSN when they are a valid one, else as an EIN.
 */
export function parseTaxId(input: string): Result<TaxId, TaxIdCode> {
  const trimmed = input.trim();
  if (/^\d{3}[\s-]\d{2}[\s-]\d{4}$/.test(trimmed)) return parseSsn(trimmed);
  if (/^\d{2}-\d{7}$/.test(trimmed)) return parseEin(trimmed);
  const digits = digitsOnly(trimmed);
  if (!digits || digits.length !== 9) return err('IDENTITY.TAX_ID_FORMAT');
  const asSsn = parseSsn(digits);
  if (asSsn.ok) return asSsn;
  const asEin = parseEin(digits);
  return asEin.ok ? asEin : asSsn;
}

/** Why a typed SSN/Tax ID is refused before any lookup: not nine digits, or no SSN the SSA issues. */
export type TaxIdFormatCode = 'IDENTITY.TAXID_LENGTH' | 'IDENTITY.SSN_INVALID';

/**
 * The format check a prompt explains: the length problems read as one, the
 * structural ones (area, group, serial, EIN prefix) as another. Only the kind
 * comes back, never the digits.
 */
export function checkTaxId(input: string): Result<{ kind: TaxIdKind }, TaxIdFormatCode> {
  const r = parseTaxId(input);
  if (r.ok) return ok({ kind: r.value.kind });
  const length = r.code === 'IDENTITY.TAX_ID_FORMAT' || r.code === 'IDENTITY.SSN_FORMAT' || r.code === 'IDENTITY.EIN_FORMAT';
  return err(length ? 'IDENTITY.TAXID_LENGTH' : 'IDENTITY.SSN_INVALID');
}
