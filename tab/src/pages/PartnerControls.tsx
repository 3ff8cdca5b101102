/**
 * The customer stays in control of a partner (issue #15), in the tab: the controls of one partner
 * (Manual approval per change action, just-in-time elevation, MFA) in the customer's Partners
 * view; the approvals waiting for the customer; and, in the partner's customer detail pane, the
 * same controls read-only with the partner's own change requests and elevations.
 */
import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import {
  CHANGE_ACTIONS,
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
import type { ControlStrings } from '../i18n/messages.ts';
import { colon, useStrings } from '../i18n.ts';
import { formatDate } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { Loading } from '../components/PageStates.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useLoad } from '../components/useLoad.ts';

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
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (loaded.state.kind === 'loading') return <Loading label={c.controlsTitle} />;
  if (loaded.state.kind === 'failed')
    return <ErrorBar title={c.loadFailed} error={loaded.state.error} onRetry={loaded.reload} />;
  const current: PartnerControlsInput = draft ?? loaded.state.data;
  const edit = (change: (d: PartnerControlsInput) => PartnerControlsInput) =>
    setDraft(change(structuredClone(current)));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveCustomerControls(api, partnerTenantId, {
        changeControl: current.changeControl,
        elevation: current.elevation,
        mfa: current.mfa,
      });
      loaded.update(() => saved);
      setDraft(null);
      notify(c.saved(partnerName));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div role="group" aria-label={`${c.controlsTitle} — ${partnerName}`}>
      <Text as="h5" weight="semibold" className={styles.heading}>
        {c.controlsTitle}
      </Text>
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
          disabled={saving || draft === null}
          onClick={() => void save()}
        >
          {c.save}
        </Button>
      </div>
      {error ? <ErrorBar title={c.saveFailed} error={error} /> : null}
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

/** Customer: change requests and elevations waiting for a decision, with Approve / Reject / End. */
export function ApprovalsSection({
  api,
  customerTenantId,
}: {
  api: ApiClient;
  customerTenantId: string;
}) {
  const c = useStrings().control;
  const strings = useStrings();
  const styles = useSharedStyles();
  const notify = useNotify();
  const data = useLoad(['change-control', 'approvals', customerTenantId], async (signal) => {
    const [requests, elevations] = await Promise.all([
      listChangeRequests(api, customerTenantId, undefined, signal),
      listElevations(api, customerTenantId, signal),
    ]);
    return { requests: requests.items, elevations: elevations.items };
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await work();
      notify(message);
    } catch (e) {
      setError(e);
    }
    data.reload();
  };
  if (data.state.kind === 'loading') return <Loading label={c.approvalsTitle} />;
  if (data.state.kind === 'failed')
    return <ErrorBar title={c.loadFailed} error={data.state.error} onRetry={data.reload} />;
  const pending = data.state.data.requests.filter((r) => r.status === 'pending');
  const elevations = data.state.data.elevations.filter(
    (e) => e.status === 'pending' || e.status === 'active'
  );
  return (
    <div>
      {error ? <ErrorBar title={c.failed} error={error} /> : null}
      {pending.length === 0 && elevations.length === 0 ? <Text>{c.approvalsEmpty}</Text> : null}
      {pending.length > 0 ? (
        <Table aria-label={c.approvalsTitle} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{c.object}</TableHeaderCell>
              <TableHeaderCell>{c.change}</TableHeaderCell>
              <TableHeaderCell>{c.requestedBy}</TableHeaderCell>
              <TableHeaderCell>{c.why}</TableHeaderCell>
              <TableHeaderCell>{strings.common.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {pending.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  {c.actions[r.action]} · {r.objectName}
                </TableCell>
                <TableCell>{diffText(r, colon(strings))}</TableCell>
                <TableCell>
                  {r.requestedBy.name} · {formatDate(r.requestedAt, strings)}
                </TableCell>
                <TableCell>{r.justification || '—'}</TableCell>
                <TableCell>
                  <div className={styles.row}>
                    <Button
                      size="small"
                      appearance="primary"
                      aria-label={`${c.approve} ${r.objectName}`}
                      onClick={() =>
                        void act(
                          () => approveChangeRequest(api, customerTenantId, r.id),
                          c.approved(r.objectName)
                        )
                      }
                    >
                      {c.approve}
                    </Button>
                    <Field label={c.reasonLabel}>
                      <Input
                        size="small"
                        value={reasons[r.id] ?? ''}
                        onChange={(_, d) => setReasons((x) => ({ ...x, [r.id]: d.value }))}
                      />
                    </Field>
                    <Button
                      size="small"
                      aria-label={`${c.reject} ${r.objectName}`}
                      disabled={!(reasons[r.id] ?? '').trim()}
                      onClick={() =>
                        void act(
                          () =>
                            rejectChangeRequest(api, customerTenantId, r.id, reasons[r.id]!.trim()),
                          c.rejected(r.objectName)
                        )
                      }
                    >
                      {c.reject}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {elevations.length > 0 ? (
        <ElevationTable
          elevations={elevations}
          c={c}
          actions={(e) =>
            e.status === 'pending' ? (
              <div className={styles.row}>
                <Button
                  size="small"
                  appearance="primary"
                  onClick={() =>
                    void act(
                      () => approveElevation(api, customerTenantId, e.id),
                      c.elevationApproved
                    )
                  }
                >
                  {c.approve}
                </Button>
                <Field label={c.reasonLabel}>
                  <Input
                    size="small"
                    value={reasons[e.id] ?? ''}
                    onChange={(_, d) => setReasons((x) => ({ ...x, [e.id]: d.value }))}
                  />
                </Field>
                <Button
                  size="small"
                  disabled={!(reasons[e.id] ?? '').trim()}
                  onClick={() =>
                    void act(
                      () => rejectElevation(api, customerTenantId, e.id, reasons[e.id]!.trim()),
                      c.elevationRejected
                    )
                  }
                >
                  {c.reject}
                </Button>
              </div>
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
  actions?: (e: Elevation) => React.ReactNode;
}) {
  const strings = useStrings();
  return (
    <Table aria-label={c.elevationsTitle} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{c.elevationsTitle}</TableHeaderCell>
          <TableHeaderCell>{c.requestedBy}</TableHeaderCell>
          <TableHeaderCell>{c.why}</TableHeaderCell>
          <TableHeaderCell>{c.status}</TableHeaderCell>
          {actions ? <TableHeaderCell>{strings.common.actions}</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {elevations.map((e) => (
          <TableRow key={e.id}>
            <TableCell>
              {e.actions.map((a) => c.actions[a]).join(', ')} · {e.durationMinutes} min
            </TableCell>
            <TableCell>{e.requestedBy.name}</TableCell>
            <TableCell>{e.justification}</TableCell>
            <TableCell>
              <StatusBadge status={e.status} c={c} />
              {e.endsAt && e.status === 'active' ? ` → ${formatDate(e.endsAt, strings)}` : ''}
            </TableCell>
            {actions ? <TableCell>{actions(e)}</TableCell> : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Partner, in a customer's detail pane: the customer's controls, your change requests and elevations. */
export function PartnerControlsPane({
  api,
  customerTenantId,
}: {
  api: ApiClient;
  customerTenantId: string;
}) {
  const c = useStrings().control;
  const strings = useStrings();
  const styles = useSharedStyles();
  const notify = useNotify();
  const data = useLoad(['change-control', 'partner-view', customerTenantId], async (signal) => {
    const controls = await getPartnerControls(api, customerTenantId, signal);
    const [requests, elevations] = await Promise.all([
      listChangeRequests(api, customerTenantId, undefined, signal).catch(() => ({
        items: [] as ChangeRequest[],
      })),
      listElevations(api, customerTenantId, signal).catch(() => ({ items: [] as Elevation[] })),
    ]);
    return { controls, requests: requests.items, elevations: elevations.items };
  });
  const [asking, setAsking] = useState<{
    actions: SensitiveAction[];
    minutes: string;
    justification: string;
  }>({ actions: [], minutes: '60', justification: '' });
  const [error, setError] = useState<unknown>(null);
  if (data.state.kind === 'loading') return <Loading label={c.partnerView} />;
  if (data.state.kind === 'failed')
    return <ErrorBar title={c.loadFailed} error={data.state.error} onRetry={data.reload} />;
  const { controls, requests, elevations } = data.state.data;
  const manual = CHANGE_ACTIONS.filter((a) => controls.changeControl[a] === 'manual');
  const end = async (id: string) => {
    setError(null);
    try {
      await endElevation(api, customerTenantId, id);
      notify(c.elevationEnded);
      data.reload();
    } catch (e) {
      setError(e);
    }
  };
  const ask = async () => {
    setError(null);
    try {
      await requestElevation(api, customerTenantId, {
        actions: asking.actions,
        durationMinutes: Number(asking.minutes),
        justification: asking.justification.trim(),
      });
      notify(c.elevationRequested);
      setAsking({ actions: [], minutes: '60', justification: '' });
      data.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-label={c.partnerView}>
      <Text as="h3" weight="semibold" className={styles.heading}>
        {c.partnerView}
      </Text>
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
      <Text as="h4" weight="semibold" className={styles.heading}>
        {c.requestsTitle}
      </Text>
      {requests.length === 0 ? (
        <Text>{c.requestsEmpty}</Text>
      ) : (
        <Table aria-label={c.requestsTitle} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{c.object}</TableHeaderCell>
              <TableHeaderCell>{c.change}</TableHeaderCell>
              <TableHeaderCell>{c.requestedBy}</TableHeaderCell>
              <TableHeaderCell>{c.status}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requests.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  {c.actions[r.action]} · {r.objectName}
                </TableCell>
                <TableCell>{diffText(r, colon(strings))}</TableCell>
                <TableCell>
                  {r.requestedBy.name} · {formatDate(r.requestedAt, strings)}
                </TableCell>
                <TableCell>
                  <StatusBadge status={r.status} c={c} />{' '}
                  {r.decision?.reason ?? r.outcome?.message ?? ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {controls.elevation.required.length > 0 ? (
        <>
          <Text as="h4" weight="semibold" className={styles.heading}>
            {c.elevationsTitle}
          </Text>
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
                min={30}
                max={480}
                value={asking.minutes}
                onChange={(_, d) => setAsking((x) => ({ ...x, minutes: d.value }))}
              />
            </Field>
            <Field label={c.justification}>
              <Textarea
                maxLength={500}
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
      {error ? <ErrorBar title={c.failed} error={error} /> : null}
    </section>
  );
}
