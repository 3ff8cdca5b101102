/**
 * Tenant managers (PRODUCT.md §4.1): a partner's Global admins and Teams Rooms Pro Managers choose
 * the users and security groups of their own tenant who receive and decide invitations.
 */
import type { Caller } from '../identity/caller.ts';
import type { MemberRef } from '../directory/directory.port.ts';
import {
  audited,
  describeMember,
  isTenantAdmin,
  requireMember,
} from '../identity/identity.use-cases.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { PartnersDeps } from './partners.ports.ts';
import { partnerStanding } from './partner-access.ts';
import { PartnerErrors } from './partners.errors.ts';
import type { MemberView } from './partners.views.ts';

type Deps = Pick<PartnersDeps, 'registry' | 'tenantManagers' | 'directory' | 'audit'>;

/** GA/TRPM check first (no data needed), then that the tenant is an eligible partner. */
async function requirePartnerAdmin(caller: Caller, deps: Deps): Promise<void> {
  if (!isTenantAdmin(caller)) {
    throw forbidden('Only Global admins and Teams Rooms Pro Managers can manage tenant managers.');
  }
  await partnerStanding(caller, deps);
}

export async function listTenantManagers(caller: Caller, deps: Deps): Promise<MemberView[]> {
  await requirePartnerAdmin(caller, deps);
  const members = await deps.tenantManagers.list(caller.tenantId);
  const views = await Promise.all(
    members.map((m) => describeMember(deps.directory, caller.tenantId, m))
  );
  return views.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const subject = (caller: Caller, memberId: string, operation: 'Create' | 'Delete') => ({
  tenantId: caller.tenantId,
  category: 'TenantManager' as const,
  objectType: 'TenantManager',
  objectId: memberId,
  operation,
  actorId: caller.userId,
  actorTenantId: caller.tenantId,
});

export async function addTenantManager(
  caller: Caller,
  member: MemberRef,
  deps: Deps
): Promise<MemberView> {
  return audited(deps.audit, subject(caller, member.id, 'Create'), async () => {
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
  return audited(deps.audit, subject(caller, memberId, 'Delete'), async () => {
    await requirePartnerAdmin(caller, deps);
    if (!(await deps.tenantManagers.remove(caller.tenantId, memberId))) {
      const message = 'This member is not a tenant manager.';
      throw notFound(PartnerErrors.TENANT_MANAGER_NOT_FOUND, message);
    }
  });
}
