/** What the pages showing rooms share: the health badge colours, the names of room groups. */
import type { BadgeProps } from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import type { CustomerOption } from '../api/customers.ts';
import { listRoomGroupRefs, type RoomHealth } from '../api/rooms.ts';
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
