/**
 * The Customer dropdown (PRODUCT.md §4.7): every tenant in which the caller holds some right,
 * their own tenant first, then the customers their partner tenant serves, each with the
 * permissions the caller holds there (menus show only what the caller may do).
 */
import type { Caller } from '../identity/caller.ts';
import { grantedPermissions } from '../authz/engine.ts';
import type { ResourcesDeps } from './resources.ports.ts';
import type { CustomerChoiceView } from './resources.views.ts';

export async function listCustomerChoices(
  caller: Caller,
  deps: Pick<ResourcesDeps, 'allGrantsFor' | 'tenants'>
): Promise<CustomerChoiceView[]> {
  const grants = await deps.allGrantsFor(caller);
  const customers = [...grants.customers.values()];
  const tenants = new Map(
    (await deps.tenants.getMany(customers.map((c) => c.customerTenantId))).map((t) => [t.id, t])
  );
  const choices = customers.map((c): CustomerChoiceView => {
    const t = tenants.get(c.customerTenantId);
    return {
      customerTenantId: c.customerTenantId,
      // A tenant unknown to the product (never signed in) still has an id to show.
      displayName: t?.displayName ?? c.customerTenantId,
      primaryDomain: t?.domains[0] ?? null,
      side: c.side,
      grantedPermissions: grantedPermissions(grants, c.customerTenantId),
    };
  });
  // Own tenant first, then customers by name (stable for a dropdown).
  return choices.sort(
    (a, b) =>
      Number(a.side === 'partner') - Number(b.side === 'partner') ||
      a.displayName.localeCompare(b.displayName) ||
      a.customerTenantId.localeCompare(b.customerTenantId)
  );
}
