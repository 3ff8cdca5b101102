/** The indexes of some collections, declared beside them and created when the store opens. */
import type { IndexKeys, IndexOptions } from '../store/types.ts';

export interface IndexSpec {
  keys: IndexKeys;
  options?: IndexOptions;
}

export type IndexPlan = Record<string, IndexSpec[]>;

/** One collection of a feature: its name and its indexes (none: it is read by `_id` only). */
export interface CollectionDeclaration {
  name: string;
  indexes?: IndexSpec[];
}

/**
 * A feature's collections, each declared once with its indexes. Gives the names the repositories
 * open (by key, as the literal names) and the feature's index plan (listed in indexes.ts).
 */
export function declareCollections<const D extends Record<string, CollectionDeclaration>>(
  declarations: D
): { names: { readonly [K in keyof D]: D[K]['name'] }; indexes: IndexPlan } {
  const names: Record<string, string> = {};
  const indexes: IndexPlan = {};
  for (const [key, { name, indexes: specs }] of Object.entries(declarations)) {
    names[key] = name;
    if (specs?.length) indexes[name] = specs;
  }
  return { names: names as { readonly [K in keyof D]: D[K]['name'] }, indexes };
}

/** Documents deleted `seconds` after the date in `field` (MongoDB's TTL indexes are single-field). */
export const expiresAfter = (field: string, seconds: number): IndexSpec => ({
  keys: { [field]: 1 },
  options: { expireAfterSeconds: seconds },
});
