/**
 * Change control over the Store (issue #15): the customer's controls per relationship, change
 * requests and elevations. All three live in the customer's partition (`tenantId` = the customer);
 * every transition is one conditional write, so concurrent deciders get one outcome, and every
 * write carries its audit records in the same batch.
 */
import {
  isDuplicateKeyError,
  type BaseDoc,
  type DocCollection,
  type FindOptions,
  type Store,
} from '../store/types.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import type {
  ChangeControlRecord,
  ChangeControlRepository,
  RecordFilter,
  RecordStore,
  TransitionCondition,
} from '../core/change-control/change-control.ports.ts';
import type { ChangeRequest, Elevation, StoredControls } from '../core/change-control/model.ts';
import type { IndexPlan } from './index-plan.ts';
import { auditWrites } from './foundation.repositories.ts';

export const ChangeControlCollections = {
  controls: 'partnerControls',
  requests: 'changeRequests',
  elevations: 'elevations',
} as const;

/** `_id` = the relationship id. */
export type ControlsDoc = BaseDoc & Omit<StoredControls, 'relationshipId'>;
export type ChangeRequestDoc = BaseDoc & Omit<ChangeRequest, 'id'>;
export type ElevationDoc = BaseDoc & Omit<Elevation, 'id'>;

export const changeControlIndexes: IndexPlan = {
  [ChangeControlCollections.controls]: [{ keys: { tenantId: 1, partnerTenantId: 1 } }],
  [ChangeControlCollections.requests]: [
    { keys: { tenantId: 1, requestedAt: -1 } },
    { keys: { tenantId: 1, partnerTenantId: 1, requestedAt: -1 } },
    // The exception to "indexes start with tenantId": the expiry sweep serves every tenant.
    { keys: { status: 1, expiresAt: 1 } },
  ],
  [ChangeControlCollections.elevations]: [
    { keys: { tenantId: 1, partnerTenantId: 1, 'requestedBy.userId': 1 } },
    { keys: { tenantId: 1, requestedAt: -1 } },
    // As above: the expiry sweep.
    { keys: { status: 1, expiresAt: 1 } },
  ],
};

const toControls = ({ _id, ...d }: ControlsDoc): StoredControls => ({ relationshipId: _id, ...d });

/** What must still hold for a transition, as a filter. */
const preconditionOf = (c: TransitionCondition): Record<string, unknown> => ({
  ...(c.unexpiredAt ? { expiresAt: { $gt: c.unexpiredAt } } : {}),
  ...(c.runningAt ? { endsAt: { $gt: c.runningAt } } : {}),
  ...(c.version !== undefined ? { version: c.version } : {}),
});

/** Change requests and elevations alike (see RecordStore): one collection each. */
class StoreRecords<T extends ChangeControlRecord> implements RecordStore<T> {
  private readonly coll: DocCollection<BaseDoc & Omit<T, 'id'>>;
  constructor(
    private readonly store: Store,
    name: string
  ) {
    this.coll = store.collection(name);
  }

  private static from<T>({ _id, tenantId: _t, ...rest }: BaseDoc): T {
    return { id: _id, ...rest } as T;
  }

  private async find(filter: Record<string, unknown>, options: FindOptions): Promise<T[]> {
    const docs = await this.coll.find(filter as never, options).toArray();
    return docs.map((d) => StoreRecords.from<T>(d));
  }

  async insert(r: T, audit: readonly AuditRecord[] = []): Promise<void> {
    const { id, ...rest } = r;
    const document = { _id: id, tenantId: r.customerTenantId, ...rest };
    await this.store.writeBatch([
      { collection: this.coll.collectionName, insertOne: { document } },
      ...auditWrites(audit),
    ]);
  }

  async get(customerTenantId: string, id: string): Promise<T | null> {
    const d = await this.coll.findOne({ tenantId: customerTenantId, _id: id } as never);
    return d ? StoreRecords.from<T>(d) : null;
  }

  list(customerTenantId: string, filter: RecordFilter<T>, limit: number): Promise<T[]> {
    const { userId, ...rest } = filter;
    const narrowed = present({ ...rest, 'requestedBy.userId': userId });
    const sort = { requestedAt: -1, _id: 1 } as const;
    return this.find({ tenantId: customerTenantId, ...narrowed }, { sort, limit });
  }

  async transition(
    customerTenantId: string,
    id: string,
    from: T['status'],
    set: Partial<T>,
    condition: TransitionCondition = {},
    audit: readonly AuditRecord[] = []
  ): Promise<T | null> {
    const { id: _id, ...fields } = set;
    // The conditional write first: unmet, nothing of the batch is written.
    const results = await this.store.writeBatch([
      {
        collection: this.coll.collectionName,
        findOneAndUpdate: {
          filter: {
            tenantId: customerTenantId,
            _id: id,
            status: from,
            ...preconditionOf(condition),
          },
          update: { $set: fields, $inc: { version: 1 } } as never,
          returnDocument: 'after',
          required: true,
        },
      },
      ...auditWrites(audit),
    ]);
    const d = results && (results[0] as { document: BaseDoc | null }).document;
    return d ? StoreRecords.from<T>(d) : null;
  }

  due(now: Date, limit: number): Promise<T[]> {
    return this.find({ status: 'pending', expiresAt: { $lte: now } }, { limit });
  }

  inStatus(status: T['status'], limit: number): Promise<T[]> {
    return this.find({ status }, { sort: { requestedAt: 1, _id: 1 }, limit });
  }
}

export class StoreChangeControlRepository implements ChangeControlRepository {
  private readonly controls: DocCollection<ControlsDoc>;
  readonly requests: RecordStore<ChangeRequest>;
  readonly elevations: RecordStore<Elevation>;

  constructor(private readonly store: Store) {
    this.controls = store.collection<ControlsDoc>(ChangeControlCollections.controls);
    this.requests = new StoreRecords(store, ChangeControlCollections.requests);
    this.elevations = new StoreRecords(store, ChangeControlCollections.elevations);
  }

  async getControls(customerTenantId: string, relationshipId: string) {
    const d = await this.controls.findOne({ tenantId: customerTenantId, _id: relationshipId });
    return d ? toControls(d) : null;
  }

  async saveControls(
    c: StoredControls,
    expectedVersion: number,
    audit: readonly AuditRecord[] = []
  ) {
    const { relationshipId, ...rest } = c;
    const doc = { ...rest, tenantId: c.customerTenantId };
    const collection = this.controls.collectionName;
    const records = auditWrites(audit);
    if (expectedVersion > 0) {
      const filter = {
        tenantId: c.customerTenantId,
        _id: relationshipId,
        version: expectedVersion,
      };
      const update = { $set: doc } as never;
      const done = await this.store.writeBatch([
        { collection, updateOne: { filter, update, required: true } },
        ...records,
      ]);
      return done !== null;
    }
    // The first save: false when someone saved first; a storage failure is thrown, not a lost race.
    try {
      await this.store.writeBatch([
        { collection, insertOne: { document: { _id: relationshipId, ...doc } } },
        ...records,
      ]);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e) && (await this.getControls(c.customerTenantId, relationshipId)))
        return false;
      throw e;
    }
  }
}

/** The filter's fields that are set (an empty string or undefined narrows nothing). */
const present = (filter: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
