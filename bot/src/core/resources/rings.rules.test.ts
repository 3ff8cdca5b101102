import assert from 'node:assert/strict';
import type { UpdateRing } from './resources.model.ts';
import { checkRing, freeOrders, generalRing, BUILT_IN_RINGS } from './rings.rules.ts';

/** The three built-ins as a tenant gets them, plus one custom ring at order 4. */
const ring = (over: Partial<UpdateRing>): UpdateRing => ({
  id: over.displayName ?? 'r',
  tenantId: 't',
  displayName: 'Custom',
  order: 4,
  builtIn: false,
  deferralDays: 7,
  description: '',
  ...over,
});
const builtIns = BUILT_IN_RINGS.map((r) => ring({ ...r, id: r.key, builtIn: true }));
const pilot = ring({ id: 'pilot', displayName: 'Pilot', order: 4 });
const rings = [...builtIns, pilot];
const staging = builtIns[0]!;
const general = builtIns[1]!;

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('Update ring rules', () => {
  it('When a tenant has the built-ins and one custom ring, then the free orders are the rest of 1–9', () => {
    assert.deepEqual(freeOrders(rings), [2, 3, 5, 6, 7, 8]);
    assert.equal(generalRing(rings)?.id, 'general');
  });

  for (const [what, input, expected] of [
    ['order 0 (Staging’s)', { order: 0 }, 'RING.ORDER_INVALID'],
    ['order 10', { order: 10 }, 'RING.ORDER_INVALID'],
    ['a fractional order', { order: 2.5 }, 'RING.ORDER_INVALID'],
    ['an order General holds', { order: 1 }, 'RING.ORDER_TAKEN'],
    ['an order a custom ring holds', { order: 4 }, 'RING.ORDER_TAKEN'],
    ['61 days of deferral', { order: 5, deferralDays: 61 }, 'RING.DEFERRAL_INVALID'],
    ['negative deferral', { order: 5, deferralDays: -1 }, 'RING.DEFERRAL_INVALID'],
    [
      'the name of a built-in, in other case',
      { displayName: 'general ', order: 5 },
      'RING.NAME_TAKEN',
    ],
    ['a free order, 60 days', { displayName: 'Canary', order: 2, deferralDays: 60 }, undefined],
  ] as const) {
    it(`When a custom ring is created with ${what}, then ${expected ?? 'it is accepted'}`, () => {
      assert.equal(
        code(() => checkRing(input, null, rings)),
        expected
      );
    });
  }

  it('When a built-in ring is renamed, then RING.BUILT_IN; its deferral and description may change', () => {
    assert.equal(
      code(() => checkRing({ displayName: 'Everyone' }, general, rings)),
      'RING.BUILT_IN'
    );
    assert.equal(
      code(() => checkRing({ displayName: 'General', deferralDays: 21 }, general, rings)),
      undefined
    );
  });

  it('When Staging is moved off order 0, then RING.BUILT_IN; General may move to a free order', () => {
    assert.equal(
      code(() => checkRing({ order: 3 }, staging, rings)),
      'RING.BUILT_IN'
    );
    assert.equal(
      code(() => checkRing({ order: 0 }, staging, rings)),
      undefined
    );
    assert.equal(
      code(() => checkRing({ order: 3 }, general, rings)),
      undefined
    );
  });

  it('When a ring keeps its own order or name, then that is no conflict with itself', () => {
    assert.equal(
      code(() => checkRing({ order: 4, displayName: 'Pilot' }, pilot, rings)),
      undefined
    );
    assert.equal(
      code(() => checkRing({ order: 9 }, pilot, rings)),
      'RING.ORDER_TAKEN'
    );
  });
});
