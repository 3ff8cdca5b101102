/**
 * Loads one caller's grants from the store, once per request, with indexed queries only: the
 * caller's own tenant's assignments naming them, and on the partner side the assignments naming
 * them across customers plus the active relationships those need. The engine (core/authz) then
 * re-checks every condition, so these queries narrow the reading, never the rules.
 */
import type { Store } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import { buildGrants, type Grants, type GrantsCaller } from '../core/authz/engine.ts';
import { builtInRole } from '../core/authz/permissions.ts';
import { RoleCollections, StoreRoleRepository } from './roles.repository.ts';
import { AssignmentCollections, StoreAssignmentRepository } from './assignments.repository.ts';
import { PartnerCollections } from './partners.collections.ts';
import { StoreRelationshipRepository } from './partners.repositories.ts';
import { changeTrackerOf, shareChangesOf } from './change-tracking.ts';

/** The collections authorization reads (the partners and roles features write them). */
export const AuthzCollections = {
  relationships: PartnerCollections.relationships,
  roles: RoleCollections.roles,
  assignments: AssignmentCollections.assignments,
} as const;

export type { RoleGrantDoc } from './roles.repository.ts';
export type { AssignmentGrantDoc } from './assignments.repository.ts';
export type { RelationshipGrantDoc } from './partners.repositories.ts';

/** Every change to these must reach every instance's grants cache at once. */
shareChangesOf(...Object.values(AuthzCollections));

export interface LoadGrantsOptions {
  /**
   * Load only what concerns this customer tenant (a page scoped by the Customer dropdown): the
   * result then holds no other customer, which is cheaper for partners with many customers.
   */
  customerTenantId?: string;
}

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
  const relationships = new StoreRelationshipRepository(store);
  const assignments = new StoreAssignmentRepository(store);
  const roles = new StoreRoleRepository(store);
  const me = caller.tenantId;
  const only = opts.customerTenantId;
  const memberIds = [caller.userId, ...caller.groupIds];

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
    wantPartner ? relationships.grantInputs(me, { primaryAdminIds: memberIds }, only) : [],
  ]);

  // Round two: the relationships of customers whose assignments name the caller (not already
  // read as Primary admin), and the custom roles those assignments use.
  const known = new Set(asPrimaryAdmin.map((r) => r.customerTenantId));
  const missing = [...new Set(partner.map((a) => a.customerTenantId))].filter(
    (c) => c !== me && !known.has(c)
  );
  const all = [...own, ...partner];
  const customRoleIds = [...new Set(all.map((a) => a.roleId))].filter((id) => !builtInRole(id));
  const roleCustomers = [...new Set(all.map((a) => a.customerTenantId))];

  const [viaAssignments, customRoles] = await Promise.all([
    missing.length > 0 ? relationships.grantInputs(me, { customerTenantIds: missing }) : [],
    roles.grantInputs(roleCustomers, customRoleIds),
  ]);

  return buildGrants(caller, {
    relationships: [...asPrimaryAdmin, ...viaAssignments],
    roles: customRoles,
    assignments: all,
  });
}

const memberOf = (ids: ReadonlySet<string>, members: readonly MemberRef[]) =>
  members.some((m) => ids.has(m.id));

/**
 * `loadGrants(store, caller, { customerTenantId })` for many callers at once (an alert's
 * audience): the same queries, each asked once for every caller of a tenant, then split per caller
 * exactly as `loadGrants` narrows them. Returned in the order of `callers`.
 */
export async function loadGrantsMany(
  store: Store,
  callers: readonly GrantsCaller[],
  customerTenantId: string
): Promise<Grants[]> {
  const relationships = new StoreRelationshipRepository(store);
  const assignments = new StoreAssignmentRepository(store);
  const roles = new StoreRoleRepository(store);
  const out = new Map<GrantsCaller, Grants>();
  const byTenant = new Map<string, GrantsCaller[]>();
  for (const c of callers) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
  for (const [me, group] of byTenant) {
    const idsOf = new Map(group.map((c) => [c, new Set([c.userId, ...c.groupIds])]));
    const memberIds = [...new Set(group.flatMap((c) => [...idsOf.get(c)!]))];
    const own = customerTenantId === me;
    const [ownDocs, partnerDocs, primaryDocs] = await Promise.all([
      own ? assignments.grantInputsNaming(memberIds, { own: me }) : [],
      own
        ? []
        : assignments.grantInputsNaming(memberIds, { partnerTenantId: me, customerTenantId }),
      own ? [] : relationships.grantInputs(me, { primaryAdminIds: memberIds }, customerTenantId),
    ]);
    const mine = (c: GrantsCaller) => {
      const ids = idsOf.get(c)!;
      const ownTenantAdmin = c.isGlobalAdmin || c.isRoomsProManager;
      return {
        own: ownTenantAdmin ? [] : ownDocs.filter((a) => memberOf(ids, a.members)),
        partner: partnerDocs.filter((a) => memberOf(ids, a.members)),
        primary: primaryDocs.filter((r) => memberOf(ids, r.primaryAdmins)),
      };
    };
    const split = new Map(group.map((c) => [c, mine(c)]));
    // Round two, as in loadGrants: the customer's relationship for those named only by an
    // assignment, and the custom roles of every assignment read.
    const needRelationship = [...split.values()].some(
      (x) => x.partner.length > 0 && x.primary.length === 0
    );
    const all = [...ownDocs, ...partnerDocs];
    const customRoleIds = [...new Set(all.map((a) => a.roleId))].filter((id) => !builtInRole(id));
    const [viaAssignments, customRoles] = await Promise.all([
      needRelationship && customerTenantId !== me
        ? relationships.grantInputs(me, { customerTenantIds: [customerTenantId] })
        : [],
      roles.grantInputs([customerTenantId], customRoleIds),
    ]);
    for (const c of group) {
      const x = split.get(c)!;
      const mineAll = [...x.own, ...x.partner];
      const roleIds = new Set(mineAll.map((a) => a.roleId));
      out.set(
        c,
        buildGrants(c, {
          relationships: [
            ...x.primary,
            ...(x.partner.length > 0 && x.primary.length === 0 ? viaAssignments : []),
          ],
          roles: customRoles.filter((r) => roleIds.has(r.id)),
          assignments: mineAll,
        })
      );
    }
  }
  return callers.map((c) => out.get(c)!);
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
    this.remember(key, stamp, grants);
    return grants;
  }

  /**
   * The grants of many callers in one customer (an alert's audience), each as `load` would answer:
   * cached ones from the cache, the rest read together by `loadGrantsMany` and cached.
   */
  async loadMany(callers: readonly GrantsCaller[], customerTenantId: string): Promise<Grants[]> {
    const opts = { customerTenantId };
    const tracker = changeTrackerOf(this.store);
    if (!tracker || this.maxEntries <= 0)
      return loadGrantsMany(this.store, callers, customerTenantId);
    const stamp = await tracker.stamp(this.collections);
    const out: (Grants | undefined)[] = callers.map((c) => {
      const hit = this.entries.get(cacheKey(c, opts));
      return hit && hit.stamp === stamp ? hit.grants : undefined;
    });
    const missing = callers.filter((_, i) => out[i] === undefined);
    if (missing.length > 0) {
      const loaded = await loadGrantsMany(this.store, missing, customerTenantId);
      missing.forEach((c, i) => this.remember(cacheKey(c, opts), stamp, loaded[i]!));
      let next = 0;
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = loaded[next++];
    }
    return out as Grants[];
  }

  private remember(key: string, stamp: string, grants: Grants): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, grants });
  }
}

/** A frozen caller's part of its keys (the caller cache hands out one per token and stamp). */
const callerKeys = new WeakMap<GrantsCaller, string>();

function cacheKey(caller: GrantsCaller, opts: LoadGrantsOptions): string {
  let key = callerKeys.get(caller);
  if (key === undefined) {
    const groups = caller.groupIds.size === 0 ? '' : [...caller.groupIds].sort().join(',');
    const flags = `${caller.isGlobalAdmin ? 'G' : '-'}${caller.isRoomsProManager ? 'R' : '-'}`;
    key = `${caller.tenantId}|${caller.userId}|${flags}|${groups}`;
    // Only a frozen caller can be trusted to keep the fields this key is made of.
    if (Object.isFrozen(caller)) callerKeys.set(caller, key);
  }
  return `${key}|${opts.customerTenantId ?? '*'}`;
}
