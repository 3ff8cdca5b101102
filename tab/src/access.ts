/**
 * What the signed-in caller may see, gathered once after sign-in: `/api/me` (which also says
 * whether their tenant is a partner and whether they handle its invitations), their Tenants list
 * (partners only) and the Customer dropdown. The service still checks every call; this only
 * decides which pages to offer.
 */
import { ApiError, type ApiClient, type Me } from './api/client.ts';
import { fallbackCustomers, listCustomerOptions, type CustomerOption } from './api/customers.ts';
import { listPartnerCustomers, type CustomerSummary } from './api/partner.ts';

export interface Access {
  me: Me;
  /** The caller's tenant is an eligible partner organisation. */
  isPartner: boolean;
  /** The caller may see and decide invitations (GA / TRPM / tenant manager of a partner). */
  handlesInvitations: boolean;
  /** The first page of the Tenants list (all customers for invitation handlers). */
  partnerCustomers: CustomerSummary[];
  /** The Customer dropdown, own tenant first. */
  customers: CustomerOption[];
}

/** Partner routes answer 403 when the caller may not use them; that is an answer, not a failure. */
async function unlessForbidden<T>(
  call: Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return { ok: false, code: error.code };
    throw error;
  }
}

export async function loadAccess(api: ApiClient, signal?: AbortSignal): Promise<Access> {
  const me = await api.getMe(signal);
  const [tenants, listed] = await Promise.all([
    me.isEligiblePartner
      ? unlessForbidden(listPartnerCustomers(api, { limit: 200, signal }))
      : Promise.resolve(null),
    listCustomerOptions(api, me, signal),
  ]);
  const partnerCustomers = tenants?.ok ? tenants.value.items : [];
  const customers = listed ?? fallbackCustomers(me, partnerCustomers);
  return {
    me,
    isPartner: me.isEligiblePartner,
    handlesInvitations: me.handlesInvitations,
    partnerCustomers,
    // A partner manages its customers' rooms, not its own (as in the portal): no per-customer
    // pages for the partner's own organisation.
    customers: me.isEligiblePartner ? customers.filter((c) => c.side !== 'own') : customers,
  };
}

export const isTenantAdmin = (me: Me) => me.isGlobalAdmin || me.isRoomsProManager;

/** Customers where the caller holds `permission` (per the dropdown's permissions). */
export function customersWith(access: Access, permission: string): CustomerOption[] {
  return access.customers.filter((c) => c.permissions?.includes(permission));
}

/** The chosen customer holds `permission` (per the dropdown). */
export const holds = (customer: CustomerOption | null, permission: string): boolean =>
  customer?.permissions?.includes(permission) ?? false;
