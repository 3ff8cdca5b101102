/** Stable codes of change control, elevation and MFA (mapped to HTTP in http/error-response.ts). */
export const ChangeControlErrors = {
  REQUEST_NOT_FOUND: 'CHANGE_REQUEST.NOT_FOUND',
  REQUEST_NOT_PENDING: 'CHANGE_REQUEST.NOT_PENDING',
  REQUEST_EXPIRED: 'CHANGE_REQUEST.EXPIRED',
  /** The object changed since the request: applying it would overwrite someone else's change. */
  CONFLICT: 'CHANGE_REQUEST.CONFLICT',
  /** At approval the requester no longer holds the right (or the object left their scope). */
  REQUESTER_NOT_ALLOWED: 'CHANGE_REQUEST.REQUESTER_NOT_ALLOWED',
  /** At approval the customer requires MFA for the action, and the request was made without it. */
  MFA_MISSING: 'CHANGE_REQUEST.MFA_MISSING',
  /** At approval the action needs an elevation and the requester has none running any more. */
  ELEVATION_ENDED: 'CHANGE_REQUEST.ELEVATION_ENDED',
  /** Applying failed for another reason (invalid against the current state). */
  APPLY_FAILED: 'CHANGE_REQUEST.APPLY_FAILED',
  JUSTIFICATION_INVALID: 'CHANGE_REQUEST.JUSTIFICATION_INVALID',
  REASON_REQUIRED: 'CHANGE_REQUEST.REASON_REQUIRED',
  ELEVATION_REQUIRED: 'ELEVATION.REQUIRED',
  ELEVATION_NOT_FOUND: 'ELEVATION.NOT_FOUND',
  ELEVATION_NOT_PENDING: 'ELEVATION.NOT_PENDING',
  ELEVATION_EXPIRED: 'ELEVATION.EXPIRED',
  ELEVATION_NOT_ACTIVE: 'ELEVATION.NOT_ACTIVE',
  ELEVATION_INVALID: 'ELEVATION.INVALID',
  ELEVATION_NOT_REQUIRED: 'ELEVATION.NOT_REQUIRED',
  CONTROLS_INVALID: 'CONTROLS.INVALID',
  /** The token carries no MFA evidence; the response carries a claims challenge. */
  MFA_REQUIRED: 'AUTH.MFA_REQUIRED',
} as const;
