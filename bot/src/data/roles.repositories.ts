/**
 * The roles feature's dependencies: the `roles` and `assignments` repositories (one file each,
 * roles.repository.ts and assignments.repository.ts), the rooms an assignment scope may name, and
 * what the partner feature knows of a relationship.
 */
import { randomUUID } from 'node:crypto';
import type { DocCollection, Store } from '../store/types.ts';
import type { RelationshipRepository } from '../core/partners/partners.ports.ts';
import type { RelationshipFacts, RolesDeps, RoomLookup } from '../core/roles/roles.ports.ts';
import type { RoomRef } from '../core/authz/engine.ts';
import { ResourceCollections, type RoomDoc, type RoomGroupDoc } from './collections.ts';
import { StoreRoleRepository } from './roles.repository.ts';
import { StoreAssignmentRepository } from './assignments.repository.ts';

export class StoreRoomLookup implements RoomLookup {
  private readonly roomDocs: DocCollection<RoomDoc>;
  private readonly groups: DocCollection<RoomGroupDoc>;

  constructor(store: Store) {
    this.roomDocs = store.collection<RoomDoc>(ResourceCollections.rooms);
    this.groups = store.collection<RoomGroupDoc>(ResourceCollections.roomGroups);
  }

  async rooms(tenantId: string, ids: readonly string[]): Promise<RoomRef[]> {
    if (ids.length === 0) return [];
    const docs = await this.roomDocs
      .find({ tenantId, _id: { $in: [...ids] } }, { projection: { _id: 1, groupIds: 1 } })
      .toArray();
    return docs.map((d) => ({ id: d._id, groupIds: Array.isArray(d.groupIds) ? d.groupIds : [] }));
  }

  async existingGroupIds(tenantId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const docs = await this.groups
      .find({ tenantId, _id: { $in: [...ids] } }, { projection: { _id: 1 } })
      .toArray();
    return docs.map((d) => d._id);
  }
}

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
    rooms: new StoreRoomLookup(store),
    relationships: relationshipFacts(base.relationships),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
}
