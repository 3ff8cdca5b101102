/**
 * Change control over the Store (issue #15): the customer's controls per relationship, change
 * requests and elevations. All three live in the customer's partition (`tenantId` = the customer);
 * every transition is one conditional `findOneAndUpdate`, so concurrent deciders get one outcome.
 */
import type { BaseDoc, DocCollection, FindOptions, Store } from '../store/types.ts';
import type { ChangeControlRepository } from '../core/change-control/change-control.ports.ts';
import type {
  ChangeRequest,
  ChangeRequestStatus,
  Elevation,
  ElevationStatus,
  StoredControls,
} from '../core/change-control/model.ts';
import type { IndexPlan } from './index-plan.ts';
import { insertNew } from './insert-new.ts';

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

/**
 * Change requests and elevations alike: asked in a customer (its partition), listed newest
 * first, moved from status to status by one conditional write that bumps their version.
 */
class RequestCollection<T extends { id: string; customerTenantId: string }> {
  constructor(private readonly coll: DocCollection<BaseDoc & Omit<T, 'id'>>) {}

  private static from<T>({ _id, tenantId: _t, ...rest }: BaseDoc): T {
    return { id: _id, ...rest } as T;
  }

  async insert(r: T): Promise<void> {
    const { id, ...rest } = r;
    await this.coll.insertOne({ _id: id, tenantId: r.customerTenantId, ...rest } as never);
  }

  async get(customerTenantId: string, id: string): Promise<T | null> {
    const d = await this.coll.findOne({ tenantId: customerTenantId, _id: id } as never);
    return d ? RequestCollection.from<T>(d) : null;
  }

  async find(filter: Record<string, unknown>, options: FindOptions): Promise<T[]> {
    const docs = await this.coll.find(filter as never, options).toArray();
    return docs.map((d) => RequestCollection.from<T>(d));
  }

  /** The customer's, newest first: `filter` narrows them, at most `limit`. */
  list(customerTenantId: string, filter: Record<string, unknown>, limit: number): Promise<T[]> {
    const sort = { requestedAt: -1, _id: 1 } as const;
    return this.find({ tenantId: customerTenantId, ...filter }, { sort, limit });
  }

  /** `from` -> the fields of `set`, version + 1, if `precondition` still holds; else null. */
  async transition(
    customerTenantId: string,
    id: string,
    from: string,
    set: Partial<T>,
    precondition: Record<string, unknown>
  ): Promise<T | null> {
    const { id: _id, ...fields } = set;
    const d = await this.coll.findOneAndUpdate(
      { tenantId: customerTenantId, _id: id, status: from, ...precondition } as never,
      { $set: fields, $inc: { version: 1 } } as never,
      { returnDocument: 'after' }
    );
    return d ? RequestCollection.from<T>(d) : null;
  }

  /** Pending ones past their deadline, every tenant (the expiry sweep). */
  due(now: Date, limit: number): Promise<T[]> {
    return this.find({ status: 'pending', expiresAt: { $lte: now } }, { limit });
  }
}

export class StoreChangeControlRepository implements ChangeControlRepository {
  private readonly controls: DocCollection<ControlsDoc>;
  private readonly requests: RequestCollection<ChangeRequest>;
  private readonly elevations: RequestCollection<Elevation>;

  constructor(store: Store) {
    this.controls = store.collection<ControlsDoc>(ChangeControlCollections.controls);
    this.requests = new RequestCollection(
      store.collection<ChangeRequestDoc>(ChangeControlCollections.requests)
    );
    this.elevations = new RequestCollection(
      store.collection<ElevationDoc>(ChangeControlCollections.elevations)
    );
  }

  async getControls(customerTenantId: string, relationshipId: string) {
    const d = await this.controls.findOne({ tenantId: customerTenantId, _id: relationshipId });
    return d ? toControls(d) : null;
  }

  async saveControls(c: StoredControls, expectedVersion: number) {
    const { relationshipId, ...rest } = c;
    const doc = { ...rest, tenantId: c.customerTenantId } as Omit<ControlsDoc, '_id'>;
    // The first save: false when someone saved first; a storage failure is thrown, not a lost race.
    if (expectedVersion === 0) {
      return insertNew(this.controls, { _id: relationshipId, ...doc } as ControlsDoc);
    }
    const r = await this.controls.findOneAndUpdate(
      { tenantId: c.customerTenantId, _id: relationshipId, version: expectedVersion },
      { $set: doc },
      { returnDocument: 'after' }
    );
    return r !== null;
  }

  insertRequest(r: ChangeRequest) {
    return this.requests.insert(r);
  }

  getRequest(customerTenantId: string, id: string) {
    return this.requests.get(customerTenantId, id);
  }

  listRequests(
    customerTenantId: string,
    filter: { partnerTenantId?: string; status?: ChangeRequestStatus },
    limit: number
  ) {
    return this.requests.list(customerTenantId, present(filter), limit);
  }

  transitionRequest(
    customerTenantId: string,
    id: string,
    from: ChangeRequestStatus,
    set: Partial<ChangeRequest>,
    condition: { unexpiredAt?: Date; version?: number } = {}
  ) {
    return this.requests.transition(customerTenantId, id, from, set, {
      ...(condition.unexpiredAt ? { expiresAt: { $gt: condition.unexpiredAt } } : {}),
      ...(condition.version !== undefined ? { version: condition.version } : {}),
    });
  }

  duePendingRequests(now: Date, limit: number) {
    return this.requests.due(now, limit);
  }

  applyingRequests(limit: number) {
    return this.requests.find({ status: 'applying' }, { sort: { requestedAt: 1, _id: 1 }, limit });
  }

  insertElevation(e: Elevation) {
    return this.elevations.insert(e);
  }

  getElevation(customerTenantId: string, id: string) {
    return this.elevations.get(customerTenantId, id);
  }

  listElevations(
    customerTenantId: string,
    filter: { partnerTenantId?: string; userId?: string },
    limit: number
  ) {
    const { userId, ...rest } = filter;
    return this.elevations.list(
      customerTenantId,
      { ...present(rest), ...present({ 'requestedBy.userId': userId }) },
      limit
    );
  }

  transitionElevation(
    customerTenantId: string,
    id: string,
    from: ElevationStatus,
    set: Partial<Elevation>,
    condition: { unexpiredAt?: Date; runningAt?: Date } = {}
  ) {
    return this.elevations.transition(customerTenantId, id, from, set, {
      ...(condition.unexpiredAt ? { expiresAt: { $gt: condition.unexpiredAt } } : {}),
      ...(condition.runningAt ? { endsAt: { $gt: condition.runningAt } } : {}),
    });
  }

  duePendingElevations(now: Date, limit: number) {
    return this.elevations.due(now, limit);
  }
}

/** The filter's fields that are set (an empty string or undefined narrows nothing). */
const present = (filter: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
