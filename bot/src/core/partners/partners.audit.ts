/**
 * Audit names of the partner–customer relationship. Auditing itself is core/audit/audited.ts
 * (re-exported here under its former name for code written before the move).
 */
export { audited as auditedAcross, type AuditSubject, type AuditTrail } from '../audit/audited.ts';

/** The audit object id of a relationship: both tenants, customer first. */
export const relationshipKey = (customerTenantId: string, partnerTenantId: string) =>
  `${customerTenantId}/${partnerTenantId}`;
