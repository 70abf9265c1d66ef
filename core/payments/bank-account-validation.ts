/**
 * What account validation says about a bank account before its first debit
 * (Nacha's WEB debit rule): `valid` the account is open and takes debits;
 * `invalid` there is no open account behind the number; `pending` the answer
 * is not known yet (a pre-note is on its way, usually 1–2 business days).
 */
export type BankAccountValidity = 'valid' | 'invalid' | 'pending';

/**
 * Validates a bank account used for the first time, before it is debited: an
 * account-validation service, or a pre-note. The account number stays in the
 * vault; an implementation opens the token only to send it to the service.
 * Accounts already validated (the bank account on file) are never sent here.
 */
export interface BankAccountValidation {
  validate(routingNumber: string, accountToken: string): Promise<BankAccountValidity>;
}
