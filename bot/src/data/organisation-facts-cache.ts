/**
 * A tenant's organisation facts (eligible partner? its tenant managers), remembered per tenant
 * until any write to the collections they come from (the change tracker's stamps), so the
 * organisation rights every partner-side request asks for cost a Map lookup instead of two store
 * reads. A removed tenant manager or a partner losing eligibility is seen on the very next
 * request. Untracked stores read every time.
 */
import type { Caller } from '../core/identity/caller.ts';
import type { OrganisationFacts } from '../core/authz/engine.ts';
import { organisationFacts } from '../core/partners/partner-access.ts';
import type { PartnersDeps } from '../core/partners/partners.ports.ts';
import type { Store } from '../store/types.ts';
import { changeTrackerOf, shareChangesOf } from './change-tracking.ts';
import { PartnerCollections } from './partners.collections.ts';

const SOURCES = [PartnerCollections.partners, PartnerCollections.tenantManagers];
shareChangesOf(...SOURCES);

/** Default number of tenants remembered. */
export const ORGANISATION_FACTS_CACHE_SIZE = 10_000;

export class OrganisationFactsCache {
  private readonly entries = new Map<string, { stamp: string; facts: OrganisationFacts }>();

  constructor(
    private readonly store: Store,
    private readonly deps: Pick<PartnersDeps, 'registry' | 'tenantManagers'>,
    private readonly maxEntries = ORGANISATION_FACTS_CACHE_SIZE
  ) {}

  async facts(caller: Caller): Promise<OrganisationFacts> {
    const tracker = changeTrackerOf(this.store);
    if (!tracker || this.maxEntries <= 0) return organisationFacts(caller, this.deps);
    // Taken before reading: a write landing during the read changes it, so that read is not kept.
    const stamp = await tracker.stamp(SOURCES);
    const hit = this.entries.get(caller.tenantId);
    if (hit && hit.stamp === stamp) return copy(hit.facts);
    const facts = await organisationFacts(caller, this.deps);
    this.entries.delete(caller.tenantId);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(caller.tenantId, { stamp, facts: copy(facts) });
    return facts;
  }
}

const copy = (f: OrganisationFacts): OrganisationFacts => ({
  ...f,
  tenantManagers: f.tenantManagers.map((m) => ({ ...m })),
});
