export { parseVin, vinCheckDigit, normalizeVin, type VinCode } from './vin';
export { parseTaxId, parseSsn, parseEin, checkTaxId, type TaxId, type TaxIdCode, type TaxIdFormatCode } from './tax-id';
export { parseAccountReference, type AccountReference, type AccountReferenceCode, type ReferenceKind } from './account-reference';
export {
  createIdentityService,
  DEFAULT_VERIFICATION_POLICY,
  CODE_DIGITS,
  type VerificationPolicy,
  type CodeTexter,
  type ConfirmCodeRequest,
  type ConfirmCodeCode,
  type IdentityService,
  type VerifyRequest,
  type VerifiedCustomer,
  type SealedTaxId,
  type VerifyCode,
} from './verify-identity';
