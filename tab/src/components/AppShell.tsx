/**
 * The signed-in app: loads what the caller may see (`access.ts`), then renders the navigation
 * (pages by right, the Customer dropdown) and the page named by the URL hash. Pages receive the
 * API client already watched for 401s, so any expired token returns to sign-in.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Dropdown,
  Field,
  Option,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { watchAuthentication, type ApiClient, type ApiError } from '../api/client.ts';
import type { CustomerOption } from '../api/customers.ts';
import {
  PAGE_PERMISSION,
  PER_CUSTOMER_PAGES,
  customersWith,
  loadAccess,
  visiblePages,
  type Access,
} from '../access.ts';
import { useStrings } from '../i18n.ts';
import { hrefFor, navigate, useRoute, type PageId } from '../routes.ts';
import { AnnouncerProvider } from './Announcer.tsx';
import { ErrorBar } from './ErrorBar.tsx';
import { Layout } from './Layout.tsx';
import { Loading } from './PageStates.tsx';
import { useLoad } from './useLoad.ts';
import { OverviewPage } from '../pages/OverviewPage.tsx';
import { InvitationsPage } from '../pages/InvitationsPage.tsx';
import { TenantsPage } from '../pages/TenantsPage.tsx';
import { TenantManagersPage } from '../pages/TenantManagersPage.tsx';
import { PartnersPage } from '../pages/PartnersPage.tsx';
import { AuditPage } from '../pages/AuditPage.tsx';
import { RoomsProManagersPage } from '../pages/RoomsProManagersPage.tsx';
import { RoomsPage } from '../pages/RoomsPage.tsx';
import { IncidentsPage } from '../pages/IncidentsPage.tsx';
import { RoomGroupsPage } from '../pages/RoomGroupsPage.tsx';
import { UpdateRingsPage } from '../pages/UpdateRingsPage.tsx';
import { ReportsPage } from '../pages/ReportsPage.tsx';
import { RoomsProSettingsPage } from '../pages/RoomsProSettingsPage.tsx';
import { RolesPage } from '../pages/RolesPage.tsx';

export interface AppShellProps {
  api: ApiClient;
  onUnauthenticated: (error: ApiError) => void;
  onSwitchUser?: () => void;
  /** Focus the first page's heading (the shell replaced the sign-in picker). */
  focusHeading?: boolean;
}

/** Props every page receives. */
export interface PageProps {
  api: ApiClient;
  access: Access;
  /** The customer chosen in the dropdown, for per-customer pages. */
  customer: CustomerOption | null;
  /**
   * The customer id the address names, even when it is not in the dropdown: a tenant manager
   * sees a customer in Tenants without holding any right in it.
   */
  requestedCustomer: string | null;
  focusHeading: boolean;
  /** The page's own state in the address (filters, the open item); read when the page opens. */
  params: URLSearchParams;
  /** Re-reads the access (after accepting an invitation or removing a customer). */
  refreshAccess: () => Promise<void>;
}

const useStyles = makeStyles({
  nav: {
    flexShrink: 0,
    width: '260px',
    boxSizing: 'border-box',
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderInlineEndWidth: tokens.strokeWidthThin,
    borderInlineEndStyle: 'solid',
    borderInlineEndColor: tokens.colorNeutralStroke2,
    '@media (max-width: 1100px)': { width: '220px' },
    '@media (max-width: 760px)': { width: '100%', borderInlineEndStyle: 'none' },
  },
  customer: { paddingBlock: tokens.spacingVerticalS, paddingInline: tokens.spacingHorizontalS },
  dropdown: { minWidth: '0', width: '100%' },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  // A section title of the navigation: a real heading (h2, under the app's h1), set small.
  section: {
    margin: 0,
    paddingBlockStart: tokens.spacingVerticalL,
    paddingBlockEnd: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  item: {
    display: 'block',
    position: 'relative',
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    ':hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      color: tokens.colorNeutralForeground2Hover,
    },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  // The current page: a brand bar and strong text; in forced colours the system's selection
  // colours, so it stays visible and readable in every contrast theme.
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::before': {
      content: '""',
      position: 'absolute',
      insetInlineStart: 0,
      insetBlock: tokens.spacingVerticalS,
      width: '4px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
    '@media (forced-colors: active)': {
      forcedColorAdjust: 'none',
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      '::before': { backgroundColor: 'HighlightText' },
    },
  },
});

export function AppShell({ api, onUnauthenticated, onSwitchUser, focusHeading }: AppShellProps) {
  const strings = useStrings();
  const watched = useMemo(
    () => watchAuthentication(api, onUnauthenticated),
    [api, onUnauthenticated]
  );
  const { state, reload, update } = useLoad((signal) => loadAccess(watched, signal), [watched]);
  const route = useRoute();

  // The first page keeps the sign-in's focus decision; every later navigation focuses the title.
  const firstRoute = useRef(route);
  const [navigated, setNavigated] = useState(false);
  useEffect(() => {
    const first = firstRoute.current;
    // A page keeping its filters in the address is not a navigation.
    if (route.page !== first.page || route.customer !== first.customer) setNavigated(true);
  }, [route]);

  const refreshAccess = useCallback(async () => {
    const next = await loadAccess(watched);
    update(() => next);
  }, [watched, update]);

  const access = state.kind === 'ready' ? state.data : null;
  const me = access?.me;
  const pages = access ? visiblePages(access) : [];
  const page: PageId = pages.includes(route.page) ? route.page : 'overview';
  const customer = access ? chooseCustomer(access, page, route.customer) : null;

  return (
    <AnnouncerProvider>
      <Layout
        user={me ? { displayName: me.displayName, tenantName: me.tenantName } : undefined}
        onSwitchUser={onSwitchUser}
        nav={
          access ? (
            <Navigation
              access={access}
              pages={pages}
              page={page}
              customer={customer}
              allCustomers={page === 'incidents' && route.params.get('all') === '1'}
            />
          ) : undefined
        }
      >
        {state.kind === 'loading' ? <Loading label={strings.landing.loading} /> : null}
        {state.kind === 'failed' ? (
          <ErrorBar title={strings.landing.loadFailed} error={state.error} onRetry={reload} />
        ) : null}
        {access ? (
          <CurrentPage
            key={`${page}:${PER_CUSTOMER_PAGES.includes(page) ? (route.customer ?? customer?.tenantId ?? '') : ''}`}
            page={page}
            pageProps={{
              api: watched,
              access,
              customer,
              requestedCustomer: route.customer,
              params: route.params,
              focusHeading: navigated || Boolean(focusHeading),
              refreshAccess,
            }}
          />
        ) : null}
      </Layout>
    </AnnouncerProvider>
  );
}

function CurrentPage({ page, pageProps }: { page: PageId; pageProps: PageProps }) {
  switch (page) {
    case 'invitations':
      return <InvitationsPage {...pageProps} />;
    case 'tenants':
      return <TenantsPage {...pageProps} />;
    case 'tenantManagers':
      return <TenantManagersPage {...pageProps} />;
    case 'partners':
      return <PartnersPage {...pageProps} />;
    case 'audit':
      return <AuditPage {...pageProps} />;
    case 'roomsProManagers':
      return <RoomsProManagersPage {...pageProps} />;
    case 'rooms':
      return <RoomsPage {...pageProps} />;
    case 'incidents':
      return <IncidentsPage {...pageProps} />;
    case 'roomGroups':
      return <RoomGroupsPage {...pageProps} />;
    case 'updateRings':
      return <UpdateRingsPage {...pageProps} />;
    case 'reports':
      return <ReportsPage {...pageProps} />;
    case 'roomsProSettings':
      return <RoomsProSettingsPage {...pageProps} />;
    case 'roleManagement':
      return <RolesPage {...pageProps} />;
    default:
      return <OverviewPage {...pageProps} />;
  }
}

function chooseCustomer(access: Access, page: PageId, wanted: string | null): CustomerOption | null {
  const chosen = access.customers.find((c) => c.tenantId === wanted);
  if (chosen) return chosen;
  // The page's permission picks a sensible default customer.
  const permission = (PAGE_PERMISSION as Partial<Record<PageId, string>>)[page];
  if (permission) return customersWith(access, permission)[0] ?? null;
  // Elsewhere (Overview…) the dropdown names the customer the per-customer pages will open with,
  // never "Choose a customer" while those pages silently use the first one.
  return access.customers[0] ?? null;
}

function Navigation({
  access,
  pages,
  page,
  customer,
  allCustomers,
}: {
  access: Access;
  pages: PageId[];
  page: PageId;
  customer: CustomerOption | null;
  /** The page shows every customer (Incidents' all-tickets view): the dropdown names none. */
  allCustomers: boolean;
}) {
  const strings = useStrings();
  const styles = useStyles();
  const names = strings.nav.pages;
  const customerId = customer?.tenantId ?? null;
  const item = (id: PageId) =>
    pages.includes(id) ? (
      <li key={id}>
        <a
          href={hrefFor(id, customerId)}
          aria-current={id === page ? 'page' : undefined}
          className={mergeClasses(styles.item, id === page && styles.current)}
        >
          {names[id]}
        </a>
      </li>
    ) : null;
  const section = (key: string, title: string, ids: PageId[]) =>
    ids.some((id) => pages.includes(id)) ? (
      <div key={key}>
        <h2 id={`nav-${key}`} className={styles.section}>
          {title}
        </h2>
        <ul className={styles.list} aria-labelledby={`nav-${key}`}>
          {ids.map(item)}
        </ul>
      </div>
    ) : null;

  return (
    // A plain landmark of links: Tab moves through them (no arrow-key focus helpers, whose hidden
    // focus targets screen readers and axe report as focusable hidden content).
    <nav aria-label={strings.nav.label} className={styles.nav}>
      {/* Shown even with one customer: people see which customer the pages act on. */}
      {access.customers.length > 0 ? (
        <div className={styles.customer}>
          <Field label={strings.nav.customer}>
            <Dropdown
              className={styles.dropdown}
              value={
                allCustomers
                  ? strings.nav.allCustomers
                  : customer
                    ? customerLabel(customer, strings.nav.yourOrganisation)
                    : ''
              }
              placeholder={strings.nav.chooseCustomer}
              selectedOptions={customer && !allCustomers ? [customer.tenantId] : []}
              onOptionSelect={(_, data) => {
                if (data.optionValue) navigate(page, data.optionValue);
              }}
            >
              {access.customers.map((c) => (
                <Option key={c.tenantId} value={c.tenantId}>
                  {customerLabel(c, strings.nav.yourOrganisation)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>
      ) : null}
      <ul className={styles.list}>{item('overview')}</ul>
      {section('partner', strings.nav.partnerSection, ['invitations', 'tenants', 'tenantManagers'])}
      {section('customer', strings.nav.customerSection, [
        'rooms',
        'roomGroups',
        'updateRings',
        'incidents',
        'reports',
      ])}
      {section('settings', strings.nav.settingsSection, ['roleManagement', 'roomsProSettings'])}
      {section('organisation', strings.nav.organisationSection, ['partners', 'audit', 'roomsProManagers'])}
    </nav>
  );
}

function customerLabel(c: CustomerOption, yours: (name: string) => string): string {
  return c.side === 'own' ? yours(c.displayName) : c.displayName;
}
