import assert from 'node:assert/strict';
import { normalizeDomain, normalizeDomains } from './partner-registry.ts';

describe('Partner domains', () => {
  it('When a domain has capitals, spaces or a trailing dot, then it is normalised', () => {
    assert.equal(normalizeDomain(' Fabrikam.Example. '), 'fabrikam.example');
  });

  const bad = [
    'fabrikam',
    '-x.example',
    'x-.example',
    'a..example',
    'with space.example',
    `${'a'.repeat(64)}.example`,
    '{"$gt":""}',
  ];
  for (const d of bad) {
    it(`When the domain is ${JSON.stringify(d)}, then PARTNER.DOMAIN_INVALID`, () => {
      assert.throws(() => normalizeDomain(d), { code: 'PARTNER.DOMAIN_INVALID' });
    });
  }

  it('When domains repeat or are missing, then they are de-duplicated or refused', () => {
    assert.deepEqual(normalizeDomains(['A.example', 'a.example', 'b.example']), [
      'a.example',
      'b.example',
    ]);
    assert.throws(() => normalizeDomains([]), { code: 'PARTNER.NO_DOMAINS' });
  });
});
