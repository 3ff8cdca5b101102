/**
 * Who the caller is on the partner side. Partner roles are derived per request from the
 * validated caller: Global admin / Teams Rooms Pro Manager of an eligible partner tenant, tenant
 * manager (a product assignment in that tenant), Primary admin of a customer (a member of that
 * relationship's built-in assignment). Nothing is cached, so revocations apply on the next call.
 */
import type { Caller } from '../identity/caller.ts';
import { isMember } from '../identity/caller.ts';
import { isTenantAdmin } from '../identity/identity.use-cases.ts';
import { forbidden } from '../errors.ts';
import type { EligiblePartner, MemberIdentity, PartnersDeps } from './partners.ports.ts';
import type { Relationship } from './model.ts';
import { PartnerErrors } from './partners.errors.ts';

export interface PartnerStanding {
  partner: EligiblePartner;
  /** Global admin or Teams Rooms Pro Manager of the partner tenant. */
  isAdmin: boolean;
  isTenantManager: boolean;
}

/** The caller's standing in their own tenant as a partner; 403 unless it is an eligible partner. */
export async function partnerStanding(
  caller: Caller,
  deps: Pick<PartnersDeps, 'registry' | 'tenantManagers'>
): Promise<PartnerStanding> {
  const standing = await partnerStandingIfAny(caller, deps);
  if (!standing) {
    throw forbidden('Your organisation is not an eligible partner.', PartnerErrors.NOT_A_PARTNER);
  }
  return standing;
}

/** The caller's partner standing, or null when their tenant is not an eligible partner. */
export async function partnerStandingIfAny(
  caller: Caller,
  deps: Pick<PartnersDeps, 'registry' | 'tenantManagers'>
): Promise<PartnerStanding | null> {
  const partner = await deps.registry.get(caller.tenantId);
  if (!partner) return null;
  const managers = await deps.tenantManagers.list(caller.tenantId);
  return { partner, isAdmin: isTenantAdmin(caller), isTenantManager: isMember(caller, managers) };
}

/** GA, TRPM and tenant managers see, accept and decline invitations (PRODUCT.md §4.2–4.4). */
export const mayHandleInvitations = (s: PartnerStanding) => s.isAdmin || s.isTenantManager;

/** Whether the caller is a Primary admin of this relationship's customer (direct or via group). */
export const isPrimaryAdminOf = (caller: Caller, rel: Relationship) =>
  rel.state === 'active' &&
  rel.partnerTenantId === caller.tenantId &&
  isMember(caller, rel.primaryAdmins);

export const memberIdentity = (caller: Caller): MemberIdentity => ({
  userId: caller.userId,
  groupIds: [...caller.groupIds],
});

/**
 * Directory browsing beyond tenant admins: tenant managers choose Primary admins when accepting,
 * and Primary admins choose more Primary admins. Only within their own tenant (the search route
 * never takes a tenant id).
 */
export async function mayChooseMembers(
  caller: Caller,
  deps: Pick<PartnersDeps, 'registry' | 'tenantManagers' | 'relationships'>
): Promise<boolean> {
  if (!(await deps.registry.get(caller.tenantId))) return false;
  if (isMember(caller, await deps.tenantManagers.list(caller.tenantId))) return true;
  return deps.relationships.isPrimaryAdminAnywhere(caller.tenantId, memberIdentity(caller));
}
