/**
 * The roles feature's dependencies: the `roles` and `assignments` repositories (one file each,
 * roles.repository.ts and assignments.repository.ts), the rooms an assignment scope may name
 * (the customer's room catalog), and what the partner feature knows of a relationship.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/types.ts';
import type { RelationshipRepository } from '../core/partners/partners.ports.ts';
import type { RelationshipFacts, RolesDeps, RoomLookup } from '../core/roles/roles.ports.ts';
import { StoreCustomerRoomCatalog } from './partners.repositories.ts';
import { StoreRoleRepository } from './roles.repository.ts';
import { StoreAssignmentRepository } from './assignments.repository.ts';

/** The rooms and groups an assignment scope may name, read through the customer's room catalog. */
const roomLookupOver = (catalog: StoreCustomerRoomCatalog): RoomLookup => ({
  rooms: (tenantId, ids) => catalog.roomRefs(tenantId, ids),
  existingGroupIds: (tenantId, ids) => catalog.existingGroupIds(tenantId, ids),
});

/** Reads the partner feature's relationship documents through its port. */
export const relationshipFacts = (relationships: RelationshipRepository): RelationshipFacts => ({
  primaryAdminsRoleDeleted: async (customerTenantId, partnerTenantId) =>
    (await relationships.findByPair(customerTenantId, partnerTenantId))
      ?.primaryAdminsRoleDeleted === true,
});

/** The roles feature's dependencies over one store. */
export function buildRolesDeps(
  store: Store,
  base: Pick<RolesDeps, 'directory' | 'audit' | 'grantsFor'> & {
    relationships: RelationshipRepository;
  }
): RolesDeps {
  return {
    directory: base.directory,
    audit: base.audit,
    grantsFor: base.grantsFor,
    roles: new StoreRoleRepository(store),
    assignments: new StoreAssignmentRepository(store),
    rooms: roomLookupOver(new StoreCustomerRoomCatalog(store)),
    relationships: relationshipFacts(base.relationships),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
}
