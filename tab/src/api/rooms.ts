/**
 * Rooms and room groups of one customer (`/api/customers/{id}/rooms`, `/room-groups`). The
 * Partners page uses them to name what a partner's scope covers; a service without these routes
 * answers 404, and the tab then offers "All rooms" only.
 */
import {
  apiPath,
  ApiError,
  getPage,
  withQuery,
  type ApiClient,
  type PageOptions,
  type Download,
  type Page,
} from './client.ts';
import type {
  EnrollmentKeyInfo,
  Room,
  RoomFilter,
  RoomInput,
} from '../../../bot/src/http/contracts/rooms.ts';

export {
  ENROLLMENT_STATUS,
  ROOM_HEALTH,
  type EnrollmentStatus,
  type RoomHealth,
} from '../../../bot/src/core/resources/resources.model.ts';
export type {
  EnrollmentKeyInfo,
  Room,
  RoomFilter,
  RoomInput,
} from '../../../bot/src/http/contracts/rooms.ts';

export interface RoomGroupRef {
  id: string;
  displayName: string;
}

export interface RoomRef {
  id: string;
  displayName: string;
  site?: string;
}

const customerPath = (id: string) => apiPath`/api/customers/${id}`;

/** The wire shapes may be a page or a bare list; both are read. */
type Listed<T> = Page<T> | T[];
const itemsOf = <T>(body: Listed<T>): T[] => (Array.isArray(body) ? body : body.items);

/** Up to 200 of a customer's room groups or rooms, or null when the service has no such route. */
async function listRefs<T>(
  api: ApiClient,
  customerTenantId: string,
  what: 'room-groups' | 'rooms',
  signal?: AbortSignal
): Promise<T[] | null> {
  const path = withQuery(`${customerPath(customerTenantId)}/${what}`, { limit: 200 });
  return orNullOn404(async () => itemsOf(await api.request<Listed<T>>(path, { signal })));
}

export const listRoomGroupRefs = (api: ApiClient, customerTenantId: string, signal?: AbortSignal) =>
  listRefs<RoomGroupRef>(api, customerTenantId, 'room-groups', signal);

export const listRoomRefs = (api: ApiClient, customerTenantId: string, signal?: AbortSignal) =>
  listRefs<RoomRef>(api, customerTenantId, 'rooms', signal);

async function orNullOn404<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'ROUTE.NOT_FOUND') {
      return null;
    }
    throw error;
  }
}

/** `GET /api/customers/{id}/rooms`: the rooms the caller may view, filtered, by name. */
export const listRooms = (
  api: ApiClient,
  customerTenantId: string,
  filter: RoomFilter,
  options?: PageOptions
) => getPage<Room>(api, `${customerPath(customerTenantId)}/rooms`, filter, options);

const roomPath = (customerTenantId: string, roomId: string) =>
  customerPath(customerTenantId) + apiPath`/rooms/${roomId}`;

/** `POST /rooms` (Rooms › Create): the room waits in Onboarding for its device. */
export function createRoom(
  api: ApiClient,
  customerTenantId: string,
  input: RoomInput
): Promise<Room> {
  return api.request<Room>(`${customerPath(customerTenantId)}/rooms`, {
    method: 'POST',
    body: input,
  });
}

/** `PATCH /rooms/{id}` (Rooms › Modify): name, site, country, groups. */
export function modifyRoom(
  api: ApiClient,
  customerTenantId: string,
  roomId: string,
  changes: Partial<Omit<RoomInput, 'ringId'>>
): Promise<Room> {
  return api.request<Room>(roomPath(customerTenantId, roomId), { method: 'PATCH', body: changes });
}

/** `POST /rooms/{id}/unenroll` (Rooms › Unenroll). */
export function unenrollRoom(
  api: ApiClient,
  customerTenantId: string,
  roomId: string
): Promise<Room> {
  return api.request<Room>(`${roomPath(customerTenantId, roomId)}/unenroll`, { method: 'POST' });
}

/** `POST /rooms/{id}/enrollment-key/reset` (Rooms › Reset key). */
export function resetEnrollmentKey(
  api: ApiClient,
  customerTenantId: string,
  roomId: string
): Promise<EnrollmentKeyInfo> {
  return api.request<EnrollmentKeyInfo>(
    `${roomPath(customerTenantId, roomId)}/enrollment-key/reset`,
    {
      method: 'POST',
    }
  );
}

/** `GET /rooms/{id}/enrollment-key` (Rooms › Download key): fetched with the token, as a file. */
export function downloadEnrollmentKey(
  api: ApiClient,
  customerTenantId: string,
  roomId: string
): Promise<Download> {
  return api.download(`${roomPath(customerTenantId, roomId)}/enrollment-key`);
}
