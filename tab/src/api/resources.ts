/**
 * Room groups, update rings, the Teams Rooms Pro settings and the report summary of one customer
 * (`/api/customers/{id}/room-groups`, `/update-rings`, `/settings`, `/reports/summary`).
 */
import { apiPath, type ApiClient, type Page } from './client.ts';
import type {
  RingInput,
  RoomGroup,
  RoomGroupInput,
  RoomsProSettings,
  RoomsProSettingsInput,
  UpdateRing,
} from '../../../bot/src/http/contracts/resources.ts';
import type { ReportSummary } from '../../../bot/src/http/contracts/tickets.ts';
import type { ChangeRequest } from './change-control.ts';

export { WEEKDAYS, type Weekday } from '../../../bot/src/core/resources/resources.model.ts';
// A ring's order (1–9; Staging is 0) and deferral (0–60 days), as the service's ring rules.
export { MAX_DEFERRAL_DAYS, MAX_RING_ORDER, MIN_RING_ORDER } from '../../../bot/src/core/limits.ts';
export {
  SEVERITIES as ALERT_SEVERITIES,
  type Severity as AlertSeverity,
} from '../../../bot/src/core/tickets/ticket.model.ts';
export type { RingInput, RoomGroup, RoomGroupInput, UpdateRing };
export type { RoomsProSettings, RoomsProSettingsInput };
export type { ReportSummary } from '../../../bot/src/http/contracts/tickets.ts';

const customerPath = (id: string) => apiPath`/api/customers/${id}`;

// ------------------------------------------------------------------ room groups

/** Up to 200 room groups the caller may see (Group management › View). */
export async function listRoomGroups(
  api: ApiClient,
  customerTenantId: string,
  signal?: AbortSignal
): Promise<RoomGroup[]> {
  const path = `${customerPath(customerTenantId)}/room-groups?limit=200`;
  return (await api.request<Page<RoomGroup>>(path, { signal })).items;
}

/** Group management › Create. */
export function createRoomGroup(api: ApiClient, customerTenantId: string, input: RoomGroupInput) {
  return api.request<RoomGroup>(`${customerPath(customerTenantId)}/room-groups`, {
    method: 'POST',
    body: input,
  });
}

/** Group management › Modify over the group. */
export function modifyRoomGroup(
  api: ApiClient,
  customerTenantId: string,
  groupId: string,
  changes: Partial<RoomGroupInput>
) {
  return api.request<RoomGroup>(customerPath(customerTenantId) + apiPath`/room-groups/${groupId}`, {
    method: 'PATCH',
    body: changes,
  });
}

// ------------------------------------------------------------------ update rings

const ringsPath = (customerTenantId: string) => `${customerPath(customerTenantId)}/update-rings`;
const ringPath = (customerTenantId: string, ringId: string) =>
  ringsPath(customerTenantId) + apiPath`/${ringId}`;

/** Every ring, in order (Update ring › View). */
export async function listRings(api: ApiClient, customerTenantId: string, signal?: AbortSignal) {
  return (await api.request<{ items: UpdateRing[] }>(ringsPath(customerTenantId), { signal }))
    .items;
}

/** Under the customer's Manual change control, ring changes answer the change request (202). */
export function createRing(api: ApiClient, customerTenantId: string, input: RingInput) {
  return api.request<UpdateRing | ChangeRequest>(ringsPath(customerTenantId), {
    method: 'POST',
    body: input,
  });
}

/** Built-ins keep their name, Staging its order. */
export function modifyRing(
  api: ApiClient,
  customerTenantId: string,
  ringId: string,
  changes: Partial<RingInput>
) {
  return api.request<UpdateRing | ChangeRequest>(ringPath(customerTenantId, ringId), {
    method: 'PATCH',
    body: changes,
  });
}

/** Deletes a custom ring; its rooms move to General. */
export function deleteRing(api: ApiClient, customerTenantId: string, ringId: string) {
  return api.request<{ ringId: string; movedToRingId: string; movedRooms: number } | ChangeRequest>(
    ringPath(customerTenantId, ringId),
    { method: 'DELETE' }
  );
}

/** Moves rooms to the ring, all or nothing (Update ring › Modify on each room). */
export function moveRoomsToRing(
  api: ApiClient,
  customerTenantId: string,
  ringId: string,
  roomIds: string[]
) {
  return api.request<
    { ringId: string; requested: number; moved: number; alreadyInRing: number } | ChangeRequest
  >(`${ringPath(customerTenantId, ringId)}/rooms`, { method: 'POST', body: { roomIds } });
}

// ------------------------------------------------------------------ settings

const settingsPath = (customerTenantId: string) => `${customerPath(customerTenantId)}/settings`;

/** MMR settings › View. */
export function getSettings(api: ApiClient, customerTenantId: string, signal?: AbortSignal) {
  return api.request<RoomsProSettings>(settingsPath(customerTenantId), { signal });
}

/** MMR settings › Modify: replaces the settings whole. */
export function saveSettings(
  api: ApiClient,
  customerTenantId: string,
  input: RoomsProSettingsInput
) {
  return api.request<RoomsProSettings>(settingsPath(customerTenantId), {
    method: 'PUT',
    body: input,
  });
}

// ------------------------------------------------------------------ reports

/** Reports › View. */
export function getReportSummary(api: ApiClient, customerTenantId: string, signal?: AbortSignal) {
  return api.request<ReportSummary>(`${customerPath(customerTenantId)}/reports/summary`, {
    signal,
  });
}
