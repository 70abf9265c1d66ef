import { err, ok, type Result } from '../shared/result';

export type VinCode = 'IDENTITY.VIN_LENGTH' | 'IDENTITY.VIN_CHARACTERS' | 'IDENTITY.VIN_CHECK_DIGIT';

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Letter values of the North American transliteration table (I, O and Q never appear in a VIN). */
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

function valueOf(ch: string): number | undefined {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return LETTER_VALUES[ch];
}

/** Spaces and dashes a person or a speech recogniser may add; case does not matter. */
export function normalizeVin(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The check digit (position 9) that the other sixteen characters call for.
 * Expects 17 valid characters; the character at position 9 is ignored.
 */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (valueOf(vin[i] ?? '') ?? 0) * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Parses a Vehicle Identification Number: 17 characters, letters other than
 * I, O and Q, and a North American check digit at position 9.
 */
export function parseVin(input: string): Result<string, VinCode> {
  const vin = normalizeVin(input);
  if (vin.length !== 17) return err('IDENTITY.VIN_LENGTH', { length: vin.length });
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return err('IDENTITY.VIN_CHARACTERS');
  if (vinCheckDigit(vin) !== vin[8]) return err('IDENTITY.VIN_CHECK_DIGIT');
  return ok(vin);
}
