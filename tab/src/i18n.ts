/**
 * Every user-visible string of the tab: the shape of the English catalogue (`i18n/messages.ts`), the
 * words in one module per
 * locale and feature (`i18n/en/rooms.ts`, `i18n/fr/rooms.ts`…). The product names follow the
 * product spec (section 6) so the tab, the bot cards and the documentation use the same words.
 */
import { createContext, useContext } from 'react';
import * as en from './i18n/en/index.ts';
import * as fr from './i18n/fr/index.ts';
import type { Catalogue, Locale } from './i18n/messages.ts';

export type { Locale, RosterText } from './i18n/messages.ts';

/** U+202F, the narrow no-break space French puts before `:`, `;`, `!` and `?`. */
export const NARROW_NBSP = '\u202F';

/**
 * French typography on one sentence: a narrow no-break space before `:` `;` `!` `?` when they end
 * a word (so never in "12:30" or "https://"), replacing a plain space if one was typed; the
 * `verbatim` values inside it (data people typed) are left as they are.
 */
export function frenchPunctuation(text: string, verbatim: readonly string[] = []): string {
  const kept = verbatimRanges(text, verbatim);
  return text.replace(
    /(\S)[ \u00A0\u202F]?([:;!?])(?=\s|$)/gu,
    (match: string, before: string, mark: string, offset: number) => {
      const at = offset + match.length - 1;
      return kept.some(([from, to]) => at >= from && at < to)
        ? match
        : `${before}${NARROW_NBSP}${mark}`;
    }
  );
}

/** Where the given values (names, reasons, notes people typed) stand in a sentence built from them. */
function verbatimRanges(text: string, values: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const value of values) {
    if (!value) continue;
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      ranges.push([at, at + value.length]);
    }
  }
  return ranges;
}

/** The same table with every sentence (and every sentence a function builds) set in French typography. */
function withFrenchTypography<T>(value: T): T {
  if (typeof value === 'string') return frenchPunctuation(value) as T;
  if (typeof value === 'function') {
    const build = value as (...args: unknown[]) => unknown;
    // What the caller passes in is data (a reason, a name): it keeps its own punctuation.
    return ((...args: unknown[]) => {
      const built = build(...args);
      const data = args.filter((arg): arg is string => typeof arg === 'string');
      return typeof built === 'string'
        ? frenchPunctuation(built, data)
        : withFrenchTypography(built);
    }) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, withFrenchTypography(entry)])
    ) as T;
  }
  return value;
}

/** One locale's table from its modules (a module missing a message fails the type check). */
const gather = (c: Catalogue) => ({
  ...c.app,
  ...c.common,
  ...c.invitations,
  ...c.tenants,
  ...c.partners,
  ...c.audit,
  ...c.rooms,
  ...c.incidents,
  ...c.rings,
  ...c.reports,
  ...c.settings,
  ...c.roles,
  ...c.control,
});

/** Every user-visible string of one locale, in the shape of the English catalogue. */
export type Strings = ReturnType<typeof gather>;

const enUS = gather(en);
const tables: Record<Locale, Strings> = {
  'en-US': enUS,
  'fr-FR': withFrenchTypography(gather(fr)),
};

/**
 * Picks the first supported locale among the candidates, most preferred first (the Teams locale,
 * then the browser's). Matching is on the language only, so fr-CA and fr get French too.
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (language === 'fr') return 'fr-FR';
    if (language === 'en') return 'en-US';
  }
  return 'en-US';
}

/** `label: value` in the locale's typography (a narrow no-break space before the colon in French). */
export const labelled = (strings: Strings, label: string, value: string): string =>
  `${label}${colon(strings)}${value}`;

/** The separator after a label: `: ` in English, narrow no-break space + `: ` in French. */
export const colon = (strings: Strings): string =>
  strings === tables['fr-FR'] ? `${NARROW_NBSP}: ` : ': ';

/** The string table of a locale. */
export function stringsFor(locale: Locale): Strings {
  return tables[locale];
}

/** Carries the active table down the tree; the provider sits in App. */
export const StringsContext = createContext<Strings>(enUS);

/** The active string table. */
export function useStrings(): Strings {
  return useContext(StringsContext);
}
