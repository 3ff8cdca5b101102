/**
 * The local development issuer: a list of seeded users and a token for the chosen one. It only
 * exists when the service runs with AUTH_MODE=local; elsewhere its routes answer 404.
 */
import { ApiError, ClientErrorCodes, requestJson } from './client.ts';
import type { DemoUser as DevUser, DevToken } from '../../../bot/src/http/contracts/dev-issuer.ts';

export type { DemoUser as DevUser, DevToken } from '../../../bot/src/http/contracts/dev-issuer.ts';

/** Users grouped under their tenant, in the order the issuer listed them. */
export interface DevTenantGroup {
  tenantId: string;
  tenantName: string;
  users: DevUser[];
}

/** The users the dev issuer can sign in, in its order (tenant by tenant). */
export function listDevUsers(signal?: AbortSignal): Promise<DevUser[]> {
  return requestJson<DevUser[]>('/dev-issuer/users', { signal });
}

/** A development access token for the chosen user. */
export function issueDevToken(
  user: Pick<DevUser, 'tenantId' | 'userId'>,
  signal?: AbortSignal
): Promise<DevToken> {
  return requestJson<DevToken>('/dev-issuer/token', {
    method: 'POST',
    body: { tenantId: user.tenantId, userId: user.userId },
    signal,
  });
}

/**
 * A token answering a claims challenge, for the user of `currentToken` (the dev issuer signs them
 * in again "with a second factor", as Entra would after the step-up).
 */
export function issueDevTokenWithClaims(currentToken: string, claims: string): Promise<DevToken> {
  const payload = JSON.parse(
    atob(currentToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))
  ) as {
    tid: string;
    oid: string;
  };
  return requestJson<DevToken>('/dev-issuer/token', {
    method: 'POST',
    body: { tenantId: payload.tid, userId: payload.oid, claims },
  });
}

/**
 * True when the error means "this deployment has no dev issuer": a 404, or an HTML page where
 * JSON was expected (a host that answers unknown paths with the app shell).
 */
export function isDevIssuerMissing(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.status === 404 || error.code === ClientErrorCodes.NOT_JSON)
  );
}

/** Groups users by tenant, keeping first-seen order for both tenants and users. */
export function groupByTenant(users: readonly DevUser[]): DevTenantGroup[] {
  const groups = new Map<string, DevTenantGroup>();
  for (const user of users) {
    let group = groups.get(user.tenantId);
    if (!group) {
      group = { tenantId: user.tenantId, tenantName: user.tenantName, users: [] };
      groups.set(user.tenantId, group);
    }
    group.users.push(user);
  }
  return [...groups.values()];
}
