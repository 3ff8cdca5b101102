/**
 * Invitation inbox (PRODUCT.md §4.2–4.4): pending and expired invitations addressed to the
 * caller's organisation, metadata only. Accept names at least one Primary admin; Decline deletes
 * the invitation after a confirmation.
 */
import { useState } from 'react';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { declineInvitation, listInvitations, type InboxItem } from '../api/partner.ts';
import { useStrings } from '../i18n.ts';
import { afterClose } from '../components/FormDialog.tsx';
import { describeScope, formatDate } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import { OrgCell, actionsColumn } from '../components/SimpleTable.tsx';
import { useInvalidate } from '../components/useLoad.ts';
import { usePagedList } from '../components/usePagedList.ts';
import { PageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { AcceptInvitationDialog } from './AcceptInvitationDialog.tsx';
import { InvitationStatus } from './InvitationStatus.tsx';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  sub: { display: 'block', color: tokens.colorNeutralForeground3 },
});

type Dialog = { kind: 'accept' | 'decline'; item: InboxItem } | null;

export function InvitationsPage({ api, focusHeading, refreshAccess }: PageProps) {
  const strings = useStrings();
  const t = strings.invitations;
  const styles = useStyles();
  const announce = useNotify();
  const invitations = usePagedList(['invitations', 'inbox'], (cursor, signal) =>
    listInvitations(api, { cursor, signal })
  );
  const invalidate = useInvalidate();
  const [dialog, setDialog] = useState<Dialog>(null);

  const drop = (id: string) =>
    invitations.update((page) => ({ ...page, items: page.items.filter((i) => i.id !== id) }));

  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      <PagedTable
        list={invitations}
        text={t}
        label={t.tableLabel}
        size="medium"
        rowKey={(item) => item.id}
        columns={[
          {
            header: t.customer,
            cell: (item) => (
              <OrgCell name={item.customerName} domain={item.customerDomain}>
                <Caption1 className={`${styles.sub} ${styles.mono}`}>
                  {strings.common.tenantId(item.customerTenantId)}
                </Caption1>
              </OrgCell>
            ),
          },
          {
            header: t.scope,
            cell: (item) => (
              <>
                {describeScope(item.scope, strings)}
                <Caption1 className={styles.sub}>
                  {t.changeControl(item.changeControl === 'auto' ? t.auto : t.manual)}
                </Caption1>
              </>
            ),
          },
          {
            header: t.status,
            cell: (item) => <InvitationStatus expired={item.expired} expiresAt={item.expiresAt} />,
          },
          {
            header: t.invitedBy,
            cell: (item) => (
              <>
                {item.createdByName}
                <Caption1 className={styles.sub}>{formatDate(item.createdAt, strings)}</Caption1>
              </>
            ),
          },
          actionsColumn(strings.common.actions, (item: InboxItem) => [
            {
              text: t.accept,
              name: t.acceptLabel(item.customerName),
              primary: true,
              disabled: item.expired,
              onClick: () => setDialog({ kind: 'accept', item }),
            },
            {
              text: t.decline,
              name: t.declineLabel(item.customerName),
              onClick: () => setDialog({ kind: 'decline', item }),
            },
          ]),
        ]}
      />

      {dialog?.kind === 'accept' ? (
        <AcceptInvitationDialog
          api={api}
          item={dialog.item}
          onClose={afterClose(setDialog, null, () => {
            drop(dialog.item.id);
            announce(t.accepted(dialog.item.customerName));
            focusPageTitle();
            // A new customer: the invitations (here and in Tenants), the customers and the access.
            void invalidate(['invitations'], ['customers']);
            void refreshAccess().catch(() => undefined);
          })}
        />
      ) : null}
      <ConfirmDialog
        open={dialog?.kind === 'decline'}
        title={t.declineTitle(dialog?.item.customerName ?? '')}
        confirmLabel={t.decline}
        failedTitle={t.declineFailed}
        onConfirm={() => declineInvitation(api, dialog!.item.id)}
        onClose={(declined) => {
          const item = dialog?.item;
          setDialog(null);
          if (declined && item) {
            drop(item.id);
            announce(t.declined(item.customerName));
            focusPageTitle();
            void invalidate(['invitations']);
          }
        }}
      >
        {t.declineBody(dialog?.item.customerName ?? '')}
      </ConfirmDialog>
    </PageFrame>
  );
}
