/** The update rings collection's repository. */
import type { BatchWrite, DocCollection, Store, UpdateResult } from '../store/types.ts';
import { conflict } from '../core/errors.ts';
import type { UpdateRing } from '../core/resources/resources.model.ts';
import type { UpdateRingRepository } from '../core/resources/resources.ports.ts';
import { ResourceErrors } from '../core/resources/resources.errors.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { auditWrites } from './foundation.repositories.ts';
import { ResourceCollections, type UpdateRingDoc } from './collections.ts';
import { unlessTaken } from './insert-new.ts';
import { insertWith, changedInTenantWith, writeWithAudit } from './write-with-audit.ts';

const toRing = ({ _id, ...d }: UpdateRingDoc): UpdateRing => ({ id: _id, ...d });

const orderTaken = () =>
  conflict(ResourceErrors.RING_ORDER_TAKEN, 'Another ring has this order; choose a free one.');

export class StoreUpdateRingRepository implements UpdateRingRepository {
  private readonly coll: DocCollection<UpdateRingDoc>;
  constructor(private readonly store: Store) {
    this.coll = store.collection<UpdateRingDoc>(ResourceCollections.updateRings);
  }

  async list(tenantId: string) {
    return (await this.coll.find({ tenantId }, { sort: { order: 1, _id: 1 } }).toArray()).map(
      toRing
    );
  }

  async get(tenantId: string, ringId: string) {
    const d = await this.coll.findOne({ tenantId, _id: ringId });
    return d && toRing(d);
  }

  /** The ring and its audit records in one write. */
  async insert(ring: UpdateRing, audit: readonly AuditRecord[] = []) {
    const { id, ...rest } = ring;
    await unlessTaken(insertWith(this.store, this.coll, { _id: id, ...rest }, audit), orderTaken);
  }

  /** The rings and their audit records in one write (a taken order: nothing written). */
  async insertAll(rings: readonly UpdateRing[], audit: readonly AuditRecord[]) {
    const inserts = rings.map(({ id, ...rest }): BatchWrite => ({
      collection: this.coll.collectionName,
      insertOne: { document: { _id: id, ...rest } },
    }));
    await unlessTaken(writeWithAudit(this.store, inserts, audit), orderTaken);
  }

  /** The change and its audit records in one write. */
  async update(
    tenantId: string,
    ringId: string,
    changes: Partial<Pick<UpdateRing, 'displayName' | 'order' | 'deferralDays' | 'description'>>,
    audit: readonly AuditRecord[] = []
  ) {
    const { store, coll } = this;
    return changedInTenantWith(store, coll, tenantId, ringId, changes, audit, toRing, orderTaken);
  }

  /** The ring first (it may be unmet: on a standalone MongoDB nothing follows then). */
  async deleteCustomMovingRooms(
    tenantId: string,
    ringId: string,
    toRingId: string,
    now: Date,
    audit: readonly AuditRecord[]
  ) {
    const results = await this.store.writeBatch([
      {
        collection: this.coll.collectionName,
        deleteOne: { filter: { tenantId, _id: ringId, builtIn: false }, required: true },
      },
      {
        collection: ResourceCollections.rooms,
        updateMany: {
          filter: { tenantId, ringId },
          update: { $set: { ringId: toRingId, updatedAt: now } },
        },
      },
      ...auditWrites(audit),
    ]);
    return results && (results[1] as UpdateResult).modifiedCount;
  }
}
