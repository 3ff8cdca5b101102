import assert from 'node:assert/strict';
import { iso, isoString } from './common.ts';

describe('contracts: isoString', () => {
  it('When a date is written, then it is exactly what toISOString writes', () => {
    const edges = [
      0,
      -1,
      1,
      951_782_400_000, // 2000-02-29
      951_868_799_999, // 2000-02-29T23:59:59.999Z
      4_107_542_400_000, // 2100-03-01 (not a leap year)
      -62_167_219_200_000, // 0000-01-01
      -62_135_596_800_001, // 0000-12-31T23:59:59.999Z
      -30_610_224_000_000, // 1000-01-01
      -30_610_224_000_001, // 0999-12-31T23:59:59.999Z
      253_402_300_799_999, // 9999-12-31T23:59:59.999Z
      Date.UTC(1969, 11, 31, 23, 59, 59, 7),
      Date.UTC(1900, 1, 28, 12, 0, 0, 50),
    ];
    for (const t of edges) assert.equal(isoString(new Date(t)), new Date(t).toISOString(), `${t}`);
    // A seeded walk over four centuries, at every scale of step.
    let t = Date.UTC(1800, 0, 1);
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      t += (seed % 1_000_000) * (i % 3 === 0 ? 1 : i % 3 === 1 ? 1000 : 60_000);
      const d = new Date(t);
      assert.equal(isoString(d), d.toISOString(), `${t}`);
    }
  });

  it('When a date is outside years 0000-9999 or invalid, then it behaves as toISOString', () => {
    for (const t of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15]) {
      assert.equal(isoString(new Date(t)), new Date(t).toISOString());
    }
    assert.throws(() => isoString(new Date(Number.NaN)), RangeError);
  });

  it('When the date is absent, then iso answers undefined', () => {
    assert.equal(iso(undefined), undefined);
    assert.equal(iso(new Date(0)), '1970-01-01T00:00:00.000Z');
  });
});
