export { checkPaymentAmount, type AmountCode } from './amount';
export { parseRoutingNumber, checkRoutingNumber, type RoutingCode } from './routing-number';
export {
  parseFedAchDirectory,
  loadFedAchDirectory,
  RoutingDirectoryError,
  FEDACH_RECORD_LENGTH,
  type AchParticipant,
  type RoutingDirectory,
  type DirectoryProblem,
} from './fedach-directory';
export type { BankAccountValidation, BankAccountValidity } from './bank-account-validation';
export { parseBankAccountNumber } from './bank-account-number';
export { checkPaymentDate, MAX_DAYS_AHEAD, type PaymentDateCode } from './payment-date';
export { newConfirmationNumber } from './confirmation-number';
export {
  createPaymentService,
  balanceDecrement,
  type PaymentService,
  type PaymentRequest,
  type PaymentReceipt,
  type PaymentOptions,
  type PaymentCode,
  type AmountChoice,
  type Funding,
  type FundingCode,
  type BankAccountChecks,
  type VaultedBankAccount,
  type SameDayPayment,
} from './payment-service';
