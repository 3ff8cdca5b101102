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
import { DomainError, invalid, isDomainError } from '../errors.ts';
import { audited, subjectOf } from '../audit/audited.ts';
import { SYSTEM_ACTOR_ID, type AuditEntry, type AuditLog } from '../audit/audit.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import { actionOf, executorFor, keyedBy } from './change-executors.ts';
import { controlsOf } from './controls.use-cases.ts';
import { guardSensitive, runningElevation } from './guards.ts';
import { actorOf, askedNow, inBoth, notify, requireReason } from './decisions.ts';
import { decidePending, readsOf, recordKind } from './lifecycle.ts';
import {
  APPLY_LEASE_MS,
  JUSTIFICATION_MAX,
  isSensitive,
  type ChangeInput,
  type ChangeRequest,
} from './model.ts';

export { mayApprove } from './decisions.ts';

export type ChangeOutcome<T> =
  | { applied: true; result: T; elevationId: string | null }
  | { applied: false; request: ChangeRequest };

const subject = subjectOf('ChangeRequest');

/** Change requests, for the lifecycle steps they share with elevations. */
const CHANGE_REQUESTS = recordKind<ChangeRequest>({
  category: 'ChangeRequest',
  noun: 'change request',
  plural: 'change requests',
  codes: {
    notFound: ChangeControlErrors.REQUEST_NOT_FOUND,
    notPending: ChangeControlErrors.REQUEST_NOT_PENDING,
    expired: ChangeControlErrors.REQUEST_EXPIRED,
  },
  store: (deps) => deps.repo.requests,
  updated: (events, r) => events.requestUpdated(r),
});
const requests = readsOf(CHANGE_REQUESTS);

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
    if (!elevationId) return { applied: true, result: await apply(), elevationId };
    const audit = storingUse(deps.audit, caller, customerTenantId, elevationId, action, change);
    const result = (await executor.apply(caller, customerTenantId, change as never, {
      resources: { ...deps.resources, audit },
      roles: { ...deps.roles, audit },
      partners: { ...deps.partners, audit },
    })) as T;
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
      const r: ChangeRequest = {
        ...askedNow(id, caller, rel, deps.now()),
        action,
        change,
        ...preview,
        conditions: { mfa: caller.principal.mfa === true, elevationId },
        justification,
        status: 'pending',
      };
      // The request, its records and the elevation's use (if any), in one write.
      const used = elevationId
        ? await deps.audit.prepare(
            elevationUse(caller, customerTenantId, elevationId, action, change)
          )
        : [];
      await trail.commit(async (audit) => {
        await deps.repo.requests.insert(r, [...audit, ...used]);
        return true;
      });
      return r;
    }
  );
  await notify(deps, (e) => e.requestCreated(request));
  return { applied: false, request };
}

/** An action taken under an elevation, in both logs, with the elevation's id. */
function elevationUse(
  caller: Caller,
  customerTenantId: string,
  elevationId: string,
  action: string,
  change?: ChangeInput
): AuditEntry[] {
  const target = change ? ('roomId' in change ? ` room ${change.roomId}` : ` ${change.kind}`) : '';
  return inBoth(
    { customerTenantId, partnerTenantId: caller.tenantId },
    {
      ...subjectOf('Elevation')(elevationId, 'Update', `used for ${action}${target}`),
      result: 'Successful',
      actorId: caller.userId,
      actorTenantId: caller.tenantId,
    }
  );
}

/**
 * `audit`, storing the use of an elevation by an action whose own write is not change control's
 * with the action's Successful records (the caller's), in the write that stores them: a crash
 * keeps both or neither, and an action that fails or changes nothing records no use.
 */
function storingUse(audit: AuditLog, ...use: Parameters<typeof elevationUse>): AuditLog {
  const [caller] = use;
  const used = elevationUse(...use);
  const withUse = (entries: readonly AuditEntry[]) =>
    entries.length > 0 &&
    entries.every(
      (e) =>
        e.result === 'Successful' &&
        e.actorId === caller.userId &&
        e.actorTenantId === caller.tenantId
    )
      ? [...entries, ...used]
      : entries;
  return {
    record: (entry) => audit.recordAll(withUse([entry])),
    recordAll: (entries) => audit.recordAll(withUse(entries)),
    prepare: (entries) => audit.prepare(withUse(entries)),
  };
}

/** Expires every pending request past its deadline (the sweep; cards follow). */
export const expireDueRequests = requests.expireDue;
export const getChangeRequest = requests.get;
export const listChangeRequests = requests.list;

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

/** Refusals of change control itself, answered with their own code and message. */
const OWN_REFUSALS = new Set<string>([
  ChangeControlErrors.CONFLICT,
  ChangeControlErrors.MFA_MISSING,
  ChangeControlErrors.ELEVATION_ENDED,
  ChangeControlErrors.APPLY_FAILED,
]);

/** Why applying failed, as a stable code and a message for people. */
function refusal(e: unknown): { code: string; message: string } {
  if (isDomainError(e) && OWN_REFUSALS.has(e.code)) return { code: e.code, message: e.message };
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
 * Applying re-runs the preview as the requester (their rights now), checks the customer's current
 * MFA and elevation rules for the action against the request, and refuses a conflict (a touched
 * field changed since the request); a refusal ends the request as failed and answers 409 with
 * the reason.
 */
export async function approveChangeRequest(
  caller: Caller,
  customerTenantId: string,
  id: string,
  deps: ChangeControlDeps
): Promise<ChangeRequest> {
  const claimed = await decidePending(
    CHANGE_REQUESTS,
    caller,
    customerTenantId,
    id,
    'approved',
    deps,
    (now) => ({
      status: 'applying',
      decision: { kind: 'approved', by: actorOf(caller), at: now },
      applying: { since: now, attempt: 1 },
    })
  );
  return applyApproved(claimed, deps, false);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The requester as a caller again, with their rights now. */
const requesterOf = (r: ChangeRequest, deps: ChangeControlDeps) =>
  deps.callerFor({
    tenantId: r.requestedBy.tenantId,
    userId: r.requestedBy.userId,
    name: r.requestedBy.name,
    wids: [],
  });

/**
 * The customer's MFA and elevation rules for a sensitive action, as they are at approval: a
 * request made without MFA evidence is refused when MFA is required now, and one whose action
 * needs an elevation is applied only inside an elevation of the requester running now (the one
 * it was asked under may have ended). Returns that elevation's id.
 */
async function recheckConditions(
  r: ChangeRequest,
  deps: ChangeControlDeps
): Promise<string | null> {
  if (!isSensitive(r.action)) return null;
  const rel = await deps.relationships.findByPair(r.customerTenantId, r.partnerTenantId);
  // No relationship any more: applying refuses it (the requester has no right left).
  if (!rel || rel.state !== 'active') return null;
  const controls = await controlsOf(rel, deps);
  if (controls.mfa.required && r.conditions?.mfa !== true) {
    throw new DomainError(
      ChangeControlErrors.MFA_MISSING,
      'The customer now requires multi-factor authentication for this action and the request was made without it; the change was not applied.',
      'conflict'
    );
  }
  if (!controls.elevation.required.includes(r.action)) return null;
  const elevationId = await runningElevation(rel, r.requestedBy.userId, r.action, deps);
  if (!elevationId) {
    throw new DomainError(
      ChangeControlErrors.ELEVATION_ENDED,
      'This action needs a just-in-time elevation and the requester has none running now; the change was not applied.',
      'conflict'
    );
  }
  return elevationId;
}

/**
 * After an interruption: is the approved change already there? Creates are keyed by the request
 * id; a delete whose object is gone, or an object whose touched fields hold the requested values,
 * is there too. Anything else is not (and applying decides, with the usual conflict check).
 */
async function alreadyApplied(
  r: ChangeRequest,
  requester: Caller,
  deps: ChangeControlDeps
): Promise<boolean> {
  const executor = executorFor(r.change.kind);
  if (executor.created) return executor.created(requester, r.customerTenantId, r.id, deps);
  try {
    const now = await executor.preview(requester, r.customerTenantId, r.change as never, deps);
    return now.diff.length === 0 || r.diff.every((d) => same(now.before[d.field], d.to));
  } catch (e) {
    if (isDomainError(e) && executor.goneCodes?.includes(e.code)) return true;
    throw e;
  }
}

/** Refuses the change when a field it touches changed since the request. */
async function requireUnchanged(r: ChangeRequest, requester: Caller, deps: ChangeControlDeps) {
  const executor = executorFor(r.change.kind);
  const now = await executor.preview(requester, r.customerTenantId, r.change as never, deps);
  const changed = Object.keys(r.before).filter((k) => !same(r.before[k], now.before[k]));
  if (changed.length > 0) {
    throw new DomainError(
      ChangeControlErrors.CONFLICT,
      `The object changed since the request (${changed.join(', ')}); the change was not applied.`,
      'conflict'
    );
  }
}

/**
 * Applies a request in `applying` and records the outcome (both logs, cards). `resumed`: the
 * request was interrupted (a crash between "applying" and the outcome) and is reconciled: a
 * change already there is recorded as applied, never applied twice.
 */
async function applyApproved(
  r: ChangeRequest,
  deps: ChangeControlDeps,
  resumed: boolean
): Promise<ChangeRequest> {
  let failure: { code: string; message: string } | null = null;
  let recovered = false;
  /** The use of the elevation the change was applied under, recorded with the outcome. */
  let used: AuditEntry[] = [];
  try {
    const requester = await requesterOf(r, deps);
    recovered = resumed && (await alreadyApplied(r, requester, deps));
    if (!recovered) {
      const elevationId = await recheckConditions(r, deps);
      await requireUnchanged(r, requester, deps);
      await executorFor(r.change.kind).apply(
        requester,
        r.customerTenantId,
        r.change as never,
        keyedBy(deps, r.id)
      );
      if (elevationId)
        used = elevationUse(requester, r.customerTenantId, elevationId, r.action, r.change);
    }
  } catch (e) {
    failure = refusal(e);
  }
  const at = deps.now();
  const detail = failure
    ? `refused ${failure.code}`
    : recovered
      ? 'applied (found applied after an interruption)'
      : 'applied';
  const outcome = inBoth(r, {
    ...subject(r.id, 'Update', detail),
    result: failure ? 'Failed' : 'Successful',
    actorId: resumed ? SYSTEM_ACTOR_ID : (r.decision?.by.userId ?? SYSTEM_ACTOR_ID),
    actorTenantId: resumed ? r.customerTenantId : (r.decision?.by.tenantId ?? r.customerTenantId),
  });
  const final = await settleApplying(
    r,
    failure ? { at, result: 'refused', ...failure } : { at, result: 'applied' },
    failure ? outcome : [...outcome, ...used],
    deps
  );
  // Someone else took it over (a reconciliation after this attempt's lease ran out): theirs counts.
  if (!final) return (await deps.repo.requests.get(r.customerTenantId, r.id)) ?? r;
  if (failure)
    throw new DomainError(failure.code, failure.message, 'conflict', {
      details: { requestId: r.id },
    });
  return final;
}

/**
 * Ends a request in `applying` (as claimed, at its version) with its outcome and the audit
 * records of it, in one write, and tells the cards; null when someone else took it over.
 */
async function settleApplying(
  r: ChangeRequest,
  outcome: NonNullable<ChangeRequest['outcome']>,
  records: AuditEntry[],
  deps: ChangeControlDeps
): Promise<ChangeRequest | null> {
  const set = { status: outcome.result === 'applied' ? 'applied' : 'failed', outcome } as const;
  const audit = await deps.audit.prepare(records);
  const final = await deps.repo.requests.transition(
    r.customerTenantId,
    r.id,
    'applying',
    set,
    { version: r.version },
    audit
  );
  if (final) await notify(deps, (e) => e.requestUpdated(final));
  return final;
}

/** Attempts after which an apply that keeps being interrupted is given up (and says so). */
const MAX_APPLY_ATTEMPTS = 3;

/**
 * Reconciles requests left in `applying` past their lease (the process applying them stopped):
 * each is claimed by one conditional write, then found applied, applied now (re-authorized as
 * at approval), or refused with the reason. Runs at start and with the expiry sweep.
 */
export async function reconcileInterrupted(deps: ChangeControlDeps): Promise<number> {
  const now = deps.now();
  let done = 0;
  for (const r of await deps.repo.requests.inStatus('applying', 100)) {
    const since = r.applying?.since ?? r.decision?.at ?? r.requestedAt;
    if (now.getTime() - since.getTime() < APPLY_LEASE_MS) continue;
    const attempt = (r.applying?.attempt ?? 1) + 1;
    const claimed = await deps.repo.requests.transition(
      r.customerTenantId,
      r.id,
      'applying',
      { applying: { since: now, attempt } },
      { version: r.version }
    );
    if (!claimed) continue;
    done++;
    if (attempt > MAX_APPLY_ATTEMPTS) {
      await giveUp(claimed, deps);
      continue;
    }
    await applyApproved(claimed, deps, true).catch(() => undefined);
  }
  return done;
}

async function giveUp(r: ChangeRequest, deps: ChangeControlDeps): Promise<void> {
  const code = ChangeControlErrors.APPLY_FAILED;
  const message = 'Applying was interrupted repeatedly; the change was not applied.';
  const refused = inBoth(r, {
    ...subject(r.id, 'Update', `refused ${code}`),
    result: 'Failed',
    actorId: SYSTEM_ACTOR_ID,
    actorTenantId: r.customerTenantId,
  });
  await settleApplying(r, { at: deps.now(), result: 'refused', code, message }, refused, deps);
}

export async function rejectChangeRequest(
  caller: Caller,
  customerTenantId: string,
  id: string,
  reason: string,
  deps: ChangeControlDeps
): Promise<ChangeRequest> {
  const text = reason.trim();
  const rejected = await decidePending(
    CHANGE_REQUESTS,
    caller,
    customerTenantId,
    id,
    `rejected: ${text.slice(0, 200)}`,
    deps,
    (now) => ({
      status: 'rejected',
      decision: { kind: 'rejected', by: actorOf(caller), at: now, reason: text },
    }),
    () => requireReason(text)
  );
  await notify(deps, (e) => e.requestUpdated(rejected));
  return rejected;
}

/**
 * A sensitive action that is not a change (downloading an enrollment key): MFA and elevation are
 * checked as for a change, and a use under an elevation is audited with its id, in the write of
 * the action's own records (`work` records through the audit log it is given).
 */
export async function runSensitive<T>(
  caller: Caller,
  customerTenantId: string,
  action: string,
  work: (audit: AuditLog) => Promise<T>,
  deps: ChangeControlDeps
): Promise<T> {
  if (caller.tenantId === customerTenantId) return work(deps.audit);
  const rel = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
  if (!rel || rel.state !== 'active') return work(deps.audit);
  const elevationId = await guardSensitive(caller, rel, await controlsOf(rel, deps), action, deps);
  if (!elevationId) return work(deps.audit);
  return work(storingUse(deps.audit, caller, customerTenantId, elevationId, action));
}
