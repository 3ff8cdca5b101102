/** Chooses the store: the MongoDB driver when a URI is configured, else the embedded store. */
import { openEmbeddedStore, type EmbeddedStoreOptions } from './embedded/index.ts';
import { openMongoStore } from './mongo-store.ts';
import type { Store } from './types.ts';

export interface OpenStoreOptions {
  /** `MONGODB_URI`: when set, the driver is used and `dataDir` is ignored. */
  mongodbUri?: string;
  /** `MONGODB_DB`: the database name with the driver. */
  mongodbDb: string;
  /** `DATA_DIR`: where the embedded store keeps its files. */
  dataDir: string;
  /** Tuning for the embedded store. */
  embedded?: EmbeddedStoreOptions;
}

export function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.mongodbUri) return openMongoStore(options.mongodbUri, options.mongodbDb);
  return openEmbeddedStore(options.dataDir, options.embedded);
}
