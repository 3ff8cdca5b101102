/**
 * Update ring rules (PRODUCT.md §4.12; Teams Rooms Pro update management): Staging, General and
 * Executive are built in; Staging is first (order 0), every other ring holds a unique order 1–9
 * (General and Executive included, so custom rings slot between them); each ring defers updates
 * by 0–60 days. Built-in rings cannot be deleted or renamed; General and Executive may be
 * re-ordered and every ring's deferral and description may change.
 */
import { conflict, invalid } from '../errors.ts';
import type { UpdateRing } from './resources.model.ts';
import { ResourceErrors } from './resources.errors.ts';

import { MAX_DEFERRAL_DAYS, MAX_RING_ORDER, MIN_RING_ORDER, STAGING_ORDER } from '../limits.ts';

export { MAX_DEFERRAL_DAYS, MAX_RING_ORDER, MIN_RING_ORDER, STAGING_ORDER } from '../limits.ts';

export type BuiltInRingKey = 'staging' | 'general' | 'executive';

/** The built-in rings every customer has; a tenant without rings gets these. */
export const BUILT_IN_RINGS: readonly {
  key: BuiltInRingKey;
  displayName: string;
  order: number;
  deferralDays: number;
  description: string;
}[] = [
  {
    key: 'staging',
    displayName: 'Staging',
    order: STAGING_ORDER,
    deferralDays: 0,
    description: 'Validation rooms get updates first.',
  },
  {
    key: 'general',
    displayName: 'General',
    order: 1,
    deferralDays: 14,
    description: 'Most rooms; new rooms start here.',
  },
  {
    key: 'executive',
    displayName: 'Executive',
    order: MAX_RING_ORDER,
    deferralDays: 30,
    description: 'Rooms that must not be disrupted get updates last.',
  },
];

/** Built-in ring `def` of a tenant, as every tenant gets it (and the demo data seeds it). */
export const builtInRing = (
  def: (typeof BUILT_IN_RINGS)[number],
  id: string,
  tenantId: string
): UpdateRing => ({
  id,
  tenantId,
  displayName: def.displayName,
  order: def.order,
  builtIn: true,
  deferralDays: def.deferralDays,
  description: def.description,
});

const builtInNamed = (rings: readonly UpdateRing[], name: string) =>
  rings.find((r) => r.builtIn && r.displayName === name);

/** Where new rooms go and where the rooms of a deleted ring move. */
export const generalRing = (rings: readonly UpdateRing[]) => builtInNamed(rings, 'General');

export const isStaging = (ring: UpdateRing) => ring.builtIn && ring.order === STAGING_ORDER;

export function checkRingOrder(order: number): void {
  if (!Number.isInteger(order) || order < MIN_RING_ORDER || order > MAX_RING_ORDER) {
    throw invalid(
      ResourceErrors.RING_ORDER_INVALID,
      `A ring's order is a whole number from ${MIN_RING_ORDER} to ${MAX_RING_ORDER} (Staging alone is 0).`,
      { min: MIN_RING_ORDER, max: MAX_RING_ORDER }
    );
  }
}

export function checkDeferral(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > MAX_DEFERRAL_DAYS) {
    throw invalid(
      ResourceErrors.RING_DEFERRAL_INVALID,
      `A ring defers updates by 0 to ${MAX_DEFERRAL_DAYS} days.`,
      { min: 0, max: MAX_DEFERRAL_DAYS }
    );
  }
}

/** The orders 1–9 no ring of the tenant holds yet. */
export function freeOrders(rings: readonly UpdateRing[]): number[] {
  const taken = new Set(rings.map((r) => r.order));
  const free: number[] = [];
  for (let o = MIN_RING_ORDER; o <= MAX_RING_ORDER; o++) if (!taken.has(o)) free.push(o);
  return free;
}

export interface RingInput {
  displayName?: string;
  order?: number;
  deferralDays?: number;
  description?: string;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Checks a new custom ring (`existing` = null) or a change to `existing` against the tenant's
 * other rings; throws the first rule broken. Pure, so the rules are unit-tested on their own.
 */
export function checkRing(
  input: RingInput,
  existing: UpdateRing | null,
  rings: readonly UpdateRing[]
): void {
  const others = rings.filter((r) => r.id !== existing?.id);
  if (existing?.builtIn) {
    if (input.displayName !== undefined && input.displayName !== existing.displayName) {
      throw conflict(ResourceErrors.RING_BUILT_IN, 'Built-in rings cannot be renamed.');
    }
    if (isStaging(existing) && input.order !== undefined && input.order !== STAGING_ORDER) {
      throw conflict(ResourceErrors.RING_BUILT_IN, 'Staging is always the first ring (order 0).');
    }
  }
  if (input.order !== undefined && !(existing && isStaging(existing))) {
    checkRingOrder(input.order);
    if (others.some((r) => r.order === input.order)) {
      throw conflict(
        ResourceErrors.RING_ORDER_TAKEN,
        'Another ring has this order; choose a free one.'
      );
    }
  }
  if (input.deferralDays !== undefined) checkDeferral(input.deferralDays);
  if (
    input.displayName !== undefined &&
    others.some((r) => sameName(r.displayName, input.displayName!))
  ) {
    throw conflict(ResourceErrors.RING_NAME_TAKEN, 'Another ring has this name.');
  }
}
