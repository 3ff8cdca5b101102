/**
 * "1 room", "3 rooms": the number and the word in the plural category the locale's rules choose
 * (Intl.PluralRules; in French 0 and 1 take the singular).
 */
import type { Locale } from './locale.ts';

export function pluralFor(locale: Locale): (n: number, one: string, many: string) => string {
  const rules = new Intl.PluralRules(locale);
  return (n, one, many) => `${n} ${rules.select(n) === 'one' ? one : many}`;
}

/** "1 room", "2 rooms" in English, for the `i18n/en` modules. */
export const plural = pluralFor('en-US');

/** "0 salle", "2 salles" in French, for the `i18n/fr` modules. */
export const pluriel = pluralFor('fr-FR');
