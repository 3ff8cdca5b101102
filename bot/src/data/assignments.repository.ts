/**
 * The `assignments` collection (role assignments, customer-owned: tenantId = the customer; the
 * customer's own when partnerTenantId is null, else a partner's for that customer): document
 * shape, indexes and the one repository that maps it, for the roles feature, the partner feature
 * (a customer revoking its partners' assignments) and the grants loader.
 */
import type { BaseDoc, DocCollection, Filter, Store } from '../store/types.ts';
import type { Assignment } from '../core/partners/model.ts';
import type { PageRequest, PageResult } from '../core/paging.ts';
import type {
  AssignmentChanges,
  AssignmentRepository,
  RoleSide,
} from '../core/roles/roles.ports.ts';
import type { AssignmentGrantInput } from '../core/authz/engine.ts';
import type { IndexPlan } from './index-plan.ts';
import { findPageOf, sortOn } from './pagination.ts';
import { updatedOne } from './updated-one.ts';
import { findOnSide, onSide, partnerSidesFilter, sideFilter } from './role-sides.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { auditWrites } from './foundation.repositories.ts';

/** An assignment as stored: `_id` its id, `tenantId` the customer; `updated*` once changed. */
export type AssignmentDoc = BaseDoc &
  Omit<Assignment, 'id' | 'customerTenantId'> & { updatedAt?: Date; updatedBy?: string };

/** The assignment fields authorization reads; `tenantId` is the customer. */
export type AssignmentGrantDoc = Pick<
  AssignmentDoc,
  '_id' | 'tenantId' | 'partnerTenantId' | 'roleId' | 'members' | 'scope'
>;

export const AssignmentCollections = { assignments: 'assignments' } as const;

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

const toAssignment = ({
  _id,
  tenantId,
  ...rest
}: AssignmentDoc): Assignment & { updatedAt?: Date } => ({
  ...rest,
  id: _id,
  customerTenantId: tenantId,
  partnerTenantId: rest.partnerTenantId ?? null,
});

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

export class StoreAssignmentRepository implements AssignmentRepository {
  private readonly assignments: DocCollection<AssignmentDoc>;

  constructor(private readonly store: Store) {
    this.assignments = store.collection<AssignmentDoc>(AssignmentCollections.assignments);
  }

  async list(side: RoleSide, page: PageRequest): Promise<PageResult<Assignment>> {
    return findPageOf(this.assignments, sideFilter(side), sortOn('createdAt'), page, toAssignment);
  }

  async get(side: RoleSide, id: string): Promise<Assignment | null> {
    return findOnSide(this.assignments, side, id, toAssignment);
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
    return updatedOne(this.assignments, onSide(side, id), { $set: changes }, toAssignment);
  }

  /** The assignment and the audit records in one write; false (nothing written) when absent. */
  async delete(side: RoleSide, id: string, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const done = await this.store.writeBatch([
      {
        collection: AssignmentCollections.assignments,
        deleteOne: { filter: onSide(side, id), required: true },
      },
      ...auditWrites(audit),
    ]);
    return done !== null;
  }

  async deleteForRole(side: RoleSide, roleId: string): Promise<number> {
    return (await this.assignments.deleteMany({ ...sideFilter(side), roleId })).deletedCount;
  }

  /** The assignments of some partners in one customer, oldest first (the Partners view). */
  async listOfPartners(customerTenantId: string, partnerTenantIds: readonly string[]) {
    const filter = partnerSidesFilter(customerTenantId, partnerTenantIds);
    const docs = await this.assignments.find(filter, { sort: { createdAt: 1, _id: 1 } }).toArray();
    return docs.map(toAssignment);
  }

  /** One customer's assignments (both sides) with notify on, as authorization reads them. */
  async grantInputsNotifying(customerTenantId: string): Promise<AssignmentGrantInput[]> {
    const docs = await this.assignments
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
    const docs = await this.assignments.find(filter, { projection: GRANT_FIELDS }).toArray();
    return docs.map(toGrantInput);
  }
}
