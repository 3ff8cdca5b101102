/**
 * What change requests and elevations share (issue #15): both are asked by a partner user,
 * decided by the customer's approvers (`changes.approve`), seen by the partner's users who hold a
 * right in that customer, and recorded in both audit logs under their own id. Who may decide, see
 * and end them is the engine's (`CHANGE_CONTROL_PERMISSIONS`, core/authz); this file asks it and
 * words its answers.
 */
import type { Caller } from '../identity/caller.ts';
import { decide, type Decision, type ObjectOwner } from '../authz/engine.ts';
import { customerNotFound } from '../authz/customer-access.ts';
import type { ChangeControlPermission } from '../authz/permissions.ts';
import type { AuditEntry } from '../audit/audit.ts';
import { forbidden, invalid } from '../errors.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import { REASON_MAX, REQUEST_TTL_MS, type Actor } from './model.ts';

export const actorOf = (caller: Caller): Actor => ({
  userId: caller.userId,
  tenantId: caller.tenantId,
  name: caller.principal.name ?? caller.userId,
});

/**
 * What a change request and an elevation both record when a partner user asks for one: who, in
 * which customer, under which relationship, when, and until when it waits for a decision.
 */
export const askedNow = (
  id: string,
  caller: Caller,
  rel: { id: string; customerTenantId: string },
  now: Date
) => ({
  id,
  customerTenantId: rel.customerTenantId,
  partnerTenantId: caller.tenantId,
  relationshipId: rel.id,
  requestedBy: actorOf(caller),
  requestedAt: now,
  expiresAt: new Date(now.getTime() + REQUEST_TTL_MS),
  version: 1,
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

/** One event in the customer's and the partner's logs (outcomes no caller's `audited` covers). */
export const inBoth = (
  r: { customerTenantId: string; partnerTenantId: string },
  entry: Omit<AuditEntry, 'tenantId'>
): AuditEntry[] =>
  [r.customerTenantId, r.partnerTenantId].map((tenantId) => ({ ...entry, tenantId }));

/** A reason for a rejection: 1–REASON_MAX characters once trimmed. */
export function requireReason(text: string): void {
  if (text.length < 1 || text.length > REASON_MAX) {
    throw invalid(
      ChangeControlErrors.REASON_REQUIRED,
      `Give a reason (1–${REASON_MAX} characters).`
    );
  }
}

/**
 * The engine's decision on a change-control right of the caller in this customer, about the
 * object of `owner` (none: every partner's).
 */
async function decideChange(
  caller: Caller,
  customerTenantId: string,
  permission: ChangeControlPermission,
  owner: ObjectOwner | undefined,
  deps: Pick<ChangeControlDeps, 'grantsFor'>
): Promise<Decision> {
  const grants = await deps.grantsFor(caller, { customerTenantId });
  return decide(grants, permission, owner ? { customerTenantId, owner } : { customerTenantId });
}

/** A denial as an error: one that must reveal nothing is `notFound`, any other forbidden. */
function refuse(decision: Decision, notFound: () => Error, message: string): Error {
  return decision.hidden ? notFound() : forbidden(message);
}

/** The caller approves in this customer (the engine's `changes.decide`). */
export async function mayApprove(
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>
): Promise<boolean> {
  return (await decideChange(caller, customerTenantId, 'changes.decide', undefined, deps)).allowed;
}

/**
 * The caller holds `permission` on the object of `owner` (a request or elevation, when it was
 * found); refused as the engine says: not found outside the customer, forbidden (`message`) in it.
 */
export async function requireChangeRight(
  caller: Caller,
  customerTenantId: string,
  permission: ChangeControlPermission,
  owner: ObjectOwner | undefined,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  notFound: () => Error,
  message: string
): Promise<void> {
  const decision = await decideChange(caller, customerTenantId, permission, owner, deps);
  if (!decision.allowed) throw refuse(decision, notFound, message);
}

/** Approvers only (the engine's `changes.decide`); anyone outside the customer learns nothing. */
export const requireApprover = (
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  notFound: () => Error,
  message: string
): Promise<void> =>
  requireChangeRight(
    caller,
    customerTenantId,
    'changes.decide',
    undefined,
    deps,
    notFound,
    message
  );

/**
 * `found`, a request or elevation of this customer, if the engine lets the caller see it
 * (`changes.view`); a missing or hidden one is `notFound` alike.
 */
export async function visibleTo<T extends { partnerTenantId: string }>(
  caller: Caller,
  customerTenantId: string,
  found: T | null,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  notFound: () => Error
): Promise<T> {
  if (!found) throw notFound();
  const owner = { tenantId: found.partnerTenantId };
  const decision = await decideChange(caller, customerTenantId, 'changes.view', owner, deps);
  if (!decision.allowed) throw notFound();
  return found;
}

/**
 * Which requests a list shows, as the engine's `changes.view` allows: every partner's
 * (undefined) for the customer's approvers, the caller's own partner's for a partner user with a
 * right in the customer. Others are refused: CUSTOMER.NOT_FOUND outside the customer, forbidden
 * (`message`) in it.
 */
export async function listedPartner(
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>,
  message: string
): Promise<string | undefined> {
  const grants = await deps.grantsFor(caller, { customerTenantId });
  if (decide(grants, 'changes.view', { customerTenantId }).allowed) return undefined;
  const owner = { tenantId: caller.tenantId };
  const own = decide(grants, 'changes.view', { customerTenantId, owner });
  if (!own.allowed) throw refuse(own, customerNotFound, message);
  return owner.tenantId;
}
