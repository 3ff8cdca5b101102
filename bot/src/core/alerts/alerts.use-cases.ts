/**
 * Alert preferences and channel subscriptions (PRODUCT.md §4 flow 14), for the bot's commands and
 * the tab alike, and the one question the alert fan-out asks: may this person see this ticket
 * now? Every answer comes from the authorization engine (`decide`), at the moment it is asked.
 */
import type { Caller } from '../identity/caller.ts';
import type { Principal } from '../principal.ts';
import { audited, subjectOf } from '../audit/audited.ts';
import { changeInCustomer } from '../authz/customer-access.ts';
import { customersWith, decide, grantsFromIdentity, type Grants } from '../authz/engine.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Ticket } from '../tickets/ticket.model.ts';
import {
  DEFAULT_ALERT_MODE,
  DEFAULT_SUBSCRIPTION_SEVERITY,
  minSeverityOf,
  subscriptionId,
  type SubscriptionSeverity,
  type AlertMode,
  type AlertSubscription,
  type SubscribedConversationKind,
} from './alerts.model.ts';
import type { AlertsDeps } from './alerts.ports.ts';

export const AlertErrors = {
  SUBSCRIPTION_NOT_FOUND: 'ALERTS.SUBSCRIPTION_NOT_FOUND',
  NOT_A_SHARED_CONVERSATION: 'ALERTS.NOT_A_SHARED_CONVERSATION',
} as const;

export async function getAlertMode(
  caller: Caller,
  deps: AlertsDeps
): Promise<{ mode: AlertMode; chosen: boolean }> {
  const p = await deps.preferences.get(caller.tenantId, caller.userId);
  return { mode: p?.mode ?? DEFAULT_ALERT_MODE, chosen: p !== null };
}

/** The caller's own preference (nobody sets another person's). Audited in their own log. */
export async function setAlertMode(
  caller: Caller,
  mode: AlertMode,
  deps: AlertsDeps
): Promise<AlertMode> {
  await audited(
    deps.audit,
    caller,
    {
      category: 'User',
      objectType: 'AlertPreference',
      objectId: caller.userId,
      operation: 'Update',
      detail: `alerts ${mode}`,
    },
    () =>
      deps.preferences.set({
        tenantId: caller.tenantId,
        userId: caller.userId,
        mode,
        updatedAt: deps.now(),
      })
  );
  return mode;
}

export interface AlertCustomer {
  customerTenantId: string;
  name: string;
}

/** Customers whose alerts the caller may subscribe a conversation to (Ticket management › View). */
export async function subscribableCustomers(
  caller: Caller,
  deps: AlertsDeps
): Promise<AlertCustomer[]> {
  const grants = await deps.allGrants(caller);
  const ids = customersWith(grants, 'tickets.view');
  const names = await deps.tenants.names(ids);
  return ids.map((id) => ({ customerTenantId: id, name: names.get(id) ?? id }));
}

/** A team channel or group chat, as the bot saw it in a validated activity of the caller. */
export interface SharedConversation {
  refId: string;
  /** The conversation's tenant (must be the caller's). */
  tenantId: string;
  kind: SubscribedConversationKind | 'personal';
  name: string | null;
}

/**
 * The engine's organisation right over a conversation's subscriptions: held by the users of the
 * conversation's own tenant (from the identity alone).
 */
const mayManage = (caller: Caller, conversation: SharedConversation) =>
  decide(grantsFromIdentity(caller), 'organisation.conversations.subscribe', {
    customerTenantId: conversation.tenantId,
  }).allowed;

function requireShared(
  caller: Caller,
  conversation: SharedConversation
): SubscribedConversationKind {
  if (conversation.kind === 'personal') {
    throw forbidden(
      'Subscribe a team channel or a group chat; in personal chat, use "alerts".',
      AlertErrors.NOT_A_SHARED_CONVERSATION
    );
  }
  if (!mayManage(caller, conversation)) throw forbidden();
  return conversation.kind;
}

const subscriptionSubject = subjectOf('Ticket', 'AlertSubscription');

const mayView = (grants: Grants, customerTenantId: string) =>
  customersWith(grants, 'tickets.view').includes(customerTenantId);

/** What `subscribe` did: a new subscription, a changed minimum severity, or nothing. */
export type SubscribeOutcome = 'subscribed' | 'updated' | 'unchanged';

/**
 * Subscribes the conversation to one customer's alerts from `minSeverity` up (default Important):
 * the caller must hold Ticket management › View there. Subscribing again with another severity
 * changes it. Audited in the caller's log and the customer's.
 */
export async function subscribeConversation(
  caller: Caller,
  conversation: SharedConversation,
  customerTenantId: string,
  deps: AlertsDeps,
  minSeverity: SubscriptionSeverity = DEFAULT_SUBSCRIPTION_SEVERITY
): Promise<SubscribeOutcome> {
  const id = subscriptionId(conversation.refId, customerTenantId);
  const existing = mayManage(caller, conversation)
    ? (await deps.subscriptions.forConversation(caller.tenantId, conversation.refId)).find(
        (s) => s.id === id
      )
    : undefined;
  const subject = {
    ...subscriptionSubject(id, existing ? 'Update' : 'Create'),
    detail: `minimum severity ${minSeverity}`,
  };
  return changeInCustomer(deps, caller, customerTenantId, subject, async ({ grants }) => {
    const kind = requireShared(caller, conversation);
    if (!mayView(grants, customerTenantId)) throw forbidden();
    if (existing) {
      if (minSeverityOf(existing) === minSeverity) return 'unchanged';
      await deps.subscriptions.setMinSeverity(caller.tenantId, id, minSeverity);
      return 'updated';
    }
    const subscription: AlertSubscription = {
      id,
      tenantId: caller.tenantId,
      conversationRefId: conversation.refId,
      conversationKind: kind,
      conversationName: conversation.name,
      customerTenantId,
      subscribedBy: {
        id: caller.userId,
        tenantId: caller.tenantId,
        name: caller.principal.name ?? caller.userId,
      },
      createdAt: deps.now(),
      minSeverity,
    };
    return (await deps.subscriptions.add(subscription)) ? 'subscribed' : 'unchanged';
  });
}

/**
 * Changes one subscription of the caller's organisation, audited in both logs: the caller must
 * hold Ticket management › View for its customer; a missing one is SUBSCRIPTION_NOT_FOUND.
 */
function changeSubscription(
  caller: Caller,
  id: string,
  deps: AlertsDeps,
  operation: 'Update' | 'Delete',
  detail: string | undefined,
  change: () => Promise<AlertSubscription | null>
): Promise<AlertSubscription> {
  const customerTenantId = id.split('|')[1] ?? '';
  const subject = { ...subscriptionSubject(id, operation), ...(detail ? { detail } : {}) };
  return changeInCustomer(deps, caller, customerTenantId, subject, async ({ grants }) => {
    if (!mayView(grants, customerTenantId)) throw forbidden();
    const changed = await change();
    if (!changed) throw notFound(AlertErrors.SUBSCRIPTION_NOT_FOUND, 'No such alert subscription.');
    return changed;
  });
}

/** Changes the minimum severity of a subscription of the caller's organisation (the tab). */
export function setSubscriptionSeverity(
  caller: Caller,
  id: string,
  minSeverity: SubscriptionSeverity,
  deps: AlertsDeps
): Promise<AlertSubscription> {
  return changeSubscription(caller, id, deps, 'Update', `minimum severity ${minSeverity}`, () =>
    deps.subscriptions.setMinSeverity(caller.tenantId, id, minSeverity)
  );
}

/** Ends a subscription of the caller's organisation. */
export function unsubscribe(
  caller: Caller,
  id: string,
  deps: AlertsDeps
): Promise<AlertSubscription> {
  return changeSubscription(caller, id, deps, 'Delete', undefined, () =>
    deps.subscriptions.remove(caller.tenantId, id)
  );
}

/** A conversation's subscriptions (only the caller's own organisation's conversations). */
export async function conversationSubscriptions(
  caller: Caller,
  conversation: SharedConversation,
  deps: AlertsDeps
): Promise<AlertSubscription[]> {
  requireShared(caller, conversation);
  return deps.subscriptions.forConversation(caller.tenantId, conversation.refId);
}

/**
 * The tab's list: subscriptions of the caller's organisation's conversations to the customers
 * whose tickets the caller may see.
 */
export async function listAlertSubscriptions(
  caller: Caller,
  deps: AlertsDeps
): Promise<(AlertSubscription & { customerName: string })[]> {
  const customers = await subscribableCustomers(caller, deps);
  if (customers.length === 0) return [];
  const names = new Map(customers.map((c) => [c.customerTenantId, c.name]));
  const subs = await deps.subscriptions.ofTenant(caller.tenantId, [...names.keys()]);
  return subs.map((s) => ({
    ...s,
    customerName: names.get(s.customerTenantId) ?? s.customerTenantId,
  }));
}

/** Whether `principal` may see `ticket` now (Ticket management › View on its room). */
export async function ticketVisibleTo(
  principal: Principal,
  ticket: Ticket,
  deps: AlertsDeps
): Promise<boolean> {
  const caller = await deps.callerFor(principal);
  const grants = await deps.grantsFor(caller, { customerTenantId: ticket.tenantId });
  return decide(grants, 'tickets.view', {
    customerTenantId: ticket.tenantId,
    room: { id: ticket.roomId, groupIds: ticket.roomGroupIds },
  }).allowed;
}
