/**
 * Manual change control (issue #15). A partner user's change to a customer, under Manual for its
 * action, becomes a change request (what, on which object, the exact difference, who, why, when)
 * instead of being applied. The customer's approvers (`changes.approve`: Global admins, Teams
 * Rooms Pro Managers, or a role the customer grants it with) approve it — it is then applied as
 * the requester, re-authorized at that moment against the object's current state — or reject it
 * with a reason. Requests expire after 72 hours. Both audit logs record the request, the decision
 * and the outcome under the request's id.
 */
import type { Caller } from '../identity/caller.ts';
import { decide } from '../authz/engine.ts';
import { customerAccess } from '../authz/customer-access.ts';
import {
  conflict,
  gone,
  invalid,
  isDomainError,
  notFound,
  forbidden,
  DomainError,
} from '../errors.ts';
import { audited } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import { actionOf, executorFor } from './change-executors.ts';
import { controlsOf } from './controls.use-cases.ts';
import { guardSensitive } from './guards.ts';
import {
  JUSTIFICATION_MAX,
  REASON_MAX,
  REQUEST_TTL_MS,
  type Actor,
  type ChangeInput,
  type ChangeRequest,
  type ChangeRequestStatus,
} from './model.ts';

export type ChangeOutcome<T> =
  | { applied: true; result: T; elevationId: string | null }
  | { applied: false; request: ChangeRequest };

const actorOf = (caller: Caller): Actor => ({
  userId: caller.userId,
  tenantId: caller.tenantId,
  name: caller.principal.name ?? caller.userId,
});

const requestNotFound = () =>
  notFound(ChangeControlErrors.REQUEST_NOT_FOUND, 'No such change request, or you may not see it.');

const subject = (id: string, operation: 'Create' | 'Update', detail?: string) => ({
  category: 'ChangeRequest' as const,
  objectType: 'ChangeRequest',
  objectId: id,
  operation,
  ...(detail ? { detail } : {}),
});

/** Trimmed justification; empty is allowed (the diff says what), too long is not. */
function cleanJustification(text: string | undefined): string {
  const t = (text ?? '').trim();
  if (t.length > JUSTIFICATION_MAX) {
    throw invalid(
      ChangeControlErrors.JUSTIFICATION_INVALID,
      `A justification is at most ${JUSTIFICATION_MAX} characters.`
    );
  }
  return t;
}

/**
 * Runs a change through the customer's controls: a partner user under Manual gets a change
 * request; otherwise the change is applied at once (`apply` is the ordinary use case). MFA and
 * elevation are checked first for sensitive actions.
 */
export async function submitChange<T>(
  caller: Caller,
  customerTenantId: string,
  change: ChangeInput,
  options: { justification?: string },
  deps: ChangeControlDeps
): Promise<ChangeOutcome<T>> {
  const executor = executorFor(change.kind);
  const apply = () => executor.apply(caller, customerTenantId, change as never, deps) as Promise<T>;
  if (caller.tenantId === customerTenantId)
    return { applied: true, result: await apply(), elevationId: null };
  const rel = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
  // No relationship: the use case answers as for any stranger (not found), and audits it.
  if (!rel || rel.state !== 'active')
    return { applied: true, result: await apply(), elevationId: null };
  const controls = await controlsOf(rel, deps);
  const action = actionOf(change);
  const elevationId = await guardSensitive(caller, rel, controls, action, deps);
  if (controls.changeControl[action] !== 'manual') {
    const result = await apply();
    if (elevationId)
      await recordElevationUse(deps.audit, caller, customerTenantId, elevationId, action, change);
    return { applied: true, result, elevationId };
  }
  const justification = cleanJustification(options.justification);
  const id = deps.newId();
  const request = await audited(
    deps.audit,
    caller,
    subject(id, 'Create', action),
    async (trail) => {
      trail.alsoIn(customerTenantId);
      // Authorizes the requester now (a change they may not make is refused, not queued).
      const preview = await executor.preview(caller, customerTenantId, change as never, deps);
      if (preview.diff.length === 0) {
        throw invalid('CHANGE_REQUEST.NO_CHANGE', 'This change would not change anything.');
      }
      const now = deps.now();
      const r: ChangeRequest = {
        id,
        customerTenantId,
        partnerTenantId: caller.tenantId,
        relationshipId: rel.id,
        action,
        change,
        ...preview,
        requestedBy: actorOf(caller),
        justification,
        requestedAt: now,
        expiresAt: new Date(now.getTime() + REQUEST_TTL_MS),
        status: 'pending',
        version: 1,
      };
      await deps.repo.insertRequest(r);
      return r;
    }
  );
  if (elevationId)
    await recordElevationUse(deps.audit, caller, customerTenantId, elevationId, action, change);
  await notify(deps, (e) => e.requestCreated(request));
  return { applied: false, request };
}

/** An action taken under an elevation, in both logs, with the elevation's id. */
export async function recordElevationUse(
  audit: AuditLog,
  caller: Caller,
  customerTenantId: string,
  elevationId: string,
  action: string,
  change?: ChangeInput
): Promise<void> {
  const target = change ? ('roomId' in change ? ` room ${change.roomId}` : ` ${change.kind}`) : '';
  await Promise.all(
    [caller.tenantId, customerTenantId].map((tenantId) =>
      audit.record({
        tenantId,
        category: 'Elevation',
        objectType: 'Elevation',
        objectId: elevationId,
        operation: 'Update',
        result: 'Successful',
        actorId: caller.userId,
        actorTenantId: caller.tenantId,
        detail: `used for ${action}${target}`,
      })
    )
  );
}

async function notify(
  deps: ChangeControlDeps,
  f: (e: NonNullable<ChangeControlDeps['events']>) => Promise<void>
) {
  if (!deps.events) return;
  try {
    await f(deps.events);
  } catch {
    // Cards are best effort; the request and its audit records are what counts.
  }
}

/** The caller approves in this customer: its own tenant, with `changes.approve`. */
export async function mayApprove(
  caller: Caller,
  customerTenantId: string,
  deps: Pick<ChangeControlDeps, 'grantsFor'>
) {
  if (caller.tenantId !== customerTenantId) return false;
  const grants = await deps.grantsFor(caller, { customerTenantId });
  return decide(grants, 'changes.approve', { customerTenantId }).allowed;
}

async function requireApprover(caller: Caller, customerTenantId: string, deps: ChangeControlDeps) {
  if (!(await mayApprove(caller, customerTenantId, deps))) {
    if (caller.tenantId !== customerTenantId) throw requestNotFound();
    throw forbidden('Only the customer’s approvers decide change requests.');
  }
}

/** Expires `r` if its deadline passed (one conditional write; both logs); returns the current state. */
async function expireIfDue(r: ChangeRequest, deps: ChangeControlDeps): Promise<ChangeRequest> {
  const now = deps.now();
  if (r.status !== 'pending' || r.expiresAt.getTime() > now.getTime()) return r;
  const expired = await deps.repo.transitionRequest(r.customerTenantId, r.id, 'pending', {
    status: 'expired',
  });
  if (!expired) return (await deps.repo.getRequest(r.customerTenantId, r.id)) ?? r;
  await Promise.all(
    [r.customerTenantId, r.partnerTenantId].map((tenantId) =>
      deps.audit.record({
        tenantId,
        ...subject(r.id, 'Update', 'expired'),
        result: 'Successful',
        actorId: 'system',
        actorTenantId: r.customerTenantId,
      })
    )
  );
  await notify(deps, (e) => e.requestUpdated(expired));
  return expired;
}

/** Expires every pending request past its deadline (the sweep; cards follow). */
export async function expireDueRequests(deps: ChangeControlDeps): Promise<number> {
  const due = await deps.repo.duePendingRequests(deps.now(), 200);
  for (const r of due) await expireIfDue(r, deps);
  return due.length;
}

/**
 * A request as the caller may see it: the customer's approvers see every request of their
 * tenant; a partner user sees their own partner's requests in a customer where they hold a right.
 */
async function visibleRequest(
  caller: Caller,
  customerTenantId: string,
  id: string,
  deps: ChangeControlDeps
) {
  const r = await deps.repo.getRequest(customerTenantId, id);
  if (!r) throw requestNotFound();
  if (caller.tenantId === customerTenantId) {
    if (!(await mayApprove(caller, customerTenantId, deps))) throw requestNotFound();
  } else if (r.partnerTenantId !== caller.tenantId) {
    throw requestNotFound();
  } else {
    await customerAccess(caller, customerTenantId, deps.grantsFor).catch(() => {
      throw requestNotFound();
    });
  }
  return expireIfDue(r, deps);
}

export async function getChangeRequest(
  caller: Caller,
  customerTenantId: string,
  id: string,
  deps: ChangeControlDeps
) {
  return visibleRequest(caller, customerTenantId, id, deps);
}

export async function listChangeRequests(
  caller: Caller,
  customerTenantId: string,
  filter: { status?: ChangeRequestStatus },
  deps: ChangeControlDeps
): Promise<ChangeRequest[]> {
  let partnerTenantId: string | undefined;
  if (caller.tenantId === customerTenantId) {
    if (!(await mayApprove(caller, customerTenantId, deps))) {
      throw forbidden('Only the customer’s approvers see change requests.');
    }
  } else {
    await customerAccess(caller, customerTenantId, deps.grantsFor);
    partnerTenantId = caller.tenantId;
  }
  const items = await deps.repo.listRequests(
    customerTenantId,
    { partnerTenantId, status: filter.status },
    100
  );
  const current = [];
  for (const r of items) current.push(await expireIfDue(r, deps));
  return filter.status ? current.filter((r) => r.status === filter.status) : current;
}

/** The codes that mean "the requester may not make this change any more". */
const LOST_RIGHT = new Set([
  'AUTHZ.FORBIDDEN',
  'CUSTOMER.NOT_FOUND',
  'ROOM.NOT_FOUND',
  'ROOM_GROUP.NOT_FOUND',
  'RING.NOT_FOUND',
  'ROLE.NOT_FOUND',
  'ASSIGNMENT.NOT_FOUND',
]);

/** Why applying failed, as a stable code and a message for people. */
function refusal(e: unknown): { code: string; message: string } {
  if (isDomainError(e) && e.code === ChangeControlErrors.CONFLICT)
    return { code: e.code, message: e.message };
  if (isDomainError(e) && (LOST_RIGHT.has(e.code) || e.kind === 'forbidden')) {
    return {
      code: ChangeControlErrors.REQUESTER_NOT_ALLOWED,
      message: 'The requester may no longer make this change (their rights or scope changed).',
    };
  }
  if (isDomainError(e) && e.kind === 'conflict') {
    return {
      code: ChangeControlErrors.CONFLICT,
      message: 'The object changed since the request; the change was not applied.',
    };
  }
  if (isDomainError(e))
    return {
      code: ChangeControlErrors.APPLY_FAILED,
      message: `The change is no longer valid (${e.code}).`,
    };
  return { code: ChangeControlErrors.APPLY_FAILED, message: 'The change could not be applied.' };
}

/**
 * Approves a pending request and applies it as the requester. Exactly once: one conditional write
 * moves it from pending to applying, so a second approver (or a double click) gets NOT_PENDING.
 * Applying re-runs the preview as the requester (their rights now) and refuses a conflict (the
 * touched fields changed since the request); a refusal ends the request as failed and answers
 * 409 with the reason.
 */
export async function approveChangeRequest(
  caller: Caller,
  customerTenantId: string,
  id: string,
  deps: ChangeControlDeps
): Promise<ChangeRequest> {
  const claimed = await audited(
    deps.audit,
    caller,
    subject(id, 'Update', 'approved'),
    async (trail) => {
      await requireApprover(caller, customerTenantId, deps);
      const r = await deps.repo.getRequest(customerTenantId, id);
      if (!r) throw requestNotFound();
      trail.alsoIn(r.partnerTenantId);
      const current = await expireIfDue(r, deps);
      if (current.status === 'expired')
        throw gone(ChangeControlErrors.REQUEST_EXPIRED, 'This change request has expired.');
      const now = deps.now();
      const won = await deps.repo.transitionRequest(
        customerTenantId,
        id,
        'pending',
        { status: 'applying', decision: { kind: 'approved', by: actorOf(caller), at: now } },
        now
      );
      if (!won)
        throw conflict(
          ChangeControlErrors.REQUEST_NOT_PENDING,
          'This change request was already decided.'
        );
      return won;
    }
  );
  return applyApproved(caller, claimed, deps);
}

async function applyApproved(
  approver: Caller,
  r: ChangeRequest,
  deps: ChangeControlDeps
): Promise<ChangeRequest> {
  const executor = executorFor(r.change.kind);
  let failure: { code: string; message: string } | null = null;
  try {
    const requester = await deps.callerFor({
      tenantId: r.requestedBy.tenantId,
      userId: r.requestedBy.userId,
      name: r.requestedBy.name,
      wids: [],
    });
    const now = await executor.preview(requester, r.customerTenantId, r.change as never, deps);
    const changed = Object.keys(r.before).filter(
      (k) => JSON.stringify(r.before[k]) !== JSON.stringify(now.before[k] ?? null)
    );
    if (changed.length > 0) {
      throw new DomainError(
        ChangeControlErrors.CONFLICT,
        `The object changed since the request (${changed.join(', ')}); the change was not applied.`,
        'conflict'
      );
    }
    await executor.apply(requester, r.customerTenantId, r.change as never, deps);
  } catch (e) {
    failure = refusal(e);
  }
  const at = deps.now();
  const final = await deps.repo.transitionRequest(r.customerTenantId, r.id, 'applying', {
    status: failure ? 'failed' : 'applied',
    outcome: failure ? { at, result: 'refused', ...failure } : { at, result: 'applied' },
  });
  const done = final ?? r;
  await Promise.all(
    [r.customerTenantId, r.partnerTenantId].map((tenantId) =>
      deps.audit.record({
        tenantId,
        ...subject(r.id, 'Update', failure ? `refused ${failure.code}` : 'applied'),
        result: failure ? 'Failed' : 'Successful',
        actorId: approver.userId,
        actorTenantId: approver.tenantId,
      })
    )
  );
  await notify(deps, (e) => e.requestUpdated(done));
  if (failure)
    throw new DomainError(failure.code, failure.message, 'conflict', {
      details: { requestId: r.id },
    });
  return done;
}

export async function rejectChangeRequest(
  caller: Caller,
  customerTenantId: string,
  id: string,
  reason: string,
  deps: ChangeControlDeps
): Promise<ChangeRequest> {
  const text = reason.trim();
  const rejected = await audited(
    deps.audit,
    caller,
    subject(id, 'Update', `rejected: ${text.slice(0, 200)}`),
    async (trail) => {
      await requireApprover(caller, customerTenantId, deps);
      if (text.length < 1 || text.length > REASON_MAX) {
        throw invalid(
          ChangeControlErrors.REASON_REQUIRED,
          `Give a reason (1–${REASON_MAX} characters).`
        );
      }
      const r = await deps.repo.getRequest(customerTenantId, id);
      if (!r) throw requestNotFound();
      trail.alsoIn(r.partnerTenantId);
      const current = await expireIfDue(r, deps);
      if (current.status === 'expired')
        throw gone(ChangeControlErrors.REQUEST_EXPIRED, 'This change request has expired.');
      const won = await deps.repo.transitionRequest(customerTenantId, id, 'pending', {
        status: 'rejected',
        decision: { kind: 'rejected', by: actorOf(caller), at: deps.now(), reason: text },
      });
      if (!won)
        throw conflict(
          ChangeControlErrors.REQUEST_NOT_PENDING,
          'This change request was already decided.'
        );
      return won;
    }
  );
  await notify(deps, (e) => e.requestUpdated(rejected));
  return rejected;
}

/**
 * A sensitive action that is not a change (downloading an enrollment key): MFA and elevation are
 * checked as for a change, and a use under an elevation is audited with its id.
 */
export async function runSensitive<T>(
  caller: Caller,
  customerTenantId: string,
  action: string,
  work: () => Promise<T>,
  deps: ChangeControlDeps
): Promise<T> {
  if (caller.tenantId === customerTenantId) return work();
  const rel = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
  if (!rel || rel.state !== 'active') return work();
  const elevationId = await guardSensitive(caller, rel, await controlsOf(rel, deps), action, deps);
  const result = await work();
  if (elevationId)
    await recordElevationUse(deps.audit, caller, customerTenantId, elevationId, action);
  return result;
}
