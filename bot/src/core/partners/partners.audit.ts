/** Audit names of the partner–customer relationship (auditing itself is core/audit/audited.ts). */

/** The audit object id of a relationship: both tenants, customer first. */
export const relationshipKey = (customerTenantId: string, partnerTenantId: string) =>
  `${customerTenantId}/${partnerTenantId}`;
