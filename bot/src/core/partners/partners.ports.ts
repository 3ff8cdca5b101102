/**
 * Ports of the partner feature: eligible partners, tenant managers, the customer-owned
 * relationship documents, the partner roles/assignments the customer can revoke, and the
 * customer's rooms (only to validate and summarise a scope). Adapters live in bot/src/data.
 */
import type { Directory, MemberRef } from '../directory/directory.port.ts';
import type { TenantRepository } from '../tenancy/tenant.ts';
import type { AuditLog, AuditRecord } from '../audit/audit.ts';
import type { Grants, RoomRef } from '../authz/engine.ts';
import type { Caller } from '../identity/caller.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { Assignment, BreakGlassRecord, Relationship, Role, RoomScope } from './model.ts';

/** An organisation the platform operator made eligible to receive invitations. */
export interface EligiblePartner {
  tenantId: string;
  displayName: string;
  /** Lower-case; each domain belongs to at most one partner. */
  domains: string[];
  onboardedAt: Date;
  onboardedBy: string;
}

export interface OnboardPartnerInput {
  tenantId: string;
  displayName: string;
  domains: readonly string[];
  /** Who ran the onboarding (operator name or 'seed'), for the record. */
  onboardedBy: string;
}

/** The eligible-partner registry (the operator CLI onboards and removes; invitations look up). */
export interface PartnerRegistry {
  get(tenantId: string): Promise<EligiblePartner | null>;
  getByDomain(domain: string): Promise<EligiblePartner | null>;
  list(): Promise<EligiblePartner[]>;
  /**
   * Makes a tenant eligible with exactly `domains` (re-running converges: added domains are
   * claimed, dropped ones released). Fails with PARTNER.DOMAIN_TAKEN, claiming nothing, when
   * another partner owns one of the domains.
   */
  onboard(input: OnboardPartnerInput): Promise<EligiblePartner>;
  /** Ends eligibility and releases the domains; false when the tenant was not a partner. */
  remove(tenantId: string): Promise<boolean>;
}

/** Tenant managers of a partner tenant (users or security groups of that tenant). */
export interface TenantManagerRepository {
  list(tenantId: string): Promise<MemberRef[]>;
  /** False when the member is already a tenant manager. */
  add(tenantId: string, member: MemberRef, addedBy: string): Promise<boolean>;
  remove(tenantId: string, memberId: string): Promise<boolean>;
}

import type { PageRequest, PageResult } from '../paging.ts';
export type { PageRequest, PageResult };

/** A partner user as the Primary-admin filters see them: the user and their transitive groups. */
export interface MemberIdentity {
  userId: string;
  groupIds: readonly string[];
}

/** A receipt, kept in the partner's partition, of an invitation declined or withdrawn. */
export interface InvitationReceipt {
  id: string;
  partnerTenantId: string;
  invitationId: string;
  customerTenantId: string;
  at: Date;
  withdrawn?: true;
}

/** One page of one tenant's relationship documents. */
export type RelationshipPage = (
  tenantId: string,
  page: PageRequest
) => Promise<PageResult<Relationship>>;

/**
 * The relationship documents (invitation and relationship are one document, see model.ts).
 * Every state change is a single conditional write, so concurrent callers get one outcome; what
 * goes with it (receipts, the pair's partner roles, the `audit` records handed over by
 * AuditTrail.commit) is in the same write, so a crash keeps all of it or none.
 */
export interface RelationshipRepository {
  /**
   * Inserts a pending invitation, replacing the pair's expired one (as of `rel.createdAt`), with
   * `audit`; false (nothing written) when the customer has another document for the partner.
   */
  insertPending(rel: Relationship, audit?: readonly AuditRecord[]): Promise<boolean>;
  findByPair(customerTenantId: string, partnerTenantId: string): Promise<Relationship | null>;
  /** The document `id`, only if it is addressed to `partnerTenantId` (never another partner's). */
  findForPartner(id: string, partnerTenantId: string): Promise<Relationship | null>;
  /** The document `id`, only if `customerTenantId` owns it. */
  findForCustomer(id: string, customerTenantId: string): Promise<Relationship | null>;
  /** Pending invitations of the customer, newest first. */
  listPendingForCustomer: RelationshipPage;
  /** Pending invitations addressed to the partner, newest first. */
  listPendingForPartner: RelationshipPage;
  /** Active relationships of the partner; with `primaryAdmin`, only those where they are one. */
  listActiveForPartner(
    partnerTenantId: string,
    primaryAdmin: MemberIdentity | null,
    page: PageRequest
  ): Promise<PageResult<Relationship>>;
  /** Active relationships of the customer, by partner name. */
  listActiveForCustomer: RelationshipPage;
  /**
   * Atomic pending-and-unexpired -> active, deleting any partner role or assignment of the pair
   * (leftovers of an earlier relationship must not come back to life with this one). Null when
   * nothing matched (lost, or expired): then nothing is written.
   */
  accept(
    id: string,
    partnerTenantId: string,
    primaryAdmins: MemberRef[],
    now: Date,
    audit?: readonly AuditRecord[]
  ): Promise<Relationship | null>;
  /**
   * Decline: deletes the pending invitation addressed to the partner and keeps `receipt`; false
   * (nothing written) when it is no longer pending.
   */
  decline(
    id: string,
    partnerTenantId: string,
    receipt: InvitationReceipt,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /** Withdraw: the same for the customer's own pending invitation (`receipt` is `withdrawn`). */
  withdraw(
    id: string,
    customerTenantId: string,
    receipt: InvitationReceipt,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /**
   * Off-boarding, from either side: deletes the active relationship with every partner role and
   * assignment of the pair; false (nothing written) when there is no active one.
   */
  endActive(
    customerTenantId: string,
    partnerTenantId: string,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /** False when the relationship is gone, the member is already there, or the role was deleted. */
  addPrimaryAdmin(
    customerTenantId: string,
    partnerTenantId: string,
    member: MemberRef,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /** False unless `memberId` was a Primary admin AND another remains (checked atomically). */
  removePrimaryAdmin(
    customerTenantId: string,
    partnerTenantId: string,
    memberId: string,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /**
   * Break-glass: adds `member` only if the Primary admins are still exactly `expected` (the set
   * found unable to act) and the role was not deleted, recording `record`; false otherwise.
   */
  restorePrimaryAdmin(
    customerTenantId: string,
    partnerTenantId: string,
    expected: readonly MemberRef[],
    member: MemberRef,
    record: BreakGlassRecord,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /** Empties Primary admins and marks the built-in role deleted; false if already so, or gone. */
  deletePrimaryAdminsRole(
    customerTenantId: string,
    partnerTenantId: string,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  setScope(
    customerTenantId: string,
    partnerTenantId: string,
    scope: RoomScope,
    audit?: readonly AuditRecord[]
  ): Promise<Relationship | null>;
  /**
   * Receipts of removed invitations (written by decline and withdraw with the delete): a deleted
   * invitation leaves no document, so a decline receipt lets late accepters learn "already
   * decided", not 404. A withdrawal receipt (`withdrawn`) answers "not found" as before. Either
   * names the invitation's customer, so later attempts on it still reach its audit log.
   */
  hasDeclineReceipt(partnerTenantId: string, invitationId: string): Promise<boolean>;
  /** The customer of a declined or withdrawn invitation addressed to the partner, or null. */
  removedInvitationCustomer(partnerTenantId: string, invitationId: string): Promise<string | null>;
}

/** Partner roles and assignments of a customer (the roles engine writes them; read, revoke). */
export interface PartnerAccessRepository {
  listRoles(customerTenantId: string, partnerTenantIds: readonly string[]): Promise<Role[]>;
  listAssignments(
    customerTenantId: string,
    partnerTenantIds: readonly string[]
  ): Promise<Assignment[]>;
  /**
   * Deletes a partner role and every assignment of it, with the `audit` records, in one write.
   * A role already gone whose assignments are left: they go, with the records. False (nothing
   * written) when neither the role nor any assignment of it is there.
   */
  deleteRole(
    customerTenantId: string,
    partnerTenantId: string,
    roleId: string,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  /** Deletes a partner assignment with the `audit` records; false (nothing written) if absent. */
  deleteAssignment(
    customerTenantId: string,
    partnerTenantId: string,
    assignmentId: string,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
}

export interface NamedRef {
  id: string;
  displayName: string;
}

/** The customer's rooms and room groups, read only to validate and describe a scope. */
export interface CustomerRoomCatalog {
  /** The ids among those given that do not exist in the tenant. */
  unknownIds(
    tenantId: string,
    ids: { roomIds: readonly string[]; roomGroupIds: readonly string[] }
  ): Promise<{ roomIds: string[]; roomGroupIds: string[] }>;
  describe(
    tenantId: string,
    ids: { roomIds: readonly string[]; roomGroupIds: readonly string[] }
  ): Promise<{ rooms: NamedRef[]; roomGroups: NamedRef[] }>;
  /** The rooms among `ids` that exist in the tenant, with their groups (for authorization). */
  roomRefs(tenantId: string, ids: readonly string[]): Promise<RoomRef[]>;
}

/** Who decided an invitation, and how (for the cards that show the outcome to every holder). */
export interface InvitationOutcome {
  kind: 'accepted' | 'declined' | 'withdrawn';
  byTenantId: string;
  byUserId: string;
  at: Date;
  /**
   * The message holding the card copy the decision was clicked on (Teams), which the click's
   * answer replaces: the cards need not bring that copy up to date again.
   */
  fromCard?: string;
}

/**
 * Told after an invitation changed (the write already happened): the Teams edge posts and updates
 * its cards from here. Implementations never throw and never block on delivery.
 */
export interface InvitationEvents {
  created(invitation: Relationship): Promise<void>;
  decided(invitation: Relationship, outcome: InvitationOutcome): Promise<void>;
}

/** Everything the partner use cases need. `now` and `newId` are injectable for tests. */
export interface PartnersDeps {
  directory: Directory;
  tenants: TenantRepository;
  audit: AuditLog;
  registry: PartnerRegistry;
  tenantManagers: TenantManagerRepository;
  relationships: RelationshipRepository;
  partnerAccess: PartnerAccessRepository;
  rooms: CustomerRoomCatalog;
  /** The caller's grants for the authorization engine (AppServices.grantsFor). */
  grantsFor: GrantsLoader;
  /**
   * The caller's grants with their organisation's facts applied (eligible partner, tenant
   * managers), for the organisation-level rights of the partner side.
   */
  organisationGrantsFor(caller: Caller): Promise<Grants>;
  now(): Date;
  newId(): string;
  /** Invitation lifecycle events (the composition root wires the Teams cards in). */
  events?: InvitationEvents;
}
