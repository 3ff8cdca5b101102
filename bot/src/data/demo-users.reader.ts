/**
 * Local mode only: the demo users the dev sign-in page offers, read from the store's directory.
 * Cross-tenant on purpose (it is the local demo-user picker); the dev issuer's routes, the only
 * caller, are never registered in production.
 */
import type { Store } from '../store/types.ts';
import { Collections, type DirectoryUserDoc, type TenantDoc } from './collections.ts';

export interface DemoUser {
  tenantId: string;
  tenantName: string;
  userId: string;
  displayName: string;
  userPrincipalName: string;
  description: string;
}

export class StoreDemoUsers {
  constructor(private readonly store: Store) {}

  /** Every user of every tenant, tenants by name, users by name within their tenant. */
  async list(): Promise<DemoUser[]> {
    const [allTenants, allUsers] = await Promise.all([
      this.store
        .collection<TenantDoc>(Collections.tenants)
        .find({}, { sort: { displayName: 1 } })
        .toArray(),
      this.store
        .collection<DirectoryUserDoc>(Collections.users)
        .find({}, { sort: { displayName: 1 } })
        .toArray(),
    ]);
    const names = new Map(allTenants.map((t) => [t._id, t.displayName]));
    const order = new Map(allTenants.map((t, i) => [t._id, i]));
    return allUsers
      .sort((a, b) => (order.get(a.tenantId) ?? 0) - (order.get(b.tenantId) ?? 0))
      .map((u) => ({
        tenantId: u.tenantId,
        tenantName: names.get(u.tenantId) ?? u.tenantId,
        userId: u._id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        description: u.description ?? (u.isGlobalAdmin ? 'Global admin' : 'User'),
      }));
  }

  /** One user, with what a token for them carries. */
  async get(
    tenantId: string,
    userId: string
  ): Promise<Pick<DirectoryUserDoc, 'displayName' | 'userPrincipalName' | 'isGlobalAdmin'> | null> {
    return this.store
      .collection<DirectoryUserDoc>(Collections.users)
      .findOne({ tenantId, _id: userId });
  }
}
