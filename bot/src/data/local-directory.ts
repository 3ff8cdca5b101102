/** The directory kept in the store (local runs and demos); the Graph adapter is production's. */
import {
  searchResult,
  type Directory,
  type DirectoryGroup,
  type DirectorySearchOptions,
  type DirectoryUser,
} from '../core/directory/directory.port.ts';
import type { Store } from '../store/types.ts';
import { Collections, type DirectoryGroupDoc, type DirectoryUserDoc } from './collections.ts';
import { StampedCache } from './stamped-cache.ts';
import { containing } from './text-match.ts';

/** Nested groups deeper than this are ignored (Entra itself caps nesting far below). */
const MAX_NESTING = 16;

/** Users a {@link LocalDirectory} remembers until the users collection is written. */
export const USER_CACHE_SIZE = 10_000;
const USER_SOURCES = [Collections.users];
const GROUP_SOURCES = [Collections.groups];

export class LocalDirectory implements Directory {
  private readonly users;
  private readonly groups;
  /** Every /api/me and audit record reads one user: kept (frozen) until a user changes. */
  private readonly knownUsers: StampedCache<DirectoryUser | null>;
  /**
   * Groups, likewise, until a group changes: each audit record asks for its object's name as a
   * member of the tenant, and a ticket's id is neither a user nor a group (two reads per change).
   */
  private readonly knownGroups: StampedCache<DirectoryGroup | null>;

  constructor(store: Store, userCacheSize = USER_CACHE_SIZE) {
    this.users = store.collection<DirectoryUserDoc>(Collections.users);
    this.groups = store.collection<DirectoryGroupDoc>(Collections.groups);
    this.knownUsers = new StampedCache(store, USER_SOURCES, userCacheSize);
    this.knownGroups = new StampedCache(store, GROUP_SOURCES, userCacheSize);
  }

  getUser(tenantId: string, userId: string): Promise<DirectoryUser | null> {
    return this.knownUsers.get(`${tenantId}|${userId}`, async () => {
      const u = await this.users.findOne({ tenantId, _id: userId });
      return u && Object.freeze(toUser(u));
    });
  }

  getGroup(tenantId: string, groupId: string): Promise<DirectoryGroup | null> {
    return this.knownGroups.get(`${tenantId}|${groupId}`, async () => {
      const g = await this.groups.findOne({ tenantId, _id: groupId });
      return g && Object.freeze(toGroup(g));
    });
  }

  search(tenantId: string, query: string, options: DirectorySearchOptions) {
    const rx = containing(query);
    const find = { sort: { displayName: 1, _id: 1 } as const, limit: options.limit };
    return searchResult(options, {
      users: async () =>
        (
          await this.users
            .find({ tenantId, $or: [{ displayName: rx }, { userPrincipalName: rx }] }, find)
            .toArray()
        ).map(toUser),
      groups: async () =>
        (await this.groups.find({ tenantId, displayName: rx }, find).toArray()).map(toGroup),
    });
  }

  async transitiveGroupIds(tenantId: string, userId: string): Promise<string[]> {
    const seen = new Set<string>();
    let frontier = [userId];
    for (let depth = 0; depth < MAX_NESTING && frontier.length > 0; depth++) {
      const parents = await this.groups
        .find({ tenantId, memberIds: { $in: frontier } }, { projection: { _id: 1 } })
        .toArray();
      frontier = parents.map((g) => g._id).filter((id) => !seen.has(id));
      frontier.forEach((id) => seen.add(id));
    }
    return [...seen];
  }

  /**
   * `transitiveGroupIds` and `isGlobalAdmin` for many users of one tenant (an alert's audience):
   * the tenant's groups are read once and walked in memory, with the same nesting limit.
   */
  async factsOfMany(
    tenantId: string,
    userIds: readonly string[]
  ): Promise<{ groupIds: Map<string, string[]>; globalAdmins: Set<string> }> {
    const [groups, admins] = await Promise.all([
      this.groups.find({ tenantId }, { projection: { _id: 1, memberIds: 1 } }).toArray(),
      this.users
        .find(
          { tenantId, _id: { $in: [...userIds] }, isGlobalAdmin: true },
          { projection: { _id: 1 } }
        )
        .toArray(),
    ]);
    const parentsOf = new Map<string, string[]>();
    for (const g of groups)
      for (const m of g.memberIds ?? []) parentsOf.set(m, [...(parentsOf.get(m) ?? []), g._id]);
    const groupIds = new Map<string, string[]>();
    for (const userId of userIds) {
      const seen = new Set<string>();
      let frontier = [userId];
      for (let depth = 0; depth < MAX_NESTING && frontier.length > 0; depth++) {
        const parents = new Set(frontier.flatMap((id) => parentsOf.get(id) ?? []));
        frontier = [...parents].filter((id) => !seen.has(id));
        frontier.forEach((id) => seen.add(id));
      }
      groupIds.set(userId, [...seen]);
    }
    return { groupIds, globalAdmins: new Set(admins.map((u) => u._id)) };
  }

  async isGlobalAdmin(tenantId: string, userId: string): Promise<boolean> {
    const u = await this.users.findOne(
      { tenantId, _id: userId },
      { projection: { isGlobalAdmin: 1 } }
    );
    return u?.isGlobalAdmin === true;
  }
}

const toUser = (u: DirectoryUserDoc): DirectoryUser => ({
  id: u._id,
  tenantId: u.tenantId,
  displayName: u.displayName,
  userPrincipalName: u.userPrincipalName,
});

const toGroup = (g: DirectoryGroupDoc): DirectoryGroup => ({
  id: g._id,
  tenantId: g.tenantId,
  displayName: g.displayName,
  ...(g.description ? { description: g.description } : {}),
});
