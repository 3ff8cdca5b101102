/**
 * Roles and assignments live on one side of one customer: `tenantId` is the customer,
 * `partnerTenantId` the partner whose side it is (null: the customer's own).
 */
import type { RoleSide } from '../core/roles/roles.ports.ts';

/** The documents of one side. */
export const sideFilter = (side: RoleSide) => ({
  tenantId: side.customerTenantId,
  partnerTenantId: side.partnerTenantId,
});

/** The documents of some partners' sides in one customer (the customer's Partners view). */
export const partnerSidesFilter = (
  customerTenantId: string,
  partnerTenantIds: readonly string[]
) => ({ tenantId: customerTenantId, partnerTenantId: { $in: [...partnerTenantIds] } });
