/**
 * Store adapters of the alerts feature: each user's alert preference and the conversations
 * subscribed to a customer's alerts. Both belong to the tenant of the person or conversation
 * (`tenantId`), never to the customer whose alerts they concern.
 */
import type { DocCollection, Store, BaseDoc } from '../store/types.ts';
import type {
  AlertMode,
  AlertPreference,
  AlertSubscription,
  SubscriptionSeverity,
} from '../core/alerts/alerts.model.ts';
import type {
  AlertPreferenceRepository,
  AlertSubscriptionRepository,
  NotifyingAssignmentSource,
} from '../core/alerts/alerts.ports.ts';
import { declareCollections } from './index-plan.ts';
import { updatedOne } from './updated-one.ts';
import type { NotifyingAssignment } from '../core/alerts/alerts.audience.ts';
import { builtInRole } from '../core/authz/permissions.ts';
import type { StoreAssignmentRepository } from './assignments.repository.ts';
import type { StoreRoleRepository } from './roles.repository.ts';

/** `_id` = `<tenantId>:<userId>`. */
export interface AlertPreferenceDoc extends BaseDoc {
  userId: string;
  mode: AlertMode;
  updatedAt: Date;
}

export interface AlertSubscriptionDoc extends BaseDoc, Omit<AlertSubscription, 'id' | 'tenantId'> {}

export const { names: AlertCollections, indexes: alertIndexes } = declareCollections({
  preferences: { name: 'alertPreferences', indexes: [{ keys: { tenantId: 1, userId: 1 } }] },
  subscriptions: {
    name: 'alertSubscriptions',
    indexes: [
      { keys: { tenantId: 1, customerTenantId: 1 } },
      { keys: { tenantId: 1, conversationRefId: 1 } },
    ],
  },
});

export class StoreAlertPreferences implements AlertPreferenceRepository {
  private readonly coll: DocCollection<AlertPreferenceDoc>;
  constructor(store: Store) {
    this.coll = store.collection<AlertPreferenceDoc>(AlertCollections.preferences);
  }

  async get(tenantId: string, userId: string): Promise<AlertPreference | null> {
    const d = await this.coll.findOne({ _id: `${tenantId}:${userId}`, tenantId });
    return d && { tenantId: d.tenantId, userId: d.userId, mode: d.mode, updatedAt: d.updatedAt };
  }

  async modes(tenantId: string, userIds: readonly string[]): Promise<Map<string, AlertMode>> {
    if (userIds.length === 0) return new Map();
    const docs = await this.coll.find({ tenantId, userId: { $in: [...userIds] } }).toArray();
    return new Map(docs.map((d) => [d.userId, d.mode]));
  }

  async set(p: AlertPreference): Promise<void> {
    await this.coll.updateOne(
      { _id: `${p.tenantId}:${p.userId}`, tenantId: p.tenantId },
      { $set: { userId: p.userId, mode: p.mode, updatedAt: p.updatedAt } },
      { upsert: true }
    );
  }
}

const toSubscription = ({ _id, ...rest }: AlertSubscriptionDoc): AlertSubscription => ({
  id: _id,
  ...rest,
});

export class StoreAlertSubscriptions implements AlertSubscriptionRepository {
  private readonly coll: DocCollection<AlertSubscriptionDoc>;
  constructor(store: Store) {
    this.coll = store.collection<AlertSubscriptionDoc>(AlertCollections.subscriptions);
  }

  async add({ id, ...rest }: AlertSubscription): Promise<boolean> {
    const r = await this.coll.updateOne(
      { _id: id, tenantId: rest.tenantId },
      { $setOnInsert: { _id: id, ...rest } },
      { upsert: true }
    );
    return r.upsertedCount === 1;
  }

  async remove(tenantId: string, id: string): Promise<AlertSubscription | null> {
    const d = await this.coll.findOneAndDelete({ _id: id, tenantId });
    return d && toSubscription(d);
  }

  async setMinSeverity(
    tenantId: string,
    id: string,
    minSeverity: SubscriptionSeverity
  ): Promise<AlertSubscription | null> {
    return updatedOne(this.coll, { _id: id, tenantId }, { $set: { minSeverity } }, toSubscription);
  }

  async forConversation(tenantId: string, conversationRefId: string): Promise<AlertSubscription[]> {
    return (await this.coll.find({ tenantId, conversationRefId }).toArray()).map(toSubscription);
  }

  async forCustomer(
    tenantIds: readonly string[],
    customerTenantId: string
  ): Promise<AlertSubscription[]> {
    if (tenantIds.length === 0) return [];
    const docs = await this.coll
      .find({ tenantId: { $in: [...tenantIds] }, customerTenantId })
      .toArray();
    return docs.map(toSubscription);
  }

  async ofTenant(
    tenantId: string,
    customerTenantIds: readonly string[]
  ): Promise<AlertSubscription[]> {
    const docs = await this.coll
      .find(
        { tenantId, customerTenantId: { $in: [...customerTenantIds] } },
        { sort: { createdAt: 1 } }
      )
      .toArray();
    return docs.map(toSubscription);
  }
}

/** A customer's assignments with notify on, with their roles' permissions (two indexed reads). */
export class StoreNotifyingAssignments implements NotifyingAssignmentSource {
  constructor(
    private readonly assignments: StoreAssignmentRepository,
    private readonly roles: StoreRoleRepository
  ) {}

  async forCustomer(customerTenantId: string): Promise<NotifyingAssignment[]> {
    const found = await this.assignments.grantInputsNotifying(customerTenantId);
    const custom = [...new Set(found.map((a) => a.roleId))].filter((id) => !builtInRole(id));
    const roles = await this.roles.grantInputs([customerTenantId], custom);
    const permissions = new Map(roles.map((r) => [r.id, r.permissions]));
    return found.map((a) => ({
      membersTenantId: a.partnerTenantId ?? customerTenantId,
      members: a.members,
      scope: a.scope,
      permissions: builtInRole(a.roleId)?.permissions ?? permissions.get(a.roleId) ?? [],
    }));
  }
}
