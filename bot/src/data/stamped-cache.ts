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
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, value });
    return value;
  }
}
