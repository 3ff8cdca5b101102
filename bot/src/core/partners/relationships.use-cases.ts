/**
 * Active relationships from both sides. Partner side (PRODUCT.md §4.5): the Tenants list and
 * detail, Primary admins, removing a customer. Customer side (§4.10): the Partners list, scope,
 * revoking partner roles and assignments, removing the partner. Removal from either side deletes
 * the relationship and every partner role/assignment of the pair, so access ends on the next
 * request (effective access requires an active relationship).
 */
import type { Caller } from '../identity/caller.ts';
import type { MemberRef } from '../directory/directory.port.ts';
import { requireMember } from '../identity/identity.use-cases.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { authorize, decide, ownOrganisation, type Grants } from '../authz/engine.ts';
import { builtInRole } from '../authz/permissions.ts';
import { uncoveredByCaller } from '../roles/delegation.ts';
import { RoleErrors } from '../roles/roles.errors.ts';
import {
  BREAK_GLASS_REASON_MAX,
  BREAK_GLASS_REASON_MIN,
  PRIMARY_ADMINS_ROLE_ID,
  type BreakGlassRecord,
  type Relationship,
} from './model.ts';
import type { PageRequest, PageResult, PartnersDeps } from './partners.ports.ts';
import {
  holds,
  isPrimaryAdminOf,
  memberIdentity,
  requireCustomerAdmin,
  requirePartnerRight,
} from './partner-access.ts';
import {
  audited,
  metOrNull,
  subjectOf,
  type AuditSubject,
  type AuditTrail,
} from '../audit/audited.ts';
import { relationshipKey } from './partners.audit.ts';
import { PartnerErrors } from './partners.errors.ts';
import { validateScope, type ScopeInput } from './scope.ts';
import {
  describeMembers,
  toCustomerSummary,
  toPartnerView,
  type CustomerDetailView,
  type CustomerSummaryView,
  type MemberView,
  type PartnerView,
} from './partners.views.ts';

const relationshipNotFound = () =>
  notFound(PartnerErrors.RELATIONSHIP_NOT_FOUND, 'No active relationship with this organisation.');

/**
 * Off-boards the pair: the relationship, every partner role and assignment of the pair and the
 * audit records go in one write (a crash keeps all of it or none); not found when not active.
 * `alsoIn`: logs that hear of it only once it happened.
 */
async function endRelationship(
  deps: PartnersDeps,
  trail: AuditTrail,
  customerTenantId: string,
  partnerTenantId: string,
  alsoIn: readonly string[] = []
): Promise<void> {
  const { relationships } = deps;
  const ended = await trail.commit(
    (audit) => metOrNull(relationships.endActive(customerTenantId, partnerTenantId, audit)),
    { alsoIn }
  );
  if (!ended) throw relationshipNotFound();
}

// ---------------------------------------------------------------- partner side

/** The caller's active relationship with `customerTenantId`, recorded in its log once found. */
async function partnerRelationship(
  caller: Caller,
  customerTenantId: string,
  deps: PartnersDeps,
  trail?: AuditTrail
): Promise<{ organisation: Grants; rel: Relationship }> {
  const organisation = await requirePartnerRight(caller, deps);
  const rel = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
  if (!rel || rel.state !== 'active') throw relationshipNotFound();
  trail?.alsoIn(customerTenantId);
  return { organisation, rel };
}

/**
 * Partner: the customers the caller may see. GA, TRPM and tenant managers see every active
 * relationship (metadata only); anyone else sees the customers they are a Primary admin of.
 */
export async function listCustomers(
  caller: Caller,
  page: PageRequest,
  deps: PartnersDeps
): Promise<PageResult<CustomerSummaryView>> {
  const organisation = await requirePartnerRight(caller, deps);
  const seeAll = holds(organisation, caller, 'partner.customers.viewAll');
  const r = await deps.relationships.listActiveForPartner(
    caller.tenantId,
    seeAll ? null : memberIdentity(caller),
    page
  );
  return { ...r, items: r.items.map((x) => toCustomerSummary(x, isPrimaryAdminOf(caller, x))) };
}

/** Partner: the detail pane. Room names of the scope only for the customer's Primary admins. */
export async function getCustomer(
  caller: Caller,
  customerTenantId: string,
  deps: PartnersDeps
): Promise<CustomerDetailView> {
  const { organisation, rel } = await partnerRelationship(caller, customerTenantId, deps);
  const grants = await deps.grantsFor(caller, { customerTenantId });
  const on = { customerTenantId };
  const primaryAdmin = decide(grants, 'partner.customer.viewScope', on).allowed;
  const mayManagePrimaryAdmins = decide(grants, 'roles.modify', on).allowed;
  const seeAll = holds(organisation, caller, 'partner.customers.viewAll');
  if (!(seeAll || primaryAdmin || mayManagePrimaryAdmins)) {
    throw forbidden('You have no role for this customer.');
  }
  const detail: CustomerDetailView = {
    ...toCustomerSummary(rel, primaryAdmin),
    primaryAdmins: await describeMembers(deps.directory, caller.tenantId, rel.primaryAdmins),
    primaryAdminsRoleDeleted: rel.primaryAdminsRoleDeleted === true,
    mayManagePrimaryAdmins,
  };
  if (primaryAdmin) {
    const named = await deps.rooms.describe(customerTenantId, rel.scope);
    detail.rooms = { allRooms: rel.scope.allRooms, ...named };
  }
  return detail;
}

/**
 * Who may change Primary admins (PRODUCT.md §4.5–4.6): holders of Role management › Modify for
 * this customer, as the authorization engine decides (the Primary admins themselves, or a custom
 * role carrying it). Being the partner's Global admin or TRPM gives no right in a customer.
 */
async function requireRoleManager(
  caller: Caller,
  customerTenantId: string,
  deps: PartnersDeps,
  message: string
): Promise<Grants> {
  const grants = await deps.grantsFor(caller, { customerTenantId });
  if (!decide(grants, 'roles.modify', { customerTenantId }).allowed) throw forbidden(message);
  return grants;
}

const PRIMARY_ADMINS_PERMISSIONS = builtInRole(PRIMARY_ADMINS_ROLE_ID)?.permissions ?? [];

/**
 * No escalation through Primary admins: a new Primary admin gets the role's permissions over the
 * whole invitation scope, so the caller must hold each of them there (a Primary admin does; a
 * custom role manager with fewer rights may not hand out more than they have).
 */
async function refuseEscalation(
  grants: Grants,
  rel: Relationship,
  deps: PartnersDeps
): Promise<void> {
  const placed = rel.scope.allRooms
    ? { allRooms: true, rooms: [], roomGroupIds: [] }
    : {
        allRooms: false,
        rooms: await deps.rooms.roomRefs(rel.customerTenantId, rel.scope.roomIds),
        roomGroupIds: rel.scope.roomGroupIds,
      };
  const uncovered = uncoveredByCaller(
    grants,
    rel.customerTenantId,
    PRIMARY_ADMINS_PERMISSIONS,
    placed
  );
  if (uncovered.length > 0) {
    throw forbidden(
      'Only someone holding every right of Primary admins over the whole scope can add one.',
      RoleErrors.ASSIGNMENT_PERMISSION_NOT_HELD
    );
  }
}

const primaryAdminSubject = subjectOf('Assignment', 'PrimaryAdmins');

const roleDeleted = () =>
  conflict(
    PartnerErrors.PRIMARY_ADMINS_ROLE_DELETED,
    'The customer deleted the Primary admins role.'
  );

/**
 * Everything adding `member` as a Primary admin needs, checked without writing (change control
 * previews a partner's change with it before it waits for the customer's approval).
 */
export async function checkAddPrimaryAdmin(
  caller: Caller,
  customerTenantId: string,
  member: MemberRef,
  deps: PartnersDeps,
  trail?: AuditTrail
): Promise<Relationship> {
  const { rel } = await partnerRelationship(caller, customerTenantId, deps, trail);
  const grants = await requireRoleManager(
    caller,
    customerTenantId,
    deps,
    'Only Primary admins of this customer can add Primary admins.'
  );
  if (rel.primaryAdminsRoleDeleted) throw roleDeleted();
  await refuseEscalation(grants, rel, deps);
  await requireMember(deps.directory, caller.tenantId, member);
  return rel;
}

export async function addPrimaryAdmin(
  caller: Caller,
  customerTenantId: string,
  member: MemberRef,
  deps: PartnersDeps
): Promise<MemberView[]> {
  const subject = primaryAdminSubject(member.id, 'Create');
  return audited(deps.audit, caller, subject, async (trail) => {
    const rel = await checkAddPrimaryAdmin(caller, customerTenantId, member, deps, trail);
    const { relationships } = deps;
    const added = await trail.commit((audit) =>
      metOrNull(relationships.addPrimaryAdmin(customerTenantId, caller.tenantId, member, audit))
    );
    if (!added) {
      const latest = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
      if (!latest || latest.state !== 'active') throw relationshipNotFound();
      if (latest.primaryAdminsRoleDeleted) throw roleDeleted();
      const message = 'Already a Primary admin of this customer.';
      throw conflict(PartnerErrors.PRIMARY_ADMINS_ALREADY_MEMBER, message);
    }
    return describeMembers(deps.directory, caller.tenantId, [...rel.primaryAdmins, member]);
  });
}

const primaryAdminNotMember = () =>
  notFound(
    PartnerErrors.PRIMARY_ADMINS_NOT_MEMBER,
    'This member is not a Primary admin of this customer.'
  );

/** Everything removing a Primary admin needs, checked without writing (as for adding). */
export async function checkRemovePrimaryAdmin(
  caller: Caller,
  customerTenantId: string,
  memberId: string,
  deps: PartnersDeps,
  trail?: AuditTrail
): Promise<Relationship> {
  const { rel } = await partnerRelationship(caller, customerTenantId, deps, trail);
  await requireRoleManager(
    caller,
    customerTenantId,
    deps,
    'Only Primary admins of this customer can remove Primary admins.'
  );
  if (!rel.primaryAdmins.some((m) => m.id === memberId)) throw primaryAdminNotMember();
  return rel;
}

export async function removePrimaryAdmin(
  caller: Caller,
  customerTenantId: string,
  memberId: string,
  deps: PartnersDeps
): Promise<void> {
  const subject = primaryAdminSubject(memberId, 'Delete');
  return audited(deps.audit, caller, subject, async (trail) => {
    await checkRemovePrimaryAdmin(caller, customerTenantId, memberId, deps, trail);
    // The store checks "another one remains" in the same write, so concurrent removals can
    // never leave the customer without a Primary admin.
    const { relationships } = deps;
    const removed = await trail.commit((audit) =>
      metOrNull(
        relationships.removePrimaryAdmin(customerTenantId, caller.tenantId, memberId, audit)
      )
    );
    if (!removed) {
      const latest = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
      if (!latest || latest.state !== 'active') throw relationshipNotFound();
      if (!latest.primaryAdmins.some((m) => m.id === memberId)) throw primaryAdminNotMember();
      const message = 'The last Primary admin cannot be removed.';
      throw conflict(PartnerErrors.PRIMARY_ADMINS_LAST, message);
    }
  });
}

/** Whether a member of the Primary admins assignment still exists in the partner's directory. */
async function someoneCanAct(
  deps: PartnersDeps,
  partnerTenantId: string,
  members: readonly MemberRef[]
): Promise<boolean> {
  for (const m of members) {
    // A directory failure throws (never "missing"), so an outage cannot open the break-glass.
    const found =
      m.type === 'user'
        ? await deps.directory.getUser(partnerTenantId, m.id)
        : await deps.directory.getGroup(partnerTenantId, m.id);
    if (found) return true;
  }
  return false;
}

export interface BreakGlassInput {
  member: MemberRef;
  /** Why; required, kept in the customer's audit log and shown to the customer. */
  reason: string;
}

/**
 * Break-glass (partner side): when no Primary admin of the customer can act any more, because
 * every member of the assignment was deleted from the partner's directory, the partner's Global
 * admin may add one, giving a reason. Refused in any other situation (409), recorded in both
 * logs with the reason, and kept on the relationship for the customer to see. The members found
 * missing stay listed (a user restored from the directory's recycle bin comes back with its id);
 * the restored Primary admin can remove them.
 */
export async function breakGlassPrimaryAdmin(
  caller: Caller,
  customerTenantId: string,
  input: BreakGlassInput,
  deps: PartnersDeps
): Promise<MemberView[]> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  const subject = {
    category: 'Assignment' as const,
    objectType: 'PrimaryAdminsBreakGlass',
    objectId: input.member.id,
    operation: 'Create' as const,
    detail: `Break-glass: ${reason}`,
  };
  return audited(deps.audit, caller, subject, async (trail) => {
    const { organisation, rel } = await partnerRelationship(caller, customerTenantId, deps, trail);
    authorize(
      organisation,
      'partner.primaryAdmins.breakGlass',
      ownOrganisation(caller),
      'Only a Global admin of the partner can restore a Primary admin.'
    );
    if (reason.length < BREAK_GLASS_REASON_MIN || reason.length > BREAK_GLASS_REASON_MAX) {
      throw invalid(
        PartnerErrors.PRIMARY_ADMINS_BREAK_GLASS_REASON_INVALID,
        `Give a reason of ${BREAK_GLASS_REASON_MIN} to ${BREAK_GLASS_REASON_MAX} characters.`
      );
    }
    if (rel.primaryAdminsRoleDeleted) throw roleDeleted();
    await requireMember(deps.directory, caller.tenantId, input.member);
    const notNeeded = () =>
      conflict(
        PartnerErrors.PRIMARY_ADMINS_BREAK_GLASS_NOT_NEEDED,
        'A Primary admin of this customer can still act; ask them to add Primary admins.'
      );
    if (await someoneCanAct(deps, caller.tenantId, rel.primaryAdmins)) throw notNeeded();
    const member = { type: input.member.type, id: input.member.id };
    const actor = await deps.directory.getUser(caller.tenantId, caller.userId);
    const record: BreakGlassRecord = {
      at: deps.now(),
      actorId: caller.userId,
      actorName: actor?.displayName ?? caller.principal.name ?? caller.userId,
      member,
      reason,
    };
    const { relationships } = deps;
    const restored = await trail.commit((audit) =>
      metOrNull(
        relationships.restorePrimaryAdmin(
          customerTenantId,
          caller.tenantId,
          rel.primaryAdmins,
          member,
          record,
          audit
        )
      )
    );
    if (!restored) {
      // The Primary admins changed meanwhile (a concurrent restore, or the customer acted).
      const latest = await relationships.findByPair(customerTenantId, caller.tenantId);
      if (!latest || latest.state !== 'active') throw relationshipNotFound();
      if (latest.primaryAdminsRoleDeleted) throw roleDeleted();
      throw notNeeded();
    }
    return describeMembers(deps.directory, caller.tenantId, [...rel.primaryAdmins, member]);
  });
}

const relationshipSubject = (
  customerTenantId: string,
  partnerTenantId: string,
  operation: 'Update' | 'Delete'
) =>
  subjectOf('PartnerRelationship')(relationshipKey(customerTenantId, partnerTenantId), operation);

/** Partner: off-board a customer (a Primary admin of that customer only). */
export async function removeCustomer(
  caller: Caller,
  customerTenantId: string,
  deps: PartnersDeps
): Promise<void> {
  const subject = relationshipSubject(customerTenantId, caller.tenantId, 'Delete');
  return audited(deps.audit, caller, subject, async (trail) => {
    await partnerRelationship(caller, customerTenantId, deps, trail);
    authorize(
      await deps.grantsFor(caller, { customerTenantId }),
      'partner.customer.offboard',
      { customerTenantId },
      'Only a Primary admin of this customer can remove it.'
    );
    await endRelationship(deps, trail, customerTenantId, caller.tenantId);
  });
}

// ---------------------------------------------------------------- customer side

async function partnerViews(
  caller: Caller,
  rels: Relationship[],
  deps: PartnersDeps
): Promise<PartnerView[]> {
  const partnerIds = rels.map((r) => r.partnerTenantId);
  const [roles, assignments] = partnerIds.length
    ? await Promise.all([
        deps.partnerAccess.listRoles(caller.tenantId, partnerIds),
        deps.partnerAccess.listAssignments(caller.tenantId, partnerIds),
      ])
    : [[], []];
  return Promise.all(
    rels.map((r) =>
      toPartnerView(
        r,
        roles.filter((x) => x.partnerTenantId === r.partnerTenantId),
        assignments.filter((x) => x.partnerTenantId === r.partnerTenantId),
        deps.directory
      )
    )
  );
}

/** Customer: its partners with their Primary admins, partner roles and assignments. */
export async function listPartners(
  caller: Caller,
  page: PageRequest,
  deps: PartnersDeps
): Promise<PageResult<PartnerView>> {
  requireCustomerAdmin(caller);
  const r = await deps.relationships.listActiveForCustomer(caller.tenantId, page);
  return { ...r, items: await partnerViews(caller, r.items, deps) };
}

export async function getPartner(
  caller: Caller,
  partnerTenantId: string,
  deps: PartnersDeps
): Promise<PartnerView> {
  requireCustomerAdmin(caller);
  const rel = await deps.relationships.findByPair(caller.tenantId, partnerTenantId);
  if (!rel || rel.state !== 'active') throw relationshipNotFound();
  const [view] = await partnerViews(caller, [rel], deps);
  return view!;
}

/**
 * A change by the customer's admins to their partners, audited (refused, and recorded as Failed,
 * for anyone else).
 */
const asCustomerAdmin = <T>(
  caller: Caller,
  deps: PartnersDeps,
  subject: AuditSubject,
  work: (trail: AuditTrail) => Promise<T>
): Promise<T> =>
  audited(deps.audit, caller, subject, (trail) => {
    requireCustomerAdmin(caller);
    return work(trail);
  });

/** A change by the customer's admins to its relationship with the partner, audited as such. */
const changeRelationship = <T>(
  caller: Caller,
  partnerTenantId: string,
  operation: 'Update' | 'Delete',
  deps: PartnersDeps,
  work: (trail: AuditTrail) => Promise<T>
): Promise<T> =>
  asCustomerAdmin(
    caller,
    deps,
    relationshipSubject(caller.tenantId, partnerTenantId, operation),
    work
  );

/** Customer: change what the partner may reach; applies to every partner assignment at once. */
export function setPartnerScope(
  caller: Caller,
  partnerTenantId: string,
  input: ScopeInput,
  deps: PartnersDeps
): Promise<PartnerView> {
  return changeRelationship(caller, partnerTenantId, 'Update', deps, async (trail) => {
    const scope = await validateScope(
      deps.rooms,
      caller.tenantId,
      input,
      PartnerErrors.RELATIONSHIP_SCOPE_INVALID
    );
    const updated = await trail.commit(
      (audit) => deps.relationships.setScope(caller.tenantId, partnerTenantId, scope, audit),
      { alsoIn: [partnerTenantId] }
    );
    if (!updated) throw relationshipNotFound();
    const [view] = await partnerViews(caller, [updated], deps);
    return view!;
  });
}

/** The customer's active relationship with the partner, recorded in its log once found. */
async function customerRelationship(
  caller: Caller,
  partnerTenantId: string,
  deps: PartnersDeps,
  trail: AuditTrail
): Promise<Relationship> {
  const rel = await deps.relationships.findByPair(caller.tenantId, partnerTenantId);
  if (!rel || rel.state !== 'active') throw relationshipNotFound();
  trail.alsoIn(partnerTenantId);
  return rel;
}

/** Deleting the built-in Primary admins role (or its one assignment) empties it for good. */
async function deletePrimaryAdminsRole(
  caller: Caller,
  partnerTenantId: string,
  deps: PartnersDeps,
  trail: AuditTrail
): Promise<void> {
  const { relationships } = deps;
  const deleted = await trail.commit((audit) =>
    metOrNull(relationships.deletePrimaryAdminsRole(caller.tenantId, partnerTenantId, audit))
  );
  if (!deleted) {
    throw notFound(PartnerErrors.ROLE_NOT_FOUND, 'The Primary admins role was already deleted.');
  }
}

/** Customer: delete a partner role (custom, or the built-in Primary admins) and its assignments. */
export function deletePartnerRole(
  caller: Caller,
  partnerTenantId: string,
  roleId: string,
  deps: PartnersDeps
): Promise<void> {
  const subject = subjectOf('Role', 'PartnerRole')(roleId, 'Delete');
  return revokePartnerAccess(caller, partnerTenantId, roleId, subject, deps, async (trail) => {
    const { partnerAccess } = deps;
    const deleted = await trail.commit((audit) =>
      metOrNull(partnerAccess.deleteRole(caller.tenantId, partnerTenantId, roleId, audit))
    );
    if (!deleted) throw notFound(PartnerErrors.ROLE_NOT_FOUND, 'No such role of this partner.');
  });
}

/** Customer: delete one partner assignment. */
export function deletePartnerAssignment(
  caller: Caller,
  partnerTenantId: string,
  assignmentId: string,
  deps: PartnersDeps
): Promise<void> {
  const subject = subjectOf('Assignment', 'PartnerAssignment')(assignmentId, 'Delete');
  return revokePartnerAccess(
    caller,
    partnerTenantId,
    assignmentId,
    subject,
    deps,
    async (trail) => {
      const { partnerAccess } = deps;
      const deleted = await trail.commit((audit) =>
        metOrNull(
          partnerAccess.deleteAssignment(caller.tenantId, partnerTenantId, assignmentId, audit)
        )
      );
      if (!deleted) {
        throw notFound(PartnerErrors.ASSIGNMENT_NOT_FOUND, 'No such assignment of this partner.');
      }
    }
  );
}

/**
 * The customer's admins revoke a role or assignment of one of their partners, audited in both
 * logs; the Primary admins id deletes the built-in Primary admins role, else `revoke` runs.
 */
function revokePartnerAccess(
  caller: Caller,
  partnerTenantId: string,
  id: string,
  subject: AuditSubject,
  deps: PartnersDeps,
  revoke: (trail: AuditTrail) => Promise<void>
): Promise<void> {
  return asCustomerAdmin(caller, deps, subject, async (trail) => {
    await customerRelationship(caller, partnerTenantId, deps, trail);
    if (id === PRIMARY_ADMINS_ROLE_ID)
      return deletePrimaryAdminsRole(caller, partnerTenantId, deps, trail);
    return revoke(trail);
  });
}

/** Customer: remove the partner altogether (recorded in its log too once removed). */
export function removePartner(
  caller: Caller,
  partnerTenantId: string,
  deps: PartnersDeps
): Promise<void> {
  return changeRelationship(caller, partnerTenantId, 'Delete', deps, (trail) =>
    endRelationship(deps, trail, caller.tenantId, partnerTenantId, [partnerTenantId])
  );
}
