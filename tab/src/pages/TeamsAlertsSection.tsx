/**
 * "Alerts in Teams" on the Incidents page: the reader's own incident alert preference (the same
 * as `alerts on | important | off` in chat) and the channels and group chats of their
 * organisation subscribed to the alerts of customers whose tickets they may see (subscribing is
 * done in the conversation, with the bot; ending one is possible here too).
 */
import { useState } from 'react';
import {
  Button,
  Caption1,
  Field,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import {
  ALERT_MODES,
  SUBSCRIPTION_SEVERITIES,
  endAlertSubscription,
  getAlertPreference,
  listAlertSubscriptions,
  setAlertPreference,
  setSubscriptionSeverity,
  type AlertMode,
  type AlertSubscription,
} from '../api/alerts.ts';
import { useStrings } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { Loading } from '../components/PageStates.tsx';
import { SimpleTable } from '../components/SimpleTable.tsx';
import { useLoad } from '../components/useLoad.ts';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalXXL,
    maxWidth: '60rem',
  },
  preference: { maxWidth: '22rem' },
});

export function TeamsAlertsSection({ api }: { api: ApiClient }) {
  const strings = useStrings();
  const t = strings.incidents.teamsAlerts;
  const styles = useStyles();
  const notify = useNotify();
  const settings = useLoad(['alerts', 'settings'], async (signal) => {
    const [preference, subscriptions] = await Promise.all([
      getAlertPreference(api, signal),
      listAlertSubscriptions(api, signal),
    ]);
    return { preference, subscriptions: subscriptions.items };
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; error: unknown } | null>(null);

  const choose = async (mode: AlertMode) => {
    setBusy(true);
    setError(null);
    try {
      const preference = await setAlertPreference(api, mode);
      settings.update((data) => ({ ...data, preference }));
      notify(t.saved);
    } catch (failure) {
      setError({ title: t.saveFailed, error: failure });
    }
    setBusy(false);
  };

  const setSeverity = async (
    s: AlertSubscription,
    minSeverity: AlertSubscription['minSeverity']
  ) => {
    setBusy(true);
    setError(null);
    try {
      const changed = await setSubscriptionSeverity(api, s.id, minSeverity);
      settings.update((data) => ({
        ...data,
        subscriptions: data.subscriptions.map((x) => (x.id === s.id ? changed : x)),
      }));
      notify(t.severitySaved);
    } catch (failure) {
      setError({ title: t.saveFailed, error: failure });
    }
    setBusy(false);
  };

  const end = async (s: AlertSubscription) => {
    setBusy(true);
    setError(null);
    try {
      await endAlertSubscription(api, s.id);
      settings.update((data) => ({
        ...data,
        subscriptions: data.subscriptions.filter((x) => x.id !== s.id),
      }));
      notify(t.removed);
    } catch (failure) {
      setError({ title: t.removeFailed, error: failure });
    }
    setBusy(false);
  };

  const name = (s: AlertSubscription) => s.conversationName ?? t.kinds[s.conversationKind];
  return (
    <section aria-labelledby="teams-alerts" className={styles.section}>
      <Subtitle2 as="h2" id="teams-alerts">
        {t.title}
      </Subtitle2>
      <Caption1>{t.intro}</Caption1>
      {settings.state.kind === 'loading' ? <Loading label={t.title} /> : null}
      {settings.state.kind === 'failed' ? (
        <ErrorBar title={t.loadFailed} error={settings.state.error} onRetry={settings.reload} />
      ) : null}
      {settings.state.kind === 'ready' ? (
        <>
          <Field label={t.preference} className={styles.preference}>
            <Select
              value={settings.state.data.preference.mode}
              disabled={busy}
              onChange={(_, d) => void choose(d.value as AlertMode)}
            >
              {ALERT_MODES.map((m) => (
                <option key={m} value={m}>
                  {t.modes[m]}
                </option>
              ))}
            </Select>
          </Field>
          <Subtitle2 as="h3">{t.subscriptions}</Subtitle2>
          <Caption1>{t.subscriptionsHint}</Caption1>
          {settings.state.data.subscriptions.length === 0 ? (
            <Caption1>{t.noSubscriptions}</Caption1>
          ) : (
            <SimpleTable
              label={t.tableLabel}
              rows={settings.state.data.subscriptions}
              rowKey={(s) => s.id}
              columns={[
                {
                  header: t.conversation,
                  cell: (s) => `${name(s)} (${t.kinds[s.conversationKind]})`,
                },
                { header: t.customer, cell: (s) => s.customerName },
                {
                  header: t.minSeverity,
                  cell: (s) => (
                    <Select
                      size="small"
                      value={s.minSeverity}
                      disabled={busy}
                      aria-label={t.severityLabel(name(s), s.customerName)}
                      onChange={(_, d) =>
                        void setSeverity(s, d.value as AlertSubscription['minSeverity'])
                      }
                    >
                      {SUBSCRIPTION_SEVERITIES.map((v) => (
                        <option key={v} value={v}>
                          {t.severities[v]}
                        </option>
                      ))}
                    </Select>
                  ),
                },
                { header: t.subscribedBy, cell: (s) => s.subscribedBy.name },
                { header: t.since, cell: (s) => formatDateTime(s.createdAt, strings) },
                {
                  header: strings.common.actions,
                  cell: (s) => (
                    <Button
                      size="small"
                      disabledFocusable={busy}
                      aria-label={t.remove(name(s), s.customerName)}
                      onClick={() => void end(s)}
                    >
                      {t.removeButton}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </>
      ) : null}
      {error ? <ErrorBar title={error.title} error={error.error} /> : null}
    </section>
  );
}
