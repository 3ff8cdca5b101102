/**
 * The service's field and range limits, in one module that imports nothing: the use cases check
 * them, the contracts state them (and so the OpenAPI document), and the tab's forms take their
 * `maxLength`, `min` and `max` from here without bundling a use case or its error catalogue.
 * A ticket's limits stay with the ticket model (`core/tickets/ticket.model.ts`).
 */

/** Longest role name (GDAP caps relationship names at 50; a little room for customer naming). */
export const MAX_ROLE_NAME = 64;
export const MAX_ROLE_DESCRIPTION = 500;
/** Members of one role assignment. */
export const MAX_MEMBERS = 100;

/** Elevation windows: 30 minutes to 8 hours. */
export const ELEVATION_MIN_MINUTES = 30;
export const ELEVATION_MAX_MINUTES = 480;
/** The justification of a change request or an elevation request, in characters. */
export const CHANGE_JUSTIFICATION_MAX = 500;
/** The reason of a decision on a change or elevation request, in characters. */
export const REASON_MAX = 500;

/** Invitation expiry bounds, in days (PRODUCT.md §2). */
export const MIN_EXPIRY_DAYS = 1;
export const MAX_EXPIRY_DAYS = 30;

/** Update rings: Staging is 0, every other ring 1–9; a ring defers updates by 0–60 days. */
export const STAGING_ORDER = 0;
export const MIN_RING_ORDER = 1;
export const MAX_RING_ORDER = 9;
export const MAX_DEFERRAL_DAYS = 60;
