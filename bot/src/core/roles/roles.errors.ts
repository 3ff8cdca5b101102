/**
 * Stable error codes of custom roles and role assignments (PRODUCT.md §2 Role/Assignment, §4.6).
 * Clients branch on these; the messages are for people.
 */
export const RoleErrors = {
  /** No custom role with this id on the caller's side of this customer. */
  ROLE_NOT_FOUND: 'ROLE.NOT_FOUND',
  /** Built-in roles cannot be edited or deleted. */
  ROLE_BUILT_IN: 'ROLE.BUILT_IN',
  /** Another role of the same side of the customer has this name (case-insensitive). */
  ROLE_NAME_TAKEN: 'ROLE.NAME_TAKEN',
  ROLE_NAME_INVALID: 'ROLE.NAME_INVALID',
  /** A permission outside the closed catalogue. */
  ROLE_PERMISSION_UNKNOWN: 'ROLE.PERMISSION_UNKNOWN',
  ROLE_PERMISSIONS_EMPTY: 'ROLE.PERMISSIONS_EMPTY',
  /** The role still has assignments: delete them first. */
  ROLE_IN_USE: 'ROLE.IN_USE',
  /** The caller would grant permissions (or a scope) they do not hold themselves. */
  ROLE_PERMISSION_NOT_HELD: 'ROLE.PERMISSION_NOT_HELD',
  ASSIGNMENT_NOT_FOUND: 'ASSIGNMENT.NOT_FOUND',
  /** The role named by an assignment is not a role of the caller's side of this customer. */
  ASSIGNMENT_ROLE_INVALID: 'ASSIGNMENT.ROLE_INVALID',
  ASSIGNMENT_MEMBERS_EMPTY: 'ASSIGNMENT.MEMBERS_EMPTY',
  /** Customer side: rooms or room groups that do not exist in the customer. */
  ASSIGNMENT_SCOPE_INVALID: 'ASSIGNMENT.SCOPE_INVALID',
  /** Partner side: rooms or room groups beyond the invitation (relationship) scope. */
  ASSIGNMENT_OUTSIDE_SCOPE: 'ASSIGNMENT.OUTSIDE_SCOPE',
  /** The assignment would give rights on rooms the caller does not hold them on. */
  ASSIGNMENT_PERMISSION_NOT_HELD: 'ASSIGNMENT.PERMISSION_NOT_HELD',
} as const;
