/**
 * Incident alerts in Teams, as the tab manages them: the caller's own alert preference, and the
 * team channels and group chats of the caller's organisation subscribed to the alerts of the
 * customers whose tickets the caller may see (subscribing happens in the channel, with the bot).
 */
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import {
  alertPreference,
  alertPreferenceBody,
  alertSubscriptionList,
  alertSubscription,
  alertSubscriptionBody,
  alertSubscriptionParams,
  toAlertSubscription,
} from '../contracts/alerts.ts';
import {
  getAlertMode,
  listAlertSubscriptions,
  setAlertMode,
  setSubscriptionSeverity,
  unsubscribe,
} from '../../core/alerts/alerts.use-cases.ts';

export function registerAlertRoutes(api: Api, services: AppServices): void {
  const tag = 'Alerts';
  api.route({
    method: 'get',
    path: '/api/me/alerts',
    tag,
    summary: "The caller's incident alert preference in Teams",
    response: alertPreference,
    handler: async ({ caller }) => getAlertMode(caller, services.alerts),
  });

  api.route({
    method: 'put',
    path: '/api/me/alerts',
    tag,
    summary: "Set the caller's incident alert preference (like `alerts on|important|off` in chat)",
    body: alertPreferenceBody,
    response: alertPreference,
    handler: async ({ caller, body }) => ({
      mode: await setAlertMode(caller, body.mode, services.alerts),
      chosen: true,
    }),
  });

  api.route({
    method: 'get',
    path: '/api/alert-subscriptions',
    tag,
    summary:
      "Channels and group chats of the caller's organisation receiving the incident alerts of customers whose tickets the caller may see",
    response: alertSubscriptionList,
    handler: async ({ caller }) => ({
      items: (await listAlertSubscriptions(caller, services.alerts)).map(toAlertSubscription),
    }),
  });

  api.route({
    method: 'put',
    path: '/api/alert-subscriptions/{subscriptionId}',
    tag,
    summary:
      'Set the least severe incident a conversation is alerted about (like `subscribe important|warning` in the channel)',
    params: alertSubscriptionParams,
    body: alertSubscriptionBody,
    response: alertSubscription,
    handler: async ({ caller, params, body }) => {
      const changed = await setSubscriptionSeverity(
        caller,
        params.subscriptionId,
        body.minSeverity,
        services.alerts
      );
      const names = await services.alerts.tenants.names([changed.customerTenantId]);
      return toAlertSubscription({
        ...changed,
        customerName: names.get(changed.customerTenantId) ?? changed.customerTenantId,
      });
    },
  });

  api.route({
    method: 'delete',
    path: '/api/alert-subscriptions/{subscriptionId}',
    tag,
    summary: "End a conversation's subscription (Ticket management › View for its customer)",
    params: alertSubscriptionParams,
    handler: async ({ caller, params }) => {
      await unsubscribe(caller, params.subscriptionId, services.alerts);
    },
  });
}
