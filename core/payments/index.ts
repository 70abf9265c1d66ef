export { checkPaymentAmount, type AmountCode } from './amount';
export { parseRoutingNumber } from './routing-number';
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
} from './payment-service';
