/**
 * Roles and assignments live on one side of one customer: `tenantId` is the customer,
 * `partnerTenantId` the partner whose side it is (null: the customer's own).
 */
import type { BaseDoc, DocCollection, Filter } from '../store/types.ts';
import type { RoleSide } from '../core/roles/roles.ports.ts';

/** The documents of one side. */
export const sideFilter = (side: RoleSide) => ({
  tenantId: side.customerTenantId,
  partnerTenantId: side.partnerTenantId,
});

/** One document of one side (another side's, with the same id, never matches). */
export const onSide = (side: RoleSide, id: string) => ({ _id: id, ...sideFilter(side) });

/** The document `id` of the side, mapped; null when the side has none. */
export async function findOnSide<D extends BaseDoc, M>(
  coll: DocCollection<D>,
  side: RoleSide,
  id: string,
  map: (doc: D) => M
): Promise<M | null> {
  const doc = await coll.findOne(onSide(side, id) as unknown as Filter<D>);
  return doc && map(doc);
}

/** The documents of some partners' sides in one customer (the customer's Partners view). */
export const partnerSidesFilter = (
  customerTenantId: string,
  partnerTenantIds: readonly string[]
) => ({ tenantId: customerTenantId, partnerTenantId: { $in: [...partnerTenantIds] } });
