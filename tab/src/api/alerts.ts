/**
 * Incident alerts in Teams: the caller's own preference (`/api/me/alerts`) and the channels and
 * group chats of their organisation subscribed to customers' alerts (`/api/alert-subscriptions`).
 */
import type { ApiClient } from './client.ts';

export const ALERT_MODES = ['all', 'important', 'off'] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

export interface AlertPreference {
  mode: AlertMode;
  /** False while the caller never chose (the default applies). */
  chosen: boolean;
}

export interface AlertSubscription {
  id: string;
  customerTenantId: string;
  customerName: string;
  conversationKind: 'channel' | 'groupChat';
  conversationName: string | null;
  subscribedBy: { id: string; tenantId: string; name: string };
  createdAt: string;
}

export function getAlertPreference(api: ApiClient, signal?: AbortSignal): Promise<AlertPreference> {
  return api.request<AlertPreference>('/api/me/alerts', { signal });
}

export function setAlertPreference(api: ApiClient, mode: AlertMode): Promise<AlertPreference> {
  return api.request<AlertPreference>('/api/me/alerts', { method: 'PUT', body: { mode } });
}

export function listAlertSubscriptions(api: ApiClient, signal?: AbortSignal): Promise<{ items: AlertSubscription[] }> {
  return api.request<{ items: AlertSubscription[] }>('/api/alert-subscriptions', { signal });
}

export function endAlertSubscription(api: ApiClient, id: string): Promise<void> {
  return api.request<void>(`/api/alert-subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
