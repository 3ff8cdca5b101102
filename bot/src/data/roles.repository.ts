/**
 * The `roles` collection (custom roles, customer-owned: tenantId = the customer; the customer's
 * own when partnerTenantId is null, else a partner's for that customer) and its name claims:
 * document shapes, indexes and the one repository that maps them, for the roles feature, the
 * partner feature (a customer revoking its partners' roles) and the grants loader. Every query
 * names the customer (tenantId) and, but for the grants loader's reads, the side.
 */
import type {
  BaseDoc,
  BatchWrite,
  BatchWriteResult,
  DocCollection,
  Store,
} from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import type { Role } from '../core/partners/model.ts';
import type { RoleChanges, RoleRepository, RoleSide } from '../core/roles/roles.ports.ts';
import type { RoleGrantInput } from '../core/authz/engine.ts';
import type { IndexPlan } from './index-plan.ts';
import {
  AssignmentCollections,
  RoleCollections,
  SideRepository,
  onSide,
  sideFilter,
  type SideDoc,
} from './role-sides.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { writeWithAudit } from './write-with-audit.ts';

export { RoleCollections } from './role-sides.ts';

/** A role as stored: `_id` its id, `tenantId` the customer; `updated*` once it has changed. */
export type RoleDoc = SideDoc<Role>;

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

const ROLE_GRANT_FIELDS = { tenantId: 1, partnerTenantId: 1, name: 1, permissions: 1 } as const;

export class StoreRoleRepository extends SideRepository<Role> implements RoleRepository {
  private readonly claims: DocCollection<RoleNameClaimDoc>;

  constructor(store: Store) {
    super(store, RoleCollections.roles, 'name');
    this.claims = store.collection<RoleNameClaimDoc>(RoleCollections.roleNameClaims);
  }

  /** The name claim, the role and the audit records in one write. */
  async insert(role: Role, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const written = await this.withClaim(role, role.name, role.id, audit, (claim) => [
      ...claim,
      this.insertWrite(role),
    ]);
    return written !== null && written !== 'taken';
  }

  /**
   * The change (first: it may be unmet), the claim of a new name, the release of the old one and
   * the audit records in one write.
   */
  async update(
    side: RoleSide,
    id: string,
    changes: RoleChanges,
    audit: readonly AuditRecord[] = []
  ): Promise<Role | null | 'name_taken'> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await this.coll.findOne(onSide(side, id));
      if (!current) return null;
      const renamed = changes.name !== undefined && nameKey(changes.name) !== nameKey(current.name);
      // Still under the name read: the claim released below is that name's.
      const change = this.changeWrite(side, id, changes, { name: current.name });
      const written = renamed
        ? await this.withClaim(side, changes.name!, id, audit, (claim) => [
            change,
            ...claim,
            this.releaseWrite(side, current.name, id),
          ])
        : await writeWithAudit(this.store, [change], audit);
      if (written === 'taken') return 'name_taken';
      if (written) return this.changed(written, 0);
      // Renamed, deleted or its name claim changed meanwhile: read again.
    }
    return (await this.coll.findOne(onSide(side, id))) ? 'name_taken' : null;
  }

  /**
   * The role (first: it may be unmet), its name claims, its assignments and the audit records in
   * one write.
   */
  async delete(side: RoleSide, id: string, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const done = await writeWithAudit(
      this.store,
      [
        this.deleteWrite(side, id),
        {
          collection: RoleCollections.roleNameClaims,
          deleteMany: { filter: { tenantId: side.customerTenantId, roleId: id } },
        },
        {
          collection: AssignmentCollections.assignments,
          deleteMany: { filter: { ...sideFilter(side), roleId: id } },
        },
      ],
      audit
    );
    return done !== null;
  }

  /** The custom roles `ids` of the customers `customerTenantIds`, as authorization reads them. */
  async grantInputs(
    customerTenantIds: readonly string[],
    ids: readonly string[]
  ): Promise<RoleGrantInput[]> {
    if (ids.length === 0) return [];
    const docs = await this.coll
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
   * Writes `batch(claim)` and the audit records, where `claim` are the writes that claim `name`
   * for `roleId`: 'taken' when another role of the side has the name, null when the batch's own
   * requirements were unmet. A concurrent claim of the name (a duplicate claim id, or the stale claim taken over
   * meanwhile) is looked at again, once.
   */
  private async withClaim(
    side: RoleSide,
    name: string,
    roleId: string,
    audit: readonly AuditRecord[],
    batch: (claim: BatchWrite[]) => BatchWrite[]
  ): Promise<BatchWriteResult[] | null | 'taken'> {
    let outcome: BatchWriteResult[] | null | 'taken' = 'taken';
    for (let attempt = 0; attempt < 2; attempt++) {
      const claim = await this.claimWrites(side, name, roleId);
      if (claim === null) return 'taken';
      try {
        outcome = await writeWithAudit(this.store, batch(claim), audit);
        // Unmet without a claim to take over: the batch's own requirement.
        if (outcome || claim.length < 2) return outcome;
      } catch (e) {
        // Only a claim taken by another role meanwhile is looked at again.
        if (!isDuplicateKeyError(e) || !(await this.claimedByAnother(side, name, roleId))) throw e;
        outcome = 'taken';
      }
    }
    return outcome;
  }

  /**
   * The writes that claim `name` for `roleId`, null when another role of the side has it. A claim
   * left by a role that is gone (or data from before deletes released claims) or renamed is
   * taken over: deleted, required (first: it may be unmet), in the same write. Roles written
   * without a claim (seed, older data) are found by name.
   */
  private async claimWrites(
    side: RoleSide,
    name: string,
    roleId: string
  ): Promise<BatchWrite[] | null> {
    const key = nameKey(name);
    const sameName = await this.coll
      .find({ ...sideFilter(side), _id: { $ne: roleId } }, { projection: { _id: 1, name: 1 } })
      .toArray();
    if (sameName.some((r) => nameKey(r.name) === key)) return null;
    const _id = roleNameClaimId(side, name);
    const tenantId = side.customerTenantId;
    const insert: BatchWrite = {
      collection: RoleCollections.roleNameClaims,
      insertOne: { document: { _id, tenantId, roleId } },
    };
    const held = await this.claims.findOne({ _id, tenantId });
    if (!held) return [insert];
    if (held.roleId === roleId) return [];
    const holder = await this.coll.findOne({ _id: held.roleId, ...sideFilter(side) });
    if (holder && nameKey(holder.name) === key) return null;
    const stale = { _id, tenantId, roleId: held.roleId };
    return [
      { collection: RoleCollections.roleNameClaims, deleteOne: { filter: stale, required: true } },
      insert,
    ];
  }

  private async claimedByAnother(side: RoleSide, name: string, roleId: string) {
    const _id = roleNameClaimId(side, name);
    const held = await this.claims.findOne({ _id, tenantId: side.customerTenantId });
    return held !== null && held.roleId !== roleId;
  }

  private releaseWrite(side: RoleSide, name: string, roleId: string): BatchWrite {
    const filter = { _id: roleNameClaimId(side, name), tenantId: side.customerTenantId, roleId };
    return { collection: RoleCollections.roleNameClaims, deleteOne: { filter } };
  }
}

/**
 * The writes that empty one side (a partner off-boarded, or the leftovers of an interrupted
 * off-boarding purged on a new acceptance), for a batch with the change that causes it: every
 * assignment, every role and the name claims of the roles found now. A role created after this
 * read would keep its claim; a claim whose role is gone is taken over (StoreRoleRepository.claim).
 */
export async function sideRemovalWrites(store: Store, side: RoleSide): Promise<BatchWrite[]> {
  const roles = store.collection<RoleDoc>(RoleCollections.roles);
  const ids = await roles.find(sideFilter(side), { projection: { _id: 1 } }).toArray();
  return [
    { collection: AssignmentCollections.assignments, deleteMany: { filter: sideFilter(side) } },
    { collection: RoleCollections.roles, deleteMany: { filter: sideFilter(side) } },
    ...(ids.length === 0
      ? []
      : [
          {
            collection: RoleCollections.roleNameClaims,
            deleteMany: {
              filter: { tenantId: side.customerTenantId, roleId: { $in: ids.map((d) => d._id) } },
            },
          },
        ]),
  ];
}
