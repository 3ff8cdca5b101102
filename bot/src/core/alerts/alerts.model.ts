/**
 * Incident alerts in Teams (PRODUCT.md §4 flow 14): each user's preference (on for every
 * severity, Important only — the default —, or off) and the team channels and group chats
 * subscribed to a customer's alerts. Pure: no I/O.
 */
import type { Severity } from '../tickets/ticket.model.ts';

/** `all`: every severity (`alerts on`); `important`: Important only; `off`: none. */
export const ALERT_MODES = ['all', 'important', 'off'] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

/** Someone who never chose gets alerts for Important tickets. */
export const DEFAULT_ALERT_MODE: AlertMode = 'important';

export function wantsAlert(mode: AlertMode, severity: Severity): boolean {
  if (mode === 'off') return false;
  return mode === 'all' || severity === 'Important';
}

export interface AlertPreference {
  tenantId: string;
  userId: string;
  mode: AlertMode;
  updatedAt: Date;
}

export type SubscribedConversationKind = 'channel' | 'groupChat';

/**
 * The least severe incident a subscribed conversation is alerted about: `Important` (the default,
 * like a person's) or `Warning` (every incident).
 */
export const SUBSCRIPTION_SEVERITIES = ['Important', 'Warning'] as const;
export type SubscriptionSeverity = (typeof SUBSCRIPTION_SEVERITIES)[number];
export const DEFAULT_SUBSCRIPTION_SEVERITY: SubscriptionSeverity = 'Important';

/** Subscriptions saved before minimum severities existed count as the default. */
export const minSeverityOf = (s: Pick<AlertSubscription, 'minSeverity'>): SubscriptionSeverity =>
  s.minSeverity ?? DEFAULT_SUBSCRIPTION_SEVERITY;

export const subscriptionWants = (
  s: Pick<AlertSubscription, 'minSeverity'>,
  severity: Severity
): boolean => minSeverityOf(s) === 'Warning' || severity === 'Important';

/**
 * A channel or group chat that receives one customer's incident alerts. It belongs to the
 * conversation's tenant (`tenantId`); `subscribedBy` held Ticket management › View for the
 * customer, and every alert is checked against that person's rights when it is sent, so the
 * channel never sees a ticket its subscriber may not.
 */
export interface AlertSubscription {
  id: string;
  tenantId: string;
  conversationRefId: string;
  conversationKind: SubscribedConversationKind;
  conversationName: string | null;
  customerTenantId: string;
  subscribedBy: { id: string; tenantId: string; name: string };
  createdAt: Date;
  /** Absent on subscriptions older than the setting: `DEFAULT_SUBSCRIPTION_SEVERITY`. */
  minSeverity?: SubscriptionSeverity;
}

export const subscriptionId = (conversationRefId: string, customerTenantId: string) =>
  `${conversationRefId}|${customerTenantId}`;
