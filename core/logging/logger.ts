import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Field names that may carry a full SSN/Tax ID, a bank account number or a
 * secret. pino removes them from every log line wherever they appear.
 */
export const REDACTED_PATHS = [
  'ssn',
  'taxId',
  'accountNumber',
  'bankAccountNumber',
  'routingNumber',
  'password',
  'token',
  'authorization',
  'text',
  'digits',
  'speech',
  '*.ssn',
  '*.taxId',
  '*.bankAccountNumber',
  '*.password',
  '*.token',
  '*.authorization',
  '*.text',
  '*.digits',
  '*.speech',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'body',
  '*.body',
];

/** Structured JSON logs with redaction; the one logger factory of the service. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'servicing-assistant' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
