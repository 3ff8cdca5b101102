/** What the pages showing rooms share: the health badge colours, the names of room groups, the rings. */
import type { BadgeProps } from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import type { CustomerOption } from '../api/customers.ts';
import { listRoomGroupRefs, type RoomHealth } from '../api/rooms.ts';
import { listRings, type UpdateRing } from '../api/resources.ts';
import { holds } from '../access.ts';
import { useLoad } from '../components/useLoad.ts';

export const HEALTH_COLOR: Record<RoomHealth, BadgeProps['color']> = {
  Healthy: 'success',
  Warning: 'warning',
  Important: 'danger',
  Offline: 'informative',
};

/** Room groups are named only with Group management › View. Group id → name; empty while loading, without the permission, or when the list failed. */
export function useRoomGroupNames(api: ApiClient, customer: CustomerOption): Map<string, string> {
  const mayView = holds(customer, 'roomGroups.view');
  const groups = useLoad(['roomGroupRefs', customer.tenantId, mayView], async (signal) =>
    mayView ? await listRoomGroupRefs(api, customer.tenantId, signal) : null
  );
  const list = groups.state.kind === 'ready' ? (groups.state.data ?? []) : [];
  return new Map(list.map((g) => [g.id, g.displayName]));
}

/** Where a room can be placed: its customer's room groups (id → name) and update rings. */
export interface RoomChoices {
  groupNames: Map<string, string>;
  /** Empty without Update ring management › View, or while loading. */
  rings: UpdateRing[];
}

export function useRoomChoices(api: ApiClient, customer: CustomerOption): RoomChoices {
  const groupNames = useRoomGroupNames(api, customer);
  const mayViewRings = holds(customer, 'updateRings.view');
  const rings = useLoad(['rings', customer.tenantId, mayViewRings], async (signal) =>
    mayViewRings ? await listRings(api, customer.tenantId, signal) : []
  );
  return { groupNames, rings: rings.state.kind === 'ready' ? rings.state.data : [] };
}
