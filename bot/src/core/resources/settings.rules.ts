/**
 * Teams Rooms Pro settings rules: merging a partial change into the stored settings and the
 * checks every saved document passes (the HTTP schema checks shapes; these check meaning).
 */
import { invalid } from '../errors.ts';
import { DEFAULT_SETTINGS, WEEKDAYS, type RoomsProSettings } from './resources.model.ts';
import { ResourceErrors } from './resources.errors.ts';

/** A change: any section, any field of it; arrays are replaced whole. */
export type SettingsPatch = {
  [K in keyof RoomsProSettings]?: Partial<RoomsProSettings[K]>;
} & { timeZone?: string };

export const MAX_ALERT_CONTACTS = 20;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
// Deliberately plain: one @, no spaces, a dot in the domain. Mail delivery is the real check.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export const defaultSettings = (): RoomsProSettings => structuredClone(DEFAULT_SETTINGS);

export function mergeSettings(current: RoomsProSettings, patch: SettingsPatch): RoomsProSettings {
  return {
    timeZone: patch.timeZone ?? current.timeZone,
    maintenanceWindow: { ...current.maintenanceWindow, ...patch.maintenanceWindow },
    notifications: { ...current.notifications, ...patch.notifications },
    features: { ...current.features, ...patch.features },
  };
}

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The problems of a settings document, as `field: reason` (empty when valid). */
export function settingsProblems(s: RoomsProSettings): string[] {
  const problems: string[] = [];
  if (!knownTimeZone(s.timeZone)) problems.push('timeZone: not a known IANA time zone');
  const w = s.maintenanceWindow;
  if (!HH_MM.test(w.start)) problems.push('maintenanceWindow.start: use HH:MM, 24-hour');
  if (!Number.isInteger(w.durationMinutes) || w.durationMinutes < 30 || w.durationMinutes > 720) {
    problems.push('maintenanceWindow.durationMinutes: 30 to 720 minutes');
  }
  if (w.days.length === 0) problems.push('maintenanceWindow.days: at least one day');
  if (new Set(w.days).size !== w.days.length || w.days.some((d) => !WEEKDAYS.includes(d))) {
    problems.push('maintenanceWindow.days: distinct weekdays Mon–Sun');
  }
  const n = s.notifications;
  if (n.contacts.length > MAX_ALERT_CONTACTS) {
    problems.push(`notifications.contacts: at most ${MAX_ALERT_CONTACTS}`);
  }
  if (n.contacts.some((c) => !EMAIL.test(c)))
    problems.push('notifications.contacts: email addresses');
  if (new Set(n.contacts.map((c) => c.toLowerCase())).size !== n.contacts.length) {
    problems.push('notifications.contacts: no duplicates');
  }
  if (new Set(n.severities).size !== n.severities.length) {
    problems.push('notifications.severities: no duplicates');
  }
  return problems;
}

export function checkSettings(s: RoomsProSettings): void {
  const problems = settingsProblems(s);
  if (problems.length > 0) {
    throw invalid(ResourceErrors.SETTINGS_INVALID, 'These settings are not valid.', { problems });
  }
}
