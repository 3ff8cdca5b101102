/**
 * The custom-role wizard (PRODUCT.md §4.6): general → permissions → assignment → members →
 * scope → finish. Each step is checked before the next; "assign later" skips members and scope.
 * Finish creates the role, then its assignment. When the service refuses, the wizard goes back
 * to the step the error code names (ROLE.PERMISSION_NOT_HELD → permissions,
 * ASSIGNMENT.OUTSIDE_SCOPE → scope…) with the message; a role already created is not created
 * twice (it is updated if its general or permission steps changed). Under the customer's Manual
 * approval a partner's new role is a change request (202): the wizard stops there, since there is
 * no role to assign until the customer approves it.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Field, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { FocusHeading } from '../components/PageHeading.tsx';
import type { CustomerOption } from '../api/customers.ts';
import {
  createAssignment,
  createRole,
  updateRole,
  type Permission,
  type Role,
} from '../api/roles.ts';
import { isChangeRequest, type ChangeRequest } from '../api/change-control.ts';
import { useStrings, type Strings } from '../i18n.ts';
import { describeScope } from '../format.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { fieldOfCode } from '../components/fields.ts';
import type { ChosenMember } from '../components/MemberTags.tsx';
import { isScopeEmpty, type ScopeValue } from '../components/ScopeEditor.tsx';
import { useSharedStyles } from '../components/styles.ts';
import {
  AssignmentScopeField,
  MembersField,
  PermissionPicker,
  ROLE_FIELD_OF_CODE,
  RoleGeneralFields,
  toAssignmentInput,
  describePermissions,
} from './roleFields.tsx';

const ALL_STEPS = ['general', 'permissions', 'assignment', 'members', 'scope', 'finish'] as const;
type Step = (typeof ALL_STEPS)[number];

export type WizardResult =
  | { role: Role; assigned: boolean }
  /** Sent for approval; `assignLater`: the role waits, so its assignment was not made. */
  | { waiting: ChangeRequest; assignLater: boolean };

/** What the page announces when the wizard ends. */
export function wizardOutcome(result: WizardResult, strings: Strings): string {
  const w = strings.roleAdmin.wizard;
  if ('waiting' in result) {
    const name = result.waiting.objectName;
    return result.assignLater ? w.sentForApproval(name) : strings.control.sentForApproval(name);
  }
  return result.assigned ? w.createdAndAssigned(result.role.name) : w.created(result.role.name);
}

type RoleWizardProps = DialogProps<
  WizardResult,
  {
    customer: CustomerOption;
    /** Null when cancelled before anything was created. */
  }
>;

export function RoleWizard({ api, customer, onClose }: RoleWizardProps) {
  const strings = useStrings();
  const t = strings.roleAdmin;
  const w = t.wizard;
  const styles = useSharedStyles();
  const submit = useSubmit(onClose);
  const partner = customer.side === 'partner';
  const [step, setStep] = useState<Step>('general');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [assignNow, setAssignNow] = useState(true);
  const [members, setMembers] = useState<ChosenMember[]>([]);
  // A partner rarely holds all rooms: start from chosen rooms inside its scope.
  const [scope, setScope] = useState<ScopeValue>({
    allRooms: !partner,
    roomIds: [],
    roomGroupIds: [],
  });
  const [notify, setNotify] = useState(false);
  const [invalid, setInvalid] = useState<string | undefined>();
  const [created, setCreated] = useState<Role | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const steps = ALL_STEPS.filter((s) => assignNow || (s !== 'members' && s !== 'scope'));
  const index = steps.indexOf(step);

  // Each step's heading takes focus, so the new step is announced and Tab starts from it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const check = (s: Step): string | undefined => {
    if (s === 'general' && !name.trim()) return t.nameRequired;
    if (s === 'permissions' && permissions.length === 0) return t.choosePermission;
    if (s === 'members' && members.length === 0) return t.chooseMember;
    if (s === 'scope' && isScopeEmpty(scope)) return strings.addPartner.scopeRequired;
    return undefined;
  };

  const go = (next: Step) => {
    setInvalid(undefined);
    submit.clear();
    setStep(next);
  };

  const finish = () =>
    submit.run(
      async () => {
        const input = { name: name.trim(), description: description.trim(), permissions };
        let role: Role | ChangeRequest | null = created;
        if (!role) {
          role = await createRole(api, customer.tenantId, input);
        } else if (
          role.name !== input.name ||
          role.description !== input.description ||
          role.permissions.join() !== input.permissions.join()
        ) {
          role = await updateRole(api, customer.tenantId, role.id, input);
        }
        if (isChangeRequest(role)) return onClose({ waiting: role, assignLater: assignNow });
        setCreated(role);
        if (assignNow) {
          const assignment = await createAssignment(
            api,
            customer.tenantId,
            toAssignmentInput(role.id, members, scope, notify)
          );
          if (isChangeRequest(assignment)) {
            return onClose({ waiting: assignment, assignLater: false });
          }
        }
        onClose({ role, assigned: assignNow });
      },
      (error) => {
        // Keep the failure in the bar, and take the user to the step it is about.
        const field = fieldOfCode(error, ROLE_FIELD_OF_CODE);
        if (field && steps.includes(field)) setStep(field);
        return false;
      }
    );

  const next = () => {
    const problem = check(step);
    setInvalid(problem);
    if (problem) return;
    if (step === 'finish') void finish();
    else go(steps[index + 1]!);
  };

  const stepName = w.steps[step];
  return (
    <FormDialog
      wide
      title={w.title}
      submitLabel={step === 'finish' ? w.create : w.next}
      submit={submit}
      errorTitle={created ? w.roleCreatedAssignmentFailed(created.name) : t.failed}
      onSubmit={next}
      onCancel={() => onClose(created ? { role: created, assigned: false } : null)}
      extraActions={
        index > 0 ? (
          <Button disabledFocusable={submit.busy} onClick={() => go(steps[index - 1]!)}>
            {w.back}
          </Button>
        ) : null
      }
    >
      <ol className={styles.steps} aria-label={w.title}>
        {steps.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            className={s === step ? styles.current : undefined}
          >
            {i + 1}. {w.steps[s]}
          </li>
        ))}
      </ol>
      <FocusHeading as="h3" size={400} ref={heading} className={styles.heading}>
        {w.stepOf(index + 1, steps.length, stepName)}
      </FocusHeading>

      {step === 'general' ? (
        <RoleGeneralFields
          autoFocus
          name={name}
          description={description}
          onName={setName}
          onDescription={setDescription}
          error={invalid}
        />
      ) : null}

      {step === 'permissions' ? (
        <PermissionPicker
          customer={customer}
          value={permissions}
          onChange={setPermissions}
          validationMessage={invalid}
        />
      ) : null}

      {step === 'assignment' ? (
        <>
          <Field label={w.assignRadio}>
            <RadioGroup
              value={assignNow ? 'now' : 'later'}
              onChange={(_, d) => setAssignNow(d.value === 'now')}
            >
              <Radio value="now" label={w.assignNow} />
              <Radio value="later" label={w.assignLater} />
            </RadioGroup>
          </Field>
          {assignNow ? (
            <Switch label={t.notify} checked={notify} onChange={(_, d) => setNotify(d.checked)} />
          ) : null}
        </>
      ) : null}

      {step === 'members' ? (
        <MembersField api={api} value={members} onChange={setMembers} validationMessage={invalid} />
      ) : null}

      {step === 'scope' ? (
        <AssignmentScopeField
          api={api}
          customer={customer}
          value={scope}
          onChange={(v) => {
            setScope(v);
            setInvalid(undefined);
          }}
          validationMessage={invalid}
        />
      ) : null}

      {step === 'finish' ? (
        <dl className={styles.facts}>
          <dt className={styles.term}>{t.name}</dt>
          <dd className={styles.value}>{name.trim()}</dd>
          <dt className={styles.term}>{t.permissions}</dt>
          <dd className={styles.value}>{describePermissions(permissions, strings)}</dd>
          <dt className={styles.term}>{t.members}</dt>
          <dd className={styles.value}>
            {assignNow ? members.map((m) => m.displayName).join(', ') : w.notAssigned}
          </dd>
          {assignNow ? (
            <>
              <dt className={styles.term}>{t.scope}</dt>
              <dd className={styles.value}>{describeScope(scope, strings)}</dd>
              <dt className={styles.term}>{t.alerts}</dt>
              <dd className={styles.value}>{notify ? t.alertsOn : t.alertsOff}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </FormDialog>
  );
}
