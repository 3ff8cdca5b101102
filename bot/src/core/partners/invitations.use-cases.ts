/**
 * Invitations (PRODUCT.md §4.2–4.4, §4.9). The customer creates, lists and withdraws them; the
 * addressed partner's GA, TRPM and tenant managers see them in their inbox and accept or decline.
 * Accept and decline are conditional single-document writes, so of any number of concurrent
 * decisions exactly one succeeds; the others learn the invitation was already decided.
 */
import { isMember, type Caller } from '../identity/caller.ts';
import type { MemberRef } from '../directory/directory.port.ts';
import { requireMember } from '../identity/identity.use-cases.ts';
import { conflict, gone, invalid, notFound, ErrorCodes, type DomainError } from '../errors.ts';
import {
  isExpired,
  MAX_EXPIRY_DAYS,
  MIN_EXPIRY_DAYS,
  type ChangeControlMode,
  type Relationship,
} from './model.ts';
import type { InvitationOutcome, PageRequest, PageResult, PartnersDeps } from './partners.ports.ts';
import { requireCustomerAdmin, requirePartnerRight } from './partner-access.ts';
import { audited, metOrNull, subjectOf, type AuditTrail } from '../audit/audited.ts';
import { PartnerErrors } from './partners.errors.ts';
import { validateScope, type ScopeInput } from './scope.ts';
import {
  toCustomerInvitation,
  toCustomerSummary,
  toInboxItem,
  type CustomerInvitationView,
  type CustomerSummaryView,
  type InboxItemView,
} from './partners.views.ts';

const DAY_MS = 86_400_000;

export interface CreateInvitationInput {
  partnerDomain: string;
  expiresInDays: number;
  changeControl: ChangeControlMode;
  scope: ScopeInput;
  /** The customer admin agreed to the partner terms; anything else is refused. */
  agreeToTerms: true;
}

const invitationSubject = subjectOf('PartnerInvitation');

/**
 * Tells the invitation's watchers (the Teams cards) about a change already written (with its
 * audit records), before the decision is reported: the loser of a race renders the winner's card
 * state. It never fails the use case: a watcher that throws (the port says it must not) cannot
 * turn an applied change into a failure.
 */
async function tell(event: () => Promise<void> | undefined): Promise<void> {
  try {
    await event();
  } catch {
    // The change stands whatever a watcher does.
  }
}

/** Customer: invite a partner by one of its verified domains. */
export async function createInvitation(
  caller: Caller,
  input: CreateInvitationInput,
  deps: PartnersDeps
): Promise<CustomerInvitationView> {
  const id = deps.newId();
  return audited(deps.audit, caller, invitationSubject(id, 'Create'), async (trail) => {
    requireCustomerAdmin(caller, 'can invite a partner');
    if (input.agreeToTerms !== true) {
      const message = 'Agree to the partner terms to send an invitation.';
      throw invalid(ErrorCodes.REQUEST_INVALID, message);
    }
    const days = input.expiresInDays;
    if (!Number.isInteger(days) || days < MIN_EXPIRY_DAYS || days > MAX_EXPIRY_DAYS) {
      throw invalid(
        PartnerErrors.INVITATION_EXPIRY_INVALID,
        `An invitation expires after ${MIN_EXPIRY_DAYS} to ${MAX_EXPIRY_DAYS} days.`
      );
    }
    const domain = input.partnerDomain.trim().toLowerCase();
    const [tenant, partner] = await Promise.all([
      deps.tenants.get(caller.tenantId),
      deps.registry.getByDomain(domain),
    ]);
    // A partner cannot manage its own rooms through the product (PRODUCT.md §4.8).
    if (partner?.tenantId === caller.tenantId || tenant?.domains.includes(domain)) {
      throw invalid(PartnerErrors.INVITATION_SELF, 'Your organisation cannot invite itself.');
    }
    if (!partner) {
      throw invalid(
        PartnerErrors.INVITATION_PARTNER_NOT_ELIGIBLE,
        `No eligible partner uses the domain ${domain}. ` +
          'Check the spelling, or ask the partner to confirm its domain.',
        { partnerDomain: domain }
      );
    }
    const scope = await validateScope(
      deps.rooms,
      caller.tenantId,
      input.scope,
      PartnerErrors.INVITATION_SCOPE_INVALID
    );
    const now = deps.now();
    const creator = await deps.directory.getUser(caller.tenantId, caller.userId);
    const rel: Relationship = {
      id,
      customerTenantId: caller.tenantId,
      customerName: tenant?.displayName ?? caller.tenantId,
      customerDomain: tenant?.domains[0] ?? '',
      partnerTenantId: partner.tenantId,
      partnerName: partner.displayName,
      partnerDomain: domain,
      state: 'pending',
      expiresAt: new Date(now.getTime() + days * DAY_MS),
      changeControl: input.changeControl,
      scope,
      termsAcceptedAt: now,
      createdBy: caller.userId,
      createdByName: creator?.displayName ?? caller.principal.name ?? caller.userId,
      createdAt: now,
      primaryAdmins: [],
    };
    // An expired invitation no longer blocks a new one; the unique (customer, partner) index
    // turns every other existing document, and any concurrent create, into a conflict. The
    // invitation and its audit records (the partner's log included) are one write.
    const inserted = await trail.commit(
      (audit) => metOrNull(deps.relationships.insertPending(rel, audit)),
      { alsoIn: [partner.tenantId] }
    );
    if (!inserted) {
      const existing = await deps.relationships.findByPair(caller.tenantId, partner.tenantId);
      if (existing?.state === 'active') {
        const message = `${partner.displayName} is already your partner.`;
        throw conflict(PartnerErrors.RELATIONSHIP_ALREADY_ACTIVE, message);
      }
      throw conflict(
        PartnerErrors.INVITATION_ALREADY_PENDING,
        `An invitation to ${partner.displayName} is already pending. ` +
          'Withdraw it first to send a new one.'
      );
    }
    await tell(() => deps.events?.created(rel));
    return toCustomerInvitation(rel, now);
  });
}

/** Customer: its pending invitations, expired ones flagged. */
export async function listCustomerInvitations(
  caller: Caller,
  page: PageRequest,
  deps: PartnersDeps
): Promise<PageResult<CustomerInvitationView>> {
  requireCustomerAdmin(caller, 'can see partner invitations');
  const r = await deps.relationships.listPendingForCustomer(caller.tenantId, page);
  const now = deps.now();
  return { ...r, items: r.items.map((x) => toCustomerInvitation(x, now)) };
}

/** Customer: withdraw a pending (or expired) invitation. */
export async function withdrawInvitation(
  caller: Caller,
  id: string,
  deps: PartnersDeps
): Promise<void> {
  return audited(deps.audit, caller, invitationSubject(id, 'Delete'), async (trail) => {
    requireCustomerAdmin(caller, 'can withdraw a partner invitation');
    // The partner keeps a receipt naming this customer (written with the delete and the audit
    // records), so later decisions on the withdrawn invitation still reach this customer's log.
    const pending = await deps.relationships.findForCustomer(id, caller.tenantId);
    if (pending?.state === 'pending') {
      const { partnerTenantId } = pending;
      const receipt = {
        id: deps.newId(),
        partnerTenantId,
        invitationId: id,
        customerTenantId: caller.tenantId,
        at: deps.now(),
        withdrawn: true as const,
      };
      const { relationships } = deps;
      const withdrawn = await trail.commit(
        (audit) => metOrNull(relationships.withdraw(id, caller.tenantId, receipt, audit)),
        { alsoIn: [partnerTenantId] }
      );
      if (withdrawn) {
        await tell(() => deps.events?.decided(pending, decidedBy(caller, 'withdrawn', deps)));
        return;
      }
    }
    const current = await deps.relationships.findForCustomer(id, caller.tenantId);
    if (current) {
      trail.alsoIn(current.partnerTenantId);
      const message = 'The partner already accepted this invitation.';
      throw conflict(PartnerErrors.INVITATION_ALREADY_DECIDED, message);
    }
    throw notFound(PartnerErrors.INVITATION_NOT_FOUND, 'No such invitation.');
  });
}

/** GA, TRPM and tenant managers of an eligible partner handle its invitations (the engine's). */
async function requireInvitationHandler(caller: Caller, deps: PartnersDeps): Promise<void> {
  await requirePartnerRight(
    caller,
    deps,
    'partner.invitations.decide',
    'Only Global admins, Teams Rooms Pro Managers and tenant managers handle invitations.'
  );
}

/** Partner: the inbox of pending invitations addressed to the caller's organisation. */
export async function listInbox(
  caller: Caller,
  page: PageRequest,
  deps: PartnersDeps
): Promise<PageResult<InboxItemView>> {
  await requireInvitationHandler(caller, deps);
  const r = await deps.relationships.listPendingForPartner(caller.tenantId, page);
  const now = deps.now();
  return { ...r, items: r.items.map((x) => toInboxItem(x, now)) };
}

/**
 * Why a decision on invitation `id` cannot be made now. Only invitations addressed to the
 * caller's tenant are ever looked at, so another partner's invitation is indistinguishable from
 * one that never existed.
 */
async function undecidableError(
  deps: PartnersDeps,
  id: string,
  partnerTenantId: string,
  current: Relationship | null,
  expiredIsGone: boolean
): Promise<DomainError> {
  if (!current) {
    return (await deps.relationships.hasDeclineReceipt(partnerTenantId, id))
      ? conflict(PartnerErrors.INVITATION_ALREADY_DECIDED, 'This invitation was already declined.')
      : notFound(PartnerErrors.INVITATION_NOT_FOUND, 'No such invitation.');
  }
  if (expiredIsGone && isExpired(current, deps.now())) {
    const message = 'This invitation has expired. Ask the customer to invite you again.';
    return gone(PartnerErrors.INVITATION_EXPIRED, message);
  }
  const message = 'This invitation was already accepted.';
  return conflict(PartnerErrors.INVITATION_ALREADY_DECIDED, message);
}

/**
 * A refused decision must reach the customer's log too (PRODUCT.md §4.11), even when it was
 * refused before the invitation was read (a technician, an unknown Primary admin) or after a
 * decline or a withdrawal deleted it. The customer is looked up among invitations addressed to
 * the caller's own tenant only, then among its receipts; nothing of it reaches the answer.
 */
async function traceCustomer(
  deps: PartnersDeps,
  id: string,
  partnerTenantId: string,
  trail: AuditTrail
): Promise<void> {
  try {
    const current = await deps.relationships.findForPartner(id, partnerTenantId);
    const customer =
      current?.customerTenantId ??
      (await deps.relationships.removedInvitationCustomer(partnerTenantId, id));
    if (customer) trail.alsoIn(customer);
  } catch {
    // The lookup only widens the audit; its failure must not replace the refusal being reported
    // (which is still recorded in the caller's log).
  }
}

/**
 * A decision of the invitation's partner (accept: 'Update', decline: 'Delete'), audited and
 * refused to anyone who does not handle invitations; when it fails, the invitation's customer is
 * named for the audit first.
 */
function deciding<T>(
  caller: Caller,
  id: string,
  operation: 'Update' | 'Delete',
  deps: PartnersDeps,
  work: (trail: AuditTrail) => Promise<T>
): Promise<T> {
  return audited(deps.audit, caller, invitationSubject(id, operation), async (trail) => {
    try {
      await requireInvitationHandler(caller, deps);
      return await work(trail);
    } catch (e) {
      await traceCustomer(deps, id, caller.tenantId, trail);
      throw e;
    }
  });
}

/** Partner: accept, naming at least one Primary admin of the partner's own tenant. */
export function acceptInvitation(
  caller: Caller,
  id: string,
  input: { primaryAdmins: readonly MemberRef[]; fromCard?: string },
  deps: PartnersDeps
): Promise<CustomerSummaryView> {
  return deciding(caller, id, 'Update', deps, async (trail) => {
    const admins = dedupeMembers(input.primaryAdmins);
    if (admins.length === 0) {
      throw invalid(ErrorCodes.REQUEST_INVALID, 'Choose at least one Primary admin.');
    }
    for (const m of admins) await requireMember(deps.directory, caller.tenantId, m);

    const current = await deps.relationships.findForPartner(id, caller.tenantId);
    if (current) trail.alsoIn(current.customerTenantId);
    if (!current || current.state !== 'pending' || isExpired(current, deps.now())) {
      throw await undecidableError(deps, id, caller.tenantId, current, true);
    }
    // Partner roles of this pair can only be leftovers of data from before off-boarding was
    // one write; they must not come back to life with this relationship. Only the winner
    // purges, in the write that accepts, so no role of the new relationship can exist yet.
    const { relationships } = deps;
    const accepted = await trail.commit((audit) =>
      relationships.accept(id, caller.tenantId, admins, deps.now(), audit)
    );
    if (!accepted) {
      const latest = await deps.relationships.findForPartner(id, caller.tenantId);
      throw await undecidableError(deps, id, caller.tenantId, latest, true);
    }
    await tell(() =>
      deps.events?.decided(accepted, decidedBy(caller, 'accepted', deps, input.fromCard))
    );
    return toCustomerSummary(accepted, isMember(caller, admins));
  });
}

/**
 * Partner: decline (deletes the invitation; the customer must invite again). `fromCard`: the
 * message of the card copy clicked for it (InvitationOutcome.fromCard).
 */
export function declineInvitation(
  caller: Caller,
  id: string,
  deps: PartnersDeps,
  fromCard?: string
): Promise<void> {
  return deciding(caller, id, 'Delete', deps, async (trail) => {
    const current = await deps.relationships.findForPartner(id, caller.tenantId);
    if (current) trail.alsoIn(current.customerTenantId);
    // Declining an expired invitation is allowed: it just clears the inbox.
    if (!current || current.state !== 'pending') {
      throw await undecidableError(deps, id, caller.tenantId, current, false);
    }
    // The receipt, the delete and the audit records are one write.
    const receipt = {
      id: deps.newId(),
      partnerTenantId: caller.tenantId,
      invitationId: id,
      customerTenantId: current.customerTenantId,
      at: deps.now(),
    };
    const { relationships } = deps;
    const declined = await trail.commit((audit) =>
      metOrNull(relationships.decline(id, caller.tenantId, receipt, audit))
    );
    if (!declined) {
      const latest = await deps.relationships.findForPartner(id, caller.tenantId);
      throw await undecidableError(deps, id, caller.tenantId, latest, false);
    }
    await tell(() => deps.events?.decided(current, decidedBy(caller, 'declined', deps, fromCard)));
  });
}

const decidedBy = (
  caller: Caller,
  kind: InvitationOutcome['kind'],
  deps: PartnersDeps,
  fromCard?: string
): InvitationOutcome => ({
  kind,
  byTenantId: caller.tenantId,
  byUserId: caller.userId,
  at: deps.now(),
  ...(fromCard ? { fromCard } : {}),
});

/** Members without repeats (by id), in the order given. */
export function dedupeMembers(members: readonly MemberRef[]): MemberRef[] {
  const seen = new Set<string>();
  const out: MemberRef[] = [];
  for (const m of members) {
    const id = m.id.toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ type: m.type, id });
  }
  return out;
}
