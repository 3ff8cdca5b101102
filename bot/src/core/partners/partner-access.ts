/**
 * Who the caller is on the partner side, as the authorization engine decides it: organisation
 * rights (partner access, invitations, every customer's metadata, tenant managers, break-glass)
 * come from `decide` over grants with the organisation facts applied (eligible partner, tenant
 * managers), loaded per request, so revocations apply on the next call.
 */
import type { Caller } from '../identity/caller.ts';
import { isMember } from '../identity/caller.ts';
import {
  authorize,
  decide,
  grantsFromIdentity,
  ownOrganisation,
  type Grants,
  type OrganisationFacts,
} from '../authz/engine.ts';
import type { OrganisationPermission } from '../authz/permissions.ts';
import type { MemberIdentity, PartnersDeps } from './partners.ports.ts';
import type { Relationship } from './model.ts';

/** What the engine needs to know of the caller's organisation: is it a partner, who manages. */
export async function organisationFacts(
  caller: Caller,
  deps: Pick<PartnersDeps, 'registry' | 'tenantManagers'>
): Promise<OrganisationFacts> {
  const partner = await deps.registry.get(caller.tenantId);
  if (!partner) return { eligiblePartner: false, tenantManagers: [] };
  return { eligiblePartner: true, tenantManagers: await deps.tenantManagers.list(caller.tenantId) };
}

/**
 * The caller's organisation grants after checking they act for an eligible partner at all
 * (403 PARTNER.NOT_ELIGIBLE otherwise) and, when given, hold `permission` (403 AUTHZ.FORBIDDEN).
 */
export async function requirePartnerRight(
  caller: Caller,
  deps: Pick<PartnersDeps, 'organisationGrantsFor'>,
  permission?: OrganisationPermission,
  message?: string
): Promise<Grants> {
  const grants = await deps.organisationGrantsFor(caller);
  const notPartner = 'Your organisation is not an eligible partner.';
  authorize(grants, 'partner.access', ownOrganisation(caller), notPartner);
  if (permission) authorize(grants, permission, ownOrganisation(caller), message);
  return grants;
}

/**
 * Customer side: the engine's `customer.partners.manage` (the tenant's GA and TRPM); `what` ends
 * the refusal ("Only Global admins and Teams Rooms Pro Managers <what>.").
 */
export const requireCustomerAdmin = (caller: Caller, what = 'manage partners') =>
  authorize(
    grantsFromIdentity(caller),
    'customer.partners.manage',
    ownOrganisation(caller),
    `Only Global admins and Teams Rooms Pro Managers ${what}.`
  );

/** Whether the caller holds an organisation right in their own tenant. */
export const holds = (grants: Grants, caller: Caller, permission: OrganisationPermission) =>
  decide(grants, permission, ownOrganisation(caller)).allowed;

/**
 * Whether the caller is a Primary admin of this relationship's customer (direct or via group):
 * the Tenants list's display flag only; every right comes from the engine.
 */
export const isPrimaryAdminOf = (caller: Caller, rel: Relationship) =>
  rel.state === 'active' &&
  rel.partnerTenantId === caller.tenantId &&
  isMember(caller, rel.primaryAdmins);

export const memberIdentity = (caller: Caller): MemberIdentity => ({
  userId: caller.userId,
  groupIds: [...caller.groupIds],
});
