/**
 * The signed-in landing page: who the service thinks the caller is (`GET /api/me`), their
 * tenant and product roles, and what the hub will offer next.
 */
import { useEffect, useState } from 'react';
import {
  Avatar,
  Badge,
  Body1,
  Caption1,
  Card,
  CardHeader,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ApiError, type ApiClient, type Me } from '../api/client.ts';
import { useStrings, type Strings } from '../i18n.ts';
import { ErrorBar } from './ErrorBar.tsx';
import { Layout } from './Layout.tsx';
import { PageHeading } from './PageHeading.tsx';

/** Props of {@link HomePage}. */
export interface HomePageProps {
  api: ApiClient;
  /** The token was refused (401 / AUTH.*); the owner decides how to get a new one. */
  onUnauthenticated: (error: ApiError) => void;
  /** Present for dev sign-in sessions only. */
  onSwitchUser?: () => void;
  /** Focus the welcome heading once shown (the page replaced the sign-in picker). */
  focusHeading?: boolean;
}

type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready'; me: Me }
  | { kind: 'failed'; error: unknown };

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  paragraph: { margin: 0, maxWidth: '72ch', color: tokens.colorNeutralForeground2 },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalL },
  person: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  personText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  badges: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  features: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  feature: {
    height: '100%',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    borderTop: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
  },
});

/** Loads `/api/me` and shows the landing page, or a loading or error state. */
export function HomePage({ api, onUnauthenticated, onSwitchUser, focusHeading }: HomePageProps) {
  const strings = useStrings();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    api.getMe(abort.signal).then(
      (me) => setState({ kind: 'ready', me }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.isUnauthenticated) onUnauthenticated(error);
        setState({ kind: 'failed', error });
      }
    );
    return () => abort.abort();
  }, [api, attempt, onUnauthenticated]);

  const me = state.kind === 'ready' ? state.me : undefined;
  return (
    <Layout
      user={me ? { displayName: me.displayName, tenantName: me.tenantName } : undefined}
      onSwitchUser={onSwitchUser}
    >
      {state.kind === 'loading' ? <Spinner label={strings.landing.loading} /> : null}
      {state.kind === 'failed' ? (
        <ErrorBar
          title={strings.landing.loadFailed}
          error={state.error}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : null}
      {me ? <Profile me={me} focusHeading={focusHeading} /> : null}
    </Layout>
  );
}

function rolesOf(me: Me, strings: Strings): string[] {
  const roles: string[] = [];
  if (me.isGlobalAdmin) roles.push(strings.roles.globalAdmin);
  if (me.isRoomsProManager) roles.push(strings.roles.roomsProManager);
  return roles;
}

function Profile({ me, focusHeading }: { me: Me; focusHeading?: boolean }) {
  const strings = useStrings();
  const styles = useStyles();
  const roles = rolesOf(me, strings);
  const { tenants, invitations, incidents } = strings.features;
  const features = [tenants, invitations, incidents];
  return (
    <div className={styles.page}>
      <div className={styles.intro}>
        <PageHeading focusOnMount={focusHeading}>
          {strings.landing.welcome(me.displayName)}
        </PageHeading>
        <Body1 as="p" className={styles.paragraph}>
          {strings.landing.intro}
        </Body1>
      </div>

      <div className={styles.columns}>
        <Card className={styles.card} role="region" aria-labelledby="account-title">
          <Subtitle2 as="h3" id="account-title" className={styles.heading}>
            {strings.landing.accountTitle}
          </Subtitle2>
          <div className={styles.person}>
            <Avatar name={me.displayName} color="colorful" size={56} aria-hidden="true" />
            <div className={styles.personText}>
              <Text size={400} weight="semibold">
                {me.displayName}
              </Text>
              <Caption1 className={styles.term}>{me.userPrincipalName}</Caption1>
            </div>
          </div>
          <dl className={styles.facts}>
            <Fact term={strings.landing.tenant} value={me.tenantName} />
            <Fact term={strings.landing.tenantId} value={me.tenantId} mono />
            <Fact term={strings.landing.userId} value={me.userId} mono />
          </dl>
        </Card>

        <Card className={styles.card} role="region" aria-labelledby="roles-title">
          <Subtitle2 as="h3" id="roles-title" className={styles.heading}>
            {strings.landing.rolesTitle}
          </Subtitle2>
          {roles.length > 0 ? (
            <>
              <ul className={styles.badges} role="list">
                {roles.map((role) => (
                  <li key={role}>
                    <Badge appearance="filled" color="brand" size="large" shape="rounded">
                      {role}
                    </Badge>
                  </li>
                ))}
              </ul>
              <Body1 as="p" className={styles.paragraph}>
                {strings.landing.rolesAdminHint}
              </Body1>
            </>
          ) : (
            <Body1 as="p" className={styles.paragraph}>
              {strings.landing.noRoles}
            </Body1>
          )}
        </Card>
      </div>

      <section className={styles.section} aria-labelledby="next-title">
        <div className={styles.intro}>
          <PageHeading id="next-title">{strings.landing.nextTitle}</PageHeading>
          <Body1 as="p" className={styles.paragraph}>
            {strings.landing.nextIntro}
          </Body1>
        </div>
        <ul className={styles.features} role="list">
          {features.map((feature) => (
            <li key={feature.title}>
              <Card className={styles.feature}>
                <CardHeader
                  header={
                    <Subtitle2 as="h3" className={styles.heading}>
                      {feature.title}
                    </Subtitle2>
                  }
                  action={
                    <Badge appearance="tint" color="informative">
                      {strings.landing.comingSoon}
                    </Badge>
                  }
                />
                <Body1 as="p" className={styles.paragraph}>
                  {feature.body}
                </Body1>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  const styles = useStyles();
  return (
    <>
      <dt>
        <Caption1 className={styles.term}>{term}</Caption1>
      </dt>
      <dd className={mergeClasses(styles.value, mono && styles.mono)}>{value}</dd>
    </>
  );
}
