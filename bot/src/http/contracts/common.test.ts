import assert from 'node:assert/strict';
import { iso, isoString, wire } from './common.ts';

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

describe('contracts: wire', () => {
  /** What `wire` did before it was written with loops: entries in, entries out. */
  const byEntries = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(byEntries);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byEntries(v)]));
    }
    return value;
  };

  it('When a view is put on the wire, then it is what JSON makes of it, key order and all', () => {
    const inherited = Object.assign(Object.create({ leaked: 'no' }) as object, { own: 1 });
    const view = {
      id: 'x',
      at: new Date(Date.UTC(2026, 11, 5, 7, 8, 9, 10)),
      nothing: null,
      missing: undefined,
      count: 0,
      flags: [true, false],
      nested: { when: [new Date(0), new Date(-1)], deeper: { empty: {}, list: [] } },
      10: 'integer keys first',
      inherited,
      frozen: Object.freeze({ a: Object.freeze([1, 2]) }),
      // A store document may carry any key: this one stays data, never a prototype.
      ...(JSON.parse('{"__proto__": {"polluted": true}}') as object),
    };
    const out = wire(view);
    assert.deepEqual(out, byEntries(view));
    assert.equal(JSON.stringify(out), JSON.stringify(view));
    assert.deepEqual(Object.keys(out), Object.keys(view));
    assert.deepEqual((out as unknown as { inherited: object }).inherited, { own: 1 });
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    assert.equal(
      JSON.stringify(wire(JSON.parse('{"__proto__": {"polluted": true}}'))),
      '{"__proto__":{"polluted":true}}'
    );
  });

  it('When a value is no object, then it is itself; an invalid date throws as toISOString does', () => {
    for (const v of ['s', 1, true, null, undefined]) assert.equal(wire(v), v);
    assert.throws(() => wire({ at: new Date(Number.NaN) }), RangeError);
  });
});
