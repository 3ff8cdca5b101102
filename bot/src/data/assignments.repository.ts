/**
 * The `assignments` collection (role assignments, customer-owned: tenantId = the customer; the
 * customer's own when partnerTenantId is null, else a partner's for that customer): document
 * shape, indexes and the one repository that maps it, for the roles feature, the partner feature
 * (a customer revoking its partners' assignments) and the grants loader.
 */
import type { Filter, Store } from '../store/types.ts';
import type { Assignment } from '../core/partners/model.ts';
import type {
  AssignmentChanges,
  AssignmentRepository,
  RoleSide,
} from '../core/roles/roles.ports.ts';
import type { AssignmentGrantInput } from '../core/authz/engine.ts';
import type { IndexPlan } from './index-plan.ts';
import {
  AssignmentCollections,
  SideRepository,
  customRoleRequired,
  sideFilter,
  type SideDoc,
} from './role-sides.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { writeWithAudit } from './write-with-audit.ts';

export { AssignmentCollections } from './role-sides.ts';

/** An assignment as stored: `_id` its id, `tenantId` the customer; `updated*` once changed. */
export type AssignmentDoc = SideDoc<Assignment>;

/** The assignment fields authorization reads; `tenantId` is the customer. */
export type AssignmentGrantDoc = Pick<
  AssignmentDoc,
  '_id' | 'tenantId' | 'partnerTenantId' | 'roleId' | 'members' | 'scope'
>;

/**
 * The roles feature lists assignments by creation, the partners feature by role, and
 * authorization by member. The member indexes are the documented exception to "every index
 * starts with tenantId": a partner user's grants start from "which assignments name me?", which
 * no customer-first index answers without visiting every customer.
 */
export const assignmentIndexes: IndexPlan = {
  [AssignmentCollections.assignments]: [
    { keys: { tenantId: 1, partnerTenantId: 1, roleId: 1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, createdAt: 1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, 'members.id': 1 } },
    { keys: { partnerTenantId: 1, 'members.id': 1 } },
  ],
};

const GRANT_FIELDS = {
  tenantId: 1,
  partnerTenantId: 1,
  roleId: 1,
  members: 1,
  scope: 1,
} as const;

const toGrantInput = (d: AssignmentGrantDoc): AssignmentGrantInput => ({
  id: d._id,
  customerTenantId: d.tenantId,
  partnerTenantId: d.partnerTenantId ?? null,
  roleId: d.roleId,
  members: d.members,
  scope: d.scope,
});

export class StoreAssignmentRepository
  extends SideRepository<Assignment>
  implements AssignmentRepository
{
  constructor(store: Store) {
    super(store, AssignmentCollections.assignments, 'createdAt');
  }

  async listForRole(side: RoleSide, roleId: string): Promise<Assignment[]> {
    const docs = await this.coll.find({ ...sideFilter(side), roleId }).toArray();
    return docs.map(this.toRecord);
  }

  countForRole(side: RoleSide, roleId: string): Promise<number> {
    return this.coll.countDocuments({ ...sideFilter(side), roleId });
  }

  /** The custom role's requirement (first: it may be unmet), the assignment, the audit records. */
  async insert(a: Assignment, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const writes = [...customRoleRequired(a, a.roleId), this.insertWrite(a)];
    return (await writeWithAudit(this.store, writes, audit)) !== null;
  }

  /**
   * The requirement of the custom role it would name, the change and the audit records (the
   * first two may be unmet, and neither writes anything).
   */
  async update(
    side: RoleSide,
    id: string,
    changes: AssignmentChanges,
    audit: readonly AuditRecord[] = []
  ): Promise<Assignment | null> {
    const role = changes.roleId === undefined ? [] : customRoleRequired(side, changes.roleId);
    const written = await writeWithAudit(
      this.store,
      [...role, this.changeWrite(side, id, changes)],
      audit
    );
    return written && this.changed(written, role.length);
  }

  /** The assignment and the audit records in one write; false (nothing written) when absent. */
  async delete(side: RoleSide, id: string, audit: readonly AuditRecord[] = []): Promise<boolean> {
    return (await writeWithAudit(this.store, [this.deleteWrite(side, id)], audit)) !== null;
  }

  /**
   * Every assignment of a role that is gone (left by data from before a role's delete took them
   * along) and the audit records, in one write: false (nothing written) when there were none.
   */
  async deleteForRole(
    side: RoleSide,
    roleId: string,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    const ofRole = { ...sideFilter(side), roleId };
    const one = await this.coll.findOne(ofRole, { projection: { _id: 1 } });
    if (!one) return false;
    const done = await writeWithAudit(
      this.store,
      // One of them first, required: if another delete took them meanwhile, nothing is written.
      [
        this.deleteWrite(side, one._id),
        { collection: this.coll.collectionName, deleteMany: { filter: ofRole } },
      ],
      audit
    );
    return done !== null;
  }

  /** One customer's assignments (both sides) with notify on, as authorization reads them. */
  async grantInputsNotifying(customerTenantId: string): Promise<AssignmentGrantInput[]> {
    const docs = await this.coll
      .find({ tenantId: customerTenantId, notify: true }, { projection: GRANT_FIELDS })
      .toArray();
    return docs.map(toGrantInput);
  }

  /**
   * The assignments naming one of `memberIds`, as authorization reads them: in one tenant's own
   * side (`own`), or in every customer's side of partner `partnerTenantId` (optionally one
   * customer's only). Served by the member indexes.
   */
  async grantInputsNaming(
    memberIds: readonly string[],
    where: { own: string } | { partnerTenantId: string; customerTenantId?: string }
  ): Promise<AssignmentGrantInput[]> {
    const member = { $in: [...memberIds] };
    // Keys in the order of the index each query uses.
    const filter: Filter<AssignmentDoc> =
      'own' in where
        ? { tenantId: where.own, partnerTenantId: null, 'members.id': member }
        : {
            partnerTenantId: where.partnerTenantId,
            'members.id': member,
            ...(where.customerTenantId === undefined ? {} : { tenantId: where.customerTenantId }),
          };
    const docs = await this.coll.find(filter, { projection: GRANT_FIELDS }).toArray();
    return docs.map(toGrantInput);
  }
}
