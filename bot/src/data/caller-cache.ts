/**
 * Who a caller is (groups, Global admin, Teams Rooms Pro Manager), remembered per user until any
 * write to the store collections those facts come from: the directory kept in the store and the
 * Teams Rooms Pro Manager assignments. Only for the store-backed directory, whose changes the
 * change tracker sees; with Microsoft Graph every request asks the directory, as before.
 */
import type { Principal } from '../core/principal.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../core/principal.ts';
import {
  isMember,
  resolveCaller,
  type Caller,
  type RoomsProManagerRepository,
} from '../core/identity/caller.ts';
import type { Directory } from '../core/directory/directory.port.ts';
import type { Store } from '../store/types.ts';
import { Collections } from './collections.ts';
import { changeTrackerOf, shareChangesOf } from './change-tracking.ts';
import { LocalDirectory } from './local-directory.ts';

const SOURCES = [Collections.users, Collections.groups, Collections.roomsProManagers];
shareChangesOf(...SOURCES);

/** Default number of users a {@link CallerCache} remembers. */
export const CALLER_CACHE_SIZE = 10_000;

type Facts = Omit<Caller, 'principal'>;

export class CallerCache {
  private readonly entries = new Map<string, { stamp: string; facts: Facts }>();
  /**
   * The Caller last built for a principal (a verified token's, itself cached per token), reused
   * while the stamp holds: one object per token and stamp, so the caches keyed by the caller's
   * identity (organisation grants, grants keys) hit without rebuilding anything. Weak: it goes
   * with the principal.
   */
  private readonly byPrincipal = new WeakMap<Principal, { stamp: string; caller: Caller }>();

  constructor(
    private readonly store: Store,
    private readonly deps: { directory: Directory; roomsProManagers: RoomsProManagerRepository },
    /** False when the directory lives outside the store (Graph): nothing is cached then. */
    private readonly directoryInStore: boolean,
    private readonly maxEntries = CALLER_CACHE_SIZE
  ) {}

  async resolve(principal: Principal): Promise<Caller> {
    const tracker = changeTrackerOf(this.store);
    if (!tracker || !this.directoryInStore || this.maxEntries <= 0) {
      return resolveCaller(principal, this.deps);
    }
    const stamp = await tracker.stamp(SOURCES);
    const known = this.byPrincipal.get(principal);
    if (known && known.stamp === stamp) return known.caller;
    // The token's Global admin role is an input too (a token with it makes the caller a GA).
    const gaInToken = principal.wids.includes(GLOBAL_ADMIN_ROLE_TEMPLATE_ID);
    const key = `${principal.tenantId}|${principal.userId}|${gaInToken ? 'G' : '-'}`;
    const hit = this.entries.get(key);
    let caller: Caller;
    if (hit && hit.stamp === stamp) caller = { ...hit.facts, principal };
    else {
      caller = await resolveCaller(principal, this.deps);
      const { principal: _ignored, ...facts } = caller;
      this.remember(key, stamp, facts);
    }
    // Shared by every request with this token until the stamp changes: frozen.
    Object.freeze(caller);
    this.byPrincipal.set(principal, { stamp, caller });
    return caller;
  }

  /**
   * Many users of one tenant at once (an alert's audience; no token, so no `wids`), each as
   * `resolve` would answer: cached ones from the cache, the others from one read of the tenant's
   * groups and Global admins (store directory only; with Graph, one by one).
   */
  async resolveMany(tenantId: string, userIds: readonly string[]): Promise<Caller[]> {
    const principalOf = (userId: string): Principal => ({ tenantId, userId, wids: [] });
    const tracker = changeTrackerOf(this.store);
    if (!tracker || !this.directoryInStore || this.maxEntries <= 0) {
      return Promise.all(userIds.map((u) => this.resolve(principalOf(u))));
    }
    const stamp = await tracker.stamp(SOURCES);
    const keyOf = (userId: string) => `${tenantId}|${userId}|-`;
    const facts = new Map<string, Facts>();
    const missing: string[] = [];
    for (const u of userIds) {
      const hit = this.entries.get(keyOf(u));
      if (hit?.stamp === stamp) facts.set(u, hit.facts);
      else missing.push(u);
    }
    if (missing.length > 0) {
      const [{ groupIds, globalAdmins }, trpm] = await Promise.all([
        new LocalDirectory(this.store).factsOfMany(tenantId, missing),
        this.deps.roomsProManagers.list(tenantId),
      ]);
      for (const userId of missing) {
        const groups = new Set(groupIds.get(userId) ?? []);
        const f: Facts = {
          tenantId,
          userId,
          groupIds: groups,
          isGlobalAdmin: globalAdmins.has(userId),
          isRoomsProManager: isMember({ userId, groupIds: groups }, trpm),
        };
        facts.set(userId, f);
        this.remember(keyOf(userId), stamp, f);
      }
    }
    return userIds.map((userId) => ({ ...facts.get(userId)!, principal: principalOf(userId) }));
  }

  private remember(key: string, stamp: string, facts: Facts): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, facts });
  }
}
