/**
 * Partners (PRODUCT.md §4.9–4.10), the customer's side: invite a partner, pending invitations
 * (withdraw), and each partner with its scope (change, effective at once), its roles and
 * assignments (delete any), and Remove partner. Global admins and TRPMs of the caller's tenant.
 */
import { useState } from 'react';
import {
  Badge,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import {
  deletePartnerAssignment,
  deletePartnerRole,
  listCustomerInvitations,
  listPartners,
  removePartner,
  withdrawInvitation,
  type CustomerInvitation,
  type Partner,
  type PartnerAssignment,
  type PartnerRole,
  type RoomScope,
} from '../api/customer.ts';
import { listRoomGroupRefs, listRoomRefs } from '../api/rooms.ts';
import { colon, useStrings, type Strings } from '../i18n.ts';
import { describeScope, formatDate } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { OpenerButton } from '../components/OpenerButton.tsx';
import { afterClose } from '../components/FormDialog.tsx';
import { PagedList, PagedTable } from '../components/PagedTable.tsx';
import { OrgCell, SimpleTable, actionsColumn } from '../components/SimpleTable.tsx';
import { PageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { MinorHeading, PageSection } from '../components/PageSection.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useLoad } from '../components/useLoad.ts';
import { AddPartnerDialog } from './AddPartnerDialog.tsx';
import { InvitationStatus } from './InvitationStatus.tsx';
import { ScopeDialog } from './ScopeDialog.tsx';
import { localRole } from './roleFields.tsx';
import { ApprovalsSection, PartnerControlsEditor } from './PartnerControls.tsx';
import type { ApiClient } from '../api/client.ts';

/** Names of the caller's rooms and groups, to say what a scope covers (null: not available). */
interface Names {
  groups: Map<string, string> | null;
  rooms: Map<string, string> | null;
}

type Pending =
  | { kind: 'role'; partner: Partner; id: string; name: string }
  | { kind: 'assignment'; partner: Partner; id: string; name: string }
  | { kind: 'partner'; partner: Partner }
  | { kind: 'withdraw'; invitation: CustomerInvitation }
  | null;

export function PartnersPage({ api, access, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.partners;
  const announce = useNotify();
  const tenantId = access.me.tenantId;
  const partners = useLoad(['partners'], (signal) => listPartners(api, { signal }));
  const invitations = useLoad(['partnerInvitations'], (signal) =>
    listCustomerInvitations(api, { signal })
  );
  const names = useLoad<Names>(['scopeNames', tenantId], async (signal) => {
    const [groups, rooms] = await Promise.all([
      listRoomGroupRefs(api, tenantId, signal).catch(() => null),
      listRoomRefs(api, tenantId, signal).catch(() => null),
    ]);
    const toMap = (list: { id: string; displayName: string }[] | null) =>
      list ? new Map(list.map((x) => [x.id, x.displayName])) : null;
    return { groups: toMap(groups), rooms: toMap(rooms) };
  });
  const control = useStrings().control;
  const [adding, setAdding] = useState(false);
  const [scopeOf, setScopeOf] = useState<Partner | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const known = names.state.kind === 'ready' ? names.state.data : { groups: null, rooms: null };
  const confirm = confirmText(pending, strings);

  const confirmAction = async () => {
    if (!pending) return;
    if (pending.kind === 'role') {
      await deletePartnerRole(api, pending.partner.partnerTenantId, pending.id);
    } else if (pending.kind === 'assignment') {
      await deletePartnerAssignment(api, pending.partner.partnerTenantId, pending.id);
    } else if (pending.kind === 'partner') {
      await removePartner(api, pending.partner.partnerTenantId);
    } else {
      await withdrawInvitation(api, pending.invitation.id);
    }
  };

  const afterAction = (done: boolean) => {
    const action = pending;
    setPending(null);
    if (!done || !action) return;
    if (action.kind === 'withdraw') {
      invitations.update((page) => ({
        ...page,
        items: page.items.filter((i) => i.id !== action.invitation.id),
      }));
      announce(t.withdrawn(action.invitation.partnerName));
      focusPageTitle();
      return;
    }
    announce(
      action.kind === 'partner'
        ? t.partnerRemoved(action.partner.partnerName)
        : t.deleted(action.name)
    );
    partners.reload();
    focusPageTitle();
  };

  return (
    <PageFrame
      title={t.title}
      intro={t.intro}
      focusHeading={focusHeading}
      actions={
        <OpenerButton appearance="primary" onClick={() => setAdding(true)}>
          {t.addPartner}
        </OpenerButton>
      }
    >
      <PageSection title={control.approvalsTitle}>
        <ApprovalsSection api={api} customerTenantId={tenantId} />
      </PageSection>

      <PageSection title={t.listTitle}>
        <PagedList list={partners} text={t}>
          {(items) =>
            items.map((p) => (
              <PartnerCard
                key={p.partnerTenantId}
                api={api}
                partner={p}
                names={known}
                onChangeScope={() => setScopeOf(p)}
                onDeleteRole={(id, name) => setPending({ kind: 'role', partner: p, id, name })}
                onDeleteAssignment={(id, name) =>
                  setPending({ kind: 'assignment', partner: p, id, name })
                }
                onRemove={() => setPending({ kind: 'partner', partner: p })}
              />
            ))
          }
        </PagedList>
      </PageSection>

      <PageSection title={t.invitationsTitle}>
        <PagedTable
          list={invitations}
          text={{
            loading: t.loadingInvitations,
            loadFailed: t.invitationsFailed,
            empty: t.noInvitations,
          }}
          label={t.invitationsTitle}
          size="medium"
          rowKey={(i) => i.id}
          columns={[
            {
              header: t.partner,
              cell: (i) => <OrgCell name={i.partnerName} domain={i.partnerDomain} />,
            },
            { header: t.scope, cell: (i) => scopeText(i.scope, known, strings) },
            {
              header: strings.invitations.status,
              cell: (i) => <InvitationStatus expired={i.expired} expiresAt={i.expiresAt} />,
            },
            actionsColumn(strings.common.actions, (i: CustomerInvitation) => [
              {
                text: t.withdraw,
                name: t.withdrawLabel(i.partnerName),
                onClick: () => setPending({ kind: 'withdraw', invitation: i }),
              },
            ]),
          ]}
        />
      </PageSection>

      {adding ? (
        <AddPartnerDialog
          api={api}
          tenantId={tenantId}
          onClose={afterClose(setAdding, false, (created) => {
            announce(t.invited(created.partnerName));
            invitations.reload();
          })}
        />
      ) : null}
      {scopeOf ? (
        <ScopeDialog
          api={api}
          tenantId={tenantId}
          partner={scopeOf}
          onClose={afterClose(setScopeOf, null, (updated) => {
            partners.update((page) => ({
              ...page,
              items: page.items.map((p) =>
                p.partnerTenantId === updated.partnerTenantId ? updated : p
              ),
            }));
            announce(t.scopeChanged(updated.partnerName));
          })}
        />
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={confirm.title}
        confirmLabel={confirm.label}
        failedTitle={t.actionFailed}
        onConfirm={confirmAction}
        onClose={afterAction}
      >
        {confirm.body}
      </ConfirmDialog>
    </PageFrame>
  );
}

/** The confirmation of a pending action: its title, its body and its button. */
function confirmText(pending: Pending, strings: Strings) {
  const t = strings.partners;
  if (!pending) return { title: '', body: '', label: strings.common.delete };
  if (pending.kind === 'partner') {
    const name = pending.partner.partnerName;
    return {
      title: t.removePartnerTitle(name),
      body: t.removePartnerBody(name),
      label: t.removePartner,
    };
  }
  if (pending.kind === 'withdraw') {
    const name = pending.invitation.partnerName;
    return { title: t.withdrawTitle(name), body: t.withdrawBody(name), label: t.withdraw };
  }
  return pending.kind === 'role'
    ? {
        title: t.deleteRoleTitle(pending.name),
        body: t.deleteRoleBody(pending.name, pending.partner.partnerName),
        label: strings.common.delete,
      }
    : {
        title: t.deleteAssignmentTitle(pending.name),
        body: t.deleteAssignmentBody(pending.partner.partnerName),
        label: strings.common.delete,
      };
}

/** "All rooms", or the named groups and rooms when their names are known, else counts. */
function scopeText(scope: RoomScope, names: Names, strings: Strings): string {
  if (scope.allRooms) return strings.scope.allRooms;
  const groupNames = scope.roomGroupIds.map((id) => names.groups?.get(id));
  const roomNames = scope.roomIds.map((id) => names.rooms?.get(id));
  const all = [...groupNames, ...roomNames];
  if (all.length > 0 && all.every((n) => n !== undefined)) return all.join(', ');
  return describeScope(scope, strings);
}

function PartnerCard({
  api,
  partner,
  names,
  onChangeScope,
  onDeleteRole,
  onDeleteAssignment,
  onRemove,
}: {
  api: ApiClient;
  partner: Partner;
  names: Names;
  onChangeScope: () => void;
  onDeleteRole: (id: string, name: string) => void;
  onDeleteAssignment: (id: string, name: string) => void;
  onRemove: () => void;
}) {
  const strings = useStrings();
  const t = strings.partners;
  const styles = useSharedStyles();
  const headingId = `partner-${partner.partnerTenantId}`;
  const roleName = (id: string) => {
    const role = partner.roles.find((r) => r.id === id);
    return role ? localRole(role, strings).name : id;
  };
  return (
    <Card className={styles.card} role="region" aria-labelledby={headingId}>
      <div className={styles.cardTop}>
        <div>
          <Subtitle2 as="h3" id={headingId} className={styles.heading}>
            {partner.partnerName}
          </Subtitle2>
          <Caption1 className={styles.sub}>
            {t.since(partner.partnerDomain, formatDate(partner.acceptedAt, strings))}
          </Caption1>
        </div>
        <OpenerButton onClick={onRemove}>{t.removePartner}</OpenerButton>
      </div>
      {partner.breakGlass ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.breakGlassTitle}</MessageBarTitle>
            {t.breakGlassBody(
              partner.breakGlass.actorName,
              partner.breakGlass.member.displayName,
              formatDate(partner.breakGlass.at, strings)
            )}{' '}
            {t.breakGlassReason}
            {colon(strings)}
            {/* Typed by a person: shown as written, without the French typography. */}
            <span data-authored="">{partner.breakGlass.reason}</span>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.row}>
        <Text>
          {t.scope}
          {colon(strings)}
          <Text weight="semibold">{scopeText(partner.scope, names, strings)}</Text>
        </Text>
        <OpenerButton
          size="small"
          aria-label={t.changeScopeLabel(partner.partnerName)}
          onClick={onChangeScope}
        >
          {t.changeScope}
        </OpenerButton>
      </div>

      <PartnerControlsEditor
        api={api}
        partnerTenantId={partner.partnerTenantId}
        partnerName={partner.partnerName}
      />

      <MinorHeading level="h4">{t.rolesTitle}</MinorHeading>
      <SimpleTable
        label={t.rolesLabel(partner.partnerName)}
        rows={partner.roles}
        rowKey={(r) => r.id}
        columns={[
          {
            header: t.role,
            cell: (r) => (
              <>
                {localRole(r, strings).name}{' '}
                {r.builtIn ? (
                  <Badge appearance="outline" size="small">
                    {t.builtIn}
                  </Badge>
                ) : null}
              </>
            ),
          },
          { header: t.permissions, cell: (r) => t.permissionCount(r.permissions.length) },
          actionsColumn(strings.common.actions, (r: PartnerRole) => [
            {
              text: strings.common.delete,
              name: t.deleteRoleLabel(r.name),
              onClick: () => onDeleteRole(r.id, r.name),
            },
          ]),
        ]}
      />

      <MinorHeading level="h4">{t.assignmentsTitle}</MinorHeading>
      <SimpleTable
        label={t.assignmentsLabel(partner.partnerName)}
        rows={partner.assignments}
        rowKey={(a) => a.id}
        empty={t.noAssignments}
        columns={[
          { header: t.role, cell: (a) => roleName(a.roleId) },
          { header: t.members, cell: (a) => a.members.map((m) => m.displayName).join(', ') || '—' },
          { header: t.scope, cell: (a) => scopeText(a.scope, names, strings) },
          actionsColumn(strings.common.actions, (a: PartnerAssignment) => [
            {
              text: strings.common.delete,
              name: t.deleteAssignmentLabel(roleName(a.roleId)),
              onClick: () => onDeleteAssignment(a.id, t.assignmentName(roleName(a.roleId))),
            },
          ]),
        ]}
      />
    </Card>
  );
}
