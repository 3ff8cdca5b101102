/**
 * Loads one caller's grants from the store, once per request, with indexed queries only: the
 * caller's own tenant's assignments naming them, and on the partner side the assignments naming
 * them across customers plus the active relationships those need. The engine (core/authz) then
 * re-checks every condition, so these queries narrow the reading, never the rules.
 */
import type { BaseDoc, Store } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import type { RelationshipState, RoomScope } from '../core/partners/model.ts';
import {
  buildGrants,
  type Grants,
  type GrantsCaller,
  type RelationshipGrantInput,
} from '../core/authz/engine.ts';
import { builtInRole } from '../core/authz/permissions.ts';
import { RoleCollections, StoreRoleRepository } from './roles.repository.ts';
import { AssignmentCollections, StoreAssignmentRepository } from './assignments.repository.ts';
import { PartnerCollections } from './partners.collections.ts';
import { changeTrackerOf, shareChangesOf } from './change-tracking.ts';

/** The collections authorization reads (the partners and roles features write them). */
export const AuthzCollections = {
  relationships: PartnerCollections.relationships,
  roles: RoleCollections.roles,
  assignments: AssignmentCollections.assignments,
} as const;

export type { RoleGrantDoc } from './roles.repository.ts';
export type { AssignmentGrantDoc } from './assignments.repository.ts';

/** The relationship fields authorization reads; `tenantId` is the customer (the owner). */
export interface RelationshipGrantDoc extends BaseDoc {
  partnerTenantId: string;
  state: RelationshipState;
  scope: RoomScope;
  primaryAdmins: MemberRef[];
  primaryAdminsRoleDeleted?: boolean;
}

/** Every change to these must reach every instance's grants cache at once. */
shareChangesOf(...Object.values(AuthzCollections));

export interface LoadGrantsOptions {
  /**
   * Load only what concerns this customer tenant (a page scoped by the Customer dropdown): the
   * result then holds no other customer, which is cheaper for partners with many customers.
   */
  customerTenantId?: string;
}

const RELATIONSHIP_FIELDS = {
  tenantId: 1,
  partnerTenantId: 1,
  state: 1,
  scope: 1,
  primaryAdmins: 1,
  primaryAdminsRoleDeleted: 1,
} as const;
const toRelationship = (d: RelationshipGrantDoc): RelationshipGrantInput => ({
  id: d._id,
  customerTenantId: d.tenantId,
  partnerTenantId: d.partnerTenantId,
  state: d.state,
  scope: d.scope,
  primaryAdmins: d.primaryAdmins,
  primaryAdminsRoleDeleted: d.primaryAdminsRoleDeleted,
});

/**
 * Reads everything `decide` needs for one caller: at most five indexed queries in two rounds
 * (assignments naming the caller and relationships naming them Primary admin, then the
 * relationships and custom roles those assignments refer to).
 */
export async function loadGrants(
  store: Store,
  caller: GrantsCaller,
  opts: LoadGrantsOptions = {}
): Promise<Grants> {
  const relationships = store.collection<RelationshipGrantDoc>(AuthzCollections.relationships);
  const assignments = new StoreAssignmentRepository(store);
  const roles = new StoreRoleRepository(store);
  const me = caller.tenantId;
  const only = opts.customerTenantId;
  const memberIds = [caller.userId, ...caller.groupIds];
  const member = { $in: memberIds };
  const inCustomer = only === undefined ? {} : { tenantId: only };

  // Global admins and TRPMs already hold everything on their own tenant.
  const ownTenantAdmin = caller.isGlobalAdmin || caller.isRoomsProManager;
  const wantOwn = (only === undefined || only === me) && !ownTenantAdmin;
  const wantPartner = only !== me;

  const [own, partner, asPrimaryAdmin] = await Promise.all([
    wantOwn ? assignments.grantInputsNaming(memberIds, { own: me }) : [],
    wantPartner
      ? assignments.grantInputsNaming(memberIds, {
          partnerTenantId: me,
          ...(only === undefined ? {} : { customerTenantId: only }),
        })
      : [],
    wantPartner
      ? relationships
          .find(
            { partnerTenantId: me, state: 'active', 'primaryAdmins.id': member, ...inCustomer },
            { projection: RELATIONSHIP_FIELDS }
          )
          .toArray()
      : [],
  ]);

  // Round two: the relationships of customers whose assignments name the caller (not already
  // read as Primary admin), and the custom roles those assignments use.
  const known = new Set(asPrimaryAdmin.map((r) => r.tenantId));
  const missing = [...new Set(partner.map((a) => a.customerTenantId))].filter(
    (c) => c !== me && !known.has(c)
  );
  const all = [...own, ...partner];
  const customRoleIds = [...new Set(all.map((a) => a.roleId))].filter((id) => !builtInRole(id));
  const roleCustomers = [...new Set(all.map((a) => a.customerTenantId))];

  const [viaAssignments, customRoles] = await Promise.all([
    missing.length > 0
      ? relationships
          .find(
            { tenantId: { $in: missing }, partnerTenantId: me, state: 'active' },
            { projection: RELATIONSHIP_FIELDS }
          )
          .toArray()
      : [],
    roles.grantInputs(roleCustomers, customRoleIds),
  ]);

  return buildGrants(caller, {
    relationships: [...asPrimaryAdmin, ...viaAssignments].map(toRelationship),
    roles: customRoles,
    assignments: all,
  });
}

/** Default number of (caller, customer) grants a {@link GrantsCache} keeps. */
export const GRANTS_CACHE_SIZE = 10_000;

/**
 * Grants per caller (and per customer narrowing), kept until any write to the collections they
 * are read from (relationships, roles, assignments): the store's change tracker stamps each
 * entry, and a different stamp means reload. The caller's directory facts (groups, Global admin,
 * Teams Rooms Pro Manager) are part of the key, so a change there is a different entry. On an
 * untracked store every call loads. Bounded: the oldest entry makes room for a new one.
 */
export class GrantsCache {
  private readonly entries = new Map<string, { stamp: string; grants: Grants }>();
  private readonly collections = Object.values(AuthzCollections);

  constructor(
    private readonly store: Store,
    private readonly maxEntries = GRANTS_CACHE_SIZE
  ) {}

  async load(caller: GrantsCaller, opts: LoadGrantsOptions = {}): Promise<Grants> {
    const tracker = changeTrackerOf(this.store);
    if (!tracker || this.maxEntries <= 0) return loadGrants(this.store, caller, opts);
    // Taken before reading: a write completing during the load makes this entry stale at once.
    const stamp = await tracker.stamp(this.collections);
    const key = cacheKey(caller, opts);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.grants;
    const grants = await loadGrants(this.store, caller, opts);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, grants });
    return grants;
  }
}

function cacheKey(caller: GrantsCaller, opts: LoadGrantsOptions): string {
  const groups = caller.groupIds.size === 0 ? '' : [...caller.groupIds].sort().join(',');
  const flags = `${caller.isGlobalAdmin ? 'G' : '-'}${caller.isRoomsProManager ? 'R' : '-'}`;
  return `${caller.tenantId}|${caller.userId}|${flags}|${opts.customerTenantId ?? '*'}|${groups}`;
}
