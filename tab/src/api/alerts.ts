/**
 * Incident alerts in Teams: the caller's own preference (`/api/me/alerts`) and the channels and
 * group chats of their organisation subscribed to customers' alerts (`/api/alert-subscriptions`).
 */
import { apiPath, type ApiClient } from './client.ts';
import type { AlertMode } from '../../../bot/src/core/alerts/alerts.model.ts';
import type { AlertPreference, AlertSubscription } from '../../../bot/src/http/contracts/alerts.ts';

export { ALERT_MODES, type AlertMode } from '../../../bot/src/core/alerts/alerts.model.ts';
export type { AlertPreference, AlertSubscription } from '../../../bot/src/http/contracts/alerts.ts';

export function getAlertPreference(api: ApiClient, signal?: AbortSignal): Promise<AlertPreference> {
  return api.request<AlertPreference>('/api/me/alerts', { signal });
}

export function setAlertPreference(api: ApiClient, mode: AlertMode): Promise<AlertPreference> {
  return api.request<AlertPreference>('/api/me/alerts', { method: 'PUT', body: { mode } });
}

export function listAlertSubscriptions(
  api: ApiClient,
  signal?: AbortSignal
): Promise<{ items: AlertSubscription[] }> {
  return api.request<{ items: AlertSubscription[] }>('/api/alert-subscriptions', { signal });
}

export { SUBSCRIPTION_SEVERITIES } from '../../../bot/src/core/alerts/alerts.model.ts';

export function setSubscriptionSeverity(
  api: ApiClient,
  id: string,
  minSeverity: AlertSubscription['minSeverity']
): Promise<AlertSubscription> {
  return api.request<AlertSubscription>(apiPath`/api/alert-subscriptions/${id}`, {
    method: 'PUT',
    body: { minSeverity },
  });
}

export function endAlertSubscription(api: ApiClient, id: string): Promise<void> {
  return api.request<void>(apiPath`/api/alert-subscriptions/${id}`, {
    method: 'DELETE',
  });
}
