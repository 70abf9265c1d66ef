import type { AuditKind, AuditLog } from '../store/ports';
import type { Clock } from '../shared/clock';
import { redactDetails } from '../security/redact';

export type AuditDetails = Record<string, string | number | boolean | null>;

/** Who an audited event concerns. */
export interface AuditSubject {
  sessionId?: string | null;
  customerId?: string | null;
  accountId?: string | null;
}

/** Records money and identity events with redacted details and the injected clock's time. */
export interface AuditTrail {
  record(kind: AuditKind, subject: AuditSubject, details: AuditDetails): Promise<void>;
}

export function createAuditTrail(log: AuditLog, clock: Clock): AuditTrail {
  return {
    record: (kind, subject, details) =>
      log.record({
        kind,
        sessionId: subject.sessionId ?? null,
        customerId: subject.customerId ?? null,
        accountId: subject.accountId ?? null,
        details: redactDetails(details),
        at: clock.now(),
      }),
  };
}
