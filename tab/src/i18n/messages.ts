/**
 * The shape of the tab's messages is the English catalogue's (`i18n/en`, one module per feature):
 * every other locale is typed by it, so a key missing or misspelt in one locale fails the type
 * check. Functions take the values they interpolate. The product names follow the product spec
 * (section 6).
 */
import type * as en from './en/index.ts';

export type { Locale } from './locale.ts';

/** Every module of one locale, as `i18n/<locale>/index.ts` exports them. */
export type Catalogue = typeof en;

/** The messages of one module of a locale (`i18n/<locale>/<module>.ts`). */
export type Module<M extends keyof Catalogue> = Catalogue[M];

/** The words of one member roster (components/MemberRoster.tsx); every roster has its own. */
export interface RosterText {
  tableLabel: string;
  loading: string;
  loadFailed: string;
  empty: string;
  addLabel: string;
  addFailed: string;
  removeFailed: string;
  added: (name: string) => string;
  removed: (name: string) => string;
  removeTitle: (name: string) => string;
  removeBody: (name: string) => string;
}
