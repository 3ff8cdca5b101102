/**
 * Settings › Roles for the customer chosen in the dropdown (PRODUCT.md §4.6): the roles of the
 * caller's side there (built-ins marked and read-only, custom roles) and their assignments
 * (members, scope, alerts). Shown with Role management › View; the wizard, edits and deletes
 * (confirmed) only with Role management › Modify. A partner's assignments stay inside the
 * invitation scope: its scope editor offers only the rooms it may see, and the service refuses
 * anything beyond (ASSIGNMENT.OUTSIDE_SCOPE).
 */
import { useState } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import {
  deleteAssignment,
  deleteRole,
  listAssignments,
  listRoles,
  type Assignment,
  type Role,
} from '../api/roles.ts';
import { holds } from '../access.ts';
import { useStrings } from '../i18n.ts';
import { afterClose } from '../components/FormDialog.tsx';
import { OpenerButton } from '../components/OpenerButton.tsx';
import { describeScope } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { customerPage, type CustomerPageProps } from '../components/NoCustomer.tsx';
import { PageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { PageSection } from '../components/PageSection.tsx';
import { EmptyState, LoadStates } from '../components/PageStates.tsx';
import { BuiltInBadge, NameCell, SimpleTable, actionsColumn } from '../components/SimpleTable.tsx';
import { useLoad } from '../components/useLoad.ts';
import { describePermissions, localRole, roleName } from './roleFields.tsx';
import { RoleWizard, wizardOutcome } from './RoleWizard.tsx';
import { AssignmentDialog, RoleDialog } from './RoleDialogs.tsx';
import { PrimaryAdmins } from './PrimaryAdmins.tsx';
import { savedMessage } from '../components/savedMessage.ts';

type Open =
  | { kind: 'wizard' }
  | { kind: 'role'; role: Role }
  | { kind: 'assignment'; assignment: Assignment | null }
  | null;

/** A delete waiting for confirmation: a custom role, or an assignment (named by its role). */
type Pending = { kind: 'role' | 'assignment'; id: string; name: string } | null;

export const RolesPage = customerPage((s) => s.roleAdmin.title, CustomerRoles);

function CustomerRoles({ api, access, customer, focusHeading }: CustomerPageProps) {
  const strings = useStrings();
  const t = strings.roleAdmin;
  const announce = useNotify();
  const cid = customer.tenantId;
  const data = useLoad(['roles', cid], async (signal) => {
    const [roles, assignments] = await Promise.all([
      listRoles(api, cid, signal),
      listAssignments(api, cid, signal),
    ]);
    return { roles, assignments };
  });
  const [open, setOpen] = useState<Open>(null);
  const [pending, setPending] = useState<Pending>(null);
  const mayModify = holds(customer, 'roles.modify');
  const name = customer.displayName;

  /** Closes the open dialog; after a save, says so and reloads. */
  const closed = (message: string | null) => {
    setOpen(null);
    if (!message) return;
    announce(message);
    data.reload();
  };

  return (
    <PageFrame
      title={t.title}
      intro={customer.side === 'partner' ? t.partnerIntro(name) : t.intro(name)}
      focusHeading={focusHeading}
      actions={
        mayModify ? (
          <>
            <OpenerButton appearance="primary" onClick={() => setOpen({ kind: 'wizard' })}>
              {t.newRole}
            </OpenerButton>
            <OpenerButton onClick={() => setOpen({ kind: 'assignment', assignment: null })}>
              {t.newAssignment}
            </OpenerButton>
          </>
        ) : undefined
      }
    >
      {mayModify ? null : (
        <MessageBar intent="info">
          <MessageBarBody>{t.viewOnly}</MessageBarBody>
        </MessageBar>
      )}
      <LoadStates loaded={data} loading={t.loading} failed={t.loadFailed}>
        {({ roles, assignments }) => (
          <>
            <PageSection title={t.rolesTitle}>
              <SimpleTable
                label={t.rolesTable(name)}
                rows={roles.map((r) => localRole(r, strings))}
                rowKey={(r) => r.id}
                columns={[
                  {
                    header: t.name,
                    cell: (r) => (
                      <NameCell name={r.name} description={r.description} authored={!r.builtIn} />
                    ),
                  },
                  {
                    header: t.kind,
                    cell: (r) => <BuiltInBadge builtIn={r.builtIn} labels={t} />,
                  },
                  {
                    header: t.permissions,
                    cell: (r) => describePermissions(r.permissions, strings),
                  },
                  mayModify &&
                    actionsColumn(strings.common.actions, (r: Role) =>
                      r.builtIn
                        ? null
                        : [
                            {
                              text: strings.roomActions.modify,
                              name: strings.common.modifyLabel(r.name),
                              onClick: () => setOpen({ kind: 'role', role: r }),
                            },
                            {
                              text: strings.common.delete,
                              name: t.deleteRole(r.name),
                              onClick: () => setPending({ kind: 'role', id: r.id, name: r.name }),
                            },
                          ]
                    ),
                ]}
              />
            </PageSection>

            <PageSection title={t.assignmentsTitle}>
              {assignments.length === 0 ? (
                <EmptyState>{t.noAssignments}</EmptyState>
              ) : (
                <SimpleTable
                  label={t.assignmentsTable(name)}
                  rows={assignments}
                  rowKey={(a) => a.id}
                  columns={[
                    { header: t.role, cell: (a) => roleName(roles, a.roleId, strings) },
                    {
                      header: t.members,
                      cell: (a) => a.members.map((m) => m.displayName).join(', '),
                    },
                    { header: t.scope, cell: (a) => describeScope(a.scope, strings) },
                    { header: t.alerts, cell: (a) => (a.notify ? t.alertsOn : t.alertsOff) },
                    mayModify &&
                      actionsColumn(strings.common.actions, (a: Assignment) => {
                        const role = roleName(roles, a.roleId, strings);
                        return [
                          {
                            text: strings.roomActions.modify,
                            name: t.editAssignment(role),
                            onClick: () => setOpen({ kind: 'assignment', assignment: a }),
                          },
                          {
                            text: strings.common.delete,
                            name: t.deleteAssignment(role),
                            onClick: () => setPending({ kind: 'assignment', id: a.id, name: role }),
                          },
                        ];
                      }),
                  ]}
                />
              )}
            </PageSection>

            {customer.side === 'partner' &&
            access.partnerCustomers.some((c) => c.customerTenantId === cid) ? (
              // Settings › Roles › Primary admins › Members, as in the portal (also in Tenants).
              <PageSection title={t.primaryAdmins.title}>
                <p>{t.primaryAdmins.intro(name)}</p>
                <PrimaryAdmins api={api} customerTenantId={cid} />
              </PageSection>
            ) : null}

            {open?.kind === 'wizard' ? (
              <RoleWizard
                api={api}
                customer={customer}
                onClose={(result) => closed(result && wizardOutcome(result, strings))}
              />
            ) : null}
            {open?.kind === 'role' ? (
              <RoleDialog
                api={api}
                customer={customer}
                role={open.role}
                onClose={(saved) =>
                  closed(saved && savedMessage(saved, strings, (role) => t.roleSaved(role.name)))
                }
              />
            ) : null}
            {open?.kind === 'assignment' ? (
              <AssignmentDialog
                api={api}
                customer={customer}
                roles={roles}
                assignment={open.assignment}
                // An assignment's change request is named by its role's name.
                onClose={(saved) =>
                  closed(saved && savedMessage(saved, strings, () => t.assignmentSaved))
                }
              />
            ) : null}
          </>
        )}
      </LoadStates>

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'role'
            ? t.deleteRoleTitle(pending.name)
            : pending
              ? t.deleteAssignmentTitle(pending.name)
              : ''
        }
        confirmLabel={strings.common.delete}
        failedTitle={t.failed}
        onConfirm={async () => {
          if (!pending) return;
          const role = pending.kind === 'role';
          const result = await (role ? deleteRole : deleteAssignment)(api, cid, pending.id);
          const deleted = role ? t.roleDeleted(pending.name) : t.assignmentDeleted;
          announce(savedMessage(result, strings, () => deleted, pending.name));
        }}
        onClose={afterClose(setPending, null, () => {
          data.reload();
          // The row and its Delete button are gone.
          focusPageTitle();
        })}
      >
        {pending?.kind === 'role' ? t.deleteRoleBody : t.deleteAssignmentBody}
      </ConfirmDialog>
    </PageFrame>
  );
}
