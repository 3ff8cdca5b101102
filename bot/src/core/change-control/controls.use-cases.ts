/**
 * The customer's controls over one partner (issue #15): Auto/Manual per change action, the
 * sensitive actions that need a just-in-time elevation (and whether a policy approves them), and
 * MFA for sensitive actions. The customer's Global admins and Teams Rooms Pro Managers change them
 * (`customer.partners.manage`, like the rest of the Partners view); the partner reads them.
 */
import type { Caller } from '../identity/caller.ts';
import { decide, grantsFromIdentity, ownOrganisation } from '../authz/engine.ts';
import { forbidden, invalid, notFound, conflict } from '../errors.ts';
import { audited, metOrNull } from '../audit/audited.ts';
import { relationshipKey } from '../partners/partners.audit.ts';
import { PartnerErrors } from '../partners/partners.errors.ts';
import type { Relationship } from '../partners/model.ts';
import { ChangeControlErrors } from './change-control.errors.ts';
import type { ChangeControlDeps } from './change-control.ports.ts';
import {
  CHANGE_ACTIONS,
  SENSITIVE_ACTIONS,
  defaultControls,
  type PartnerControls,
  type StoredControls,
} from './model.ts';

export interface ControlsView extends PartnerControls {
  customerTenantId: string;
  partnerTenantId: string;
  /** True until the customer first saves them (they follow the invitation's mode). */
  isDefault: boolean;
  updatedAt?: Date;
}

const relationshipNotFound = () =>
  notFound(PartnerErrors.RELATIONSHIP_NOT_FOUND, 'No such relationship.');

/** The stored controls of an active relationship, or its defaults. */
export async function controlsOf(
  rel: Relationship,
  deps: Pick<ChangeControlDeps, 'repo'>
): Promise<StoredControls> {
  const stored = await deps.repo.getControls(rel.customerTenantId, rel.id);
  if (stored) return stored;
  return {
    ...defaultControls(rel.changeControl),
    relationshipId: rel.id,
    customerTenantId: rel.customerTenantId,
    partnerTenantId: rel.partnerTenantId,
    version: 0,
  };
}

const toView = (c: StoredControls): ControlsView => ({
  customerTenantId: c.customerTenantId,
  partnerTenantId: c.partnerTenantId,
  changeControl: { ...c.changeControl },
  elevation: { required: [...c.elevation.required], autoApprove: c.elevation.autoApprove },
  mfa: { required: c.mfa.required },
  isDefault: c.version === 0,
  ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}),
});

function requireCustomerAdmin(caller: Caller): void {
  if (
    !decide(grantsFromIdentity(caller), 'customer.partners.manage', ownOrganisation(caller)).allowed
  ) {
    throw forbidden(
      'Only the customer’s Global admins and Teams Rooms Pro Managers manage partners.'
    );
  }
}

async function activeRelationship(
  customerTenantId: string,
  partnerTenantId: string,
  deps: ChangeControlDeps
) {
  const rel = await deps.relationships.findByPair(customerTenantId, partnerTenantId);
  if (!rel || rel.state !== 'active') throw relationshipNotFound();
  return rel;
}

/** Customer: the controls over one of its partners. */
export async function getControlsAsCustomer(
  caller: Caller,
  partnerTenantId: string,
  deps: ChangeControlDeps
): Promise<ControlsView> {
  requireCustomerAdmin(caller);
  return toView(
    await controlsOf(await activeRelationship(caller.tenantId, partnerTenantId, deps), deps)
  );
}

/**
 * Partner: the controls a customer applies to it, for anyone of the partner who holds some right
 * in that customer (they are the rules their own actions follow).
 */
export async function getControlsAsPartner(
  caller: Caller,
  customerTenantId: string,
  deps: ChangeControlDeps
): Promise<ControlsView> {
  const rel = await activeRelationship(customerTenantId, caller.tenantId, deps);
  const grants = await deps.grantsFor(caller, { customerTenantId });
  const all = deps.organisationGrantsFor ? await deps.organisationGrantsFor(caller) : null;
  const seeAll =
    all !== null && decide(all, 'partner.customers.viewAll', ownOrganisation(caller)).allowed;
  if (!grants.customers.has(customerTenantId) && !seeAll) throw relationshipNotFound();
  return toView(await controlsOf(rel, deps));
}

/** Validates a controls document from outside (every key present, known values only). */
export function checkControls(input: PartnerControls): PartnerControls {
  const problems: string[] = [];
  for (const a of CHANGE_ACTIONS) {
    const m = input.changeControl?.[a];
    if (m !== 'auto' && m !== 'manual') problems.push(`changeControl.${a} must be auto or manual`);
  }
  const extra = Object.keys(input.changeControl ?? {}).filter(
    (k) => !(CHANGE_ACTIONS as readonly string[]).includes(k)
  );
  if (extra.length) problems.push(`unknown change actions: ${extra.join(', ')}`);
  const unknown = input.elevation.required.filter(
    (a) => !(SENSITIVE_ACTIONS as readonly string[]).includes(a)
  );
  if (unknown.length) problems.push(`not sensitive actions: ${unknown.join(', ')}`);
  if (problems.length)
    throw invalid(ChangeControlErrors.CONTROLS_INVALID, 'These controls are not valid.', {
      problems,
    });
  return {
    changeControl: Object.fromEntries(
      CHANGE_ACTIONS.map((a) => [a, input.changeControl[a]])
    ) as PartnerControls['changeControl'],
    elevation: {
      required: [...new Set(input.elevation.required)],
      autoApprove: input.elevation.autoApprove === true,
    },
    mfa: { required: input.mfa.required === true },
  };
}

/** Customer: replaces the controls over one partner; audited in both logs. */
export async function setControls(
  caller: Caller,
  partnerTenantId: string,
  input: PartnerControls,
  deps: ChangeControlDeps
): Promise<ControlsView> {
  const subject = {
    category: 'PartnerRelationship' as const,
    objectType: 'PartnerControls',
    objectId: relationshipKey(caller.tenantId, partnerTenantId),
    operation: 'Update' as const,
  };
  return audited(deps.audit, caller, subject, async (trail) => {
    requireCustomerAdmin(caller);
    const controls = checkControls(input);
    const rel = await activeRelationship(caller.tenantId, partnerTenantId, deps);
    trail.alsoIn(partnerTenantId);
    const current = await controlsOf(rel, deps);
    const next: StoredControls = {
      ...controls,
      relationshipId: rel.id,
      customerTenantId: rel.customerTenantId,
      partnerTenantId: rel.partnerTenantId,
      version: current.version + 1,
      updatedAt: deps.now(),
      updatedBy: caller.userId,
    };
    const saved = await trail.commit((audit) =>
      metOrNull(deps.repo.saveControls(next, current.version, audit))
    );
    if (!saved) {
      throw conflict(
        'CONTROLS.CHANGED',
        'The controls changed meanwhile; reload them and try again.'
      );
    }
    return toView(next);
  });
}
