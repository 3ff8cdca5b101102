/** Document shapes, collection names and indexes of the partner feature. */
import type { BaseDoc } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import type { Relationship } from '../core/partners/model.ts';
import { declareCollections, expiresAfter } from './index-plan.ts';

/** An eligible partner; `_id` and `tenantId` are both the partner's tenant id. */
export interface PartnerDoc extends BaseDoc {
  displayName: string;
  domains: string[];
  onboardedAt: Date;
  onboardedBy: string;
}

/**
 * A claimed partner domain: `_id` is the lower-cased domain, so the store's `_id` uniqueness is
 * what guarantees a domain maps to at most one partner, without a cross-tenant unique index.
 */
export type PartnerDomainDoc = BaseDoc;

export interface TenantManagerDoc extends BaseDoc {
  member: MemberRef;
  addedBy: string;
  addedAt: Date;
}

/** An invitation / relationship: `tenantId` is the customer (its owner), `_id` its id. */
export type RelationshipDoc = BaseDoc & Omit<Relationship, 'id' | 'customerTenantId'>;

/**
 * Proof that an invitation was declined, or (`withdrawn`) withdrawn by its customer; either way
 * its document is gone. `tenantId` is the partner. It names the invitation's customer (absent on
 * receipts written before it was kept), so attempts on the removed invitation are recorded in the
 * customer's log too. Only decline receipts turn a late decision into "already decided".
 */
export interface DeclineReceiptDoc extends BaseDoc {
  invitationId: string;
  customerTenantId?: string;
  withdrawn?: boolean;
  at: Date;
}

/** Receipts outlive the longest possible invitation; after that "not found" is honest. */
export const DECLINE_RECEIPT_SECONDS = 31 * 24 * 3600;

export const { names: PartnerCollections, indexes: partnerIndexes } = declareCollections({
  // `_id` is the partner's tenant id.
  partners: { name: 'partners' },
  partnerDomains: { name: 'partnerDomains', indexes: [{ keys: { tenantId: 1 } }] },
  tenantManagers: {
    name: 'tenantManagers',
    indexes: [{ keys: { tenantId: 1, 'member.id': 1 }, options: { unique: true } }],
  },
  relationships: {
    name: 'relationships',
    indexes: [
      // One document per (customer, partner): a second invitation, or an invitation while a
      // relationship is active, fails on this index however many requests race.
      { keys: { tenantId: 1, partnerTenantId: 1 }, options: { unique: true } },
      // The one deliberate exception to "every index starts with tenantId": a relationship
      // belongs to two tenants and is stored once, in the customer's partition; the partner's
      // inbox and Tenants list read it by partnerTenantId, and every such query filters on it.
      { keys: { partnerTenantId: 1, state: 1 } },
      // The same exception for authorization (data/authz.grants.ts): a partner user's grants
      // start from "which customers name me a Primary admin?"; customer-first indexes serve the
      // rest.
      { keys: { partnerTenantId: 1, state: 1, 'primaryAdmins.id': 1 } },
    ],
  },
  declineReceipts: {
    name: 'invitationDeclineReceipts',
    indexes: [
      { keys: { tenantId: 1, invitationId: 1 } },
      expiresAfter('at', DECLINE_RECEIPT_SECONDS),
    ],
  },
});
