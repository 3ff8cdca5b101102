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

export interface Directory {
  getUser(tenantId: string, userId: string): Promise<DirectoryUser | null>;
  getGroup(tenantId: string, groupId: string): Promise<DirectoryGroup | null>;
  /** Case-insensitive prefix/substring search on display name and UPN. */
  search(
    tenantId: string,
    query: string,
    options: { kinds: readonly DirectoryKind[]; limit: number }
  ): Promise<DirectoryObject[]>;
  /** Every security group the user belongs to, directly or through nested groups. */
  transitiveGroupIds(tenantId: string, userId: string): Promise<string[]>;
  /**
   * Whether the directory itself records the user as Global admin. Token `wids` are checked
   * first; this is the fallback for local directories and tokens without `wids`.
   */
  isGlobalAdmin(tenantId: string, userId: string): Promise<boolean>;
}
