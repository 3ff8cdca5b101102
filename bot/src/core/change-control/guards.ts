/**
 * What a partner user's sensitive action must pass before it runs (issue #15): multi-factor
 * evidence when the customer requires it (else a claims challenge), and an active just-in-time
 * elevation when the customer marked the action. Applied only to partner users acting in a
 * customer they have an active relationship with; the customer's own users are never gated.
 */
import type { Caller } from '../identity/caller.ts';
import { DomainError, forbidden } from '../errors.ts';
import { MFA_CLAIMS } from '../principal.ts';
import type { Relationship } from '../partners/model.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import {
  isElevationActive,
  isSensitive,
  type SensitiveAction,
  type StoredControls,
} from './model.ts';

/** 401 with a claims challenge: the client signs in again asking for MFA_CLAIMS. */
export const mfaRequired = () =>
  new DomainError(
    ChangeControlErrors.MFA_REQUIRED,
    'This customer requires multi-factor authentication for this action. Sign in again with a second factor.',
    'unauthenticated',
    { details: { claims: Buffer.from(MFA_CLAIMS, 'utf8').toString('base64') } }
  );

/** The MFA requirement alone (elevation requests need it too). */
export function requireMfa(caller: Caller, controls: StoredControls): void {
  if (controls.mfa.required && caller.principal.mfa !== true) throw mfaRequired();
}

/** The requester's elevation running now for `action` in this relationship, if any. */
export async function runningElevation(
  rel: Pick<Relationship, 'customerTenantId' | 'partnerTenantId'>,
  userId: string,
  action: SensitiveAction,
  deps: Pick<ChangeControlDeps, 'repo' | 'now'>
): Promise<string | null> {
  const now = deps.now();
  const mine = await deps.repo.elevations.list(
    rel.customerTenantId,
    { partnerTenantId: rel.partnerTenantId, userId },
    50
  );
  return mine.find((e) => isElevationActive(e, action, now))?.id ?? null;
}

/**
 * Checks MFA and elevation for `action`; returns the id of the elevation the action runs under,
 * or null when none is needed.
 */
export async function guardSensitive(
  caller: Caller,
  rel: Relationship,
  controls: StoredControls,
  action: string,
  deps: Pick<ChangeControlDeps, 'repo' | 'now'>
): Promise<string | null> {
  if (!isSensitive(action)) return null;
  requireMfa(caller, controls);
  if (!controls.elevation.required.includes(action)) return null;
  const active = await runningElevation(rel, caller.userId, action, deps);
  if (!active) {
    throw forbidden(
      'This action needs a just-in-time elevation approved by the customer. Ask for one first.',
      ChangeControlErrors.ELEVATION_REQUIRED
    );
  }
  return active;
}
