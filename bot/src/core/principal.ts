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
}

/** Entra "Global Administrator" role template id. */
export const GLOBAL_ADMIN_ROLE_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';
