export { hashTaxId, taxIdHashes } from './keyed-hash';
export { keyRing, type KeyEntry, type KeyRing } from './key-ring';
export { seal, unseal, newBankToken, type SealedSecret } from './vault-cipher';
export { holdsCardNumber, last4, maskSensitiveText, redactDetails, SENSITIVE_LOG_PATHS } from './redact';
export { vaultKeyRing, sealEntry, openEntry, resealEntry, type StoredSecret, type VaultKeyOptions } from './vault-keys';
