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
import { shareChangesOf } from './change-tracking.ts';
import { StampedCache } from './stamped-cache.ts';
import { PartnerCollections } from './partners.collections.ts';

const SOURCES = [PartnerCollections.partners, PartnerCollections.tenantManagers];
shareChangesOf(...SOURCES);

/** Default number of tenants remembered. */
export const ORGANISATION_FACTS_CACHE_SIZE = 10_000;

export class OrganisationFactsCache {
  private readonly cache: StampedCache<OrganisationFacts>;

  constructor(
    store: Store,
    private readonly deps: Pick<PartnersDeps, 'registry' | 'tenantManagers'>,
    maxEntries = ORGANISATION_FACTS_CACHE_SIZE
  ) {
    this.cache = new StampedCache(store, SOURCES, maxEntries);
  }

  facts(caller: Caller): Promise<OrganisationFacts> {
    return this.cache.get(caller.tenantId, async () =>
      frozen(await organisationFacts(caller, this.deps))
    );
  }
}

/**
 * A frozen copy, shared by every request of the tenant until the stamp changes (one object per
 * stamp, so what is derived from it can be kept beside it).
 */
const frozen = (f: OrganisationFacts): OrganisationFacts =>
  Object.freeze({
    ...f,
    tenantManagers: Object.freeze(f.tenantManagers.map((m) => Object.freeze({ ...m }))),
  });
