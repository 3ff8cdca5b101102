/** Store-backed repositories for tenants, Teams Rooms Pro Managers and the audit log. */
import { randomUUID } from 'node:crypto';
import type { BatchWrite, Store } from '../store/types.ts';
import { StampedCache } from './stamped-cache.ts';
import { shareChangesOf } from './change-tracking.ts';
import { StoreMemberList } from './member-list.ts';
import type { Tenant, TenantRepository } from '../core/tenancy/tenant.ts';
import type { TenantDirectory } from '../core/resources/resources.ports.ts';
import type { TenantNames } from '../core/tickets/tickets.ports.ts';
import type { RoomsProManagerRepository } from '../core/identity/caller.ts';
import {
  UNNAMED_OBJECT_TYPES,
  type AuditEntry,
  type AuditLog,
  type AuditNames,
  type AuditRecord,
} from '../core/audit/audit.ts';
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

const toTenant = (t: TenantDoc): Tenant =>
  Object.freeze({ id: t._id, displayName: t.displayName, domains: Object.freeze(t.domains) });

/**
 * The tenants collection's one repository: single tenants (every /api/me, audit record and
 * card), several at once (the Customer dropdown) and their display names (every incidents page),
 * all through one cache kept until the collection is written.
 */
export class StoreTenantRepository implements TenantRepository, TenantDirectory, TenantNames {
  private readonly coll;
  private readonly cache: StampedCache<Tenant | null>;
  constructor(store: Store, cacheSize = TENANT_CACHE_SIZE) {
    this.coll = store.collection<TenantDoc>(Collections.tenants);
    this.cache = new StampedCache(store, TENANT_SOURCES, cacheSize);
  }

  get(tenantId: string): Promise<Tenant | null> {
    return this.cache.get(tenantId, async () => {
      const t = await this.coll.findOne({ tenantId, _id: tenantId });
      return t && toTenant(t);
    });
  }

  /** The tenants among `ids` that exist, in the order of `ids` (once each). */
  async getMany(ids: readonly string[]): Promise<Tenant[]> {
    return (await this.cached([...new Set(ids)])).filter((t): t is Tenant => t !== null);
  }

  /** Every tenant's id (start-up work; not cached). */
  async ids(): Promise<string[]> {
    const docs = await this.coll.find({}, { projection: { tenantId: 1 } }).toArray();
    return docs.map((t) => t.tenantId);
  }

  /** Display names of the given tenants (unknown ids are left out). */
  async names(tenantIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const t of await this.cached(tenantIds)) if (t) names.set(t.id, t.displayName);
    return names;
  }

  /** One value per id, unknown ones null: kept ones from the cache, the others in one read. */
  private cached(ids: readonly string[]): Promise<(Tenant | null)[]> {
    return this.cache.getMany(ids, async (missing) => {
      const unique = [...new Set(missing)];
      const docs = await this.coll
        .find({ tenantId: { $in: unique }, _id: { $in: unique } })
        .toArray();
      const byId = new Map(docs.map((d) => [d._id, toTenant(d)]));
      return missing.map((id) => byId.get(id) ?? null);
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
    private readonly store: Store,
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

  async recordAll(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (entries.length === 1) return this.record(entries[0]!);
    await this.store.writeBatch(auditWrites(await this.prepare(entries)));
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
      // The object is often a tenant (an invitation, a relationship) or a member of this one;
      // never so for an object whose id the hub made (a ticket).
      entry.objectName ??
        (UNNAMED_OBJECT_TYPES.has(entry.objectType)
          ? undefined
          : safely(
              async () =>
                (await names.tenantName(entry.objectId)) ??
                (await names.memberName(entry.tenantId, entry.objectId))
            )),
    ]);
    return {
      ...entry,
      ...(actorName ? { actorName } : {}),
      ...(actorTenantName ? { actorTenantName } : {}),
      ...(objectName ? { objectName } : {}),
    };
  }
}
