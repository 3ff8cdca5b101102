/**
 * Every collection's indexes, in one list: each plan is declared beside its collection (the
 * `*Indexes` constants of the data modules) and listed here once; `ensureIndexes` creates them
 * all when the store opens (main.ts, the CLI). Nothing registers itself at import time.
 */
import type { Store } from '../store/types.ts';
import type { IndexPlan } from './index-plan.ts';
import { foundationIndexes, resourceIndexes } from './collections.ts';
import { resourceExtraIndexes } from './resources.collections.ts';
import { partnerIndexes } from './partners.collections.ts';
import { roleIndexes } from './roles.repository.ts';
import { assignmentIndexes } from './assignments.repository.ts';
import { ticketIndexes } from './tickets.collections.ts';
import { alertIndexes } from './alerts.repositories.ts';
import { teamsIndexes } from './teams.collections.ts';
import { changeControlIndexes } from './change-control.repositories.ts';

const plans: readonly IndexPlan[] = [
  foundationIndexes,
  resourceIndexes,
  resourceExtraIndexes,
  partnerIndexes,
  roleIndexes,
  assignmentIndexes,
  ticketIndexes,
  alertIndexes,
  teamsIndexes,
  changeControlIndexes,
];

/** Every collection of the service (each has indexes: every query is indexed). */
export function indexedCollections(): string[] {
  return [...new Set(plans.flatMap((plan) => Object.keys(plan)))];
}

/** Idempotent: creates every index of every collection. */
export async function ensureIndexes(store: Store): Promise<void> {
  for (const plan of plans) {
    for (const [name, specs] of Object.entries(plan)) {
      const coll = store.collection(name);
      for (const spec of specs) await coll.createIndex(spec.keys, spec.options);
    }
  }
}
