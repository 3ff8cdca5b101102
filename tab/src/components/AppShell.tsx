/**
 * The signed-in app: loads what the caller may see (`access.ts`), then renders the navigation
 * (pages by right, the Customer dropdown) and the page named by the URL hash. Pages receive the
 * API client already watched for 401s, so any expired token returns to sign-in.
 */
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { customersWith, loadAccess, type Access } from '../access.ts';
import { useStrings } from '../i18n.ts';
import type { PageId } from '../page-ids.ts';
import type { PageLinks, PageProps } from '../page-props.ts';
import { NAV_SECTIONS, PAGES, pageEntry, visiblePages, type NavSection } from '../page-table.ts';
import { hrefFor, navigate, replaceParams, useRoute } from '../routes.ts';
import { AnnouncerProvider } from './Announcer.tsx';
import { ErrorBar } from './ErrorBar.tsx';
import { Layout } from './Layout.tsx';
import { Loading } from './PageStates.tsx';
import { QueryProvider, useLoad } from './useLoad.ts';

export interface AppShellProps {
  api: ApiClient;
  onUnauthenticated: (error: ApiError) => void;
  onSwitchUser?: () => void;
  /** Focus the first page's heading (the shell replaced the sign-in picker). */
  focusHeading?: boolean;
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
  // A section title of the navigation, set small: a label naming its list, not a heading.
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

/** The signed-in app, with its own query cache: a new session (another user) starts empty. */
export function AppShell(props: AppShellProps) {
  return (
    <QueryProvider>
      <Shell {...props} />
    </QueryProvider>
  );
}

function Shell({ api, onUnauthenticated, onSwitchUser, focusHeading }: AppShellProps) {
  const strings = useStrings();
  const watched = useMemo(
    () => watchAuthentication(api, onUnauthenticated),
    [api, onUnauthenticated]
  );
  const { state, reload, update } = useLoad(['access'], (signal) => loadAccess(watched, signal));
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
  const pages = useMemo(() => (access ? visiblePages(access) : []), [access]);
  const page: PageId = pages.includes(route.page) ? route.page : 'overview';
  const customer = access ? chooseCustomer(access, page, route.customer) : null;
  const links = useMemo<PageLinks>(
    () => ({
      href: hrefFor,
      go: navigate,
      keepParams: (customerId, params) => replaceParams(page, customerId, params),
    }),
    [page]
  );

  // Fetch the offered pages' code ahead of time, so that following a link shows the page at once.
  useEffect(() => {
    for (const id of pages)
      void pageEntry(id)
        .load()
        .catch(() => undefined);
  }, [pages]);

  return (
    <AnnouncerProvider>
      <Layout
        user={me ? { displayName: me.displayName, tenantName: me.tenantName } : undefined}
        onSwitchUser={onSwitchUser}
        brandHeading={!access}
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
            key={`${page}:${pageEntry(page).perCustomer ? (route.customer ?? customer?.tenantId ?? '') : ''}`}
            page={page}
            pageProps={{
              api: watched,
              access,
              pages,
              links,
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
  const strings = useStrings();
  const Page = pageEntry(page).component;
  return (
    <Suspense fallback={<Loading label={strings.landing.loading} />}>
      <Page {...pageProps} />
    </Suspense>
  );
}

function chooseCustomer(
  access: Access,
  page: PageId,
  wanted: string | null
): CustomerOption | null {
  const chosen = access.customers.find((c) => c.tenantId === wanted);
  if (chosen) return chosen;
  // The page's permission picks a sensible default customer.
  const { permission } = pageEntry(page);
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
  pages: readonly PageId[];
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
  const titles: Record<Exclude<NavSection, 'top'>, string> = {
    partner: strings.nav.partnerSection,
    customer: strings.nav.customerSection,
    settings: strings.nav.settingsSection,
    organisation: strings.nav.organisationSection,
  };
  const section = (key: NavSection) => {
    const ids = PAGES.filter((p) => p.section === key).map((p) => p.id);
    if (key === 'top')
      return (
        <ul key={key} className={styles.list}>
          {ids.map(item)}
        </ul>
      );
    return ids.some((id) => pages.includes(id)) ? (
      <div key={key}>
        {/* A label, not a heading: the page's h1 is the first heading a screen reader lists;
            the list it names is announced with it. */}
        <div id={`nav-${key}`} className={styles.section}>
          {titles[key]}
        </div>
        <ul className={styles.list} aria-labelledby={`nav-${key}`}>
          {ids.map(item)}
        </ul>
      </div>
    ) : null;
  };

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
      {NAV_SECTIONS.map(section)}
    </nav>
  );
}

function customerLabel(c: CustomerOption, yours: (name: string) => string): string {
  return c.side === 'own' ? yours(c.displayName) : c.displayName;
}
