/**
 * Write counters per collection, kept by a decorator around the Store, so that caches built from
 * store reads (a caller's grants, their directory facts) know exactly when they may be stale:
 * every write through the store — by any repository, present or future — bumps its collection's
 * counter once the write is done and before it is acknowledged to its caller, so the very next
 * request after a revocation sees a new stamp and reloads.
 *
 * A cache takes the stamp BEFORE it reads and stores its value under that stamp: a write landing
 * during the read bumps the counter, so the value is never used again. The counters are per
 * collection (not per tenant): writes to the collections caches depend on (relationships, roles,
 * assignments, the directory) are rare next to reads, and a coarse counter cannot miss a change.
 *
 * One process owns an embedded store, so its counters live in memory. Several service instances
 * may share a MongoDB database, so there the counters of the collections listed with
 * `shareChangesOf` are also kept in the database (`changeCounters`, one document per collection,
 * `$inc` after each write) and a stamp reads them: one indexed query instead of a reload.
 * Writes that bypass this store (a mongo shell, TTL deletion) are not seen: the collections
 * caches depend on have no TTL index, and nothing else writes them.
 */
import type { BaseDoc, BatchWrite, DocCollection, Store } from '../store/types.ts';

const TRACKER = Symbol('changeTracker');
const WRITES = new Set<PropertyKey>([
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
]);
/** Store-level operations that change documents of any collection. */
const STORE_WRITES = new Set<PropertyKey>(['dropAll', 'sweepExpired']);

/** Where MongoDB keeps the shared counters. */
export const CHANGE_COUNTERS = 'changeCounters';

interface CounterDoc extends BaseDoc {
  n: number;
}

/** Collections whose counters several instances sharing a database must agree on. */
const shared = new Set<string>();

/** Registers collections whose changes other instances must see (the data modules call this). */
export function shareChangesOf(...collections: string[]): void {
  for (const c of collections) shared.add(c);
}

export interface ChangeTracker {
  /**
   * A value that differs from every earlier one once any write to one of `collections` has
   * completed. Take it before reading; a cached value is good while the stamp is unchanged.
   */
  stamp(collections: readonly string[]): Promise<string>;
}

class Tracker implements ChangeTracker {
  private readonly counts = new Map<string, number>();
  /** Bumped by store-wide changes (dropAll, a TTL sweep): every stamp changes. */
  private everything = 0;
  /** Bumped by every write: a local stamp computed at this version is still current. */
  private version = 0;
  /** The last local stamp per list of collections (the caches pass constant lists). */
  private readonly local = new WeakMap<readonly string[], { version: number; stamp: string }>();
  private readonly counters: DocCollection<CounterDoc> | undefined;

  constructor(store: Store) {
    this.counters =
      store.kind === 'mongodb' ? store.collection<CounterDoc>(CHANGE_COUNTERS) : undefined;
  }

  async bump(collection: string): Promise<void> {
    this.counts.set(collection, (this.counts.get(collection) ?? 0) + 1);
    this.version++;
    if (this.counters && shared.has(collection)) {
      await this.counters.updateOne(
        { _id: collection },
        { $inc: { n: 1 }, $setOnInsert: { tenantId: '' } },
        { upsert: true }
      );
    }
  }

  async bumpAll(): Promise<void> {
    this.everything++;
    this.version++;
    if (this.counters) {
      await this.counters.updateMany({}, { $inc: { n: 1 } });
    }
  }

  async stamp(collections: readonly string[]): Promise<string> {
    const local = this.localStamp(collections);
    const remote = this.counters ? collections.filter((c) => shared.has(c)) : [];
    if (remote.length === 0) return local;
    const docs = await this.counters!.find({ _id: { $in: remote } }).toArray();
    const n = new Map(docs.map((d) => [d._id, d.n]));
    return `${local}/${remote.map((c) => n.get(c) ?? 0).join(':')}`;
  }

  /** This process's counters of `collections`, built again only after some write. */
  private localStamp(collections: readonly string[]): string {
    const memo = this.local.get(collections);
    if (memo && memo.version === this.version) return memo.stamp;
    let stamp = `${this.everything}`;
    for (const c of collections) stamp += `:${this.counts.get(c) ?? 0}`;
    this.local.set(collections, { version: this.version, stamp });
    return stamp;
  }
}

/** The tracker of a store returned by {@link trackChanges}; undefined for an untracked store. */
export function changeTrackerOf(store: Store): ChangeTracker | undefined {
  return (store as unknown as { [TRACKER]?: ChangeTracker })[TRACKER];
}

/**
 * The same store, counting writes per collection (idempotent: a tracked store is returned as
 * is). Everything else (kind, close, the embedded store's maintenance calls) passes through.
 */
export function trackChanges<S extends Store>(store: S): S {
  if (changeTrackerOf(store)) return store;
  const tracker = new Tracker(store);
  const handles = new Map<string, DocCollection<BaseDoc>>();
  const wrap = (name: string): DocCollection<BaseDoc> => {
    const inner = store.collection<BaseDoc>(name);
    // Methods are wrapped or bound once per collection, not on every access.
    const methods = new Map<PropertyKey, unknown>();
    return new Proxy(inner, {
      get(target, prop) {
        const known = methods.get(prop);
        if (known !== undefined) return known;
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        const method = value as (...a: unknown[]) => Promise<unknown>;
        const fn = !WRITES.has(prop)
          ? method.bind(target)
          : async (...args: unknown[]) => {
              try {
                return await method.apply(target, args);
              } finally {
                // Also after a failure: a multi-document write may have changed some documents.
                await tracker.bump(name);
              }
            };
        methods.set(prop, fn);
        return fn;
      },
    });
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === TRACKER) return tracker;
      if (prop === 'collection') {
        return (name: string) => {
          let handle = handles.get(name);
          if (!handle) handles.set(name, (handle = wrap(name)));
          return handle;
        };
      }
      if (prop === 'writeBatch') {
        return async (writes: BatchWrite[]) => {
          try {
            return await target.writeBatch(writes);
          } finally {
            for (const c of new Set(writes.map((w) => w.collection))) await tracker.bump(c);
          }
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!STORE_WRITES.has(prop)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          await tracker.bumpAll();
        }
      };
    },
  });
}
