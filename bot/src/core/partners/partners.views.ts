/**
 * What each side may see of a relationship document. The partner's views carry metadata and
 * scope counts only; customer room data reaches a partner user only through `CustomerDetail.rooms`,
 * and only for a Primary admin of that customer.
 */
import type { Directory, DirectoryKind, MemberRef } from '../directory/directory.port.ts';
import { describeMember } from '../identity/identity.use-cases.ts';
import { builtInRole } from '../authz/permissions.ts';
import {
  isExpired,
  PRIMARY_ADMINS_ROLE_ID,
  type Assignment,
  type ChangeControlMode,
  type Relationship,
  type Role,
  type RoomScope,
} from './model.ts';
import type { NamedRef } from './partners.ports.ts';
import { summarizeScope, type ScopeSummary } from './scope.ts';

export interface MemberView {
  type: DirectoryKind;
  id: string;
  displayName: string;
}

/** A pending invitation as its customer sees it. */
export interface CustomerInvitationView {
  id: string;
  partnerTenantId: string;
  partnerName: string;
  partnerDomain: string;
  changeControl: ChangeControlMode;
  scope: RoomScope;
  expiresAt: Date;
  expired: boolean;
  createdAt: Date;
  createdBy: string;
  createdByName: string;
}

/** A pending invitation in the partner's inbox: metadata only. */
export interface InboxItemView {
  id: string;
  customerTenantId: string;
  customerName: string;
  customerDomain: string;
  changeControl: ChangeControlMode;
  scope: ScopeSummary;
  expiresAt: Date;
  expired: boolean;
  createdByName: string;
  createdAt: Date;
}

/** A row of the partner's Tenants list. */
export interface CustomerSummaryView {
  relationshipId: string;
  customerTenantId: string;
  customerName: string;
  customerDomain: string;
  acceptedAt: Date;
  scope: ScopeSummary;
  /** The caller is a Primary admin of this customer. */
  isPrimaryAdmin: boolean;
}

/** The partner's detail pane for one customer. */
export interface CustomerDetailView extends CustomerSummaryView {
  primaryAdmins: MemberView[];
  primaryAdminsRoleDeleted: boolean;
  /** The caller holds Role management › Modify here, so may add and remove Primary admins. */
  mayManagePrimaryAdmins: boolean;
  /** Rooms and room groups of the scope by name: Primary admins only. */
  rooms?: { allRooms: boolean; rooms: NamedRef[]; roomGroups: NamedRef[] };
}

export interface PartnerRoleView {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
}

/** A break-glass restore of a Primary admin, as the customer sees it. */
export interface BreakGlassView {
  at: Date;
  actorId: string;
  actorName: string;
  member: MemberView;
  reason: string;
}

export interface PartnerAssignmentView {
  id: string;
  roleId: string;
  members: MemberView[];
  scope: RoomScope;
  notify: boolean;
}

/** A partner in the customer's Partners list, with everything the customer can revoke. */
export interface PartnerView {
  relationshipId: string;
  partnerTenantId: string;
  partnerName: string;
  partnerDomain: string;
  acceptedAt: Date;
  changeControl: ChangeControlMode;
  scope: RoomScope;
  primaryAdmins: MemberView[];
  primaryAdminsRoleDeleted: boolean;
  /** The latest break-glass restore by the partner's Global admin; null when never used. */
  breakGlass: BreakGlassView | null;
  roles: PartnerRoleView[];
  assignments: PartnerAssignmentView[];
}

export const toCustomerInvitation = (r: Relationship, now: Date): CustomerInvitationView => ({
  id: r.id,
  partnerTenantId: r.partnerTenantId,
  partnerName: r.partnerName,
  partnerDomain: r.partnerDomain,
  changeControl: r.changeControl,
  scope: r.scope,
  expiresAt: r.expiresAt,
  expired: isExpired(r, now),
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  createdByName: r.createdByName,
});

export const toInboxItem = (r: Relationship, now: Date): InboxItemView => ({
  id: r.id,
  customerTenantId: r.customerTenantId,
  customerName: r.customerName,
  customerDomain: r.customerDomain,
  changeControl: r.changeControl,
  scope: summarizeScope(r.scope),
  expiresAt: r.expiresAt,
  expired: isExpired(r, now),
  createdByName: r.createdByName,
  createdAt: r.createdAt,
});

export const toCustomerSummary = (
  r: Relationship,
  isPrimaryAdmin: boolean
): CustomerSummaryView => ({
  relationshipId: r.id,
  customerTenantId: r.customerTenantId,
  customerName: r.customerName,
  customerDomain: r.customerDomain,
  acceptedAt: r.acceptedAt ?? r.createdAt,
  scope: summarizeScope(r.scope),
  isPrimaryAdmin,
});

/**
 * Members resolved in their own tenant's directory. The customer's deployment may not be able to
 * read the partner's directory (Graph), so a failed lookup shows the member by id.
 */
export async function describeMembers(
  directory: Directory,
  tenantId: string,
  members: readonly MemberRef[]
): Promise<MemberView[]> {
  return Promise.all(
    members.map(async (m) => {
      try {
        return await describeMember(directory, tenantId, m);
      } catch {
        return { type: m.type, id: m.id, displayName: m.id };
      }
    })
  );
}

const primaryAdminsRole = (): PartnerRoleView => {
  const r = builtInRole(PRIMARY_ADMINS_ROLE_ID);
  return {
    id: PRIMARY_ADMINS_ROLE_ID,
    name: r?.name ?? 'Primary admins',
    description: r?.description ?? '',
    builtIn: true,
    permissions: [...(r?.permissions ?? [])],
  };
};

/** The customer's view of one partner: the built-in Primary admins role first, then custom ones. */
export async function toPartnerView(
  r: Relationship,
  roles: readonly Role[],
  assignments: readonly Assignment[],
  directory: Directory
): Promise<PartnerView> {
  const primaryAdmins = await describeMembers(directory, r.partnerTenantId, r.primaryAdmins);
  const builtIn = r.primaryAdminsRoleDeleted ? [] : [primaryAdminsRole()];
  const builtInAssignment: PartnerAssignmentView[] = r.primaryAdminsRoleDeleted
    ? []
    : [
        {
          id: PRIMARY_ADMINS_ROLE_ID,
          roleId: PRIMARY_ADMINS_ROLE_ID,
          members: primaryAdmins,
          scope: r.scope,
          notify: false,
        },
      ];
  const breakGlass: BreakGlassView | null = r.breakGlass
    ? {
        at: r.breakGlass.at,
        actorId: r.breakGlass.actorId,
        actorName: r.breakGlass.actorName,
        member: (await describeMembers(directory, r.partnerTenantId, [r.breakGlass.member]))[0]!,
        reason: r.breakGlass.reason,
      }
    : null;
  return {
    relationshipId: r.id,
    partnerTenantId: r.partnerTenantId,
    partnerName: r.partnerName,
    partnerDomain: r.partnerDomain,
    acceptedAt: r.acceptedAt ?? r.createdAt,
    changeControl: r.changeControl,
    scope: r.scope,
    primaryAdmins,
    primaryAdminsRoleDeleted: r.primaryAdminsRoleDeleted === true,
    breakGlass,
    roles: [
      ...builtIn,
      ...roles.map((x) => ({
        id: x.id,
        name: x.name,
        description: x.description,
        builtIn: false,
        permissions: x.permissions,
      })),
    ],
    assignments: [
      ...builtInAssignment,
      ...(await Promise.all(
        assignments.map(async (a) => ({
          id: a.id,
          roleId: a.roleId,
          members: await describeMembers(directory, r.partnerTenantId, a.members),
          scope: a.scope,
          notify: a.notify,
        }))
      )),
    ],
  };
}
