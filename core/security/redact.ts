/** "…4321": the only way a sensitive number may be shown, logged or audited. */
export function last4(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.slice(-4);
}

/**
 * Paths for pino's `redact` option, so a sensitive field that slips into a log
 * object is censored rather than written.
 */
export const SENSITIVE_LOG_PATHS: readonly string[] = [
  'ssn',
  'taxId',
  'digits',
  'accountNumber',
  'bankAccountNumber',
  '*.ssn',
  '*.taxId',
  '*.digits',
  '*.bankAccountNumber',
  'funding.accountNumber',
  '*.funding.accountNumber',
];

const SENSITIVE_KEY = /^(ssn|ein|taxid|tax_id|digits|bankaccountnumber|accountnumberfull|password|secret)$/i;

/**
 * Masks values under keys that name a sensitive number, keeping the last 4.
 * A last line of defence for audit details; callers should pass last 4 already.
 */
export function redactDetails<T extends Record<string, string | number | boolean | null>>(details: T): T {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(details)) {
    out[k] = SENSITIVE_KEY.test(k) && v !== null ? `***${last4(String(v))}` : v;
  }
  return out as T;
}
