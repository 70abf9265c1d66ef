export { hashTaxId } from './keyed-hash';
export { seal, unseal, newBankToken, type SealedSecret } from './vault-cipher';
export { last4, maskSensitiveText, redactDetails, SENSITIVE_LOG_PATHS } from './redact';
