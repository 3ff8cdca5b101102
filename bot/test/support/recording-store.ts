/**
 * A layer around a store that records every write: batches whole, the single-collection writes
 * by collection and method (the write tests watch what a request wrote, and in how many writes).
 */
import type { BatchWrite, Store } from '../../src/store/types.ts';

/** Every write of the store: batches whole, single-collection writes by collection and method. */
export interface Recorded {
  batches: BatchWrite[][];
  single: { collection: string; method: string; args: unknown[] }[];
}

const SINGLE_WRITES = new Set(['insertOne', 'insertMany', 'updateOne', 'updateMany', 'bulkWrite']);

export function recording(store: Store, rec: Recorded): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'writeBatch') {
        return (writes: BatchWrite[]) => {
          rec.batches.push(writes);
          return target.writeBatch(writes);
        };
      }
      if (prop === 'collection') {
        return (name: string) =>
          new Proxy(target.collection(name), {
            get(coll, method) {
              const value = Reflect.get(coll, method, coll) as unknown;
              if (typeof value !== 'function') return value;
              const fn = value as (...a: unknown[]) => unknown;
              if (typeof method !== 'string' || !SINGLE_WRITES.has(method)) return fn.bind(coll);
              return (...args: unknown[]) => {
                rec.single.push({ collection: name, method, args });
                return fn.apply(coll, args);
              };
            },
          });
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
