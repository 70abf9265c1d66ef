import type { BankAccountValidation, BankAccountValidity } from '../core/payments';
import type { BankVault } from '../core/store/ports';

/**
 * Stand-in for an instant account-validation service (the kind that answers
 * "open and valid" from the banks' shared account data), deterministic so
 * that tests, transcripts and demos can reach every answer. It opens the
 * vault token, as a real adapter would to send the number, and answers by the
 * account number's last four digits:
 *
 * - `…0000`: no open account (closed or never opened): `invalid`
 * - `…1111`: the service has no data on the account, so a pre-note is sent: `pending`
 * - anything else: open and valid: `valid`
 *
 * A token the vault does not know is `invalid`.
 */
export function createSimulatedAccountValidation(vault: BankVault): BankAccountValidation {
  return {
    async validate(_routingNumber, accountToken): Promise<BankAccountValidity> {
      const opened = await vault.reveal(accountToken);
      if (!opened) return 'invalid';
      const last4 = opened.accountNumber.slice(-4);
      if (last4 === '0000') return 'invalid';
      if (last4 === '1111') return 'pending';
      return 'valid';
    },
  };
}

/**
 * Pre-notes only, with no instant service: every account used for the first
 * time gets a zero-dollar pre-note and waits for it (1–2 business days with no
 * return means valid), so the answer at payment time is always `pending`. The
 * payment is recorded as waiting for validation and debited by the back
 * office once the pre-note clears.
 */
export function createPrenoteValidation(): BankAccountValidation {
  return {
    async validate(): Promise<BankAccountValidity> {
      return 'pending';
    },
  };
}
