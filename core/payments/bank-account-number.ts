import { err, ok, type Result } from '../shared/result';

/**
 * A US bank account number: 4 to 17 digits. The value returned must go
 * straight to the BankVault; keep only its token and last 4.
 */
export function parseBankAccountNumber(input: string): Result<string, 'PAYMENT.ACCOUNT_NUMBER_INVALID'> {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{4,17}$/.test(digits) ? ok(digits) : err('PAYMENT.ACCOUNT_NUMBER_INVALID');
}
