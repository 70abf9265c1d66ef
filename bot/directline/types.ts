export type { ChannelAccount, DirectLineActivity } from '../../core/store/direct-line-store';

/** A structured logger with pino's `(fields, message)` call shape. */
export interface DirectLineLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}
