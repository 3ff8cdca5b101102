/**
 * Editing a custom role (name, description, permissions) and creating or editing an assignment
 * (role, members, scope, alerts). A service refusal is shown on the part its code names
 * (ROLE.NAME_TAKEN on the name, ASSIGNMENT.OUTSIDE_SCOPE on the scope…), else in the bar.
 */
import { useState } from 'react';
import { Switch } from '@fluentui/react-components';
import { SelectField } from '../components/FormFields.tsx';
import type { CustomerOption } from '../api/customers.ts';
import {
  createAssignment,
  updateAssignment,
  updateRole,
  type Assignment,
  type Permission,
  type Role,
} from '../api/roles.ts';
import type { ChangeRequest } from '../api/change-control.ts';
import { useStrings } from '../i18n.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useFieldErrors } from '../components/fields.ts';
import type { ChosenMember } from '../components/MemberTags.tsx';
import { isScopeEmpty, type ScopeValue } from '../components/ScopeEditor.tsx';
import {
  AssignmentScopeField,
  MembersField,
  PermissionPicker,
  ROLE_FIELD_OF_CODE,
  RoleGeneralFields,
  toAssignmentInput,
  localRole,
  type RoleFieldName,
} from './roleFields.tsx';

type Errors = Partial<Record<RoleFieldName, string>>;

/** Parts in the order they appear; the first refused one takes focus. */
const FIELD_ORDER: readonly RoleFieldName[] = ['general', 'permissions', 'members', 'scope'];

type RoleDialogProps = DialogProps<Role | ChangeRequest, { customer: CustomerOption; role: Role }>;

export function RoleDialog({ api, customer, role, onClose }: RoleDialogProps) {
  const strings = useStrings();
  const t = strings.roleAdmin;
  const submit = useSubmit(onClose);
  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description);
  const [permissions, setPermissions] = useState<Permission[]>(role.permissions);
  const fields = useFieldErrors(FIELD_ORDER, ROLE_FIELD_OF_CODE);
  const { errors } = fields;

  const save = () => {
    const found: Errors = {};
    if (!name.trim()) found.general = t.nameRequired;
    if (permissions.length === 0) found.permissions = t.choosePermission;
    if (fields.refuse(found)) return;
    void submit.save(
      () =>
        updateRole(api, customer.tenantId, role.id, {
          name: name.trim(),
          description: description.trim(),
          permissions,
        }),
      fields.claim
    );
  };

  return (
    <FormDialog
      wide
      title={strings.common.editTitle(role.name)}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
    >
      <RoleGeneralFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
        error={errors.general}
      />
      <PermissionPicker
        customer={customer}
        value={permissions}
        onChange={setPermissions}
        validationMessage={errors.permissions}
      />
    </FormDialog>
  );
}

type AssignmentDialogProps = DialogProps<
  Assignment | ChangeRequest,
  {
    customer: CustomerOption;
    roles: Role[];
    /** Null: a new assignment. */
    assignment: Assignment | null;
  }
>;

export function AssignmentDialog({
  api,
  customer,
  roles,
  assignment,
  onClose,
}: AssignmentDialogProps) {
  const strings = useStrings();
  const t = strings.roleAdmin;
  const submit = useSubmit(onClose);
  const [roleId, setRoleId] = useState(assignment?.roleId ?? roles[0]?.id ?? '');
  const [members, setMembers] = useState<ChosenMember[]>(assignment?.members ?? []);
  const [scope, setScope] = useState<ScopeValue>(
    assignment?.scope ?? { allRooms: customer.side === 'own', roomIds: [], roomGroupIds: [] }
  );
  const [notify, setNotify] = useState(assignment?.notify ?? false);
  const fields = useFieldErrors(FIELD_ORDER, ROLE_FIELD_OF_CODE);
  const { errors } = fields;
  const roleLabel = roles.find((r) => r.id === roleId)?.name ?? t.unknownRole;

  const save = () => {
    const found: Errors = {};
    if (members.length === 0) found.members = t.chooseMember;
    if (isScopeEmpty(scope)) found.scope = strings.addPartner.scopeRequired;
    if (fields.refuse(found)) return;
    const input = toAssignmentInput(roleId, members, scope, notify);
    void submit.save(
      () =>
        assignment
          ? updateAssignment(api, customer.tenantId, assignment.id, input)
          : createAssignment(api, customer.tenantId, input),
      fields.claim
    );
  };

  return (
    <FormDialog
      wide
      title={assignment ? t.editAssignmentTitle(roleLabel) : t.newAssignmentTitle}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
    >
      <SelectField
        label={t.role}
        required
        value={roleId}
        onChange={setRoleId}
        options={roles.map((r) => [r.id, localRole(r, strings).name] as const)}
      />
      <MembersField
        api={api}
        value={members}
        onChange={(m) => {
          setMembers(m);
          fields.clear('members');
        }}
        validationMessage={errors.members}
      />
      <AssignmentScopeField
        api={api}
        customer={customer}
        value={scope}
        onChange={(v) => {
          setScope(v);
          fields.clear('scope');
        }}
        validationMessage={errors.scope}
      />
      <Switch label={t.notify} checked={notify} onChange={(_, d) => setNotify(d.checked)} />
    </FormDialog>
  );
}
