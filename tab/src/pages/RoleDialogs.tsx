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
  type Role,
} from '../api/roles.ts';
import type { ChangeRequest } from '../api/change-control.ts';
import { useStrings } from '../i18n.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useChangeJustification } from '../components/ChangeJustification.tsx';
import { useDraft, useFieldErrors } from '../components/fields.ts';
import {
  AssignmentScopeField,
  MembersField,
  PermissionPicker,
  ROLE_FIELD_OF_CODE,
  RoleGeneralFields,
  assignmentProblems,
  localRole,
  roleInput,
  roleProblems,
  toAssignmentInput,
  type AssignmentDraft,
  type RoleDraft,
  type RoleFieldName,
} from './roleFields.tsx';

/** Parts in the order they appear; the first refused one takes focus. */
const FIELD_ORDER: readonly RoleFieldName[] = ['general', 'permissions', 'members', 'scope'];

type RoleDialogProps = DialogProps<Role | ChangeRequest, { customer: CustomerOption; role: Role }>;

export function RoleDialog({ api, customer, role, onClose }: RoleDialogProps) {
  const strings = useStrings();
  const submit = useSubmit(onClose);
  const why = useChangeJustification(api, customer, 'roles.modify');
  const [draft, change] = useDraft<RoleDraft>(() => ({
    name: role.name,
    description: role.description,
    permissions: role.permissions,
  }));
  const fields = useFieldErrors(FIELD_ORDER, ROLE_FIELD_OF_CODE);

  const save = () => {
    if (fields.refuse(roleProblems(draft, strings))) return;
    if (!why.check()) return;
    void submit.save(
      () => updateRole(why.api, customer.tenantId, role.id, roleInput(draft)),
      fields.claim
    );
  };

  return (
    <FormDialog
      wide
      title={strings.common.editTitle(role.name)}
      submit={submit}
      errorTitle={strings.roleAdmin.failed}
      onSubmit={save}
    >
      <RoleGeneralFields role={draft} onChange={change} error={fields.errors.general} />
      <PermissionPicker
        customer={customer}
        value={draft.permissions}
        onChange={(permissions) => change({ permissions })}
        validationMessage={fields.errors.permissions}
      />
      {why.field}
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
  const why = useChangeJustification(api, customer, 'roles.modify');
  const [roleId, setRoleId] = useState(assignment?.roleId ?? roles[0]?.id ?? '');
  const [draft, change] = useDraft<AssignmentDraft>(() => ({
    members: assignment?.members ?? [],
    scope: assignment?.scope ?? {
      allRooms: customer.side === 'own',
      roomIds: [],
      roomGroupIds: [],
    },
    notify: assignment?.notify ?? false,
  }));
  const fields = useFieldErrors(FIELD_ORDER, ROLE_FIELD_OF_CODE);
  const roleLabel = roles.find((r) => r.id === roleId)?.name ?? t.unknownRole;
  /** A change of the members or the scope takes that field's message away. */
  const edit = (part: Pick<Partial<AssignmentDraft>, 'members' | 'scope'>) => {
    change(part);
    for (const field of ['members', 'scope'] as const) if (field in part) fields.clear(field);
  };

  const save = () => {
    if (fields.refuse(assignmentProblems(draft, strings))) return;
    if (!why.check()) return;
    const input = toAssignmentInput(roleId, draft);
    void submit.save(
      () =>
        assignment
          ? updateAssignment(why.api, customer.tenantId, assignment.id, input)
          : createAssignment(why.api, customer.tenantId, input),
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
        value={draft.members}
        onChange={(members) => edit({ members })}
        validationMessage={fields.errors.members}
      />
      <AssignmentScopeField
        api={api}
        customer={customer}
        value={draft.scope}
        onChange={(scope) => edit({ scope })}
        validationMessage={fields.errors.scope}
      />
      <Switch
        label={t.notify}
        checked={draft.notify}
        onChange={(_, d) => change({ notify: d.checked })}
      />
      {why.field}
    </FormDialog>
  );
}
