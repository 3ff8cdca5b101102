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
import { createAssignment, createRole, updateRole, type Role } from '../api/roles.ts';
import { isChangeRequest, type ChangeRequest } from '../api/change-control.ts';
import { useStrings, type Strings } from '../i18n.ts';
import { describeScope } from '../format.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { fieldOfCode, useDraft, useFieldErrors } from '../components/fields.ts';
import { useSharedStyles } from '../components/styles.ts';
import { useChangeJustification } from '../components/ChangeJustification.tsx';
import {
  AssignmentScopeField,
  MembersField,
  PermissionPicker,
  ROLE_FIELD_OF_CODE,
  RoleGeneralFields,
  assignmentProblems,
  describePermissions,
  roleInput,
  roleProblems,
  toAssignmentInput,
  type AssignmentDraft,
  type RoleDraft,
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
  const why = useChangeJustification(api, customer, 'roles.modify');
  const partner = customer.side === 'partner';
  const [step, setStep] = useState<Step>('general');
  const [role, changeRole] = useDraft<RoleDraft>({ name: '', description: '', permissions: [] });
  const [assignNow, setAssignNow] = useState(true);
  // A partner rarely holds all rooms: start from chosen rooms inside its scope.
  const [assignment, changeAssignment] = useDraft<AssignmentDraft>({
    members: [],
    scope: { allRooms: !partner, roomIds: [], roomGroupIds: [] },
    notify: false,
  });
  // Only the step on screen has a message; it is shown without moving focus from the heading.
  const fields = useFieldErrors(ALL_STEPS.filter((s) => s !== 'assignment' && s !== 'finish'));
  const { errors } = fields;
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

  const check = (s: Step): string | undefined =>
    s === 'general' || s === 'permissions'
      ? roleProblems(role, strings)[s]
      : s === 'members' || s === 'scope'
        ? assignmentProblems(assignment, strings)[s]
        : undefined;

  const go = (next: Step) => {
    fields.show({});
    submit.clear();
    setStep(next);
  };

  const finish = () =>
    submit.run(
      async () => {
        const input = roleInput(role);
        let saved: Role | ChangeRequest | null = created;
        if (!saved) {
          saved = await createRole(why.api, customer.tenantId, input);
        } else if (
          saved.name !== input.name ||
          saved.description !== input.description ||
          saved.permissions.join() !== input.permissions.join()
        ) {
          saved = await updateRole(why.api, customer.tenantId, saved.id, input);
        }
        if (isChangeRequest(saved)) return onClose({ waiting: saved, assignLater: assignNow });
        setCreated(saved);
        if (assignNow) {
          const made = await createAssignment(
            why.api,
            customer.tenantId,
            toAssignmentInput(saved.id, assignment)
          );
          if (isChangeRequest(made)) return onClose({ waiting: made, assignLater: false });
        }
        onClose({ role: saved, assigned: assignNow });
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
    fields.show(problem ? { [step]: problem } : {});
    if (problem) return;
    if (step === 'finish') {
      if (why.check()) void finish();
    } else go(steps[index + 1]!);
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
        <RoleGeneralFields autoFocus role={role} onChange={changeRole} error={errors.general} />
      ) : null}

      {step === 'permissions' ? (
        <PermissionPicker
          customer={customer}
          value={role.permissions}
          onChange={(permissions) => changeRole({ permissions })}
          validationMessage={errors.permissions}
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
            <Switch
              label={t.notify}
              checked={assignment.notify}
              onChange={(_, d) => changeAssignment({ notify: d.checked })}
            />
          ) : null}
        </>
      ) : null}

      {step === 'members' ? (
        <MembersField
          api={api}
          value={assignment.members}
          onChange={(members) => changeAssignment({ members })}
          validationMessage={errors.members}
        />
      ) : null}

      {step === 'scope' ? (
        <AssignmentScopeField
          api={api}
          customer={customer}
          value={assignment.scope}
          onChange={(scope) => {
            changeAssignment({ scope });
            fields.clear('scope');
          }}
          validationMessage={errors.scope}
        />
      ) : null}

      {step === 'finish' ? (
        <dl className={styles.facts}>
          <dt className={styles.term}>{t.name}</dt>
          <dd className={styles.value}>{role.name.trim()}</dd>
          <dt className={styles.term}>{t.permissions}</dt>
          <dd className={styles.value}>{describePermissions(role.permissions, strings)}</dd>
          <dt className={styles.term}>{t.members}</dt>
          <dd className={styles.value}>
            {assignNow ? assignment.members.map((m) => m.displayName).join(', ') : w.notAssigned}
          </dd>
          {assignNow ? (
            <>
              <dt className={styles.term}>{t.scope}</dt>
              <dd className={styles.value}>{describeScope(assignment.scope, strings)}</dd>
              <dt className={styles.term}>{t.alerts}</dt>
              <dd className={styles.value}>{assignment.notify ? t.alertsOn : t.alertsOff}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {step === 'finish' ? why.field : null}
    </FormDialog>
  );
}
