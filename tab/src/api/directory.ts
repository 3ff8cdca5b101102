/**
 * Directory search and the Teams Rooms Pro Manager role (foundation routes). Members are always
 * chosen from the caller's own tenant: the service never searches another tenant's directory.
 */
import { apiPath, withQuery, type ApiClient } from './client.ts';
import type { DirectoryObject, Member, MemberRef } from '../../../bot/src/http/contracts/common.ts';

export type { DirectoryObject, Member, MemberRef } from '../../../bot/src/http/contracts/common.ts';
/** A user or a security group. */
export type MemberKind = Member['type'];

/** `GET /api/directory/search`: users and groups of the caller's tenant matching `q`. */
export async function searchDirectory(
  api: ApiClient,
  q: string,
  options: { kind?: MemberKind | 'all'; limit?: number; signal?: AbortSignal } = {}
): Promise<DirectoryObject[]> {
  const path = withQuery('/api/directory/search', {
    q,
    kind: options.kind ?? 'all',
    limit: options.limit ?? 20,
  });
  const page = await api.request<{ items: DirectoryObject[] }>(path, { signal: options.signal });
  return page.items;
}

/** `GET /api/rooms-pro-managers`. */
export async function listRoomsProManagers(api: ApiClient, signal?: AbortSignal) {
  return (await api.request<{ items: Member[] }>('/api/rooms-pro-managers', { signal })).items;
}

/** `POST /api/rooms-pro-managers` (Global admin only). */
export function addRoomsProManager(api: ApiClient, member: MemberRef): Promise<Member> {
  return api.request<Member>('/api/rooms-pro-managers', { method: 'POST', body: { member } });
}

/** `DELETE /api/rooms-pro-managers/{memberId}` (Global admin only). */
export function removeRoomsProManager(api: ApiClient, memberId: string): Promise<void> {
  return api.request<void>(apiPath`/api/rooms-pro-managers/${memberId}`, {
    method: 'DELETE',
  });
}
