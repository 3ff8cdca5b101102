/**
 * A store that can "die" mid-request, as a kill -9 would stop the process: after a given number of
 * writes every further write throws and changes nothing. Reads go on, so a test reads back what
 * the request left. A `writeBatch` is one write, as it is one journal record; the writes of the
 * collections (insertOne, updateMany, bulkWrite...) count one each.
 */
import type { DocCollection, BaseDoc, Store } from '../../src/store/types.ts';

const WRITES = new Set([
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
  'bulkWrite',
]);

export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash: the process died before this write');
  }
}

export interface CrashingStore extends Store {
  /** From now on, `writes` more writes succeed, then every write throws SimulatedCrash. */
  crashAfter(writes: number): void;
  /** Writes work again (the process "restarted"). */
  recover(): void;
  /** The writes attempted since the last crashAfter/recover (the crashed ones included). */
  readonly attempted: number;
}

export function crashingStore(inner: Store): CrashingStore {
  let budget = Infinity;
  let attempted = 0;
  const write = <T>(run: () => Promise<T>): Promise<T> => {
    attempted++;
    if (budget <= 0) return Promise.reject(new SimulatedCrash());
    budget--;
    return run();
  };
  const collection = <T extends BaseDoc>(name: string): DocCollection<T> => {
    const coll = inner.collection<T>(name);
    return new Proxy(coll, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof prop !== 'string' || typeof value !== 'function') return value;
        const bound = (value as (...a: unknown[]) => unknown).bind(target);
        if (!WRITES.has(prop)) return bound;
        return (...args: unknown[]) => write(() => bound(...args) as Promise<unknown>);
      },
    });
  };
  return {
    kind: inner.kind,
    collection,
    writeBatch: (writes) => write(() => inner.writeBatch(writes)),
    dropAll: () => inner.dropAll(),
    close: () => inner.close(),
    crashAfter(writes) {
      budget = writes;
      attempted = 0;
    },
    recover() {
      budget = Infinity;
      attempted = 0;
    },
    get attempted() {
      return attempted;
    },
  };
}
