/**
 * Fields the role wizard and the role and assignment dialogs share: permissions grouped by
 * feature as in PRODUCT.md §3 (those the caller does not hold are disabled: a role may only give
 * what its author holds), the members field (directory search plus chosen tags), and the step a
 * service error code belongs to.
 */
import { Body1, Caption1, Checkbox } from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import type { CustomerOption } from '../api/customers.ts';
import {
  MAX_ROLE_DESCRIPTION,
  MAX_ROLE_NAME,
  PERMISSION_GROUPS,
  type Permission,
  type Role,
} from '../api/roles.ts';
import { useStrings, type Strings } from '../i18n.ts';
import { DescriptionField, TextField } from '../components/FormFields.tsx';
import type { ControlledField } from '../components/fields.ts';
import {
  ScopeEditor,
  isScopeEmpty,
  toScopeInput,
  type ScopeValue,
} from '../components/ScopeEditor.tsx';
import { MemberPicker } from '../components/MemberPicker.tsx';
import { MemberTags, type ChosenMember } from '../components/MemberTags.tsx';
import { useSharedStyles } from '../components/styles.ts';

/** Where a service error code sends the user back to (wizard steps, dialog fields). */
export type RoleFieldName = 'general' | 'permissions' | 'members' | 'scope';

export const ROLE_FIELD_OF_CODE: Readonly<Record<string, RoleFieldName>> = {
  'ROLE.NAME_TAKEN': 'general',
  'ROLE.NAME_INVALID': 'general',
  'ROLE.PERMISSIONS_EMPTY': 'permissions',
  'ROLE.PERMISSION_UNKNOWN': 'permissions',
  'ROLE.PERMISSION_NOT_HELD': 'permissions',
  'ASSIGNMENT.MEMBERS_EMPTY': 'members',
  'ASSIGNMENT.SCOPE_INVALID': 'scope',
  'ASSIGNMENT.OUTSIDE_SCOPE': 'scope',
  'ASSIGNMENT.PERMISSION_NOT_HELD': 'scope',
};

/** A role as the role dialog and the wizard hold it while it is written. */
export interface RoleDraft {
  name: string;
  description: string;
  permissions: Permission[];
}

/** An assignment as its dialog and the wizard hold it (its role apart). */
export interface AssignmentDraft {
  members: ChosenMember[];
  scope: ScopeValue;
  notify: boolean;
}

type Problems = Partial<Record<RoleFieldName, string>>;

/** What a role lacks before it is sent: a name, a permission. */
export function roleProblems(role: RoleDraft, strings: Strings): Problems {
  const found: Problems = {};
  if (!role.name.trim()) found.general = strings.roleAdmin.nameRequired;
  if (role.permissions.length === 0) found.permissions = strings.roleAdmin.choosePermission;
  return found;
}

/** What an assignment lacks before it is sent: a member, a scope. */
export function assignmentProblems(assignment: AssignmentDraft, strings: Strings): Problems {
  const found: Problems = {};
  if (assignment.members.length === 0) found.members = strings.roleAdmin.chooseMember;
  if (isScopeEmpty(assignment.scope)) found.scope = strings.addPartner.scopeRequired;
  return found;
}

/** A role as the API takes it. */
export const roleInput = (role: RoleDraft) => ({
  name: role.name.trim(),
  description: role.description.trim(),
  permissions: role.permissions,
});

/** "Rooms: View, Modify · Reports: View", in catalogue order. */
export function describePermissions(permissions: readonly string[], strings: Strings): string {
  const t = strings.roleAdmin;
  return PERMISSION_GROUPS.map((g) => {
    const held = g.permissions.filter((p) => permissions.includes(p));
    return held.length
      ? `${t.features[g.feature]}: ${held.map((p) => t.permissionNames[p]).join(', ')}`
      : '';
  })
    .filter(Boolean)
    .join(' · ');
}

export function PermissionPicker({
  customer,
  value,
  onChange,
  validationMessage,
}: { customer: CustomerOption } & ControlledField<Permission[]>) {
  const strings = useStrings();
  const t = strings.roleAdmin;
  const styles = useSharedStyles();
  const held = customer.permissions ?? [];
  return (
    <div className={styles.column}>
      {PERMISSION_GROUPS.map((group) => (
        <fieldset key={group.feature} className={styles.fieldset}>
          <legend className={styles.legend}>{t.features[group.feature]}</legend>
          <div className={styles.choices}>
            {group.permissions.map((p) => {
              const mayGive = held.includes(p) || value.includes(p);
              return (
                <Checkbox
                  key={p}
                  label={t.permissionNames[p]}
                  title={mayGive ? undefined : t.notHeld}
                  disabled={!mayGive}
                  checked={value.includes(p)}
                  onChange={(_, d) =>
                    onChange(d.checked === true ? [...value, p] : value.filter((x) => x !== p))
                  }
                />
              );
            })}
          </div>
        </fieldset>
      ))}
      {validationMessage ? (
        <Caption1 role="alert" className={styles.error}>
          {validationMessage}
        </Caption1>
      ) : null}
    </div>
  );
}

export function MembersField({
  api,
  value: members,
  onChange,
  validationMessage,
}: { api: ApiClient } & ControlledField<ChosenMember[]>) {
  const strings = useStrings();
  const t = strings.roleAdmin;
  return (
    <>
      <MemberPicker
        api={api}
        label={t.members}
        required
        exclude={members.map((m) => m.id)}
        validationMessage={validationMessage}
        onPick={(m) =>
          onChange([...members, { type: m.kind, id: m.id, displayName: m.displayName }])
        }
      />
      <MemberTags
        label={t.chosenMembers}
        members={members}
        onRemove={(id) => onChange(members.filter((m) => m.id !== id))}
      />
    </>
  );
}

/** A built-in role named and described in the reader's language; custom roles as their authors wrote them. */
export function localRole<R extends Pick<Role, 'id' | 'name' | 'description' | 'builtIn'>>(
  role: R,
  strings: Strings
): R {
  const local = role.builtIn ? strings.builtInRoles[role.id] : undefined;
  return local ? { ...role, ...local } : role;
}

/** A role's display name by id, for assignment rows. */
export const roleName = (roles: readonly Role[], id: string, strings: Strings) => {
  const role = roles.find((r) => r.id === id);
  return role ? localRole(role, strings).name : strings.roleAdmin.unknownRole;
};

/** The role's name (required, as long as the service takes) and description: the general step. */
export function RoleGeneralFields(props: {
  role: RoleDraft;
  onChange: (change: Partial<RoleDraft>) => void;
  error?: string;
  autoFocus?: boolean;
}) {
  const t = useStrings().roleAdmin;
  return (
    <>
      <TextField
        label={t.name}
        name="general"
        required
        maxLength={MAX_ROLE_NAME}
        autoFocus={props.autoFocus}
        value={props.role.name}
        onChange={(name) => props.onChange({ name })}
        error={props.error}
      />
      <DescriptionField
        label={t.description}
        maxLength={MAX_ROLE_DESCRIPTION}
        value={props.role.description}
        onChange={(description) => props.onChange({ description })}
      />
    </>
  );
}

/** An assignment of the role `roleId` as the API takes it. */
export const toAssignmentInput = (roleId: string, assignment: AssignmentDraft) => ({
  roleId,
  members: assignment.members.map((m) => ({ type: m.type, id: m.id })),
  scope: toScopeInput(assignment.scope),
  notify: assignment.notify,
});

/** An assignment's scope: a partner's hint (its scope is bounded by the invitation), the editor. */
export function AssignmentScopeField(
  props: { api: ApiClient; customer: CustomerOption } & ControlledField<ScopeValue>
) {
  const t = useStrings().roleAdmin;
  return (
    <>
      {props.customer.side === 'partner' ? <Body1>{t.partnerScopeHint}</Body1> : null}
      <ScopeEditor
        api={props.api}
        tenantId={props.customer.tenantId}
        value={props.value}
        onChange={props.onChange}
        validationMessage={props.validationMessage}
      />
    </>
  );
}
