/**
 * Just-in-time elevation (issue #15). The customer marks sensitive actions (enrollment key
 * download and reset, unenroll, settings modify) as requiring elevation; a partner user then asks
 * for a window of 30 minutes to 8 hours with a justification. The customer's approvers approve or
 * reject it (card or tab), or the customer's policy approves it at once; it ends by itself at the
 * end of its window, and the customer can end it early. Every action taken under it is audited
 * with its id (guards.ts, change-requests.use-cases.ts).
 */
import type { Caller } from '../identity/caller.ts';
import { customerAccess } from '../authz/customer-access.ts';
import { grantedPermissions } from '../authz/engine.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { audited, subjectOf } from '../audit/audited.ts';
import { PartnerErrors } from '../partners/partners.errors.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import { controlsOf } from './controls.use-cases.ts';
import { requireMfa } from './guards.ts';
import { actorOf, askedNow, notify, requireChangeRight, requireReason } from './decisions.ts';
import { decidePending, readsOf, recordKind } from './lifecycle.ts';
import {
  ELEVATION_MAX_MINUTES,
  ELEVATION_MIN_MINUTES,
  JUSTIFICATION_MAX,
  REASON_MAX,
  SENSITIVE_ACTIONS,
  elevationStatusAt,
  type Elevation,
  type SensitiveAction,
} from './model.ts';

const subject = subjectOf('Elevation');

/** The elevation as of now (a window past its end reads `ended`, a request past its deadline `expired`). */
export const elevationNow = (e: Elevation, now: Date): Elevation => ({
  ...e,
  status: elevationStatusAt(e, now),
});

/** Elevations, for the lifecycle steps they share with change requests. */
const ELEVATIONS = recordKind<Elevation>({
  category: 'Elevation',
  noun: 'elevation',
  plural: 'elevations',
  codes: {
    notFound: ChangeControlErrors.ELEVATION_NOT_FOUND,
    notPending: ChangeControlErrors.ELEVATION_NOT_PENDING,
    expired: ChangeControlErrors.ELEVATION_EXPIRED,
  },
  store: (deps) => deps.repo.elevations,
  updated: (events, e) => events.elevationUpdated(e),
  asOf: elevationNow,
});
const elevations = readsOf(ELEVATIONS);

export interface ElevationInput {
  actions: SensitiveAction[];
  durationMinutes: number;
  justification: string;
}

/** Partner user: ask for an elevation in a customer (or get one at once under an auto-approve policy). */
export async function requestElevation(
  caller: Caller,
  customerTenantId: string,
  input: ElevationInput,
  deps: ChangeControlDeps
): Promise<Elevation> {
  const id = deps.newId();
  const created = await audited(
    deps.audit,
    caller,
    subject(id, 'Create', input.actions.join(',')),
    async (trail) => {
      if (caller.tenantId === customerTenantId) {
        throw invalid(
          ChangeControlErrors.ELEVATION_NOT_REQUIRED,
          'A customer’s own users need no elevation.'
        );
      }
      const rel = await deps.relationships.findByPair(customerTenantId, caller.tenantId);
      if (!rel || rel.state !== 'active')
        throw notFound(PartnerErrors.RELATIONSHIP_NOT_FOUND, 'No such customer.');
      const access = await customerAccess(caller, customerTenantId, deps.grantsFor);
      trail.alsoIn(customerTenantId);
      const controls = await controlsOf(rel, deps);
      requireMfa(caller, controls);
      const actions = [...new Set(input.actions)];
      const justification = input.justification.trim();
      const problems: string[] = [];
      if (actions.length === 0) problems.push('name at least one action');
      const unknown = actions.filter((a) => !(SENSITIVE_ACTIONS as readonly string[]).includes(a));
      if (unknown.length) problems.push(`not sensitive actions: ${unknown.join(', ')}`);
      if (
        !Number.isInteger(input.durationMinutes) ||
        input.durationMinutes < ELEVATION_MIN_MINUTES ||
        input.durationMinutes > ELEVATION_MAX_MINUTES
      ) {
        problems.push(`durationMinutes must be ${ELEVATION_MIN_MINUTES}–${ELEVATION_MAX_MINUTES}`);
      }
      if (justification.length < 1 || justification.length > JUSTIFICATION_MAX) {
        problems.push(`justification must be 1–${JUSTIFICATION_MAX} characters`);
      }
      if (problems.length)
        throw invalid(
          ChangeControlErrors.ELEVATION_INVALID,
          'This elevation request is not valid.',
          { problems }
        );
      const notRequired = actions.filter((a) => !controls.elevation.required.includes(a));
      if (notRequired.length) {
        throw invalid(
          ChangeControlErrors.ELEVATION_NOT_REQUIRED,
          `These actions need no elevation here: ${notRequired.join(', ')}.`
        );
      }
      // An elevation only lifts the customer's extra condition; it never grants a right.
      const held = grantedPermissions(access.grants, customerTenantId);
      if (!actions.every((a) => held.includes(a)))
        throw forbidden('You hold no role granting every one of these actions.');
      const now = deps.now();
      const e: Elevation = {
        ...askedNow(id, caller, rel, now),
        actions,
        durationMinutes: input.durationMinutes,
        justification,
        ...(controls.elevation.autoApprove
          ? {
              status: 'active' as const,
              startsAt: now,
              endsAt: new Date(now.getTime() + input.durationMinutes * 60_000),
              decision: { kind: 'approved' as const, by: 'policy' as const, at: now },
            }
          : { status: 'pending' as const }),
      };
      await trail.commit(async (audit) => {
        await deps.repo.elevations.insert(e, audit);
        return true;
      });
      return e;
    }
  );
  await notify(deps, (ev) =>
    created.status === 'pending' ? ev.elevationCreated(created) : ev.elevationUpdated(created)
  );
  return created;
}

export const getElevation = elevations.get;

/** Approvers: every elevation of the tenant; a partner user: their partner's in that customer. */
export const listElevations = (caller: Caller, customerTenantId: string, deps: ChangeControlDeps) =>
  elevations.list(caller, customerTenantId, {}, deps);

/** Marks unanswered elevation requests past their deadline expired (both logs; cards follow). */
export const expireDueElevations = elevations.expireDue;

async function decideElevation(
  caller: Caller,
  customerTenantId: string,
  id: string,
  kind: 'approved' | 'rejected',
  reason: string | undefined,
  deps: ChangeControlDeps
): Promise<Elevation> {
  const text = (reason ?? '').trim();
  const decided = await decidePending(
    ELEVATIONS,
    caller,
    customerTenantId,
    id,
    kind === 'approved' ? 'approved' : `rejected: ${text.slice(0, 200)}`,
    deps,
    (now, e): Partial<Elevation> =>
      kind === 'approved'
        ? {
            status: 'active',
            startsAt: now,
            endsAt: new Date(now.getTime() + e.durationMinutes * 60_000),
            decision: { kind, by: actorOf(caller), at: now },
          }
        : { status: 'rejected', decision: { kind, by: actorOf(caller), at: now, reason: text } },
    () => {
      if (kind === 'rejected') requireReason(text);
    }
  );
  await notify(deps, (ev) => ev.elevationUpdated(decided));
  return elevationNow(decided, deps.now());
}

export const approveElevation = (
  caller: Caller,
  customerTenantId: string,
  id: string,
  deps: ChangeControlDeps
) => decideElevation(caller, customerTenantId, id, 'approved', undefined, deps);

export const rejectElevation = (
  caller: Caller,
  customerTenantId: string,
  id: string,
  reason: string,
  deps: ChangeControlDeps
) => decideElevation(caller, customerTenantId, id, 'rejected', reason, deps);

/**
 * A running elevation ends before its window closes: the customer's approvers end any, the
 * partner user who asked for it ends their own (they finished early).
 */
export async function endElevation(
  caller: Caller,
  customerTenantId: string,
  id: string,
  reason: string | undefined,
  deps: ChangeControlDeps
): Promise<Elevation> {
  const text = (reason ?? '').trim().slice(0, REASON_MAX);
  const ended = await audited(
    deps.audit,
    caller,
    subject(id, 'Update', `ended early${text ? `: ${text.slice(0, 200)}` : ''}`),
    async (trail) => {
      const e = await deps.repo.elevations.get(customerTenantId, id);
      await requireChangeRight(
        caller,
        customerTenantId,
        'changes.endElevation',
        e ? { tenantId: e.partnerTenantId, userId: e.requestedBy.userId } : undefined,
        deps,
        ELEVATIONS.notFound,
        'Only the customer’s approvers end elevations.'
      );
      if (!e) throw ELEVATIONS.notFound();
      // The other party's log: the customer's for the requester, the partner's for an approver.
      trail.alsoIn(customerTenantId);
      trail.alsoIn(e.partnerTenantId);
      const now = deps.now();
      const won = await trail.commit((audit) =>
        deps.repo.elevations.transition(
          customerTenantId,
          id,
          'active',
          {
            status: 'ended',
            endsAt: now,
            ended: { by: actorOf(caller), at: now, ...(text ? { reason: text } : {}) },
          },
          { runningAt: now },
          audit
        )
      );
      if (!won)
        throw conflict(ChangeControlErrors.ELEVATION_NOT_ACTIVE, 'This elevation is not running.');
      return won;
    }
  );
  await notify(deps, (ev) => ev.elevationUpdated(ended));
  return ended;
}
