/**
 * Tenant managers (PRODUCT.md §4.1): a partner's Global admins and Teams Rooms Pro Managers choose
 * the users and security groups of their own tenant who receive and decide invitations.
 */
import type { Caller } from '../identity/caller.ts';
import type { MemberRef } from '../directory/directory.port.ts';
import { describeMember, requireMember } from '../identity/identity.use-cases.ts';
import { audited } from '../audit/audited.ts';
import {
  authorize,
  grantsFromIdentity,
  ownOrganisation,
  withOrganisation,
} from '../authz/engine.ts';
import { conflict, notFound } from '../errors.ts';
import type { PartnersDeps } from './partners.ports.ts';
import { requirePartnerRight } from './partner-access.ts';
import { PartnerErrors } from './partners.errors.ts';
import type { MemberView } from './partners.views.ts';

type Deps = Pick<PartnersDeps, 'tenantManagers' | 'directory' | 'audit' | 'organisationGrantsFor'>;

const ONLY_ADMINS = 'Only Global admins and Teams Rooms Pro Managers can manage tenant managers.';

/**
 * The engine's `partner.tenantManagers.manage`. Whoever would not hold it even in a partner
 * tenant is refused from their identity alone, before the organisation is read; then the
 * organisation's facts decide (PARTNER.NOT_ELIGIBLE for an admin of a non-partner).
 */
async function requirePartnerAdmin(caller: Caller, deps: Deps): Promise<void> {
  const asPartner = withOrganisation(grantsFromIdentity(caller), caller, {
    eligiblePartner: true,
    tenantManagers: [],
  });
  authorize(asPartner, 'partner.tenantManagers.manage', ownOrganisation(caller), ONLY_ADMINS);
  await requirePartnerRight(caller, deps, 'partner.tenantManagers.manage', ONLY_ADMINS);
}

export async function listTenantManagers(caller: Caller, deps: Deps): Promise<MemberView[]> {
  await requirePartnerAdmin(caller, deps);
  const members = await deps.tenantManagers.list(caller.tenantId);
  const views = await Promise.all(
    members.map((m) => describeMember(deps.directory, caller.tenantId, m))
  );
  return views.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const subject = (memberId: string, operation: 'Create' | 'Delete') => ({
  category: 'TenantManager' as const,
  objectType: 'TenantManager',
  objectId: memberId,
  operation,
});

export async function addTenantManager(
  caller: Caller,
  member: MemberRef,
  deps: Deps
): Promise<MemberView> {
  return audited(deps.audit, caller, subject(member.id, 'Create'), async () => {
    await requirePartnerAdmin(caller, deps);
    const found = await requireMember(deps.directory, caller.tenantId, member);
    if (!(await deps.tenantManagers.add(caller.tenantId, member, caller.userId))) {
      throw conflict(PartnerErrors.TENANT_MANAGER_EXISTS, 'Already a tenant manager.');
    }
    return { type: member.type, id: member.id, displayName: found.displayName };
  });
}

export async function removeTenantManager(
  caller: Caller,
  memberId: string,
  deps: Deps
): Promise<void> {
  return audited(deps.audit, caller, subject(memberId, 'Delete'), async () => {
    await requirePartnerAdmin(caller, deps);
    if (!(await deps.tenantManagers.remove(caller.tenantId, memberId))) {
      const message = 'This member is not a tenant manager.';
      throw notFound(PartnerErrors.TENANT_MANAGER_NOT_FOUND, message);
    }
  });
}
