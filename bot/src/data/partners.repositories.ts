/**
 * Store-backed adapters of the partner ports. State changes of relationship documents are single
 * conditional writes (findOneAndUpdate / findOneAndDelete / updateOne with the precondition in
 * the filter), which both the embedded store and MongoDB apply atomically per document.
 */
import type { BaseDoc, BatchWrite, DocCollection, Filter, Store, Update } from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import type { BreakGlassRecord, Relationship, RoomScope } from '../core/partners/model.ts';
import type { RelationshipGrantInput } from '../core/authz/engine.ts';
import type {
  EligiblePartner,
  InvitationReceipt,
  MemberIdentity,
  OnboardPartnerInput,
  PageRequest,
  PageResult,
  PartnerAccessRepository,
  PartnerRegistry,
  RelationshipRepository,
  TenantManagerRepository,
} from '../core/partners/partners.ports.ts';
import { normalizeDomains } from '../core/partners/partner-registry.ts';
import { PartnerErrors } from '../core/partners/partners.errors.ts';
import { conflict } from '../core/errors.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { sideRemovalWrites, type StoreRoleRepository } from './roles.repository.ts';
import type { StoreAssignmentRepository } from './assignments.repository.ts';
import {
  PartnerCollections,
  type DeclineReceiptDoc,
  type PartnerDoc,
  type PartnerDomainDoc,
  type RelationshipDoc,
  type TenantManagerDoc,
} from './partners.collections.ts';
import { findPageOf, sortOn, type SortSpec } from './pagination.ts';
import { StampedCache, frozenDeep } from './stamped-cache.ts';
import { StoreMemberList } from './member-list.ts';
import { writeWithAudit } from './write-with-audit.ts';

const toPartner = (d: PartnerDoc): EligiblePartner => ({
  tenantId: d._id,
  displayName: d.displayName,
  domains: d.domains,
  onboardedAt: d.onboardedAt,
  onboardedBy: d.onboardedBy,
});

export class StorePartnerRegistry implements PartnerRegistry {
  private readonly partners: DocCollection<PartnerDoc>;
  private readonly domains: DocCollection<PartnerDomainDoc>;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date()
  ) {
    this.partners = store.collection<PartnerDoc>(PartnerCollections.partners);
    this.domains = store.collection<PartnerDomainDoc>(PartnerCollections.partnerDomains);
  }

  async get(tenantId: string): Promise<EligiblePartner | null> {
    const d = await this.partners.findOne({ _id: tenantId, tenantId });
    return d && toPartner(d);
  }

  async getByDomain(domain: string): Promise<EligiblePartner | null> {
    // A global lookup by design: the domain is the only thing the inviting customer knows.
    const owner = await this.domains.findOne({ _id: domain.trim().toLowerCase() });
    return owner ? this.get(owner.tenantId) : null;
  }

  async list(): Promise<EligiblePartner[]> {
    const docs = await this.partners.find({}, { sort: { displayName: 1, _id: 1 } }).toArray();
    return docs.map(toPartner);
  }

  async onboard(input: OnboardPartnerInput): Promise<EligiblePartner> {
    const tenantId = input.tenantId.toLowerCase();
    const domains = normalizeDomains(input.domains);
    // Claim the domains first: `_id` uniqueness arbitrates between partners. On a conflict,
    // release exactly what this call claimed, so a failed onboarding leaves nothing behind.
    const claimed: string[] = [];
    try {
      for (const domain of domains) {
        try {
          await this.domains.insertOne({ _id: domain, tenantId });
          claimed.push(domain);
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
          const owner = await this.domains.findOne({ _id: domain });
          if (owner?.tenantId === tenantId) continue; // already ours (re-run)
          const owned = owner?.tenantId ?? 'unknown';
          throw conflict(
            PartnerErrors.DOMAIN_TAKEN,
            `The domain ${domain} already belongs to another partner (tenant ${owned}).`
          );
        }
      }
    } catch (e) {
      if (claimed.length > 0) await this.domains.deleteMany({ tenantId, _id: { $in: claimed } });
      throw e;
    }
    await this.partners.updateOne(
      { _id: tenantId, tenantId },
      {
        $set: { displayName: input.displayName, domains },
        $setOnInsert: { onboardedAt: this.now(), onboardedBy: input.onboardedBy },
      },
      { upsert: true }
    );
    // Re-onboarding with fewer domains releases the dropped ones.
    await this.domains.deleteMany({ tenantId, _id: { $nin: domains } });
    const partner = await this.get(tenantId);
    if (!partner) throw new Error(`partner ${tenantId} vanished while onboarding`);
    return partner;
  }

  async remove(tenantId: string): Promise<boolean> {
    // Eligibility ends with the partner document; its domains are released after (a leftover
    // domain without a partner resolves to nobody and is released by running remove again).
    const partner = await this.partners.deleteOne({ _id: tenantId, tenantId });
    const domains = await this.domains.deleteMany({ tenantId });
    return partner.deletedCount + domains.deletedCount > 0;
  }
}

export class StoreTenantManagerRepository
  extends StoreMemberList<TenantManagerDoc>
  implements TenantManagerRepository
{
  constructor(store: Store, now: () => Date = () => new Date()) {
    super(
      store.collection<TenantManagerDoc>(PartnerCollections.tenantManagers),
      { by: 'addedBy', at: 'addedAt' },
      now
    );
  }
}

const toRelationship = ({ _id, tenantId, ...rest }: RelationshipDoc): Relationship => ({
  ...rest,
  id: _id,
  customerTenantId: tenantId,
});

const toReceiptDoc = (r: InvitationReceipt): DeclineReceiptDoc => ({
  _id: r.id,
  tenantId: r.partnerTenantId,
  invitationId: r.invitationId,
  customerTenantId: r.customerTenantId,
  ...(r.withdrawn ? { withdrawn: r.withdrawn } : {}),
  at: r.at,
});

const toRelationshipDoc = ({ id, customerTenantId, ...rest }: Relationship): RelationshipDoc => ({
  _id: id,
  tenantId: customerTenantId,
  ...rest,
});

/**
 * Relationships where `who` is a Primary admin, directly or through one of their groups. Every
 * writer stores a Primary admin as exactly `{ type, id }`, in that order (accept, add and restore
 * below, the demo seed), so whole-element equality is the same test as `$elemMatch` on both
 * fields, on MongoDB as in the embedded store, where it is a plain `$in` instead of a mingo query
 * compiled for every request (bot/test/data/primary-admin-list.test.ts
 * writes through each of them).
 */
const primaryAdminFilter = (who: MemberIdentity) => ({
  primaryAdmins: {
    $in: [{ type: 'user', id: who.userId }, ...who.groupIds.map((id) => ({ type: 'group', id }))],
  },
});

/** The relationship fields authorization reads; `tenantId` is the customer (the owner). */
export type RelationshipGrantDoc = Pick<
  RelationshipDoc,
  '_id' | 'tenantId' | 'partnerTenantId' | 'state' | 'scope' | 'primaryAdmins'
> & { primaryAdminsRoleDeleted?: boolean };

const RELATIONSHIP_GRANT_FIELDS = {
  tenantId: 1,
  partnerTenantId: 1,
  state: 1,
  scope: 1,
  primaryAdmins: 1,
  primaryAdminsRoleDeleted: 1,
} as const;

const toGrantInput = (d: RelationshipGrantDoc): RelationshipGrantInput => ({
  id: d._id,
  customerTenantId: d.tenantId,
  partnerTenantId: d.partnerTenantId,
  state: d.state,
  scope: d.scope,
  primaryAdmins: d.primaryAdmins,
  primaryAdminsRoleDeleted: d.primaryAdminsRoleDeleted,
});

const NEWEST_FIRST = sortOn('createdAt', -1);
const BY_CUSTOMER_NAME = sortOn('customerName');

/** Pages of partners' Tenants lists remembered (until the relationships collection is written). */
export const TENANTS_LIST_CACHE_SIZE = 10_000;
const RELATIONSHIP_SOURCES = [PartnerCollections.relationships];

/** Whether a conditional change matched (if not, it wrote nothing). */
const found = async (changed: Promise<Relationship | null>) => (await changed) !== null;

export class StoreRelationshipRepository implements RelationshipRepository {
  private readonly coll: DocCollection<RelationshipDoc>;
  private readonly receipts: DocCollection<DeclineReceiptDoc>;
  /**
   * The Tenants list (every partner-side page opens with it), kept per partner, Primary admin
   * and page until any write to the relationships collection, so a removed customer, a narrowed
   * scope or a Primary admin taken off is on the very next page. Made on first use: grants
   * loading builds short-lived repositories that never list.
   */
  private tenantsLists?: StampedCache<PageResult<Relationship>>;

  constructor(
    private readonly store: Store,
    private readonly tenantsListCacheSize = TENANTS_LIST_CACHE_SIZE
  ) {
    this.coll = store.collection<RelationshipDoc>(PartnerCollections.relationships);
    this.receipts = store.collection<DeclineReceiptDoc>(PartnerCollections.declineReceipts);
  }

  private page(
    filter: Filter<RelationshipDoc>,
    sort: SortSpec,
    page: PageRequest
  ): Promise<PageResult<Relationship>> {
    return findPageOf(this.coll, filter, sort, page, toRelationship);
  }

  /**
   * The partner's active relationships, as authorization reads them: those naming one of
   * `memberIds` Primary admin (`primaryAdminIds`), or those of the customers given; optionally in
   * one customer only.
   */
  async grantInputs(
    partnerTenantId: string,
    where: { primaryAdminIds: readonly string[] } | { customerTenantIds: readonly string[] },
    customerTenantId?: string
  ): Promise<RelationshipGrantInput[]> {
    const filter =
      'primaryAdminIds' in where
        ? {
            partnerTenantId,
            state: 'active',
            'primaryAdmins.id': { $in: [...where.primaryAdminIds] },
            ...(customerTenantId === undefined ? {} : { tenantId: customerTenantId }),
          }
        : { tenantId: { $in: [...where.customerTenantIds] }, partnerTenantId, state: 'active' };
    const docs = await this.coll
      .find(filter as Filter<RelationshipDoc>, { projection: RELATIONSHIP_GRANT_FIELDS })
      .toArray();
    return docs.map(toGrantInput);
  }

  private pair(customerTenantId: string, partnerTenantId: string) {
    return { tenantId: customerTenantId, partnerTenantId };
  }

  /**
   * The pair's expired pending invitation (replaced), the new one and the audit records in one
   * write; false (nothing written) when the pair has another document.
   */
  async insertPending(rel: Relationship, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const expired = { state: 'pending', expiresAt: { $lte: rel.createdAt } };
    try {
      await writeWithAudit(
        this.store,
        [
          {
            collection: this.coll.collectionName,
            deleteMany: {
              filter: { ...this.pair(rel.customerTenantId, rel.partnerTenantId), ...expired },
            },
          },
          { collection: this.coll.collectionName, insertOne: { document: toRelationshipDoc(rel) } },
        ],
        audit
      );
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  async findByPair(
    customerTenantId: string,
    partnerTenantId: string
  ): Promise<Relationship | null> {
    const d = await this.coll.findOne(this.pair(customerTenantId, partnerTenantId));
    return d && toRelationship(d);
  }

  async findForPartner(id: string, partnerTenantId: string): Promise<Relationship | null> {
    const d = await this.coll.findOne({ _id: id, partnerTenantId });
    return d && toRelationship(d);
  }

  async findForCustomer(id: string, customerTenantId: string): Promise<Relationship | null> {
    const d = await this.coll.findOne({ _id: id, tenantId: customerTenantId });
    return d && toRelationship(d);
  }

  listPendingForCustomer(customerTenantId: string, page: PageRequest) {
    return this.page({ tenantId: customerTenantId, state: 'pending' }, NEWEST_FIRST, page);
  }

  listPendingForPartner(partnerTenantId: string, page: PageRequest) {
    return this.page({ partnerTenantId, state: 'pending' }, NEWEST_FIRST, page);
  }

  listActiveForPartner(
    partnerTenantId: string,
    primaryAdmin: MemberIdentity | null,
    page: PageRequest
  ): Promise<PageResult<Relationship>> {
    this.tenantsLists ??= new StampedCache(
      this.store,
      RELATIONSHIP_SOURCES,
      this.tenantsListCacheSize
    );
    // JSON: no two different requests (the cursor is the client's) can share a key.
    const key = JSON.stringify([
      partnerTenantId,
      primaryAdmin && [primaryAdmin.userId, ...primaryAdmin.groupIds],
      page.limit,
      page.cursor ?? null,
    ]);
    return this.tenantsLists.get(key, async () => {
      const filter = {
        partnerTenantId,
        state: 'active',
        ...(primaryAdmin ? primaryAdminFilter(primaryAdmin) : {}),
      } as Filter<RelationshipDoc>;
      return frozenDeep(await this.page(filter, BY_CUSTOMER_NAME, page));
    });
  }

  listActiveForCustomer(customerTenantId: string, page: PageRequest) {
    const filter = { tenantId: customerTenantId, state: 'active' as const };
    return this.page(filter, sortOn('partnerName'), page);
  }

  /**
   * The acceptance (first: it may be unmet), the purge of the pair's leftover partner roles and
   * assignments, and the audit records, in one write.
   */
  async accept(
    id: string,
    partnerTenantId: string,
    primaryAdmins: MemberRef[],
    now: Date,
    audit: readonly AuditRecord[] = []
  ): Promise<Relationship | null> {
    const pending = await this.findForPartner(id, partnerTenantId);
    if (!pending) return null;
    const side = { customerTenantId: pending.customerTenantId, partnerTenantId };
    return this.updateWith(
      { _id: id, ...this.pair(side.customerTenantId, partnerTenantId) },
      { state: 'pending', expiresAt: { $gt: now } },
      {
        $set: {
          state: 'active',
          primaryAdmins: primaryAdmins.map((m) => ({ type: m.type, id: m.id })),
          acceptedAt: now,
        },
      },
      audit,
      await sideRemovalWrites(this.store, side)
    );
  }

  decline(
    id: string,
    partnerTenantId: string,
    receipt: InvitationReceipt,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    return this.removePending({ _id: id, partnerTenantId }, receipt, audit);
  }

  withdraw(
    id: string,
    customerTenantId: string,
    receipt: InvitationReceipt,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    return this.removePending({ _id: id, tenantId: customerTenantId }, receipt, audit);
  }

  /** The pending invitation (first: it may be unmet), its receipt and the audit records. */
  private async removePending(
    filter: Filter<RelationshipDoc>,
    receipt: InvitationReceipt,
    audit: readonly AuditRecord[]
  ): Promise<boolean> {
    const done = await writeWithAudit(
      this.store,
      [
        {
          collection: this.coll.collectionName,
          deleteOne: { filter: { ...filter, state: 'pending' } as Filter<BaseDoc>, required: true },
        },
        {
          collection: this.receipts.collectionName,
          insertOne: { document: toReceiptDoc(receipt) },
        },
      ],
      audit
    );
    return done !== null;
  }

  /**
   * The active relationship (first: it may be unmet), every partner role and assignment of the
   * pair, and the audit records, in one write: a crash keeps all of it or none.
   */
  async endActive(
    customerTenantId: string,
    partnerTenantId: string,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    const pair = this.pair(customerTenantId, partnerTenantId);
    const done = await writeWithAudit(
      this.store,
      [
        {
          collection: this.coll.collectionName,
          deleteOne: { filter: { ...pair, state: 'active' }, required: true },
        },
        ...(await sideRemovalWrites(this.store, { customerTenantId, partnerTenantId })),
      ],
      audit
    );
    return done !== null;
  }

  addPrimaryAdmin(
    customerTenantId: string,
    partnerTenantId: string,
    member: MemberRef,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    return found(
      this.updateWith(
        this.activePair(customerTenantId, partnerTenantId),
        { primaryAdminsRoleDeleted: { $ne: true }, 'primaryAdmins.id': { $ne: member.id } },
        { $push: { primaryAdmins: { type: member.type, id: member.id } } },
        audit
      )
    );
  }

  removePrimaryAdmin(
    customerTenantId: string,
    partnerTenantId: string,
    memberId: string,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    return found(
      this.updateWith(
        this.activePair(customerTenantId, partnerTenantId),
        // "At least two" in the same atomic write: concurrent removals cannot empty the list.
        { 'primaryAdmins.id': memberId, 'primaryAdmins.1': { $exists: true } },
        { $pull: { primaryAdmins: { id: memberId } } },
        audit
      )
    );
  }

  restorePrimaryAdmin(
    customerTenantId: string,
    partnerTenantId: string,
    expected: readonly MemberRef[],
    member: MemberRef,
    record: BreakGlassRecord,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    // Compare-and-set on the exact list found unable to act: a concurrent change (another
    // restore, an addition) makes this write miss instead of acting on a stale judgement.
    return found(
      this.updateWith(
        this.activePair(customerTenantId, partnerTenantId),
        {
          primaryAdminsRoleDeleted: { $ne: true },
          primaryAdmins: { $size: expected.length },
          ...(expected.length > 0
            ? { 'primaryAdmins.id': { $all: expected.map((m) => m.id) } }
            : {}),
        },
        {
          $push: { primaryAdmins: { type: member.type, id: member.id } },
          $set: {
            breakGlass: {
              at: record.at,
              actorId: record.actorId,
              actorName: record.actorName,
              member: { type: record.member.type, id: record.member.id },
              reason: record.reason,
            },
          },
        },
        audit
      )
    );
  }

  deletePrimaryAdminsRole(
    customerTenantId: string,
    partnerTenantId: string,
    audit: readonly AuditRecord[] = []
  ): Promise<boolean> {
    return found(
      this.updateWith(
        this.activePair(customerTenantId, partnerTenantId),
        { primaryAdminsRoleDeleted: { $ne: true } },
        { $set: { primaryAdmins: [], primaryAdminsRoleDeleted: true } },
        audit
      )
    );
  }

  /** The pair's active relationship: every change of one matches on it, and on what it changes. */
  private activePair(customerTenantId: string, partnerTenantId: string) {
    return { ...this.pair(customerTenantId, partnerTenantId), state: 'active' };
  }

  /**
   * Updates the relationship matching `filter` and `precondition` (first: it may be unmet), then
   * `rest` and the audit records, in one write: the relationship as updated, or null (nothing
   * written).
   */
  private async updateWith(
    filter: Record<string, unknown>,
    precondition: Record<string, unknown>,
    update: Update<RelationshipDoc>,
    audit: readonly AuditRecord[],
    rest: BatchWrite[] = []
  ): Promise<Relationship | null> {
    const change: BatchWrite = {
      collection: this.coll.collectionName,
      findOneAndUpdate: {
        filter: { ...filter, ...precondition } as Filter<BaseDoc>,
        update: update as Update<BaseDoc>,
        returnDocument: 'after',
        required: true,
      },
    };
    const results = await writeWithAudit(this.store, [change, ...rest], audit);
    const d = results && (results[0] as { document: RelationshipDoc | null }).document;
    return d && toRelationship(d);
  }

  setScope(
    customerTenantId: string,
    partnerTenantId: string,
    scope: RoomScope,
    audit: readonly AuditRecord[] = []
  ): Promise<Relationship | null> {
    const active = this.activePair(customerTenantId, partnerTenantId);
    return this.updateWith(active, {}, { $set: { scope } }, audit);
  }

  async hasDeclineReceipt(partnerTenantId: string, invitationId: string): Promise<boolean> {
    const filter = { tenantId: partnerTenantId, invitationId, withdrawn: { $ne: true } };
    return (await this.receipts.countDocuments(filter, { limit: 1 })) > 0;
  }

  async removedInvitationCustomer(
    partnerTenantId: string,
    invitationId: string
  ): Promise<string | null> {
    const d = await this.receipts.findOne({ tenantId: partnerTenantId, invitationId });
    return typeof d?.customerTenantId === 'string' ? d.customerTenantId : null;
  }
}

/**
 * A customer's partner roles and assignments, over the one repository of each collection: the
 * customer's view and revocation of what its partners hold.
 */
export function partnerAccessOver(
  roles: StoreRoleRepository,
  assignments: StoreAssignmentRepository
): PartnerAccessRepository {
  const side = (customerTenantId: string, partnerTenantId: string) => ({
    customerTenantId,
    partnerTenantId,
  });
  return {
    listRoles: (customerTenantId, partnerTenantIds) =>
      roles.listOfPartners(customerTenantId, partnerTenantIds),
    listAssignments: (customerTenantId, partnerTenantIds) =>
      assignments.listOfPartners(customerTenantId, partnerTenantIds),
    async deleteRole(customerTenantId, partnerTenantId, roleId, audit) {
      // The role's assignments go with it; even if the role itself was already gone (clean-up,
      // recorded like the delete: it revokes access).
      const pair = side(customerTenantId, partnerTenantId);
      return (
        (await roles.delete(pair, roleId, audit)) || assignments.deleteForRole(pair, roleId, audit)
      );
    },
    deleteAssignment: (customerTenantId, partnerTenantId, assignmentId, audit) =>
      assignments.delete(side(customerTenantId, partnerTenantId), assignmentId, audit),
  };
}
