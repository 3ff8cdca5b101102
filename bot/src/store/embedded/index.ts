/** The embedded durable store (no server needed); see embedded-store.ts for the file layout. */
export { openEmbeddedStore, JOURNAL_FILE } from './embedded-store.ts';
export type { EmbeddedStore, EmbeddedStoreOptions } from './embedded-store.ts';
export {
  EmbeddedStoreError,
  DuplicateKeyError,
  EmbeddedUnsupportedError,
  EmbeddedBulkWriteError,
  isUnsupportedError,
} from './errors.ts';
