/** Ports of the alerts feature; adapters live in bot/src/data/alerts.repositories.ts. */
import type { AuditLog } from '../audit/audit.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { Grants } from '../authz/engine.ts';
import type { Caller } from '../identity/caller.ts';
import type { Principal } from '../principal.ts';
import type { TenantNames } from '../tickets/tickets.ports.ts';
import type {
  AlertMode,
  AlertPreference,
  AlertSubscription,
  SubscriptionSeverity,
} from './alerts.model.ts';
import type { NotifyingAssignment } from './alerts.audience.ts';

export interface AlertPreferenceRepository {
  get(tenantId: string, userId: string): Promise<AlertPreference | null>;
  /** The chosen modes of some users of one tenant (users who never chose are left out). */
  modes(tenantId: string, userIds: readonly string[]): Promise<Map<string, AlertMode>>;
  set(preference: AlertPreference): Promise<void>;
}

export interface AlertSubscriptionRepository {
  /** False when the conversation was already subscribed to that customer. */
  add(subscription: AlertSubscription): Promise<boolean>;
  remove(tenantId: string, id: string): Promise<AlertSubscription | null>;
  /** Changes a subscription's minimum severity; null when there is no such subscription. */
  setMinSeverity(
    tenantId: string,
    id: string,
    minSeverity: SubscriptionSeverity
  ): Promise<AlertSubscription | null>;
  forConversation(tenantId: string, conversationRefId: string): Promise<AlertSubscription[]>;
  /** Subscriptions to `customerTenantId` held by conversations of the given tenants. */
  forCustomer(tenantIds: readonly string[], customerTenantId: string): Promise<AlertSubscription[]>;
  /** Subscriptions of one tenant's conversations to any of the given customers. */
  ofTenant(tenantId: string, customerTenantIds: readonly string[]): Promise<AlertSubscription[]>;
}

/** The customer's assignments whose notify flag is on (both sides), with their roles' permissions. */
export interface NotifyingAssignmentSource {
  forCustomer(customerTenantId: string): Promise<NotifyingAssignment[]>;
}

export interface AlertsDeps {
  preferences: AlertPreferenceRepository;
  subscriptions: AlertSubscriptionRepository;
  audit: AuditLog;
  grantsFor: GrantsLoader;
  allGrants(caller: Caller): Promise<Grants>;
  tenants: TenantNames;
  /** The Caller of a validated principal (to check a recipient's rights at send time). */
  callerFor(principal: Principal): Promise<Caller>;
  /** `callerFor` for many users of one tenant at once (an alert's audience), same answers. */
  callersOf(tenantId: string, userIds: readonly string[]): Promise<Caller[]>;
  /** `grantsFor(caller, { customerTenantId })` for many callers at once, same answers. */
  grantsOfMany(callers: readonly Caller[], customerTenantId: string): Promise<Grants[]>;
  notifying: NotifyingAssignmentSource;
  now(): Date;
}
