/** Dates and scope summaries, formatted in the active locale. */
import type { Strings } from './i18n.ts';
import type { ScopeSummary } from './api/partner.ts';
import type { RoomScope } from './api/customer.ts';

/** A date and time in the user's locale and time zone, e.g. "2 Dec 2026, 14:45". */
export function formatDateTime(iso: string, strings: Strings): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(strings.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** A date in the user's locale, e.g. "16 Dec 2026". */
export function formatDate(iso: string, strings: Strings): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(strings.locale, { dateStyle: 'medium' }).format(date);
}

/** A UTC time as the audit log states it: "2026-12-02 14:45:54 UTC". */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** "All rooms", or "2 rooms, 1 room group". */
export function describeScope(scope: ScopeSummary | RoomScope, strings: Strings): string {
  if (scope.allRooms) return strings.scope.allRooms;
  const rooms = 'roomCount' in scope ? scope.roomCount : scope.roomIds.length;
  const groups = 'roomGroupCount' in scope ? scope.roomGroupCount : scope.roomGroupIds.length;
  return strings.scope.counts(rooms, groups);
}
