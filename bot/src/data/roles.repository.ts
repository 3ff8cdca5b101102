/**
 * The `roles` collection (custom roles, customer-owned: tenantId = the customer; the customer's
 * own when partnerTenantId is null, else a partner's for that customer) and its name claims:
 * document shapes, indexes and the one repository that maps them, for the roles feature, the
 * partner feature (a customer revoking its partners' roles) and the grants loader. Every query
 * names the customer (tenantId) and, but for the grants loader's reads, the side.
 */
import type { BaseDoc, DocCollection, Store } from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import type { Role } from '../core/partners/model.ts';
import type { PageRequest, PageResult } from '../core/paging.ts';
import type { RoleChanges, RoleRepository, RoleSide } from '../core/roles/roles.ports.ts';
import type { RoleGrantInput } from '../core/authz/engine.ts';
import type { IndexPlan } from './index-plan.ts';
import { findPageOf, sortOn } from './pagination.ts';
import { findOnSide, onSide, partnerSidesFilter, sideFilter } from './role-sides.ts';
import { AssignmentCollections } from './assignments.repository.ts';

/** A role as stored: `_id` its id, `tenantId` the customer; `updated*` once it has changed. */
export type RoleDoc = BaseDoc &
  Omit<Role, 'id' | 'customerTenantId'> & { updatedAt?: Date; updatedBy?: string };

/**
 * A claimed role name: `_id` is customer + side + the case-folded name, so the store's `_id`
 * uniqueness makes two concurrent creates or renames to one name end with one winner, without a
 * unique index on `roles` (documents written by other paths need not carry a name key).
 */
export interface RoleNameClaimDoc extends BaseDoc {
  roleId: string;
}

/** The custom-role fields authorization reads; `tenantId` is the customer. */
export type RoleGrantDoc = Pick<
  RoleDoc,
  '_id' | 'tenantId' | 'partnerTenantId' | 'name' | 'permissions'
>;

export const RoleCollections = { roles: 'roles', roleNameClaims: 'roleNameClaims' } as const;

export const roleIndexes: IndexPlan = {
  // Lists by side and name (the roles feature, the partner feature's Partners view).
  [RoleCollections.roles]: [
    { keys: { tenantId: 1, partnerTenantId: 1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, name: 1 } },
  ],
  [RoleCollections.roleNameClaims]: [{ keys: { tenantId: 1, roleId: 1 } }],
};

/** Names compare case-insensitively and after Unicode normalisation. */
export const nameKey = (name: string) => name.normalize('NFC').toLocaleLowerCase('en-US');

/** The `_id` of the claim on `name` in one side of one customer. */
export const roleNameClaimId = (side: RoleSide, name: string) =>
  `${side.customerTenantId}:${side.partnerTenantId ?? 'customer'}:${nameKey(name)}`;

const toRole = ({ _id, tenantId, ...rest }: RoleDoc): Role & { updatedAt?: Date } => ({
  ...rest,
  id: _id,
  customerTenantId: tenantId,
  partnerTenantId: rest.partnerTenantId ?? null,
});

const ROLE_GRANT_FIELDS = { tenantId: 1, partnerTenantId: 1, name: 1, permissions: 1 } as const;

export class StoreRoleRepository implements RoleRepository {
  private readonly roles: DocCollection<RoleDoc>;
  private readonly claims: DocCollection<RoleNameClaimDoc>;

  constructor(private readonly store: Store) {
    this.roles = store.collection<RoleDoc>(RoleCollections.roles);
    this.claims = store.collection<RoleNameClaimDoc>(RoleCollections.roleNameClaims);
  }

  async list(side: RoleSide, page: PageRequest): Promise<PageResult<Role>> {
    return findPageOf(this.roles, sideFilter(side), sortOn('name'), page, toRole);
  }

  async get(side: RoleSide, id: string): Promise<Role | null> {
    return findOnSide(this.roles, side, id, toRole);
  }

  async insert(role: Role): Promise<boolean> {
    const side = { customerTenantId: role.customerTenantId, partnerTenantId: role.partnerTenantId };
    if (!(await this.claim(side, role.name, role.id))) return false;
    const { id, customerTenantId, ...rest } = role;
    await this.roles.insertOne({ ...rest, _id: id, tenantId: customerTenantId });
    return true;
  }

  async update(side: RoleSide, id: string, changes: RoleChanges) {
    const current = await this.roles.findOne(onSide(side, id));
    if (!current) return null;
    const renamed = changes.name !== undefined && nameKey(changes.name) !== nameKey(current.name);
    if (renamed && !(await this.claim(side, changes.name!, id))) return 'name_taken' as const;
    const doc = await this.roles.findOneAndUpdate(
      onSide(side, id),
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

  /** The role (first: it may be unmet), its name claims and its assignments in one write. */
  async delete(side: RoleSide, id: string): Promise<boolean> {
    const done = await this.store.writeBatch([
      {
        collection: RoleCollections.roles,
        deleteOne: { filter: { _id: id, ...sideFilter(side) }, required: true },
      },
      {
        collection: RoleCollections.roleNameClaims,
        deleteMany: { filter: { tenantId: side.customerTenantId, roleId: id } },
      },
      {
        collection: AssignmentCollections.assignments,
        deleteMany: { filter: { ...sideFilter(side), roleId: id } },
      },
    ]);
    return done !== null;
  }

  /** The roles of some partners in one customer, by name (the customer's Partners view). */
  async listOfPartners(customerTenantId: string, partnerTenantIds: readonly string[]) {
    const filter = partnerSidesFilter(customerTenantId, partnerTenantIds);
    const docs = await this.roles.find(filter, { sort: { name: 1, _id: 1 } }).toArray();
    return docs.map(toRole);
  }

  /** Every role of one side (a partner off-boarded); their name claims go with them. */
  async deleteAll(side: RoleSide): Promise<void> {
    const ids = await this.roles.find(sideFilter(side), { projection: { _id: 1 } }).toArray();
    await this.roles.deleteMany(sideFilter(side));
    if (ids.length === 0) return;
    const roleId = { $in: ids.map((d) => d._id) };
    await this.claims.deleteMany({ tenantId: side.customerTenantId, roleId });
  }

  /** The custom roles `ids` of the customers `customerTenantIds`, as authorization reads them. */
  async grantInputs(
    customerTenantIds: readonly string[],
    ids: readonly string[]
  ): Promise<RoleGrantInput[]> {
    if (ids.length === 0) return [];
    const docs = await this.roles
      .find(
        { tenantId: { $in: [...customerTenantIds] }, _id: { $in: [...ids] } },
        { projection: ROLE_GRANT_FIELDS }
      )
      .toArray();
    return docs.map((d) => ({
      id: d._id,
      customerTenantId: d.tenantId,
      partnerTenantId: d.partnerTenantId ?? null,
      name: d.name,
      permissions: d.permissions,
    }));
  }

  /**
   * Claims `name` for `roleId`. A claim left by a role that is gone (a delete interrupted between
   * the role and its claim, or data from before deletes released claims) or renamed is taken over. Roles written without a claim
   * (seed, older data) are found by name.
   */
  private async claim(side: RoleSide, name: string, roleId: string): Promise<boolean> {
    const key = nameKey(name);
    const sameName = await this.roles
      .find({ ...sideFilter(side), _id: { $ne: roleId } }, { projection: { _id: 1, name: 1 } })
      .toArray();
    if (sameName.some((r) => nameKey(r.name) === key)) return false;
    const _id = roleNameClaimId(side, name);
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
    await this.claims.deleteOne({ _id: roleNameClaimId(side, name), roleId });
  }
}
