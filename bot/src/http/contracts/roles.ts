/**
 * The roles feature's HTTP contract (PRODUCT.md §4.6): custom roles and role assignments of either
 * side in one customer. Route validation, the OpenAPI document and the types below (which the tab
 * imports type-only) all come from here.
 */
import { z } from 'zod';
import { BUILT_IN_ROLES, PERMISSIONS } from '../../core/authz/permissions.ts';
import { MAX_ROLE_DESCRIPTION } from '../../core/roles/roles.use-cases.ts';
import { MAX_MEMBERS } from '../../core/roles/assignments.use-cases.ts';
import {
  atLeastOne,
  guid,
  isoDate,
  memberRef,
  memberView,
  roomScope,
  scopeInput,
} from './common.ts';

export const builtInIds = BUILT_IN_ROLES.map((r) => r.id) as [string, ...string[]];
/** A custom role id (GUID) or a built-in role id such as `builtin:site-lead`. */
export const roleId = z.union([guid, z.enum(builtInIds)]);

export const role = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    permissions: z.array(z.string()),
    createdAt: isoDate.optional(),
    updatedAt: isoDate.optional(),
  })
  .meta({ id: 'Role' });

export const assignment = z
  .object({
    id: z.string(),
    roleId: z.string(),
    members: z.array(memberView),
    scope: roomScope,
    notify: z.boolean(),
    createdAt: isoDate,
    createdBy: z.string(),
    updatedAt: isoDate.optional(),
  })
  .meta({ id: 'Assignment' });

export const permissionList = z
  .array(z.string().max(64))
  .max(PERMISSIONS.length * 2)
  .meta({ description: `A non-empty subset of: ${PERMISSIONS.join(', ')}.` });

export const roleFields = {
  // Trimmed and length-checked by the use case (ROLE.NAME_INVALID); this bound only caps input.
  name: z.string().max(256).meta({ example: 'Help desk' }),
  description: z.string().max(MAX_ROLE_DESCRIPTION).optional(),
  permissions: permissionList,
};

export const createRoleBody = z.strictObject(roleFields).meta({ id: 'RoleInput' });
export const updateRoleBody = z
  .strictObject({
    name: roleFields.name.optional(),
    description: roleFields.description,
    permissions: permissionList.optional(),
  })
  .refine(atLeastOne, 'Change at least one field.')
  .meta({ id: 'RoleChanges' });

export const assignmentFields = {
  roleId,
  members: z.array(memberRef).max(MAX_MEMBERS),
  scope: scopeInput,
  notify: z.boolean().meta({ description: 'Members get incident alerts for rooms in scope.' }),
};

export const createAssignmentBody = z
  .strictObject({ ...assignmentFields, notify: assignmentFields.notify.default(false) })
  .meta({ id: 'AssignmentInput' });
export const updateAssignmentBody = z
  .strictObject({
    roleId: assignmentFields.roleId.optional(),
    members: assignmentFields.members.optional(),
    scope: assignmentFields.scope.optional(),
    notify: assignmentFields.notify.optional(),
  })
  .refine(atLeastOne, 'Change at least one field.')
  .meta({ id: 'AssignmentChanges' });

export type Role = z.infer<typeof role>;
export type Assignment = z.infer<typeof assignment>;
export type RoleInput = z.infer<typeof createRoleBody>;
export type AssignmentInput = z.infer<typeof createAssignmentBody>;
