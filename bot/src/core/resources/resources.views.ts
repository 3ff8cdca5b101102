/**
 * What the resource use cases hand to the edges. A room view never carries its enrollment key;
 * counts are over the rooms the caller may see, never the tenant's totals.
 */
import type { Permission } from '../authz/permissions.ts';
import type {
  Room,
  RoomGroup,
  RoomsProSettings,
  StoredSettings,
  UpdateRing,
} from './resources.model.ts';

export interface CustomerChoiceView {
  customerTenantId: string;
  displayName: string;
  primaryDomain: string | null;
  /** 'own': the caller's own tenant; 'partner': a customer reached through a relationship. */
  side: 'own' | 'partner';
  grantedPermissions: Permission[];
}

export type RoomView = Omit<Room, 'tenantId'> & { customerTenantId: string };

export const toRoomView = (r: Room): RoomView => ({
  id: r.id,
  customerTenantId: r.tenantId,
  displayName: r.displayName,
  site: r.site,
  country: r.country,
  health: r.health,
  groupIds: [...r.groupIds],
  ringId: r.ringId,
  enrollment: {
    status: r.enrollment.status,
    keyVersion: r.enrollment.keyVersion,
    ...(r.enrollment.enrolledAt ? { enrolledAt: r.enrollment.enrolledAt } : {}),
    ...(r.enrollment.unenrolledAt ? { unenrolledAt: r.enrollment.unenrolledAt } : {}),
  },
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export interface RoomGroupView {
  id: string;
  displayName: string;
  description: string;
  /** Rooms of the group the caller may view. */
  roomCount: number;
  createdAt: Date;
}

export const toGroupView = (g: RoomGroup, roomCount: number): RoomGroupView => ({
  id: g.id,
  displayName: g.displayName,
  description: g.description,
  roomCount,
  createdAt: g.createdAt,
});

export interface UpdateRingView {
  id: string;
  displayName: string;
  order: number;
  builtIn: boolean;
  deferralDays: number;
  description: string;
  /** Rooms of the ring the caller may view. */
  roomCount: number;
}

export const toRingView = (r: UpdateRing, roomCount: number): UpdateRingView => ({
  id: r.id,
  displayName: r.displayName,
  order: r.order,
  builtIn: r.builtIn,
  deferralDays: r.deferralDays,
  description: r.description,
  roomCount,
});

export interface EnrollmentKeyView {
  roomId: string;
  keyVersion: number;
  issuedAt: Date;
}

export interface SettingsView extends RoomsProSettings {
  /** True while nothing was saved: these are the defaults. */
  isDefault: boolean;
  updatedAt?: Date;
  updatedBy?: string;
}

export const toSettingsView = (s: StoredSettings): SettingsView => ({
  ...s.settings,
  isDefault: s.version === 0,
  ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
  ...(s.updatedBy ? { updatedBy: s.updatedBy } : {}),
});
