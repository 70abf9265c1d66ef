export { parseVin, vinCheckDigit, normalizeVin, type VinCode } from './vin';
export { parseTaxId, parseSsn, parseEin, type TaxId, type TaxIdCode } from './tax-id';
export { parseAccountReference, type AccountReference, type AccountReferenceCode } from './account-reference';
export {
  createIdentityService,
  MAX_FAILED_ATTEMPTS,
  LOCK_MINUTES,
  type IdentityService,
  type VerifyRequest,
  type VerifiedIdentity,
  type VerifyCode,
} from './verify-identity';
