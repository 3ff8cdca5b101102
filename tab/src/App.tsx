/**
 * The tab's root: finds out where it runs, applies the matching Fluent theme and language,
 * then hands over to one of two sessions:
 * - in Teams, the API token comes from Teams single sign-on;
 * - in a plain browser (local runs), from the dev issuer through the sign-in picker.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  AriaLiveAnnouncer,
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { ApiError, createApiClient, type ApiClient } from './api/client.ts';
import { clearDevSession, loadDevToken, saveDevSession } from './auth/dev-session.ts';
import { issueDevTokenWithClaims } from './api/dev-issuer.ts';
import { DevSignInPage } from './components/DevSignInPage.tsx';
import { ErrorBar } from './components/ErrorBar.tsx';
import { AppShell } from './components/AppShell.tsx';
import { Layout } from './components/Layout.tsx';
import { StringsContext, resolveLocale, stringsFor, useStrings } from './i18n.ts';
import { pageOfPath } from './routes.ts';
import {
  detectHost,
  getHostSsoToken,
  getHostSsoTokenWithClaims,
  needsConsent,
  requestHostConsent,
  followSystemTheme,
  onHostThemeChange,
  type HostEnvironment,
  type HostTheme,
} from './teams/host.ts';

const themes: Record<HostTheme, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

const useStyles = makeStyles({
  // No size here: Fluent copies this class onto every portal (dialogs, listboxes), so a height
  // would turn each portal into a full-page overlay. Layout gives the page its height.
  provider: { backgroundColor: tokens.colorNeutralBackground2 },
  starting: { paddingBlock: tokens.spacingVerticalXXXL },
});

/** The tab's root component (mounted by main.tsx). */
export function App() {
  const styles = useStyles();
  const [host, setHost] = useState<HostEnvironment | null>(null);
  const [theme, setTheme] = useState<HostTheme>('light');
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    let active = true;
    let stopFollowing = () => undefined as void;
    void detectHost({ onSlow: () => active && setSlow(true) }).then((detected) => {
      if (!active) return;
      if (detected.inTeams) openDeepLink(detected.deepLink);
      setHost(detected);
      if (detected.inTeams) {
        setTheme(detected.theme);
        void onHostThemeChange((next) => {
          if (active) setTheme(next);
        });
      } else {
        // In a plain browser the system decides: dark mode, or a forced-colours (high contrast)
        // mode, followed as the user switches.
        stopFollowing = followSystemTheme((next) => {
          if (active) setTheme(next);
        });
      }
    });
    return () => {
      active = false;
      stopFollowing();
    };
  }, []);

  // The Teams locale wins over the browser's: users pick their language in Teams.
  const locale = resolveLocale([host?.locale, navigator.language]);
  const strings = stringsFor(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = strings.appName;
  }, [locale, strings]);

  return (
    <FluentProvider theme={themes[theme]} className={styles.provider}>
      {/* Speaks Fluent's own announcements, such as an error MessageBar appearing. */}
      <AriaLiveAnnouncer>
        <StringsContext.Provider value={strings}>
          {host === null ? (
            <Layout brandHeading>
              <Spinner
                className={styles.starting}
                label={slow ? strings.teams.slow : strings.starting}
              />
            </Layout>
          ) : !host.inTeams && host.expectedTeams && host.reason === 'timeout' ? (
            // Teams was expected but never answered: offer to try again, not the browser sign-in.
            <Layout brandHeading>
              <ErrorBar
                title={strings.teams.noAnswer}
                error={new ApiError(0, 'TEAMS.NO_ANSWER', strings.teams.noAnswerBody)}
                onRetry={() => window.location.reload()}
              />
            </Layout>
          ) : host.inTeams ? (
            <TeamsSession />
          ) : (
            <BrowserSession />
          )}
        </StringsContext.Provider>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}

/**
 * In Teams: every API call asks Teams for the SSO token (Teams caches and renews it). A refused
 * token cannot be fixed by signing in again here, so it is shown as an error with a retry.
 */
function TeamsSession() {
  const strings = useStrings();
  const [ssoError, setSsoError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [consenting, setConsenting] = useState(false);

  const api = useMemo<ApiClient>(() => {
    const token = async () => {
      try {
        return await getHostSsoToken();
      } catch (error) {
        // Keep Teams' reason (e.g. "resourceRequiresConsent"): it tells an admin what to fix.
        const reason = error instanceof Error ? error.message : String(error);
        const failure = new ApiError(0, 'TEAMS.SSO_FAILED', reason);
        setSsoError(failure);
        throw failure;
      }
    };
    // A 401 gets one fresh token from Teams and one retry before it is shown; an MFA claims
    // challenge gets a token asked with those claims.
    return createApiClient(token, token, (claims) => getHostSsoTokenWithClaims(claims));
  }, []);

  const ignoreAuthError = useCallback(() => undefined, []);
  const retry = () => {
    setSsoError(null);
    setAttempt((n) => n + 1);
  };

  if (ssoError && needsConsent(ssoError.message)) {
    // Consent is given in Teams' authentication pop-up, opened by this click (pop-ups need one).
    return (
      <Layout brandHeading>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.teams.consentTitle}</MessageBarTitle>{' '}
            {strings.teams.consentBody}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              disabled={consenting}
              onClick={() => {
                setConsenting(true);
                requestHostConsent().then(
                  () => {
                    setConsenting(false);
                    retry();
                  },
                  (error: unknown) => {
                    setConsenting(false);
                    const reason = error instanceof Error ? error.message : String(error);
                    setSsoError(new ApiError(0, 'TEAMS.CONSENT_FAILED', reason));
                  }
                );
              }}
            >
              {strings.teams.giveConsent}
            </Button>
          </MessageBarActions>
        </MessageBar>
      </Layout>
    );
  }
  if (ssoError) {
    return (
      <Layout brandHeading>
        <ErrorBar title={strings.teams.ssoFailed} error={ssoError} onRetry={retry} />
      </Layout>
    );
  }
  // A new key per attempt remounts the page, so a retry asks for a fresh token and reloads.
  return <AppShell key={attempt} api={api} onUnauthenticated={ignoreAuthError} />;
}

/**
 * Opens the page a Teams deep link names (`subPageId`, e.g. `incidents?customer=…&ticket=…`),
 * unless the address already names one. Only the tab's own pages are accepted.
 */
function openDeepLink(link: string | undefined): void {
  if (!link || (window.location.hash && window.location.hash !== '#/')) return;
  const route = link.replace(/^#?\/?/, '');
  if (pageOfPath(route.split('?')[0] ?? '') === undefined) return;
  window.history.replaceState(window.history.state, '', `#/${route}`);
}

/**
 * In a plain browser: the dev issuer's token from sessionStorage, or the picker. A token the API
 * refuses (expired, or the service restarted with new keys) sends the user back to the picker.
 */
function BrowserSession() {
  const [signedIn, setSignedIn] = useState(() => loadDevToken() !== null);
  const [notice, setNotice] = useState<'session-ended' | undefined>(undefined);
  // After the first page change the previously focused control is gone: move focus to the title.
  const [changedPage, setChangedPage] = useState(false);

  const api = useMemo(
    () =>
      createApiClient(
        () => loadDevToken(),
        undefined,
        // An MFA claims challenge: the dev issuer signs the same user in again with MFA.
        async (claims) => {
          const current = loadDevToken();
          if (!current) return null;
          const stepped = await issueDevTokenWithClaims(current, claims);
          saveDevSession(stepped.accessToken, stepped.expiresIn);
          return stepped.accessToken;
        }
      ),
    []
  );

  const handleSignedIn = useCallback(() => {
    setNotice(undefined);
    setSignedIn(true);
    setChangedPage(true);
  }, []);

  const handleSwitchUser = useCallback(() => {
    clearDevSession();
    setNotice(undefined);
    setSignedIn(false);
    setChangedPage(true);
  }, []);

  const handleUnauthenticated = useCallback(() => {
    clearDevSession();
    setNotice('session-ended');
    setSignedIn(false);
    setChangedPage(true);
  }, []);

  if (!signedIn) {
    return <DevSignInPage notice={notice} onSignedIn={handleSignedIn} focusHeading={changedPage} />;
  }
  return (
    <AppShell
      api={api}
      onUnauthenticated={handleUnauthenticated}
      onSwitchUser={handleSwitchUser}
      focusHeading={changedPage}
    />
  );
}
