/**
 * Foundation use cases: who am I, directory search, and the Teams Rooms Pro Manager role.
 * Each takes the resolved caller, authorizes first, then touches data; mutations are audited.
 */
import type { Caller, RoomsProManagerRepository } from './caller.ts';
import type {
  Directory,
  DirectoryKind,
  DirectoryObject,
  MemberRef,
} from '../directory/directory.port.ts';
import type { TenantRepository } from '../tenancy/tenant.ts';
import type { AuditLog } from '../audit/audit.ts';
import { audited } from '../audit/audited.ts';
import { forbidden, invalid, notFound, conflict } from '../errors.ts';
import { authorize, decide, grantsFromIdentity, ownOrganisation } from '../authz/engine.ts';

export interface IdentityDeps {
  directory: Directory;
  tenants: TenantRepository;
  roomsProManagers: RoomsProManagerRepository;
  audit: AuditLog;
}

export interface Me {
  tenantId: string;
  tenantName: string;
  userId: string;
  displayName: string;
  userPrincipalName: string;
  isGlobalAdmin: boolean;
  isRoomsProManager: boolean;
}

export async function getMe(caller: Caller, deps: IdentityDeps): Promise<Me> {
  const [tenant, user] = await Promise.all([
    deps.tenants.get(caller.tenantId),
    deps.directory.getUser(caller.tenantId, caller.userId),
  ]);
  return {
    tenantId: caller.tenantId,
    tenantName: tenant?.displayName ?? caller.tenantId,
    userId: caller.userId,
    displayName: user?.displayName ?? caller.principal.name ?? caller.userId,
    userPrincipalName: user?.userPrincipalName ?? '',
    isGlobalAdmin: caller.isGlobalAdmin,
    isRoomsProManager: caller.isRoomsProManager,
  };
}

/** The engine's organisation right to search one's own directory, from the identity alone. */
const mayBrowseAsAdmin = (caller: Caller) =>
  decide(grantsFromIdentity(caller), 'organisation.directory.search', ownOrganisation(caller))
    .allowed;

/**
 * Search the caller's own tenant directory. `mayBrowseDirectory` lets later features (tenant
 * managers choosing Primary admins, role managers choosing members) widen who may search.
 */
export async function searchDirectory(
  caller: Caller,
  input: { query: string; kinds: readonly DirectoryKind[]; limit: number },
  deps: IdentityDeps,
  mayBrowseDirectory: (caller: Caller) => boolean | Promise<boolean> = mayBrowseAsAdmin
): Promise<DirectoryObject[]> {
  if (!(await mayBrowseDirectory(caller)))
    throw forbidden('Only administrators can search the directory.');
  return deps.directory.search(caller.tenantId, input.query.trim(), {
    kinds: input.kinds,
    limit: input.limit,
  });
}

/** Resolve a member reference in `tenantId`'s directory, or fail with a clear 4xx. */
export async function requireMember(
  directory: Directory,
  tenantId: string,
  member: MemberRef
): Promise<DirectoryObject> {
  if (member.type === 'user') {
    const u = await directory.getUser(tenantId, member.id);
    if (u) return { kind: 'user', ...u };
  } else {
    const g = await directory.getGroup(tenantId, member.id);
    if (g) return { kind: 'group', ...g };
  }
  throw invalid(
    'DIRECTORY.MEMBER_NOT_FOUND',
    `No ${member.type} with id ${member.id} in this tenant.`,
    {
      member,
    }
  );
}

export async function listRoomsProManagers(caller: Caller, deps: IdentityDeps) {
  const grants = grantsFromIdentity(caller);
  authorize(grants, 'organisation.roomsProManagers.view', ownOrganisation(caller));
  const members = await deps.roomsProManagers.list(caller.tenantId);
  return Promise.all(members.map((m) => describeMember(deps.directory, caller.tenantId, m)));
}

/** Members resolved for display; a member deleted from the directory still shows by id. */
export async function describeMember(directory: Directory, tenantId: string, m: MemberRef) {
  const found =
    m.type === 'user'
      ? await directory.getUser(tenantId, m.id)
      : await directory.getGroup(tenantId, m.id);
  return { type: m.type, id: m.id, displayName: found?.displayName ?? m.id };
}

export async function addRoomsProManager(caller: Caller, member: MemberRef, deps: IdentityDeps) {
  const subject = {
    category: 'User' as const,
    objectType: 'RoomsProManager',
    objectId: member.id,
    operation: 'Create' as const,
  };
  return audited(deps.audit, caller, subject, async () => {
    authorize(
      grantsFromIdentity(caller),
      'organisation.roomsProManagers.manage',
      ownOrganisation(caller),
      'Only a Global admin can assign Teams Rooms Pro Manager.'
    );
    const found = await requireMember(deps.directory, caller.tenantId, member);
    const added = await deps.roomsProManagers.add(caller.tenantId, member, caller.userId);
    if (!added)
      throw conflict('ROOMS_PRO_MANAGER.ALREADY_ASSIGNED', 'Already a Teams Rooms Pro Manager.');
    return { type: member.type, id: member.id, displayName: found.displayName };
  });
}

export async function removeRoomsProManager(caller: Caller, memberId: string, deps: IdentityDeps) {
  const subject = {
    category: 'User' as const,
    objectType: 'RoomsProManager',
    objectId: memberId,
    operation: 'Delete' as const,
  };
  return audited(deps.audit, caller, subject, async () => {
    authorize(
      grantsFromIdentity(caller),
      'organisation.roomsProManagers.manage',
      ownOrganisation(caller),
      'Only a Global admin can remove Teams Rooms Pro Manager.'
    );
    if (!(await deps.roomsProManagers.remove(caller.tenantId, memberId))) {
      throw notFound(
        'ROOMS_PRO_MANAGER.NOT_FOUND',
        'This member is not a Teams Rooms Pro Manager.'
      );
    }
  });
}
