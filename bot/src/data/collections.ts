/**
 * Document shapes, collection names and indexes. Every document carries its owning `tenantId`
 * and every index starts with it, so each tenant's data is a partition of its own.
 */
import type { BaseDoc, IndexKeys, IndexOptions, Store } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';

export interface TenantDoc extends BaseDoc {
  displayName: string;
  domains: string[];
  createdAt: Date;
}

export interface DirectoryUserDoc extends BaseDoc {
  displayName: string;
  userPrincipalName: string;
  /** Local directory only: the user holds the Global Administrator directory role. */
  isGlobalAdmin: boolean;
  /** Demo-user picker text (local mode), e.g. "Tenant manager". */
  description?: string;
}

export interface DirectoryGroupDoc extends BaseDoc {
  displayName: string;
  description?: string;
  /** Direct members: user ids and nested group ids. */
  memberIds: string[];
}

export interface RoomsProManagerDoc extends BaseDoc {
  member: MemberRef;
  assignedBy: string;
  assignedAt: Date;
}

export interface AuditDoc extends BaseDoc {
  category: string;
  objectType: string;
  objectId: string;
  operation: string;
  result: string;
  actorId: string;
  actorTenantId: string;
  detail?: string;
  actorName?: string;
  actorTenantName?: string;
  objectName?: string;
  at: Date;
}

export const Collections = {
  tenants: 'tenants',
  users: 'directoryUsers',
  groups: 'directoryGroups',
  roomsProManagers: 'roomsProManagers',
  audit: 'auditLog',
} as const;

/** 180 days: the audit log's retention. */
export const AUDIT_RETENTION_SECONDS = 180 * 24 * 3600;

type IndexPlan = Record<string, { keys: IndexKeys; options?: IndexOptions }[]>;

const foundationIndexes: IndexPlan = {
  [Collections.tenants]: [{ keys: { tenantId: 1 } }, { keys: { domains: 1 } }],
  [Collections.users]: [
    { keys: { tenantId: 1, userPrincipalName: 1 }, options: { unique: true } },
    { keys: { tenantId: 1, displayName: 1 } },
  ],
  [Collections.groups]: [{ keys: { tenantId: 1, memberIds: 1 } }],
  [Collections.roomsProManagers]: [
    { keys: { tenantId: 1, 'member.id': 1 }, options: { unique: true } },
  ],
  [Collections.audit]: [
    { keys: { tenantId: 1, at: -1 } },
    { keys: { at: 1 }, options: { expireAfterSeconds: AUDIT_RETENTION_SECONDS } },
  ],
};

const plans: IndexPlan[] = [foundationIndexes];

/** Features add their own index plans here at import time. */
export function registerIndexes(plan: IndexPlan): void {
  plans.push(plan);
}

/** Every collection some feature registered (each has indexes: every query is indexed). */
export function registeredCollections(): string[] {
  return [...new Set(plans.flatMap((plan) => Object.keys(plan)))];
}

/** Idempotent: creates every registered index. */
export async function ensureIndexes(store: Store): Promise<void> {
  for (const plan of plans) {
    for (const [name, specs] of Object.entries(plan)) {
      const coll = store.collection(name);
      for (const spec of specs) await coll.createIndex(spec.keys, spec.options);
    }
  }
}

/** Pro Management resources (what the roles act on). */
export type RoomHealth = 'Healthy' | 'Warning' | 'Important' | 'Offline';

export interface RoomDoc extends BaseDoc {
  displayName: string;
  site: string;
  country: string;
  health: RoomHealth;
  groupIds: string[];
  ringId: string;
  /** Onboarding: created, waiting for the device to enroll with its key (no alerts yet). */
  enrollment: {
    status: 'Onboarding' | 'Enrolled' | 'Unenrolled';
    keyVersion: number;
    enrolledAt?: Date;
    unenrolledAt?: Date;
  };
  createdAt: Date;
  updatedAt: Date;
}

export interface RoomGroupDoc extends BaseDoc {
  displayName: string;
  description: string;
  createdAt: Date;
}

export interface UpdateRingDoc extends BaseDoc {
  displayName: string;
  /** 0 for Staging; built-in General/Executive and custom rings are ordered 1–9. */
  order: number;
  builtIn: boolean;
  /** Days after release an update reaches this ring; every ring is within 60 days. */
  deferralDays: number;
  description: string;
}

export const ResourceCollections = {
  rooms: 'rooms',
  roomGroups: 'roomGroups',
  updateRings: 'updateRings',
} as const;

registerIndexes({
  [ResourceCollections.rooms]: [
    { keys: { tenantId: 1, displayName: 1 } },
    { keys: { tenantId: 1, groupIds: 1 } },
  ],
  [ResourceCollections.roomGroups]: [
    { keys: { tenantId: 1, displayName: 1 }, options: { unique: true } },
  ],
  // One ring per position in the rollout sequence.
  [ResourceCollections.updateRings]: [
    { keys: { tenantId: 1, order: 1 }, options: { unique: true } },
  ],
});

/**
 * Custom roles and role assignments, customer-owned (tenantId = the customer): the customer's own
 * when partnerTenantId is null, else a partner's for that customer (see core/partners/model.ts).
 * The roles engine writes them; the partner feature lists them and revokes them.
 */
export interface RoleDoc extends BaseDoc {
  partnerTenantId: string | null;
  name: string;
  description: string;
  permissions: string[];
  createdAt: Date;
  createdBy: string;
}

export interface AssignmentDoc extends BaseDoc {
  partnerTenantId: string | null;
  roleId: string;
  members: MemberRef[];
  scope: { allRooms: boolean; roomIds: string[]; roomGroupIds: string[] };
  notify: boolean;
  createdAt: Date;
  createdBy: string;
}

export const AccessCollections = {
  roles: 'roles',
  assignments: 'assignments',
} as const;

/**
 * Every index of roles and assignments, whichever feature reads them: the roles feature lists
 * them by name and by creation, the partners feature by role, and authorization by member. The
 * member indexes of assignments are the documented exception to "every index starts with
 * tenantId": a partner user's grants start from "which assignments name me?", which no
 * customer-first index answers without visiting every customer.
 */
registerIndexes({
  [AccessCollections.roles]: [
    { keys: { tenantId: 1, partnerTenantId: 1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, name: 1 } },
  ],
  [AccessCollections.assignments]: [
    { keys: { tenantId: 1, partnerTenantId: 1, roleId: 1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, createdAt: 1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, 'members.id': 1 } },
    { keys: { partnerTenantId: 1, 'members.id': 1 } },
  ],
});
