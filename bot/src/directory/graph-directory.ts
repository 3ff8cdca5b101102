/**
 * Microsoft Graph adapter for the directory port: the production path.
 *
 * The app is a multi-tenant Entra application; each customer/partner tenant that uses the product
 * consents to it, and the service calls Graph with an app-only token for that tenant
 * (client-credentials flow). Graph application permissions needed (admin consent per tenant):
 * - User.Read.All: read users, search by display name / UPN.
 * - GroupMember.Read.All: read security groups and transitive group memberships.
 * - RoleManagement.Read.Directory: read directory-role memberships (Global admin fallback when a
 *   token carries no `wids`).
 */
import {
  searchResult,
  type Directory,
  type DirectoryGroup,
  type DirectorySearchOptions,
  type DirectoryUser,
} from '../core/directory/directory.port.ts';
import { DomainError } from '../core/errors.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../core/principal.ts';

export interface GraphDirectoryOptions {
  clientId: string;
  clientSecret: string;
  graphBaseUrl: string;
  authorityHost: string;
  /** Injected for tests (recorded Graph responses); defaults to global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

interface GraphUser {
  id: string;
  displayName: string | null;
  userPrincipalName: string;
}
interface GraphGroup {
  id: string;
  displayName: string | null;
  description?: string | null;
  securityEnabled?: boolean;
}
interface GraphList<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const USER_SELECT = 'id,displayName,userPrincipalName';
const GROUP_SELECT = 'id,displayName,description,securityEnabled';
/** Safety cap on pages followed for one membership listing. */
const MAX_PAGES = 50;

const unavailable = (message: string, cause?: unknown) =>
  new DomainError('DIRECTORY.UNAVAILABLE', message, 'unavailable', { cause });

/** Quote a term for Graph `$search` ("displayName:term"); quotes and backslashes are escaped. */
export const graphSearchTerm = (property: string, term: string) =>
  `"${property}:${term.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export class GraphDirectory implements Directory {
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly opts: GraphDirectoryOptions) {
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  async getUser(tenantId: string, userId: string): Promise<DirectoryUser | null> {
    const u = await this.get<GraphUser>(
      tenantId,
      `/users/${encodeURIComponent(userId)}?$select=${USER_SELECT}`
    );
    return u && toUser(tenantId, u);
  }

  async getGroup(tenantId: string, groupId: string): Promise<DirectoryGroup | null> {
    const g = await this.get<GraphGroup>(
      tenantId,
      `/groups/${encodeURIComponent(groupId)}?$select=${GROUP_SELECT}`
    );
    return g && g.securityEnabled ? toGroup(tenantId, g) : null;
  }

  search(tenantId: string, query: string, options: DirectorySearchOptions) {
    const top = Math.min(Math.max(options.limit, 1), 100);
    const byName = graphSearchTerm('displayName', query);
    const users = `${byName} OR ${graphSearchTerm('userPrincipalName', query)}`;
    return searchResult(options, {
      users: async () =>
        (
          await this.firstPage<GraphUser>(
            tenantId,
            `/users?$search=${encodeURIComponent(users)}&$select=${USER_SELECT}&$top=${top}&$orderby=displayName`
          )
        ).map((u) => toUser(tenantId, u)),
      groups: async () =>
        (
          await this.firstPage<GraphGroup>(
            tenantId,
            `/groups?$search=${encodeURIComponent(byName)}` +
              `&$filter=${encodeURIComponent('securityEnabled eq true')}&$count=true&$select=${GROUP_SELECT}&$top=${top}`
          )
        ).map((g) => toGroup(tenantId, g)),
    });
  }

  async transitiveGroupIds(tenantId: string, userId: string): Promise<string[]> {
    const groups = await this.all<GraphGroup>(
      tenantId,
      `/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.group?$select=id,securityEnabled&$top=999`
    );
    return groups.filter((g) => g.securityEnabled !== false).map((g) => g.id);
  }

  async isGlobalAdmin(tenantId: string, userId: string): Promise<boolean> {
    const roles = await this.all<{ roleTemplateId?: string }>(
      tenantId,
      `/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId`
    );
    return roles.some((r) => r.roleTemplateId === GLOBAL_ADMIN_ROLE_TEMPLATE_ID);
  }

  /** Follows `@odata.nextLink` (same host only) up to MAX_PAGES. */
  private async all<T>(tenantId: string, path: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = this.opts.graphBaseUrl + path;
    for (let i = 0; next && i < MAX_PAGES; i++) {
      if (!next.startsWith(this.opts.graphBaseUrl))
        throw unavailable('Unexpected Graph paging link.');
      const page: GraphList<T> | null = await this.request<GraphList<T>>(tenantId, next, false);
      if (!page) return out;
      out.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return out;
  }

  /** The first page of an advanced query ($search, $count): its items, none when not found. */
  private async firstPage<T>(tenantId: string, path: string): Promise<T[]> {
    return (await this.get<GraphList<T>>(tenantId, path, true))?.value ?? [];
  }

  private get<T>(tenantId: string, path: string, advanced = false): Promise<T | null> {
    return this.request<T>(tenantId, this.opts.graphBaseUrl + path, advanced);
  }

  /** GET with an app token; 404 → null; other failures → DIRECTORY.UNAVAILABLE. */
  private async request<T>(tenantId: string, url: string, advanced: boolean): Promise<T | null> {
    const token = await this.appToken(tenantId);
    let res: Response;
    try {
      res = await this.fetch(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          // Required by Graph for $search and $count ("advanced queries").
          ...(advanced ? { consistencylevel: 'eventual' } : {}),
        },
      });
    } catch (e) {
      throw unavailable('The directory could not be reached.', e);
    }
    if (res.status === 404) return null;
    if (!res.ok) throw unavailable(`The directory answered ${res.status}.`);
    return (await res.json()) as T;
  }

  private async appToken(tenantId: string): Promise<string> {
    const cached = this.tokens.get(tenantId);
    if (cached && cached.expiresAt > this.now() + 60_000) return cached.token;
    const body = new URLSearchParams({
      client_id: this.opts.clientId,
      client_secret: this.opts.clientSecret,
      grant_type: 'client_credentials',
      scope: 'https://graph.microsoft.com/.default',
    });
    let res: Response;
    try {
      res = await this.fetch(
        `${this.opts.authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
        { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      );
    } catch (e) {
      throw unavailable('The identity provider could not be reached.', e);
    }
    if (!res.ok)
      throw unavailable(`The tenant ${tenantId} has not granted directory access (${res.status}).`);
    const json = (await res.json()) as { access_token: string; expires_in: number };
    this.tokens.set(tenantId, {
      token: json.access_token,
      expiresAt: this.now() + json.expires_in * 1000,
    });
    return json.access_token;
  }
}

const toUser = (tenantId: string, u: GraphUser): DirectoryUser => ({
  id: u.id,
  tenantId,
  displayName: u.displayName ?? u.userPrincipalName,
  userPrincipalName: u.userPrincipalName,
});

const toGroup = (tenantId: string, g: GraphGroup): DirectoryGroup => ({
  id: g.id,
  tenantId,
  displayName: g.displayName ?? g.id,
  ...(g.description ? { description: g.description } : {}),
});
