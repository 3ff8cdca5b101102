/**
 * What change requests and elevations share (issue #15): both are asked by a partner user,
 * decided by the customer's approvers (`changes.approve`), seen by the partner's users who hold a
 * right in that customer, and recorded in both audit logs under their own id.
 */
import type { Caller } from '../identity/caller.ts';
import { decide } from '../authz/engine.ts';
import { customerAccess } from '../authz/customer-access.ts';
import type { AuditEntry } from '../audit/audit.ts';
import { forbidden, invalid } from '../errors.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import { REASON_MAX, type Actor } from './model.ts';

export const actorOf = (caller: Caller): Actor => ({
  userId: caller.userId,
  tenantId: caller.tenantId,
  name: caller.principal.name ?? caller.userId,
});

/** Tells the Teams edge (cards); best effort: the request and its audit records are what counts. */
export async function notify(
  deps: Pick<ChangeControlDeps, 'events'>,
  f: (e: NonNullable<ChangeControlDeps['events']>) => Promise<void>
): Promise<void> {
  if (!deps.events) return;
  try {
    await f(deps.events);
  } catch {
    // Cards are best effort.
  }
}

/** One record in the customer's and the partner's logs (outcomes no caller's `audited` covers). */
export async function recordInBoth(
  deps: Pick<ChangeControlDeps, 'audit'>,
  r: { customerTenantId: string; partnerTenantId: string },
  entry: Omit<AuditEntry, 'tenantId'>
): Promise<void> {
  await Promise.all(
    [r.customerTenantId, r.partnerTenantId].map((tenantId) =>
      deps.audit.record({ ...entry, tenantId } as AuditEntry)
    )
  );
}

/** A reason for a rejection: 1–REASON_MAX characters once trimmed. */
export function requireReason(text: string): void {
  if (text.length < 1 || text.length > REASON_MAX) {
    throw invalid(
      ChangeControlErrors.REASON_REQUIRED,
      `Give a reason (1–${REASON_MAX} characters).`
    );
  }
}

/** The caller approves in this customer: its own tenant, with `changes.approve`. */
export async function mayApprove(
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>
): Promise<boolean> {
  if (caller.tenantId !== customerTenantId) return false;
  const grants = await deps.grantsFor(caller, { customerTenantId });
  return decide(grants, 'changes.approve', { customerTenantId }).allowed;
}

/** Approvers only; anyone outside the customer learns nothing (`notFound`). */
export async function requireApprover(
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  notFound: () => Error,
  message: string
): Promise<void> {
  if (await mayApprove(caller, customerTenantId, deps)) return;
  if (caller.tenantId !== customerTenantId) throw notFound();
  throw forbidden(message);
}

/** `found`, a request of this customer, if the caller may see it (see requireViewer). */
export async function visibleTo<T extends { partnerTenantId: string }>(
  caller: Caller,
  customerTenantId: string,
  found: T | null,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  notFound: () => Error
): Promise<T> {
  if (!found) throw notFound();
  await requireViewer(caller, customerTenantId, found.partnerTenantId, deps, notFound);
  return found;
}

/**
 * Whether the caller may see a request of `partnerTenantId` in this customer: the customer's
 * approvers see every one; a partner user their own partner's, in a customer where they hold a
 * right. Anyone else: `notFound`.
 */
export async function requireViewer(
  caller: Caller,
  customerTenantId: string,
  partnerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  notFound: () => Error
): Promise<void> {
  if (caller.tenantId === customerTenantId) {
    if (!(await mayApprove(caller, customerTenantId, deps))) throw notFound();
  } else if (partnerTenantId !== caller.tenantId) {
    throw notFound();
  } else {
    await customerAccess(caller, customerTenantId, deps.grantsFor).catch(() => {
      throw notFound();
    });
  }
}

/**
 * Which requests a list shows: every partner's for an approver (undefined), the caller's own
 * partner's for a partner user with a right in the customer; others are refused.
 */
export async function listedPartner(
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  message: string
): Promise<string | undefined> {
  if (caller.tenantId === customerTenantId) {
    if (!(await mayApprove(caller, customerTenantId, deps))) throw forbidden(message);
    return undefined;
  }
  await customerAccess(caller, customerTenantId, deps.grantsFor);
  return caller.tenantId;
}
