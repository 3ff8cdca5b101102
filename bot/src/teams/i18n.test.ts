/** The bot's counted words follow each language's plural rules (Intl.PluralRules). */
import assert from 'node:assert/strict';
import { duration, pluralIn } from './i18n.ts';

describe('Bot wording: plurals', () => {
  it('In French 0 and 1 take the singular, 2 the plural; in English only 1 is singular', () => {
    const fr = pluralIn('fr');
    const en = pluralIn('en');
    assert.deepEqual(
      [0, 1, 2].map((n) => fr(n, 'salle', 'salles')),
      ['0 salle', '1 salle', '2 salles']
    );
    assert.deepEqual(
      [0, 1, 2].map((n) => en(n, 'room', 'rooms')),
      ['0 rooms', '1 room', '2 rooms']
    );
  });

  it('A duration under a minute reads "0 minute" in French and "0 minutes" in English', () => {
    assert.equal(duration(30_000, 'fr'), '0 minute');
    assert.equal(duration(30_000, 'en'), '0 minutes');
    assert.equal(duration(2 * 86_400_000 + 5, 'fr'), '2 jours');
    assert.equal(duration(3_600_000, 'en'), '1 hour');
  });
});
