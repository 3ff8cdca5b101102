/**
 * Tenants (PRODUCT.md §4.5): the customers the partner manages and, for the customer chosen in
 * the list or the Customer dropdown, a detail pane: metadata, scope, Primary admins (add; remove
 * but never the last) and Remove customer (its Primary admins only, after a confirmation).
 */
import { useState } from 'react';
import {
  Badge,
  Caption1,
  Card,
  Link,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  getPartnerCustomer,
  listInvitations,
  removeCustomer,
  type CustomerDetail,
  type CustomerSummary,
  type InboxItem,
} from '../api/partner.ts';
import { isTenantAdmin } from '../access.ts';
import { useStrings } from '../i18n.ts';
import { afterClose } from '../components/FormDialog.tsx';
import { describeScope, formatDate } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { OpenerButton } from '../components/OpenerButton.tsx';
import { PageSection } from '../components/PageSection.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { SimpleTable } from '../components/SimpleTable.tsx';
import { PageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { EmptyState, Loading } from '../components/PageStates.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useLoad } from '../components/useLoad.ts';
import { PartnerControlsPane } from './PartnerControls.tsx';
import { PrimaryAdmins } from './PrimaryAdmins.tsx';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  pane: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalL },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  danger: { alignSelf: 'flex-start' },
});

type Row = { kind: 'customer'; c: CustomerSummary } | { kind: 'invitation'; i: InboxItem };

export function TenantsPage(props: PageProps) {
  const { api, access, customer, requestedCustomer, focusHeading, links } = props;
  const strings = useStrings();
  const t = strings.tenants;
  const shared = useSharedStyles();
  const tenants = access.partnerCustomers;
  const wanted = requestedCustomer ?? customer?.tenantId;
  const selected = tenants.find((c) => c.customerTenantId === wanted) ?? null;
  // As in the portal, pending invitations are listed beside the customers (status "Pending").
  const invitations = useLoad(
    ['invitations', 'pending', access.handlesInvitations],
    async (signal) =>
      access.handlesInvitations ? (await listInvitations(api, { limit: 100, signal })).items : []
  );
  const pending = invitations.state.kind === 'ready' ? invitations.state.data : [];
  const myRoles = (isPrimaryAdmin: boolean) => [
    ...(isPrimaryAdmin ? [strings.roles.primaryAdmin] : []),
    ...(access.me.isGlobalAdmin ? [strings.roles.globalAdmin] : []),
    ...(access.me.isRoomsProManager ? [strings.roles.roomsProManager] : []),
    ...(!isTenantAdmin(access.me) && access.handlesInvitations
      ? [strings.roles.tenantManager]
      : []),
  ];
  const roleBadges = (isPrimaryAdmin: boolean) => (
    <div className={shared.badges}>
      {myRoles(isPrimaryAdmin).map((role) => (
        <Badge
          key={role}
          appearance="tint"
          color={role === strings.roles.primaryAdmin ? 'brand' : 'informative'}
        >
          {role}
        </Badge>
      ))}
    </div>
  );
  // As in the portal, one table: the customers, then the pending invitations.
  const rows: Row[] = [
    ...tenants.map((c) => ({ kind: 'customer' as const, c })),
    ...pending.map((i) => ({ kind: 'invitation' as const, i })),
  ];

  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      {rows.length === 0 && invitations.state.kind !== 'loading' ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : null}
      {invitations.state.kind === 'failed' ? (
        <ErrorBar
          title={strings.invitations.loadFailed}
          error={invitations.state.error}
          onRetry={invitations.reload}
        />
      ) : null}
      {rows.length > 0 ? (
        <SimpleTable
          label={t.tableLabel}
          size="medium"
          rows={rows}
          rowKey={(row) => (row.kind === 'customer' ? row.c.customerTenantId : row.i.id)}
          isSelected={(row) =>
            row.kind === 'customer'
              ? row.c.customerTenantId === selected?.customerTenantId
              : undefined
          }
          columns={[
            {
              header: t.customer,
              cell: (row) =>
                row.kind === 'customer' ? (
                  <>
                    <Link
                      href={links.href('tenants', row.c.customerTenantId)}
                      aria-current={
                        row.c.customerTenantId === selected?.customerTenantId ? 'true' : undefined
                      }
                    >
                      {row.c.customerName}
                    </Link>
                    <Caption1 className={shared.sub}>{row.c.customerDomain}</Caption1>
                  </>
                ) : (
                  <>
                    <Link
                      href={links.href('invitations', null)}
                      aria-label={t.openInvitation(row.i.customerName)}
                    >
                      {row.i.customerName}
                    </Link>
                    <Caption1 className={shared.sub}>{row.i.customerDomain}</Caption1>
                  </>
                ),
            },
            {
              header: t.status,
              cell: (row) =>
                row.kind === 'customer' ? (
                  <Badge appearance="outline" color="success">
                    {t.active}
                  </Badge>
                ) : (
                  <Badge appearance="outline" color={row.i.expired ? 'danger' : 'warning'}>
                    {row.i.expired ? t.expired : t.pending}
                  </Badge>
                ),
            },
            {
              header: t.scope,
              cell: (row) =>
                describeScope(row.kind === 'customer' ? row.c.scope : row.i.scope, strings),
            },
            {
              header: t.accepted,
              cell: (row) =>
                row.kind === 'customer' ? formatDate(row.c.acceptedAt, strings) : '—',
            },
            {
              header: t.yourRole,
              cell: (row) => roleBadges(row.kind === 'customer' && row.c.isPrimaryAdmin),
            },
          ]}
        />
      ) : null}
      {tenants.length > 0 && !selected ? <Caption1>{t.chooseHint}</Caption1> : null}
      {selected ? <TenantDetail {...props} customerTenantId={selected.customerTenantId} /> : null}
    </PageFrame>
  );
}

function TenantDetail({
  api,
  refreshAccess,
  links,
  customerTenantId,
}: PageProps & { customerTenantId: string }) {
  const strings = useStrings();
  const t = strings.tenants;
  const styles = useStyles();
  const shared = useSharedStyles();
  const announce = useNotify();
  const { state, reload } = useLoad(['customers', customerTenantId], (signal) =>
    getPartnerCustomer(api, customerTenantId, signal)
  );
  const [confirmRemoveCustomer, setConfirmRemoveCustomer] = useState(false);

  if (state.kind === 'loading') return <Loading label={t.loadingDetail} />;
  if (state.kind === 'failed') {
    return <ErrorBar title={t.detailFailed} error={state.error} onRetry={reload} />;
  }
  const detail: CustomerDetail = state.data;

  return (
    <Card className={styles.pane} role="region" aria-labelledby="tenant-detail-title">
      <Subtitle2 as="h2" id="tenant-detail-title" className={shared.heading}>
        {detail.customerName}
      </Subtitle2>
      <dl className={shared.facts}>
        <dt className={shared.term}>{t.domain}</dt>
        <dd className={shared.value}>{detail.customerDomain}</dd>
        <dt className={shared.term}>{strings.landing.tenantId}</dt>
        <dd className={`${shared.value} ${styles.mono}`}>{detail.customerTenantId}</dd>
        <dt className={shared.term}>{t.accepted}</dt>
        <dd className={shared.value}>{formatDate(detail.acceptedAt, strings)}</dd>
        <dt className={shared.term}>{t.scope}</dt>
        <dd className={shared.value}>
          {describeScope(detail.scope, strings)}
          {detail.rooms && !detail.rooms.allRooms ? (
            <ul className={styles.list}>
              {detail.rooms.roomGroups.map((g) => (
                <li key={g.id}>{strings.scope.groupNamed(g.displayName)}</li>
              ))}
              {detail.rooms.rooms.map((r) => (
                <li key={r.id}>{r.displayName}</li>
              ))}
            </ul>
          ) : null}
        </dd>
      </dl>

      <PageSection title={strings.roles.primaryAdmins} level="h3">
        <PrimaryAdmins api={api} customerTenantId={customerTenantId} />
      </PageSection>

      <PartnerControlsPane api={api} customerTenantId={customerTenantId} />

      {detail.isPrimaryAdmin ? (
        <OpenerButton className={styles.danger} onClick={() => setConfirmRemoveCustomer(true)}>
          {t.removeCustomer}
        </OpenerButton>
      ) : null}

      <ConfirmDialog
        open={confirmRemoveCustomer}
        title={t.removeCustomerTitle(detail.customerName)}
        confirmLabel={t.removeCustomer}
        failedTitle={t.removeFailed}
        onConfirm={() => removeCustomer(api, customerTenantId)}
        onClose={afterClose(setConfirmRemoveCustomer, false, () => {
          announce(t.customerRemoved(detail.customerName));
          // Not invalidated: this customer's detail is on screen and would reload into a 404.
          void refreshAccess()
            .catch(() => undefined)
            .then(() => {
              links.go('tenants', null);
              focusPageTitle();
            });
        })}
      >
        {t.removeCustomerBody(detail.customerName)}
      </ConfirmDialog>
    </Card>
  );
}
