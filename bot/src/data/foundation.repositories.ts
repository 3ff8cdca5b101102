/** Store-backed repositories for tenants, Teams Rooms Pro Managers and the audit log. */
import { randomUUID } from 'node:crypto';
import type { BatchWrite, Store } from '../store/types.ts';
import { StampedCache } from './stamped-cache.ts';
import { shareChangesOf } from './change-tracking.ts';
import { StoreMemberList } from './member-list.ts';
import type { Tenant, TenantRepository } from '../core/tenancy/tenant.ts';
import type { RoomsProManagerRepository } from '../core/identity/caller.ts';
import type { AuditEntry, AuditLog, AuditNames, AuditRecord } from '../core/audit/audit.ts';
import {
  Collections,
  type AuditDoc,
  type RoomsProManagerDoc,
  type TenantDoc,
} from './collections.ts';

const TENANT_SOURCES = [Collections.tenants];
// Several instances on one MongoDB database must see each other's tenant changes.
shareChangesOf(...TENANT_SOURCES);

/** Tenants remembered (until the tenants collection is written) by a {@link StoreTenantRepository}. */
export const TENANT_CACHE_SIZE = 10_000;

export class StoreTenantRepository implements TenantRepository {
  private readonly coll;
  /** Read on every /api/me, audit record and card: kept until the collection is written. */
  private readonly cache: StampedCache<Tenant | null>;
  constructor(store: Store, cacheSize = TENANT_CACHE_SIZE) {
    this.coll = store.collection<TenantDoc>(Collections.tenants);
    this.cache = new StampedCache(store, TENANT_SOURCES, cacheSize);
  }
  get(tenantId: string): Promise<Tenant | null> {
    return this.cache.get(tenantId, async () => {
      const t = await this.coll.findOne({ tenantId, _id: tenantId });
      return (
        t &&
        Object.freeze({ id: t._id, displayName: t.displayName, domains: Object.freeze(t.domains) })
      );
    });
  }
}

export class StoreRoomsProManagerRepository
  extends StoreMemberList<RoomsProManagerDoc>
  implements RoomsProManagerRepository
{
  constructor(store: Store) {
    super(
      store.collection<RoomsProManagerDoc>(Collections.roomsProManagers),
      { by: 'assignedBy', at: 'assignedAt' },
      () => new Date()
    );
  }
}

/** `names` answering each distinct question once (one event's records). */
function onceEach(names: AuditNames): AuditNames {
  const asked = new Map<string, Promise<string | undefined>>();
  const ask = (key: string, lookup: () => Promise<string | undefined>) => {
    let answer = asked.get(key);
    if (!answer) asked.set(key, (answer = lookup()));
    return answer;
  };
  return {
    tenantName: (tenantId) => ask(`t:${tenantId}`, () => names.tenantName(tenantId)),
    memberName: (tenantId, id) => ask(`m:${tenantId}:${id}`, () => names.memberName(tenantId, id)),
  };
}

/** An audit record as stored (in the audit collection, by `StoreAuditLog` or with a change). */
export const toAuditDoc = ({ id, ...rest }: AuditRecord): AuditDoc => ({ _id: id, ...rest });

/** Audit records written with a change (AuditTrail.commit hands them over). */
export const auditWrites = (records: readonly AuditRecord[] = []): BatchWrite[] =>
  records.map((r) => ({ collection: Collections.audit, insertOne: { document: toAuditDoc(r) } }));

export class StoreAuditLog implements AuditLog {
  private readonly coll;
  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    /** Names kept in each record at write time (additive: records without them stay valid). */
    private readonly names?: AuditNames
  ) {
    this.coll = store.collection<AuditDoc>(Collections.audit);
  }
  async record(entry: AuditEntry): Promise<void> {
    const [record] = await this.prepare([entry]);
    await this.coll.insertOne(toAuditDoc(record!));
  }

  async prepare(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    // The records of one event (the caller's log, the customer's) name the same actor and
    // object: each name is looked up once for all of them.
    const names = this.names && entries.length > 1 ? onceEach(this.names) : this.names;
    return Promise.all(
      entries.map(async (entry) => {
        const named = names ? await this.withNames(entry, names) : entry;
        return { id: randomUUID(), ...named, at: this.now() };
      })
    );
  }

  /** Adds the names the entry lacks; a lookup that fails never stops the record being written. */
  private async withNames(entry: AuditEntry, names: AuditNames): Promise<AuditEntry> {
    const safely = (lookup: () => Promise<string | undefined>) => lookup().catch(() => undefined);
    const [actorName, actorTenantName, objectName] = await Promise.all([
      entry.actorName ?? safely(() => names.memberName(entry.actorTenantId, entry.actorId)),
      entry.actorTenantName ?? safely(() => names.tenantName(entry.actorTenantId)),
      // The object is often a tenant (an invitation, a relationship) or a member of this one.
      entry.objectName ??
        safely(
          async () =>
            (await names.tenantName(entry.objectId)) ??
            (await names.memberName(entry.tenantId, entry.objectId))
        ),
    ]);
    return {
      ...entry,
      ...(actorName ? { actorName } : {}),
      ...(actorTenantName ? { actorTenantName } : {}),
      ...(objectName ? { objectName } : {}),
    };
  }
}
