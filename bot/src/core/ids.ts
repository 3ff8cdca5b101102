/**
 * Ids. Entra tenant and object ids are GUIDs (8-4-4-4-12 hex), and so are our own ids; every
 * check of that form — the token's `tid`/`oid`, request paths and bodies, the CLI's arguments —
 * uses this one pattern.
 */
// Both cases spelled out, no flag: the OpenAPI document carries the pattern's source only.
export const GUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The same pattern unanchored, to find a GUID inside a longer string (e.g. `api://<guid>`). */
export const GUID_INSIDE = new RegExp(GUID_PATTERN.source.slice(1, -1));

/** True when `value` is a GUID. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}
