/**
 * The customer stays in control of a partner (issue #15), in the tab: the controls of one partner
 * (Manual approval per change action, just-in-time elevation, MFA) in the customer's Partners
 * view; the approvals waiting for the customer; and, in the partner's customer detail pane, the
 * same controls read-only with the partner's own change requests and elevations.
 */
import { useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Switch,
  Text,
  Textarea,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import {
  CHANGE_ACTIONS,
  CHANGE_JUSTIFICATION_MAX,
  ELEVATION_MAX_MINUTES,
  ELEVATION_MIN_MINUTES,
  SENSITIVE_ACTIONS,
  approveChangeRequest,
  approveElevation,
  endElevation,
  getCustomerControls,
  getPartnerControls,
  listChangeRequests,
  listElevations,
  rejectChangeRequest,
  rejectElevation,
  requestElevation,
  saveCustomerControls,
  type ChangeRequest,
  type Elevation,
  type PartnerControlsInput,
  type SensitiveAction,
} from '../api/change-control.ts';
import { colon, useStrings, type Strings } from '../i18n.ts';
import { formatDate } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { NotLoaded } from '../components/PageStates.tsx';
import { MinorHeading } from '../components/PageSection.tsx';
import { focusPageTitle } from '../components/PageFrame.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useSubmit } from '../components/FormDialog.tsx';
import { SimpleTable, type Column } from '../components/SimpleTable.tsx';
import { useLoad } from '../components/useLoad.ts';

type ControlStrings = Strings['control'];

const show = (v: unknown) =>
  Array.isArray(v)
    ? v.join(', ') || '—'
    : v === null || v === undefined || v === ''
      ? '—'
      : String(v);
const diffText = (r: ChangeRequest, sep: string) =>
  r.diff.map((d) => `${d.field}${sep}${show(d.from)} → ${show(d.to)}`).join(' · ');

/** The saved change control in one line: which actions wait for approval (or none). */
function summaryOf(controls: PartnerControlsInput, c: ControlStrings): string {
  const manual = CHANGE_ACTIONS.filter((a) => controls.changeControl[a] === 'manual');
  return manual.length
    ? c.summaryManual(manual.map((a) => c.actions[a]).join(', '))
    : c.summaryAllAuto;
}

/** Customer, per partner: edit the controls. */
export function PartnerControlsEditor({
  api,
  partnerTenantId,
  partnerName,
}: {
  api: ApiClient;
  partnerTenantId: string;
  partnerName: string;
}) {
  const c = useStrings().control;
  const styles = useSharedStyles();
  const notify = useNotify();
  const loaded = useLoad(['change-control', 'controls', partnerTenantId], (signal) =>
    getCustomerControls(api, partnerTenantId, signal)
  );
  const [draft, setDraft] = useState<PartnerControlsInput | null>(null);
  const submit = useSubmit();
  if (loaded.state.kind !== 'ready')
    return <NotLoaded loaded={loaded} loading={c.controlsTitle} failed={c.loadFailed} />;
  const current: PartnerControlsInput = draft ?? loaded.state.data;
  const edit = (change: (d: PartnerControlsInput) => PartnerControlsInput) =>
    setDraft(change(structuredClone(current)));
  const save = () =>
    submit.run(async () => {
      const saved = await saveCustomerControls(api, partnerTenantId, {
        changeControl: current.changeControl,
        elevation: current.elevation,
        mfa: current.mfa,
      });
      loaded.update(() => saved);
      setDraft(null);
      notify(c.saved(partnerName));
    });
  return (
    <div role="group" aria-label={`${c.controlsTitle} — ${partnerName}`}>
      <MinorHeading level="h4">{c.controlsTitle}</MinorHeading>
      <Caption1 block>{summaryOf(loaded.state.data, c)}</Caption1>
      <Caption1 block>{c.controlsIntro}</Caption1>
      <div className={styles.row}>
        {CHANGE_ACTIONS.map((a) => (
          <Switch
            key={a}
            label={c.actions[a]}
            aria-label={c.manualLabel(c.actions[a], partnerName)}
            checked={current.changeControl[a] === 'manual'}
            onChange={(_, d) =>
              edit((x) => ({
                ...x,
                changeControl: { ...x.changeControl, [a]: d.checked ? 'manual' : 'auto' },
              }))
            }
          />
        ))}
      </div>
      <Text weight="semibold">{c.elevationTitle}</Text>
      <div className={styles.row}>
        {SENSITIVE_ACTIONS.map((a) => (
          <Checkbox
            key={a}
            label={c.actions[a]}
            aria-label={c.elevationLabel(c.actions[a], partnerName)}
            checked={current.elevation.required.includes(a)}
            onChange={(_, d) =>
              edit((x) => ({
                ...x,
                elevation: {
                  ...x.elevation,
                  required: d.checked
                    ? [...x.elevation.required, a]
                    : x.elevation.required.filter((r) => r !== a),
                },
              }))
            }
          />
        ))}
      </div>
      <div className={styles.row}>
        <Switch
          label={c.autoApprove}
          checked={current.elevation.autoApprove}
          onChange={(_, d) =>
            edit((x) => ({ ...x, elevation: { ...x.elevation, autoApprove: d.checked } }))
          }
        />
        <Switch
          label={c.mfa}
          checked={current.mfa.required}
          onChange={(_, d) => edit((x) => ({ ...x, mfa: { required: d.checked } }))}
        />
        <Button
          appearance="primary"
          size="small"
          disabled={submit.busy || draft === null}
          onClick={() => void save()}
        >
          {c.save}
        </Button>
      </div>
      {submit.error ? <ErrorBar title={c.saveFailed} error={submit.error} /> : null}
    </div>
  );
}

function StatusBadge({ status, c }: { status: string; c: ControlStrings }) {
  const good = status === 'applied' || status === 'active';
  const waiting = status === 'pending' || status === 'applying';
  return (
    <Badge appearance="tint" color={good ? 'success' : waiting ? 'informative' : 'danger'}>
      {c.statuses[status as keyof ControlStrings['statuses']] ?? status}
    </Badge>
  );
}

/**
 * The change requests and elevations of one customer the caller may see; `orNone`: a list the
 * caller may not read counts as empty (a partner's pane still shows the controls).
 */
async function requestsAndElevations(
  api: ApiClient,
  customerTenantId: string,
  signal: AbortSignal,
  orNone = false
) {
  const listed = <T,>(list: Promise<{ items: T[] }>) =>
    orNone ? list.catch(() => ({ items: [] as T[] })) : list;
  const [requests, elevations] = await Promise.all([
    listed(listChangeRequests(api, customerTenantId, undefined, signal)),
    listed(listElevations(api, customerTenantId, signal)),
  ]);
  return { requests: requests.items, elevations: elevations.items };
}

/** What the customer-side section and the partner-side pane of one customer receive. */
interface CustomerPaneProps {
  api: ApiClient;
  customerTenantId: string;
}

/** Customer: change requests and elevations waiting for a decision, with Approve / Reject / End. */
export function ApprovalsSection({ api, customerTenantId }: CustomerPaneProps) {
  const strings = useStrings();
  const c = strings.control;
  const styles = useSharedStyles();
  const notify = useNotify();
  const data = useLoad(['change-control', 'approvals', customerTenantId], (signal) =>
    requestsAndElevations(api, customerTenantId, signal)
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const submit = useSubmit();
  const act = async (work: () => Promise<unknown>, message: string) => {
    if (await submit.run(work)) {
      notify(message);
      // The decided row leaves the table with the button that had focus: keep it on the page.
      focusPageTitle();
    }
    data.reload();
  };
  /** Approve, the reason, and Reject (which needs the reason) for one request or elevation. */
  const decide = (
    id: string,
    approve: () => Promise<unknown>,
    approved: string,
    reject: (reason: string) => Promise<unknown>,
    rejected: string,
    objectName?: string
  ) => (
    <div className={styles.row}>
      <Button
        size="small"
        appearance="primary"
        aria-label={objectName === undefined ? undefined : `${c.approve} ${objectName}`}
        onClick={() => void act(approve, approved)}
      >
        {c.approve}
      </Button>
      <Field label={c.reasonLabel}>
        <Input
          size="small"
          value={reasons[id] ?? ''}
          onChange={(_, d) => setReasons((x) => ({ ...x, [id]: d.value }))}
        />
      </Field>
      <Button
        size="small"
        aria-label={objectName === undefined ? undefined : `${c.reject} ${objectName}`}
        disabled={!(reasons[id] ?? '').trim()}
        onClick={() => void act(() => reject(reasons[id]!.trim()), rejected)}
      >
        {c.reject}
      </Button>
    </div>
  );
  if (data.state.kind !== 'ready')
    return <NotLoaded loaded={data} loading={c.approvalsTitle} failed={c.loadFailed} />;
  const pending = data.state.data.requests.filter((r) => r.status === 'pending');
  const elevations = data.state.data.elevations.filter(
    (e) => e.status === 'pending' || e.status === 'active'
  );
  return (
    <div>
      {submit.error ? <ErrorBar title={c.failed} error={submit.error} /> : null}
      {pending.length === 0 && elevations.length === 0 ? <Text>{c.approvalsEmpty}</Text> : null}
      {pending.length > 0 ? (
        <SimpleTable
          label={c.approvalsTitle}
          rows={pending}
          rowKey={(r) => r.id}
          columns={[
            ...requestColumns(c, strings),
            {
              header: strings.common.actions,
              cell: (r) =>
                decide(
                  r.id,
                  () => approveChangeRequest(api, customerTenantId, r.id),
                  c.approved(r.objectName),
                  (reason) => rejectChangeRequest(api, customerTenantId, r.id, reason),
                  c.rejected(r.objectName),
                  r.objectName
                ),
            },
          ]}
        />
      ) : null}
      {elevations.length > 0 ? (
        <ElevationTable
          elevations={elevations}
          c={c}
          actions={(e) =>
            e.status === 'pending' ? (
              decide(
                e.id,
                () => approveElevation(api, customerTenantId, e.id),
                c.elevationApproved,
                (reason) => rejectElevation(api, customerTenantId, e.id, reason),
                c.elevationRejected
              )
            ) : (
              <Button
                size="small"
                onClick={() =>
                  void act(() => endElevation(api, customerTenantId, e.id), c.elevationEnded)
                }
              >
                {c.end}
              </Button>
            )
          }
        />
      ) : null}
    </div>
  );
}

function ElevationTable({
  elevations,
  c,
  actions,
}: {
  elevations: Elevation[];
  c: ControlStrings;
  actions?: (e: Elevation) => ReactNode;
}) {
  const strings = useStrings();
  return (
    <SimpleTable
      label={c.elevationsTitle}
      rows={elevations}
      rowKey={(e) => e.id}
      columns={[
        {
          header: c.elevationsTitle,
          cell: (e) =>
            `${e.actions.map((a) => c.actions[a]).join(', ')} · ${e.durationMinutes} min`,
        },
        { header: c.requestedBy, cell: (e) => e.requestedBy.name },
        { header: c.why, cell: (e) => e.justification },
        {
          header: c.status,
          cell: (e) => (
            <>
              <StatusBadge status={e.status} c={c} />
              {e.endsAt && e.status === 'active' ? ` → ${formatDate(e.endsAt, strings)}` : ''}
            </>
          ),
        },
        actions !== undefined && { header: strings.common.actions, cell: actions },
      ]}
    />
  );
}

/** The object, the change and who asked: the first columns of every change-request table. */
function requestColumns(c: ControlStrings, strings: Strings): Column<ChangeRequest>[] {
  return [
    { header: c.object, cell: (r) => `${c.actions[r.action]} · ${r.objectName}` },
    { header: c.change, cell: (r) => diffText(r, colon(strings)) },
    {
      header: c.requestedBy,
      cell: (r) => `${r.requestedBy.name} · ${formatDate(r.requestedAt, strings)}`,
    },
    { header: c.why, cell: (r) => r.justification || '—' },
  ];
}

/** Partner, in a customer's detail pane: the customer's controls, your change requests and elevations. */
export function PartnerControlsPane({ api, customerTenantId }: CustomerPaneProps) {
  const strings = useStrings();
  const c = strings.control;
  const styles = useSharedStyles();
  const notify = useNotify();
  const data = useLoad(['change-control', 'partner-view', customerTenantId], async (signal) => ({
    controls: await getPartnerControls(api, customerTenantId, signal),
    ...(await requestsAndElevations(api, customerTenantId, signal, true)),
  }));
  const [asking, setAsking] = useState<{
    actions: SensitiveAction[];
    minutes: string;
    justification: string;
  }>({ actions: [], minutes: '60', justification: '' });
  const submit = useSubmit();
  if (data.state.kind !== 'ready')
    return <NotLoaded loaded={data} loading={c.partnerView} failed={c.loadFailed} />;
  const { controls, requests, elevations } = data.state.data;
  const manual = CHANGE_ACTIONS.filter((a) => controls.changeControl[a] === 'manual');
  const end = (id: string) =>
    submit.run(async () => {
      await endElevation(api, customerTenantId, id);
      notify(c.elevationEnded);
      data.reload();
    });
  const ask = () =>
    submit.run(async () => {
      await requestElevation(api, customerTenantId, {
        actions: asking.actions,
        durationMinutes: Number(asking.minutes),
        justification: asking.justification.trim(),
      });
      notify(c.elevationRequested);
      setAsking({ actions: [], minutes: '60', justification: '' });
      data.reload();
    });
  return (
    <section aria-label={c.partnerView}>
      <MinorHeading level="h2">{c.partnerView}</MinorHeading>
      <ul>
        <li>
          {c.manual}
          {colon(strings)}
          {manual.length ? manual.map((a) => c.actions[a]).join(', ') : c.none}
        </li>
        <li>
          {c.elevationTitle}
          {colon(strings)}
          {controls.elevation.required.length
            ? controls.elevation.required.map((a) => c.actions[a]).join(', ')
            : c.none}
          {controls.elevation.required.length && controls.elevation.autoApprove
            ? ` (${c.autoApprove})`
            : ''}
        </li>
        <li>
          {c.mfa}
          {colon(strings)}
          {controls.mfa.required ? c.yes : c.no}
        </li>
      </ul>
      <MinorHeading level="h3">{c.requestsTitle}</MinorHeading>
      {requests.length === 0 ? (
        <Text>{c.requestsEmpty}</Text>
      ) : (
        <SimpleTable
          label={c.requestsTitle}
          rows={requests}
          rowKey={(r) => r.id}
          columns={[
            ...requestColumns(c, strings),
            {
              header: c.status,
              cell: (r) => (
                <>
                  <StatusBadge status={r.status} c={c} />{' '}
                  {r.decision?.reason ?? r.outcome?.message ?? ''}
                </>
              ),
            },
          ]}
        />
      )}
      {controls.elevation.required.length > 0 ? (
        <>
          <MinorHeading level="h3">{c.elevationsTitle}</MinorHeading>
          {elevations.length ? (
            <ElevationTable
              elevations={elevations}
              c={c}
              actions={(e) =>
                e.status === 'active' ? (
                  // The user who asked for it may end it early (the API refuses anyone else's).
                  <Button size="small" onClick={() => void end(e.id)}>
                    {c.end}
                  </Button>
                ) : null
              }
            />
          ) : null}
          <div role="group" aria-label={c.requestElevation} className={styles.row}>
            {controls.elevation.required.map((a) => (
              <Checkbox
                key={a}
                label={c.actions[a]}
                checked={asking.actions.includes(a)}
                onChange={(_, d) =>
                  setAsking((x) => ({
                    ...x,
                    actions: d.checked ? [...x.actions, a] : x.actions.filter((y) => y !== a),
                  }))
                }
              />
            ))}
            <Field label={c.duration}>
              <Input
                type="number"
                min={ELEVATION_MIN_MINUTES}
                max={ELEVATION_MAX_MINUTES}
                value={asking.minutes}
                onChange={(_, d) => setAsking((x) => ({ ...x, minutes: d.value }))}
              />
            </Field>
            <Field label={c.justification}>
              <Textarea
                maxLength={CHANGE_JUSTIFICATION_MAX}
                value={asking.justification}
                onChange={(_, d) => setAsking((x) => ({ ...x, justification: d.value }))}
              />
            </Field>
            <Button
              appearance="primary"
              disabled={asking.actions.length === 0 || !asking.justification.trim()}
              onClick={() => void ask()}
            >
              {c.requestElevation}
            </Button>
          </div>
        </>
      ) : null}
      {submit.error ? <ErrorBar title={c.failed} error={submit.error} /> : null}
    </section>
  );
}
