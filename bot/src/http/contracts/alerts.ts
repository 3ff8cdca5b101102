/**
 * Incident alerts in Teams over HTTP: the caller's own preference and the conversations subscribed
 * to customers' alerts. The tab imports the types type-only.
 */
import { z } from 'zod';
import {
  ALERT_MODES,
  SUBSCRIPTION_SEVERITIES,
  minSeverityOf,
} from '../../core/alerts/alerts.model.ts';
import type { listAlertSubscriptions } from '../../core/alerts/alerts.use-cases.ts';
import { isoDate, itemsOf } from './common.ts';

export const alertPreference = z
  .object({
    mode: z.enum(ALERT_MODES).meta({
      description:
        'all: every severity ("alerts on"); important: Important incidents only (the default); off: none.',
    }),
    chosen: z
      .boolean()
      .meta({ description: 'False while the caller never chose (the default applies).' }),
  })
  .meta({ id: 'AlertPreference' });

export const alertPreferenceBody = z.strictObject({ mode: z.enum(ALERT_MODES) });

export const alertSubscription = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    customerName: z.string(),
    conversationKind: z.enum(['channel', 'groupChat']),
    conversationName: z.string().nullable(),
    subscribedBy: z.object({ id: z.string(), tenantId: z.string(), name: z.string() }),
    createdAt: isoDate,
    minSeverity: z.enum(SUBSCRIPTION_SEVERITIES).meta({
      description:
        'The least severe incident the conversation is alerted about: Important (the default) or Warning (every incident).',
    }),
  })
  .meta({ id: 'AlertSubscription' });

export const alertSubscriptionBody = z.strictObject({
  minSeverity: z.enum(SUBSCRIPTION_SEVERITIES),
});

export const alertSubscriptionList = itemsOf(alertSubscription);
export const alertSubscriptionParams = z.strictObject({
  subscriptionId: z.string().min(3).max(400),
});

export type AlertPreference = z.infer<typeof alertPreference>;
export type AlertSubscription = z.infer<typeof alertSubscription>;

type SubscriptionView = Awaited<ReturnType<typeof listAlertSubscriptions>>[number];

export const toAlertSubscription = (s: SubscriptionView): AlertSubscription => ({
  id: s.id,
  customerTenantId: s.customerTenantId,
  customerName: s.customerName,
  conversationKind: s.conversationKind,
  conversationName: s.conversationName,
  subscribedBy: s.subscribedBy,
  createdAt: s.createdAt.toISOString(),
  minSeverity: minSeverityOf(s),
});
