import pino, { type Logger, type DestinationStream } from 'pino';
import { SENSITIVE_LOG_PATHS } from '../security/redact';

export type { Logger };

/**
 * Besides the sensitive numbers (core/security), anything a customer typed or
 * said and every credential is removed from log lines wherever it appears.
 */
export const REDACTED_PATHS = [
  ...SENSITIVE_LOG_PATHS,
  'text',
  'speech',
  'body',
  'password',
  'token',
  'authorization',
  '*.text',
  '*.speech',
  '*.body',
  '*.password',
  '*.token',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
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
