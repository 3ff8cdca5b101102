/** The indexes of some collections, declared beside them and created when the store opens. */
import type { IndexKeys, IndexOptions } from '../store/types.ts';

export type IndexPlan = Record<string, { keys: IndexKeys; options?: IndexOptions }[]>;
