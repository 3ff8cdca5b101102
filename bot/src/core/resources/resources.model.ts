/**
 * The Pro Management resources partners and customers act on (PRODUCT.md §4.12): rooms with
 * their health, site, groups, update ring and enrollment, room groups, update rings and the
 * customer's Teams Rooms Pro settings. Every object belongs to one customer tenant.
 */
export const ROOM_HEALTH = ['Healthy', 'Warning', 'Important', 'Offline'] as const;
export type RoomHealth = (typeof ROOM_HEALTH)[number];

/**
 * Onboarding: created, waiting for the device to enroll with the key (no alerts yet);
 * Enrolled: monitored; Unenrolled: monitoring stopped.
 */
export const ENROLLMENT_STATUS = ['Onboarding', 'Enrolled', 'Unenrolled'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUS)[number];

export interface Room {
  id: string;
  /** The owning customer tenant. */
  tenantId: string;
  displayName: string;
  site: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  health: RoomHealth;
  groupIds: string[];
  ringId: string;
  /** The key itself lives apart (EnrollmentKeyRepository) so no room read can carry it. */
  enrollment: {
    status: EnrollmentStatus;
    keyVersion: number;
    enrolledAt?: Date;
    unenrolledAt?: Date;
  };
  createdAt: Date;
  updatedAt: Date;
}

export interface RoomGroup {
  id: string;
  tenantId: string;
  displayName: string;
  description: string;
  createdAt: Date;
}

export interface UpdateRing {
  id: string;
  tenantId: string;
  displayName: string;
  /** 0 for Staging; every other ring (General and Executive included) holds a unique 1–9. */
  order: number;
  builtIn: boolean;
  /** Days after release before an update reaches this ring, 0–60. */
  deferralDays: number;
  description: string;
}

/** A self-enrollment key: the secret a device presents to enroll as this room. */
export interface EnrollmentKey {
  roomId: string;
  tenantId: string;
  key: string;
  version: number;
  issuedAt: Date;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The customer's Teams Rooms Pro settings (one document per tenant; defaults when absent). */
export interface RoomsProSettings {
  /** IANA time zone the maintenance window is expressed in. */
  timeZone: string;
  /** When rooms may restart and install updates. */
  maintenanceWindow: { days: Weekday[]; start: string; durationMinutes: number };
  notifications: {
    /** Email addresses that receive incident mail. */
    contacts: string[];
    /** Which incident severities send mail. */
    severities: ('Important' | 'Warning')[];
    weeklyHealthDigest: boolean;
  };
  features: {
    /** Install Teams Rooms app and firmware updates automatically (by update ring). */
    automaticUpdates: boolean;
    /** Close incidents automatically once the room reports healthy again. */
    autoResolveIncidents: boolean;
    /** Let room users report issues from the console ("record an issue"). */
    customerReportedIssues: boolean;
  };
}

export interface StoredSettings {
  settings: RoomsProSettings;
  /** Optimistic-concurrency counter; 0 when nothing is stored yet (defaults). */
  version: number;
  updatedAt?: Date;
  updatedBy?: string;
}

export const DEFAULT_SETTINGS: RoomsProSettings = Object.freeze({
  timeZone: 'UTC',
  maintenanceWindow: { days: [...WEEKDAYS], start: '02:00', durationMinutes: 180 },
  notifications: { contacts: [], severities: ['Important'], weeklyHealthDigest: true },
  features: { automaticUpdates: true, autoResolveIncidents: true, customerReportedIssues: true },
}) as RoomsProSettings;
