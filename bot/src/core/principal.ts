/**
 * The authenticated caller, built only from a validated token or a validated bot activity
 * (`tid` -> tenantId, `oid` -> userId), never from a request body.
 */
export interface Principal {
  /** Entra tenant id (GUID) of the caller's home tenant. */
  readonly tenantId: string;
  /** Entra object id (GUID) of the user. */
  readonly userId: string;
  /** Display name from the token, for audit readability only; never used for decisions. */
  readonly name?: string;
  /** Directory role template ids from the token's `wids` claim (may be empty). */
  readonly wids: readonly string[];
  /**
   * The token carries multi-factor evidence: `amr` contains `mfa`, or `acrs` names the
   * authentication context the service asks for (MFA_AUTH_CONTEXT). Absent = no evidence.
   */
  readonly mfa?: boolean;
}

/**
 * The Conditional Access authentication context a claims challenge asks for (issue #15): the
 * tenant's policy on it requires multi-factor authentication. `c1` is Entra's first context id.
 */
export const MFA_AUTH_CONTEXT = 'c1';

/** The claims challenge (JSON) that asks Entra for a token satisfying MFA_AUTH_CONTEXT. */
export const MFA_CLAIMS = JSON.stringify({
  access_token: { acrs: { essential: true, value: MFA_AUTH_CONTEXT } },
});

/** Entra "Global Administrator" role template id. */
export const GLOBAL_ADMIN_ROLE_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';
