/**
 * The directory port: users and security groups of each tenant. The local adapter keeps them in
 * the store (seeded); the Microsoft Graph adapter is the production path.
 */
export interface DirectoryUser {
  id: string;
  tenantId: string;
  displayName: string;
  userPrincipalName: string;
}

export interface DirectoryGroup {
  id: string;
  tenantId: string;
  displayName: string;
  description?: string;
}

export type DirectoryObject =
  ({ kind: 'user' } & DirectoryUser) | ({ kind: 'group' } & DirectoryGroup);

export type DirectoryKind = 'user' | 'group';

/** A role-assignment member: a user or a security group of the member's tenant. */
export interface MemberRef {
  type: DirectoryKind;
  id: string;
}

/** Which kinds of directory object a search returns, and at most how many in all. */
export interface DirectorySearchOptions {
  kinds: readonly DirectoryKind[];
  limit: number;
}

export interface Directory {
  getUser(tenantId: string, userId: string): Promise<DirectoryUser | null>;
  getGroup(tenantId: string, groupId: string): Promise<DirectoryGroup | null>;
  /** Case-insensitive prefix/substring search on display name and UPN. */
  search(
    tenantId: string,
    query: string,
    options: DirectorySearchOptions
  ): Promise<DirectoryObject[]>;
  /** Every security group the user belongs to, directly or through nested groups. */
  transitiveGroupIds(tenantId: string, userId: string): Promise<string[]>;
  /**
   * Whether the directory itself records the user as Global admin. Token `wids` are checked
   * first; this is the fallback for local directories and tokens without `wids`.
   */
  isGlobalAdmin(tenantId: string, userId: string): Promise<boolean>;
}

/**
 * A search's answer, the same from every adapter: the users and the groups asked for (each kind
 * looked up by the adapter, users first), merged by display name and cut at `limit`.
 */
export async function searchResult(
  options: DirectorySearchOptions,
  lookUp: { users(): Promise<DirectoryUser[]>; groups(): Promise<DirectoryGroup[]> }
): Promise<DirectoryObject[]> {
  const users = options.kinds.includes('user') ? await lookUp.users() : [];
  const groups = options.kinds.includes('group') ? await lookUp.groups() : [];
  const found: DirectoryObject[] = [
    ...users.map((u) => ({ kind: 'user' as const, ...u })),
    ...groups.map((g) => ({ kind: 'group' as const, ...g })),
  ];
  return found.sort((a, b) => a.displayName.localeCompare(b.displayName)).slice(0, options.limit);
}
