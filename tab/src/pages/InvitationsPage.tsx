/**
 * Invitation inbox (PRODUCT.md §4.2–4.4): pending and expired invitations addressed to the
 * caller's organisation, metadata only. Accept names at least one Primary admin; Decline deletes
 * the invitation after a confirmation.
 */
import { useCallback, useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { declineInvitation, listInvitations, type InboxItem } from '../api/partner.ts';
import type { Page } from '../api/client.ts';
import { useStrings } from '../i18n.ts';
import { describeScope, formatDate } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { PageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { EmptyState, LoadMore, Loading } from '../components/PageStates.tsx';
import { useLoad } from '../components/useLoad.ts';
import { AcceptInvitationDialog } from './AcceptInvitationDialog.tsx';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  sub: { display: 'block', color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Dialog = { kind: 'accept' | 'decline'; item: InboxItem } | null;

export function InvitationsPage({ api, focusHeading, refreshAccess }: PageProps) {
  const strings = useStrings();
  const t = strings.invitations;
  const styles = useStyles();
  const announce = useNotify();
  const restoreFocus = useRestoreFocusTarget();
  const { state, reload, update } = useLoad(
    (signal) => listInvitations(api, { signal }),
    [api]
  );
  const [dialog, setDialog] = useState<Dialog>(null);
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const loadMore = useCallback(
    async (cursor: string) => {
      setMore({ busy: true, error: null });
      try {
        const next = await listInvitations(api, { cursor });
        update((page: Page<InboxItem>) => ({
          items: [...page.items, ...next.items],
          nextCursor: next.nextCursor,
        }));
        setMore({ busy: false, error: null });
      } catch (error) {
        setMore({ busy: false, error });
      }
    },
    [api, update]
  );

  const drop = (id: string) =>
    update((page) => ({ ...page, items: page.items.filter((i) => i.id !== id) }));

  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      {state.kind === 'loading' ? <Loading label={t.loading} /> : null}
      {state.kind === 'failed' ? (
        <ErrorBar title={t.loadFailed} error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' && state.data.items.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : null}
      {state.kind === 'ready' && state.data.items.length > 0 ? (
        <Table aria-label={t.tableLabel}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.customer}</TableHeaderCell>
              <TableHeaderCell>{t.scope}</TableHeaderCell>
              <TableHeaderCell>{t.status}</TableHeaderCell>
              <TableHeaderCell>{t.invitedBy}</TableHeaderCell>
              <TableHeaderCell>{strings.common.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {state.data.items.map((item) => (
              <TableRow key={item.id}>
                <TableCell>
                  <Text weight="semibold">{item.customerName}</Text>
                  <Caption1 className={styles.sub}>{item.customerDomain}</Caption1>
                  <Caption1 className={`${styles.sub} ${styles.mono}`}>
                    {strings.common.tenantId(item.customerTenantId)}
                  </Caption1>
                </TableCell>
                <TableCell>
                  {describeScope(item.scope, strings)}
                  <Caption1 className={styles.sub}>
                    {t.changeControl(item.changeControl === 'auto' ? t.auto : t.manual)}
                  </Caption1>
                </TableCell>
                <TableCell>
                  {item.expired ? (
                    <Badge appearance="tint" color="danger">
                      {t.expired}
                    </Badge>
                  ) : (
                    <Badge appearance="tint" color="warning">
                      {t.pending}
                    </Badge>
                  )}
                  <Caption1 className={styles.sub}>
                    {(item.expired ? t.expiredOn : t.expiresOn)(formatDate(item.expiresAt, strings))}
                  </Caption1>
                </TableCell>
                <TableCell>
                  {item.createdByName}
                  <Caption1 className={styles.sub}>{formatDate(item.createdAt, strings)}</Caption1>
                </TableCell>
                <TableCell>
                  <div className={styles.actions}>
                    <Button
                      {...restoreFocus}
                      appearance="primary"
                      disabled={item.expired}
                      aria-label={t.acceptLabel(item.customerName)}
                      onClick={() => setDialog({ kind: 'accept', item })}
                    >
                      {t.accept}
                    </Button>
                    <Button
                      {...restoreFocus}
                      aria-label={t.declineLabel(item.customerName)}
                      onClick={() => setDialog({ kind: 'decline', item })}
                    >
                      {t.decline}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {more.error ? <ErrorBar title={t.loadFailed} error={more.error} /> : null}
      {state.kind === 'ready' && state.data.nextCursor ? (
        <LoadMore busy={more.busy} onClick={() => void loadMore(state.data.nextCursor!)} />
      ) : null}

      {dialog?.kind === 'accept' ? (
        <AcceptInvitationDialog
          api={api}
          item={dialog.item}
          onClose={(accepted) => {
            setDialog(null);
            if (!accepted) return;
            drop(dialog.item.id);
            announce(t.accepted(dialog.item.customerName));
            focusPageTitle();
            void refreshAccess().catch(() => undefined);
          }}
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
          }
        }}
      >
        {t.declineBody(dialog?.item.customerName ?? '')}
      </ConfirmDialog>
    </PageFrame>
  );
}
