export { parseVin, vinCheckDigit, normalizeVin, type VinCode } from './vin';
export { parseTaxId, parseSsn, parseEin, type TaxId, type TaxIdCode } from './tax-id';
export { parseAccountReference, type AccountReference, type AccountReferenceCode } from './account-reference';
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
  type VerifiedIdentity,
  type VerifyCode,
} from './verify-identity';
