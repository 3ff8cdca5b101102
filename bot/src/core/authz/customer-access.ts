/**
 * The entry point of every per-customer use case (rooms, groups, rings, settings, tickets,
 * reports, roles): load the caller's grants for one customer, refuse a customer the caller holds
 * nothing in as "not found" (so ids of foreign tenants reveal nothing), and audit the work in
 * the caller's log and, when the caller acts on a customer they are party to, in the customer's
 * log too (PRODUCT.md §4.11: the customer sees what partners did).
 */
import type { Caller } from '../identity/caller.ts';
import type { AuditLog } from '../audit/audit.ts';
import { notFound } from '../errors.ts';
import { audited, type AuditSubject, type AuditTrail } from '../audit/audited.ts';
import type { CustomerGrants, Grants } from './engine.ts';

export const CUSTOMER_NOT_FOUND = 'CUSTOMER.NOT_FOUND';

/** A customer the caller holds nothing in, answered as nonexistent. */
export const customerNotFound = () =>
  notFound(CUSTOMER_NOT_FOUND, 'No such customer, or you hold no rights in it.');

/** Loads grants narrowed to one customer (AppServices.grantsFor fits). */
export type GrantsLoader = (caller: Caller, opts: { customerTenantId: string }) => Promise<Grants>;

export interface CustomerAccess {
  readonly caller: Caller;
  readonly customerTenantId: string;
  readonly grants: Grants;
  readonly customer: CustomerGrants;
}

/**
 * The caller's access to one customer: their own tenant, or a customer of their partner tenant
 * for which they hold some right. Anything else is CUSTOMER.NOT_FOUND.
 */
export async function customerAccess(
  caller: Caller,
  customerTenantId: string,
  loadGrants: GrantsLoader
): Promise<CustomerAccess> {
  const grants = await loadGrants(caller, { customerTenantId });
  const customer = grants.customers.get(customerTenantId);
  if (!customer) throw customerNotFound();
  return { caller, customerTenantId, grants, customer };
}

/**
 * Runs a per-customer mutation with its audit records: one in the caller's log, and one in the
 * customer's log once the caller is known to hold rights there. Denials (no access, forbidden,
 * invalid input) are recorded as Failed with their error code.
 */
export async function auditedInCustomer<T>(
  audit: AuditLog,
  caller: Caller,
  customerTenantId: string,
  loadGrants: GrantsLoader,
  subject: AuditSubject,
  work: (access: CustomerAccess, trail: AuditTrail) => Promise<T>
): Promise<T> {
  return audited(audit, caller, subject, async (trail) => {
    const access = await customerAccess(caller, customerTenantId, loadGrants);
    if (customerTenantId !== caller.tenantId) trail.alsoIn(customerTenantId);
    return work(access, trail);
  });
}

/** What a feature's use cases carry to act in a customer: its audit log and grants loader. */
export interface CustomerDeps {
  audit: AuditLog;
  grantsFor: GrantsLoader;
}

/**
 * {@link auditedInCustomer} over a feature's dependencies: the one way a per-customer use case
 * audits its change (the trail is there for work that settles or commits its records).
 */
export const changeInCustomer = <T>(
  deps: CustomerDeps,
  caller: Caller,
  customerTenantId: string,
  subject: AuditSubject,
  work: (access: CustomerAccess, trail: AuditTrail) => Promise<T>
): Promise<T> =>
  auditedInCustomer(deps.audit, caller, customerTenantId, deps.grantsFor, subject, work);

/**
 * {@link changeInCustomer} for a new object of the customer, audited as its Create: its id is the
 * first thing asked of `deps.newId()`, so a change applied for a change request (keyedBy) creates
 * it under the request's id.
 */
export function createInCustomer<T>(
  deps: CustomerDeps & { newId(): string },
  caller: Caller,
  customerTenantId: string,
  subject: (id: string, operation: 'Create') => AuditSubject,
  work: (id: string, access: CustomerAccess, trail: AuditTrail) => Promise<T>
): Promise<T> {
  const id = deps.newId();
  return changeInCustomer(deps, caller, customerTenantId, subject(id, 'Create'), (access, trail) =>
    work(id, access, trail)
  );
}
