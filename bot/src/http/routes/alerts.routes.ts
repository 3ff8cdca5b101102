/**
 * Incident alerts in Teams, as the tab manages them: the caller's own alert preference, and the
 * team channels and group chats of the caller's organisation subscribed to the alerts of the
 * customers whose tickets the caller may see (subscribing happens in the channel, with the bot).
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import { ALERT_MODES } from '../../core/alerts/alerts.model.ts';
import {
  getAlertMode,
  listAlertSubscriptions,
  setAlertMode,
  unsubscribe,
} from '../../core/alerts/alerts.use-cases.ts';

const preference = z
  .object({
    mode: z.enum(ALERT_MODES).meta({
      description: 'all: every severity ("alerts on"); important: Important incidents only (the default); off: none.',
    }),
    chosen: z.boolean().meta({ description: 'False while the caller never chose (the default applies).' }),
  })
  .meta({ id: 'AlertPreference' });

const subscription = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    customerName: z.string(),
    conversationKind: z.enum(['channel', 'groupChat']),
    conversationName: z.string().nullable(),
    subscribedBy: z.object({ id: z.string(), tenantId: z.string(), name: z.string() }),
    createdAt: z.string().meta({ description: 'UTC time, ISO 8601' }),
  })
  .meta({ id: 'AlertSubscription' });

export function registerAlertRoutes(api: Api, services: AppServices): void {
  const tag = 'Alerts';
  api.route({
    method: 'get',
    path: '/api/me/alerts',
    tag,
    summary: "The caller's incident alert preference in Teams",
    response: preference,
    handler: async ({ caller }) => getAlertMode(caller, services.alerts),
  });

  api.route({
    method: 'put',
    path: '/api/me/alerts',
    tag,
    summary: "Set the caller's incident alert preference (like `alerts on|important|off` in chat)",
    body: z.strictObject({ mode: z.enum(ALERT_MODES) }),
    response: preference,
    handler: async ({ caller, body }) => ({ mode: await setAlertMode(caller, body.mode, services.alerts), chosen: true }),
  });

  api.route({
    method: 'get',
    path: '/api/alert-subscriptions',
    tag,
    summary:
      "Channels and group chats of the caller's organisation receiving the incident alerts of customers whose tickets the caller may see",
    response: z.object({ items: z.array(subscription) }),
    handler: async ({ caller }) => ({
      items: (await listAlertSubscriptions(caller, services.alerts)).map((s) => ({
        id: s.id,
        customerTenantId: s.customerTenantId,
        customerName: s.customerName,
        conversationKind: s.conversationKind,
        conversationName: s.conversationName,
        subscribedBy: s.subscribedBy,
        createdAt: s.createdAt.toISOString(),
      })),
    }),
  });

  api.route({
    method: 'delete',
    path: '/api/alert-subscriptions/{subscriptionId}',
    tag,
    summary: "End a conversation's subscription (Ticket management › View for its customer)",
    params: z.strictObject({ subscriptionId: z.string().min(3).max(400) }),
    handler: async ({ caller, params }) => {
      await unsubscribe(caller, params.subscriptionId, services.alerts);
    },
  });
}
