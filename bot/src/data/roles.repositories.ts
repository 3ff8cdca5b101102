/**
 * Store-backed adapters of the roles ports over the `roles` and `assignments` collections (shapes
 * in collections.ts, also read by the grants loader and the partner feature). Every query names
 * the customer (tenantId) and the side (partnerTenantId, null for the customer's own), so an id
 * from another customer or another side never matches.
 */
import { randomUUID } from 'node:crypto';
import type { BaseDoc, DocCollection, Store } from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import type { Assignment, Role } from '../core/partners/model.ts';
import type {
  PageRequest,
  PageResult,
  RelationshipRepository,
} from '../core/partners/partners.ports.ts';
import type {
  AssignmentChanges,
  AssignmentRepository,
  RelationshipFacts,
  RoleChanges,
  RoleRepository,
  RoleSide,
  RolesDeps,
  RoomLookup,
} from '../core/roles/roles.ports.ts';
import type { RoomRef } from '../core/authz/engine.ts';
import {
  AccessCollections,
  ResourceCollections,
  registerIndexes,
  type AssignmentDoc,
  type RoleDoc,
  type RoomDoc,
  type RoomGroupDoc,
} from './collections.ts';
import { findPage } from './pagination.ts';

/** A role as this feature writes it (the extra fields are optional for older documents). */
export interface CustomRoleDoc extends RoleDoc {
  updatedAt?: Date;
  updatedBy?: string;
}

export interface CustomAssignmentDoc extends AssignmentDoc {
  updatedAt?: Date;
  updatedBy?: string;
}

/**
 * A claimed role name: `_id` is customer + side + the case-folded name, so the store's `_id`
 * uniqueness makes two concurrent creates or renames to one name end with one winner, without a
 * unique index on `roles` (documents written by other paths need not carry a name key).
 */
export interface RoleNameClaimDoc extends BaseDoc {
  roleId: string;
}

export const RoleCollections = { roleNameClaims: 'roleNameClaims' } as const;

registerIndexes({
  [RoleCollections.roleNameClaims]: [{ keys: { tenantId: 1, roleId: 1 } }],
});

const sideFilter = (side: RoleSide) => ({
  tenantId: side.customerTenantId,
  partnerTenantId: side.partnerTenantId,
});

/** Names compare case-insensitively and after Unicode normalisation. */
export const nameKey = (name: string) => name.normalize('NFC').toLocaleLowerCase('en-US');

const claimId = (side: RoleSide, name: string) =>
  `${side.customerTenantId}:${side.partnerTenantId ?? 'customer'}:${nameKey(name)}`;

const toRole = ({ _id, tenantId, ...rest }: CustomRoleDoc): Role & { updatedAt?: Date } => ({
  ...rest,
  id: _id,
  customerTenantId: tenantId,
  partnerTenantId: rest.partnerTenantId ?? null,
});

const toAssignment = ({
  _id,
  tenantId,
  ...rest
}: CustomAssignmentDoc): Assignment & { updatedAt?: Date } => ({
  ...rest,
  id: _id,
  customerTenantId: tenantId,
  partnerTenantId: rest.partnerTenantId ?? null,
});

export class StoreRoleRepository implements RoleRepository {
  private readonly roles: DocCollection<CustomRoleDoc>;
  private readonly claims: DocCollection<RoleNameClaimDoc>;

  constructor(store: Store) {
    this.roles = store.collection<CustomRoleDoc>(AccessCollections.roles);
    this.claims = store.collection<RoleNameClaimDoc>(RoleCollections.roleNameClaims);
  }

  async list(side: RoleSide, page: PageRequest): Promise<PageResult<Role>> {
    const r = await findPage(
      this.roles,
      sideFilter(side),
      [
        ['name', 1],
        ['_id', 1],
      ],
      page
    );
    return { ...r, items: r.items.map(toRole) };
  }

  async get(side: RoleSide, id: string): Promise<Role | null> {
    const doc = await this.roles.findOne({ _id: id, ...sideFilter(side) });
    return doc ? toRole(doc) : null;
  }

  async insert(role: Role): Promise<boolean> {
    const side = { customerTenantId: role.customerTenantId, partnerTenantId: role.partnerTenantId };
    if (!(await this.claim(side, role.name, role.id))) return false;
    const { id, customerTenantId, ...rest } = role;
    await this.roles.insertOne({ ...rest, _id: id, tenantId: customerTenantId });
    return true;
  }

  async update(side: RoleSide, id: string, changes: RoleChanges) {
    const current = await this.roles.findOne({ _id: id, ...sideFilter(side) });
    if (!current) return null;
    const renamed = changes.name !== undefined && nameKey(changes.name) !== nameKey(current.name);
    if (renamed && !(await this.claim(side, changes.name!, id))) return 'name_taken' as const;
    const doc = await this.roles.findOneAndUpdate(
      { _id: id, ...sideFilter(side) },
      { $set: changes },
      { returnDocument: 'after' }
    );
    if (!doc) {
      if (renamed) await this.release(side, changes.name!, id);
      return null;
    }
    if (renamed) await this.release(side, current.name, id);
    return toRole(doc);
  }

  async delete(side: RoleSide, id: string): Promise<boolean> {
    const doc = await this.roles.findOneAndDelete({ _id: id, ...sideFilter(side) });
    if (!doc) return false;
    await this.claims.deleteMany({ tenantId: side.customerTenantId, roleId: id });
    return true;
  }

  /**
   * Claims `name` for `roleId`. A claim left by a role that is gone (e.g. deleted by the customer
   * through the Partners routes, which do not know about claims) or renamed is taken over. Roles
   * written without a claim (seed, older data) are found by name.
   */
  private async claim(side: RoleSide, name: string, roleId: string): Promise<boolean> {
    const key = nameKey(name);
    const sameName = await this.roles
      .find({ ...sideFilter(side), _id: { $ne: roleId } }, { projection: { _id: 1, name: 1 } })
      .toArray();
    if (sameName.some((r) => nameKey(r.name) === key)) return false;
    const _id = claimId(side, name);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.claims.insertOne({ _id, tenantId: side.customerTenantId, roleId });
        return true;
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
      }
      const held = await this.claims.findOne({ _id, tenantId: side.customerTenantId });
      if (!held) continue;
      if (held.roleId === roleId) return true;
      const holder = await this.roles.findOne({ _id: held.roleId, ...sideFilter(side) });
      if (holder && nameKey(holder.name) === key) return false;
      await this.claims.deleteOne({ _id, roleId: held.roleId });
    }
    return false;
  }

  private async release(side: RoleSide, name: string, roleId: string): Promise<void> {
    await this.claims.deleteOne({ _id: claimId(side, name), roleId });
  }
}

export class StoreAssignmentRepository implements AssignmentRepository {
  private readonly assignments: DocCollection<CustomAssignmentDoc>;

  constructor(store: Store) {
    this.assignments = store.collection<CustomAssignmentDoc>(AccessCollections.assignments);
  }

  async list(side: RoleSide, page: PageRequest): Promise<PageResult<Assignment>> {
    const r = await findPage(
      this.assignments,
      sideFilter(side),
      [
        ['createdAt', 1],
        ['_id', 1],
      ],
      page
    );
    return { ...r, items: r.items.map(toAssignment) };
  }

  async get(side: RoleSide, id: string): Promise<Assignment | null> {
    const doc = await this.assignments.findOne({ _id: id, ...sideFilter(side) });
    return doc ? toAssignment(doc) : null;
  }

  async listForRole(side: RoleSide, roleId: string): Promise<Assignment[]> {
    const docs = await this.assignments.find({ ...sideFilter(side), roleId }).toArray();
    return docs.map(toAssignment);
  }

  countForRole(side: RoleSide, roleId: string): Promise<number> {
    return this.assignments.countDocuments({ ...sideFilter(side), roleId });
  }

  async insert(a: Assignment): Promise<void> {
    const { id, customerTenantId, ...rest } = a;
    await this.assignments.insertOne({ ...rest, _id: id, tenantId: customerTenantId });
  }

  async update(side: RoleSide, id: string, changes: AssignmentChanges) {
    const doc = await this.assignments.findOneAndUpdate(
      { _id: id, ...sideFilter(side) },
      { $set: changes },
      { returnDocument: 'after' }
    );
    return doc ? toAssignment(doc) : null;
  }

  async delete(side: RoleSide, id: string): Promise<boolean> {
    return (await this.assignments.deleteOne({ _id: id, ...sideFilter(side) })).deletedCount === 1;
  }

  async deleteForRole(side: RoleSide, roleId: string): Promise<number> {
    return (await this.assignments.deleteMany({ ...sideFilter(side), roleId })).deletedCount;
  }
}

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
