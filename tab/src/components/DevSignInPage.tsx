/**
 * Local development sign-in: lists the dev issuer's users grouped by tenant and signs in as the
 * one picked. Deployments without the dev issuer (AUTH_MODE=entra) get a pointer to Teams.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Avatar,
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  CardFooter,
  CardHeader,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  groupByTenant,
  isDevIssuerMissing,
  issueDevToken,
  listDevUsers,
  type DevTenantGroup,
  type DevUser,
} from '../api/dev-issuer.ts';
import { saveDevSession } from '../auth/dev-session.ts';
import { useStrings } from '../i18n.ts';
import { ErrorBar } from './ErrorBar.tsx';
import { Layout } from './Layout.tsx';
import { PageHeading } from './PageHeading.tsx';

/** Props of {@link DevSignInPage}. */
export interface DevSignInPageProps {
  /** Why the picker is shown again, if it is not the first visit. */
  notice?: 'session-ended';
  /** Called once the token is stored. */
  onSignedIn: () => void;
  /** Focus the page title once shown (the picker replaced another page). */
  focusHeading?: boolean;
}

type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready'; groups: DevTenantGroup[] }
  | { kind: 'unavailable' }
  | { kind: 'failed'; error: unknown };

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  paragraph: { margin: 0, maxWidth: '72ch', color: tokens.colorNeutralForeground2 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  groupHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground3 },
  grid: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  card: { height: '100%' },
  // Let long sign-in names shrink (and ellipsize) instead of widening the grid column.
  cardHeader: { gridAutoColumns: 'min-content minmax(0, 1fr) min-content' },
  upn: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground3,
  },
  cardBody: { flexGrow: 1 },
  description: { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' },
  notice: {
    maxWidth: '640px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalXXL,
  },
});

/** The dev sign-in picker, or the "open in Teams" notice when there is no dev issuer. */
export function DevSignInPage({ notice, onSignedIn, focusHeading }: DevSignInPageProps) {
  const strings = useStrings();
  const styles = useStyles();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [busyUser, setBusyUser] = useState<DevUser | null>(null);
  const [signInError, setSignInError] = useState<unknown>(null);

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    listDevUsers(abort.signal).then(
      (users) => setState({ kind: 'ready', groups: groupByTenant(users) }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState(isDevIssuerMissing(error) ? { kind: 'unavailable' } : { kind: 'failed', error });
      }
    );
    return () => abort.abort();
  }, [attempt]);

  const signIn = useCallback(
    async (user: DevUser) => {
      setBusyUser(user);
      setSignInError(null);
      try {
        const token = await issueDevToken(user);
        saveDevSession(token.accessToken, token.expiresIn);
        onSignedIn();
      } catch (error) {
        setSignInError(error);
        setBusyUser(null);
      }
    },
    [onSignedIn]
  );

  if (state.kind === 'unavailable') {
    return (
      <Layout>
        <Card className={styles.notice} role="region" aria-labelledby="teams-only-title">
          <PageHeading id="teams-only-title" focusOnMount={focusHeading}>
            {strings.teamsOnly.title}
          </PageHeading>
          <Body1 as="p" className={styles.paragraph}>
            {strings.teamsOnly.body}
          </Body1>
        </Card>
      </Layout>
    );
  }

  return (
    <Layout>
      <div className={styles.page}>
        <div className={styles.intro}>
          <PageHeading focusOnMount={focusHeading}>{strings.picker.title}</PageHeading>
          <Body1 as="p" className={styles.paragraph}>
            {strings.picker.intro}
          </Body1>
        </div>

        {notice === 'session-ended' ? (
          <MessageBar intent="warning">
            <MessageBarBody>{strings.picker.sessionEnded}</MessageBarBody>
          </MessageBar>
        ) : null}

        {signInError ? <ErrorBar title={strings.picker.signInFailed} error={signInError} /> : null}

        {state.kind === 'loading' ? <Spinner label={strings.picker.loading} /> : null}

        {state.kind === 'failed' ? (
          <ErrorBar
            title={strings.picker.loadFailed}
            error={state.error}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        ) : null}

        {state.kind === 'ready' && state.groups.length === 0 ? (
          <Body1 as="p" className={styles.paragraph}>
            {strings.picker.empty}
          </Body1>
        ) : null}

        {state.kind === 'ready'
          ? state.groups.map((group) => {
              const headingId = `tenant-${group.tenantId}`;
              return (
                <section key={group.tenantId} className={styles.group} aria-labelledby={headingId}>
                  <div className={styles.groupHeader}>
                    <Subtitle2 as="h2" id={headingId} className={styles.heading}>
                      {group.tenantName}
                    </Subtitle2>
                    <Caption1 className={styles.meta}>
                      {strings.picker.userCount(group.users.length)} ·{' '}
                      {strings.picker.tenantId(group.tenantId)}
                    </Caption1>
                  </div>
                  {/* role="list" keeps list semantics that Safari drops with list-style none. */}
                  <ul className={styles.grid} role="list">
                    {group.users.map((user) => (
                      <li key={user.userId}>
                        <UserCard
                          user={user}
                          busy={busyUser?.userId === user.userId}
                          disabled={busyUser !== null}
                          onPick={signIn}
                        />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })
          : null}
      </div>
    </Layout>
  );
}

interface UserCardProps {
  user: DevUser;
  busy: boolean;
  disabled: boolean;
  onPick: (user: DevUser) => void;
}

function UserCard({ user, busy, disabled, onPick }: UserCardProps) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <CardHeader
        className={styles.cardHeader}
        image={<Avatar name={user.displayName} color="colorful" aria-hidden="true" />}
        header={<Text weight="semibold">{user.displayName}</Text>}
        description={
          <Caption1 className={styles.upn} title={user.userPrincipalName}>
            {user.userPrincipalName}
          </Caption1>
        }
      />
      <div className={styles.cardBody}>
        {user.description ? (
          <Badge appearance="tint" color="brand" shape="rounded" className={styles.description}>
            {user.description}
          </Badge>
        ) : null}
      </div>
      <CardFooter>
        <Button
          appearance="primary"
          disabled={disabled}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          aria-label={strings.picker.signInAs(user.displayName, user.tenantName)}
          onClick={() => onPick(user)}
        >
          {busy ? strings.picker.signingIn : strings.picker.signIn}
        </Button>
      </CardFooter>
    </Card>
  );
}
