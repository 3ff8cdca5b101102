/**
 * The Customer dropdown: every tenant where the caller holds some right (`GET /api/customers`),
 * own tenant first. Older services lack that route; the tab then builds the list itself from the
 * caller's own tenant and the partner's Tenants list, with permissions unknown.
 */
import { ApiError, type ApiClient, type Me } from './client.ts';
import type { CustomerSummary } from './partner.ts';

/** One entry of the dropdown. */
export interface CustomerOption {
  tenantId: string;
  displayName: string;
  domain: string | null;
  /** 'own' is the caller's organisation; 'partner' a customer the caller's partner manages. */
  side: 'own' | 'partner';
  /** Permissions held there (e.g. `rooms.view`); null when the service did not say. */
  permissions: string[] | null;
}

/** The wire shape (`CustomerChoice`), read leniently: only the id is required. */
interface CustomerWire {
  tenantId?: string;
  id?: string;
  customerTenantId?: string;
  displayName?: string;
  name?: string;
  primaryDomain?: string;
  domain?: string;
  side?: string;
  grantedPermissions?: string[];
  permissions?: string[];
}

function fromWire(item: CustomerWire, me: Me): CustomerOption | null {
  const tenantId = item.tenantId ?? item.customerTenantId ?? item.id;
  if (!tenantId) return null;
  return {
    tenantId,
    displayName: item.displayName ?? item.name ?? tenantId,
    domain: item.primaryDomain ?? item.domain ?? null,
    side: item.side === 'own' || tenantId === me.tenantId ? 'own' : 'partner',
    permissions: item.grantedPermissions ?? item.permissions ?? null,
  };
}

/**
 * `GET /api/customers`, or null when this service has no such route (404 ROUTE.NOT_FOUND), so
 * the caller can fall back to {@link fallbackCustomers}.
 */
export async function listCustomerOptions(
  api: ApiClient,
  me: Me,
  signal?: AbortSignal
): Promise<CustomerOption[] | null> {
  try {
    const body = await api.request<{ items: CustomerWire[] } | CustomerWire[]>('/api/customers', {
      signal,
    });
    const items = Array.isArray(body) ? body : body.items;
    return items.map((item) => fromWire(item, me)).filter((c) => c !== null);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The dropdown without `/api/customers`: the caller's own tenant, then the Tenants list. */
export function fallbackCustomers(me: Me, tenants: CustomerSummary[]): CustomerOption[] {
  return [
    {
      tenantId: me.tenantId,
      displayName: me.tenantName,
      domain: null,
      side: 'own',
      permissions: null,
    },
    ...tenants.map<CustomerOption>((t) => ({
      tenantId: t.customerTenantId,
      displayName: t.customerName,
      domain: t.customerDomain,
      side: 'partner',
      permissions: null,
    })),
  ];
}
