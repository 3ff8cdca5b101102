/**
 * A bounded read-through cache whose entries hold until any write to the collections they were
 * read from: each value is kept under the change tracker's stamp taken BEFORE the read (see
 * change-tracking.ts), so a write completing during or after the read makes it stale for the very
 * next call. Values are shared by every caller: keep them immutable (frozen). On an untracked
 * store (or with no room) every call reads.
 */
import type { Store } from '../store/types.ts';
import { changeTrackerOf } from './change-tracking.ts';

export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V }>();

  constructor(
    private readonly store: Store,
    /** The collections the values are read from (one constant list: its stamp is memoised). */
    private readonly collections: readonly string[],
    private readonly maxEntries: number
  ) {}

  /** The value kept for `key` while its collections are unchanged; otherwise `load()`'s. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const tracker = changeTrackerOf(this.store);
    if (!tracker || this.maxEntries <= 0) return load();
    const stamp = await tracker.stamp(this.collections);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = await load();
    this.keep(key, stamp, value);
    return value;
  }

  /**
   * The values of `keys`, in their order: those kept while their collections are unchanged, the
   * others from one `load(missing)` call, which answers one value per key it is given, in order.
   */
  async getMany(
    keys: readonly string[],
    load: (missing: readonly string[]) => Promise<readonly V[]>
  ): Promise<V[]> {
    const tracker = changeTrackerOf(this.store);
    if (!tracker || this.maxEntries <= 0) return [...(await load(keys))];
    const stamp = await tracker.stamp(this.collections);
    const values: V[] = [];
    let missing: number[] | undefined;
    for (let i = 0; i < keys.length; i++) {
      const hit = this.entries.get(keys[i]!);
      if (hit !== undefined && hit.stamp === stamp) {
        values.push(hit.value);
      } else {
        (missing ??= []).push(i);
        values.push(undefined as V);
      }
    }
    if (missing === undefined) return values;
    const loaded = await load(missing.map((i) => keys[i]!));
    for (let j = 0; j < missing.length; j++) {
      const i = missing[j]!;
      values[i] = loaded[j]!;
      this.keep(keys[i]!, stamp, loaded[j]!);
    }
    return values;
  }

  /** Keeps `value` under the stamp taken before it was read, the oldest entry making room. */
  private keep(key: string, stamp: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, value });
  }
}

/**
 * `value` frozen all the way down (plain objects and arrays; a Date's fields cannot be frozen),
 * for values a cache hands to every caller.
 */
export function frozenDeep<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozenDeep(v);
  }
  return value;
}
