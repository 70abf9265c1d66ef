export { createAuditTrail, type AuditTrail, type AuditSubject, type AuditDetails } from './audit-trail';
