/**
 * Change control over the Store (issue #15): the customer's controls per relationship, change
 * requests and elevations. All three live in the customer's partition (`tenantId` = the customer);
 * every transition is one conditional `findOneAndUpdate`, so concurrent deciders get one outcome.
 */
import type { BaseDoc, DocCollection, Filter, Store } from '../store/types.ts';
import type { ChangeControlRepository } from '../core/change-control/change-control.ports.ts';
import type {
  ChangeRequest,
  ChangeRequestStatus,
  Elevation,
  ElevationStatus,
  StoredControls,
} from '../core/change-control/model.ts';
import type { IndexPlan } from './index-plan.ts';

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
const toRequest = ({ _id, ...d }: ChangeRequestDoc): ChangeRequest => {
  const { tenantId: _t, ...rest } = d;
  return { id: _id, ...rest };
};
const toElevation = ({ _id, ...d }: ElevationDoc): Elevation => {
  const { tenantId: _t, ...rest } = d;
  return { id: _id, ...rest };
};

export class StoreChangeControlRepository implements ChangeControlRepository {
  private readonly controls: DocCollection<ControlsDoc>;
  private readonly requests: DocCollection<ChangeRequestDoc>;
  private readonly elevations: DocCollection<ElevationDoc>;

  constructor(store: Store) {
    this.controls = store.collection<ControlsDoc>(ChangeControlCollections.controls);
    this.requests = store.collection<ChangeRequestDoc>(ChangeControlCollections.requests);
    this.elevations = store.collection<ElevationDoc>(ChangeControlCollections.elevations);
  }

  async getControls(customerTenantId: string, relationshipId: string) {
    const d = await this.controls.findOne({ tenantId: customerTenantId, _id: relationshipId });
    return d ? toControls(d) : null;
  }

  async saveControls(c: StoredControls, expectedVersion: number) {
    const { relationshipId, ...rest } = c;
    const doc = { ...rest, tenantId: c.customerTenantId } as Omit<ControlsDoc, '_id'>;
    if (expectedVersion === 0) {
      try {
        await this.controls.insertOne({ _id: relationshipId, ...doc } as ControlsDoc);
        return true;
      } catch {
        return false; // someone saved first
      }
    }
    const r = await this.controls.findOneAndUpdate(
      { tenantId: c.customerTenantId, _id: relationshipId, version: expectedVersion },
      { $set: doc },
      { returnDocument: 'after' }
    );
    return r !== null;
  }

  async insertRequest(r: ChangeRequest) {
    const { id, ...rest } = r;
    await this.requests.insertOne({
      _id: id,
      tenantId: r.customerTenantId,
      ...rest,
    } as ChangeRequestDoc);
  }

  async getRequest(customerTenantId: string, id: string) {
    const d = await this.requests.findOne({ tenantId: customerTenantId, _id: id });
    return d ? toRequest(d) : null;
  }

  async listRequests(
    customerTenantId: string,
    filter: { partnerTenantId?: string; status?: ChangeRequestStatus },
    limit: number
  ) {
    const q: Filter<ChangeRequestDoc> = { tenantId: customerTenantId };
    if (filter.partnerTenantId) q.partnerTenantId = filter.partnerTenantId;
    if (filter.status) q.status = filter.status;
    const docs = await this.requests
      .find(q, { sort: { requestedAt: -1, _id: 1 }, limit })
      .toArray();
    return docs.map(toRequest);
  }

  async transitionRequest(
    customerTenantId: string,
    id: string,
    from: ChangeRequestStatus,
    set: Partial<ChangeRequest>,
    condition: { unexpiredAt?: Date; version?: number } = {}
  ) {
    const q: Filter<ChangeRequestDoc> = { tenantId: customerTenantId, _id: id, status: from };
    if (condition.unexpiredAt) q.expiresAt = { $gt: condition.unexpiredAt };
    if (condition.version !== undefined) q.version = condition.version;
    const { id: _id, ...fields } = set;
    const d = await this.requests.findOneAndUpdate(
      q,
      { $set: fields as Partial<ChangeRequestDoc>, $inc: { version: 1 } },
      { returnDocument: 'after' }
    );
    return d ? toRequest(d) : null;
  }

  async duePendingRequests(now: Date, limit: number) {
    const docs = await this.requests
      .find({ status: 'pending', expiresAt: { $lte: now } }, { limit })
      .toArray();
    return docs.map(toRequest);
  }

  async applyingRequests(limit: number) {
    const docs = await this.requests
      .find({ status: 'applying' }, { sort: { requestedAt: 1, _id: 1 }, limit })
      .toArray();
    return docs.map(toRequest);
  }

  async insertElevation(e: Elevation) {
    const { id, ...rest } = e;
    await this.elevations.insertOne({
      _id: id,
      tenantId: e.customerTenantId,
      ...rest,
    } as ElevationDoc);
  }

  async getElevation(customerTenantId: string, id: string) {
    const d = await this.elevations.findOne({ tenantId: customerTenantId, _id: id });
    return d ? toElevation(d) : null;
  }

  async listElevations(
    customerTenantId: string,
    filter: { partnerTenantId?: string; userId?: string },
    limit: number
  ) {
    const q: Filter<ElevationDoc> = { tenantId: customerTenantId };
    if (filter.partnerTenantId) q.partnerTenantId = filter.partnerTenantId;
    if (filter.userId) (q as Record<string, unknown>)['requestedBy.userId'] = filter.userId;
    const docs = await this.elevations
      .find(q, { sort: { requestedAt: -1, _id: 1 }, limit })
      .toArray();
    return docs.map(toElevation);
  }

  async transitionElevation(
    customerTenantId: string,
    id: string,
    from: ElevationStatus,
    set: Partial<Elevation>,
    condition: { unexpiredAt?: Date; runningAt?: Date } = {}
  ) {
    const q: Filter<ElevationDoc> = { tenantId: customerTenantId, _id: id, status: from };
    if (condition.unexpiredAt) q.expiresAt = { $gt: condition.unexpiredAt };
    if (condition.runningAt) q.endsAt = { $gt: condition.runningAt };
    const { id: _id, ...fields } = set;
    const d = await this.elevations.findOneAndUpdate(
      q,
      { $set: fields as Partial<ElevationDoc>, $inc: { version: 1 } },
      { returnDocument: 'after' }
    );
    return d ? toElevation(d) : null;
  }

  async duePendingElevations(now: Date, limit: number) {
    const docs = await this.elevations
      .find({ status: 'pending', expiresAt: { $lte: now } }, { limit })
      .toArray();
    return docs.map(toElevation);
  }
}
