/**
 * Document shapes, collection names and indexes of the foundation (tenants, directory, Teams
 * Rooms Pro Managers, the audit log) and of rooms, room groups and update rings. Every document
 * carries its owning `tenantId` and every index starts with it, so each tenant's data is a
 * partition of its own. Every feature's plan is listed once in indexes.ts.
 */
import type { BaseDoc } from '../store/types.ts';
import type { AuditEntry } from '../core/audit/audit.ts';
import type { Room, RoomGroup, UpdateRing } from '../core/resources/resources.model.ts';
import { declareCollections, expiresAfter } from './index-plan.ts';
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

/** An audit record (core/audit), `tenantId` the tenant whose log holds it. */
export type AuditDoc = BaseDoc & Omit<AuditEntry, 'tenantId'> & { at: Date };

/** 180 days: the audit log's retention. */
export const AUDIT_RETENTION_SECONDS = 180 * 24 * 3600;

export const { names: Collections, indexes: foundationIndexes } = declareCollections({
  tenants: { name: 'tenants', indexes: [{ keys: { tenantId: 1 } }, { keys: { domains: 1 } }] },
  users: {
    name: 'directoryUsers',
    indexes: [
      { keys: { tenantId: 1, userPrincipalName: 1 }, options: { unique: true } },
      { keys: { tenantId: 1, displayName: 1 } },
    ],
  },
  groups: { name: 'directoryGroups', indexes: [{ keys: { tenantId: 1, memberIds: 1 } }] },
  roomsProManagers: {
    name: 'roomsProManagers',
    indexes: [{ keys: { tenantId: 1, 'member.id': 1 }, options: { unique: true } }],
  },
  audit: {
    name: 'auditLog',
    indexes: [{ keys: { tenantId: 1, at: -1 } }, expiresAfter('at', AUDIT_RETENTION_SECONDS)],
  },
});

/**
 * Pro Management resources (what the roles act on), stored as their core models: `_id` is the
 * model's id, `tenantId` the owning customer.
 */
type Stored<M extends { id: string; tenantId: string }> = BaseDoc & Omit<M, 'id' | 'tenantId'>;
export type RoomDoc = Stored<Room>;
export type RoomGroupDoc = Stored<RoomGroup>;
export type UpdateRingDoc = Stored<UpdateRing>;

export const { names: ResourceCollections, indexes: resourceIndexes } = declareCollections({
  rooms: {
    name: 'rooms',
    indexes: [{ keys: { tenantId: 1, displayName: 1 } }, { keys: { tenantId: 1, groupIds: 1 } }],
  },
  roomGroups: {
    name: 'roomGroups',
    indexes: [{ keys: { tenantId: 1, displayName: 1 }, options: { unique: true } }],
  },
  // One ring per position in the rollout sequence.
  updateRings: {
    name: 'updateRings',
    indexes: [{ keys: { tenantId: 1, order: 1 }, options: { unique: true } }],
  },
});
