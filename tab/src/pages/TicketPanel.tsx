/**
 * One ticket: its facts, notes and history, and — for callers with Ticket management › Update —
 * status and severity changes (only the moves the service's state machine allows), a new note,
 * and closing with a reason. Opens as a region under the list and takes focus.
 */
import { useEffect, useState } from 'react';
import {
  Button,
  Caption1,
  Field,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  CLOSE_REASONS,
  NEXT_STATUSES,
  NOTE_MAX,
  SEVERITIES,
  SIGNAL_ACTOR_ID,
  addTicketNote,
  assignTicketToMe,
  closeTicket,
  getTicket,
  isWholeTicket,
  updateTicket,
  type CloseReason,
  type Severity,
  type Ticket,
  type TicketListItem,
  type TicketStatus,
} from '../api/tickets.ts';
import { useStrings, type Strings } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import { DetailPanel, type PanelProps } from '../components/DetailPanel.tsx';
import { SelectField } from '../components/FormFields.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';

const useStyles = makeStyles({
  heading: { margin: 0, ':focus': { outlineStyle: 'none' } },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  sub: { color: tokens.colorNeutralForeground3 },
  note: { maxWidth: '640px' },
});

/**
 * The title people read: a signal's ticket is named after its signal in the reader's language
 * ("Front of room display disconnected — Seattle Lake Room 1"); a recorded issue keeps the title
 * its author typed.
 */
/** Who made a change: people by name, the room health monitor in the reader's language. */
function actorName(actor: Ticket['history'][number]['actor'], strings: Strings): string {
  return actor.id === SIGNAL_ACTOR_ID ? strings.incidents.signalActor : actor.name;
}

/** One history entry as a sentence, statuses, severities and close reasons translated. */
export function historyText(entry: Ticket['history'][number], strings: Strings): string {
  const t = strings.incidents;
  const a = t.historyActions;
  const status = (s?: string) => (s ? (t.statuses[s as TicketStatus] ?? s) : '—');
  const severity = (s?: string) => (s ? (t.severities[s as Severity] ?? s) : '—');
  switch (entry.action) {
    case 'created':
      return a.created(status(entry.to ?? 'Open'));
    case 'status':
      return a.status(status(entry.from), status(entry.to));
    case 'severity':
      return a.severity(severity(entry.from), severity(entry.to));
    case 'note':
      return a.note;
    case 'closed': {
      const reason = entry.detail && t.closeReasons[entry.detail as CloseReason];
      return a.closed(reason || '');
    }
    case 'roomGroups':
      return a.roomGroups;
    case 'assigned':
      return a.assigned(entry.to ?? '—');
    default:
      return a.other(entry.action);
  }
}

export function ticketTitle(
  ticket: Pick<Ticket, 'source' | 'type' | 'roomName' | 'title'>,
  strings: Strings
): string {
  const titles: Partial<Record<string, string>> = strings.incidents.signalTitles;
  const signal = titles[ticket.type];
  return ticket.source === 'signal' && signal ? `${signal} — ${ticket.roomName}` : ticket.title;
}

export function TicketPanel({
  api,
  ticket: initial,
  mayUpdate,
  me,
  onChanged,
  onClose,
}: PanelProps<
  Ticket,
  {
    /** The row chosen in a list; the panel reads the whole ticket unless the row is one. */
    ticket: TicketListItem;
    mayUpdate: boolean;
    /** The reader, to tell whether the ticket is already theirs. */
    me?: { tenantId: string; userId: string };
  }
>) {
  const strings = useStrings();
  const t = strings.incidents;
  const styles = useStyles();
  const announce = useNotify();
  // The whole ticket (notes, history) once read; until then the row's facts are shown.
  const [whole, setWhole] = useState<Ticket | null>(isWholeTicket(initial) ? initial : null);
  const ticket = whole ?? initial;
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [severity, setSeverity] = useState<Severity>(initial.severity);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<CloseReason>('Resolved');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The list row may be a summary: read the whole ticket (notes, history) once opened.
  useEffect(() => {
    const abort = new AbortController();
    // A change made while this read was in flight is newer: keep it (the version tells).
    const keepNewer = (fetched: Ticket) =>
      setWhole((current) => (current && current.version > fetched.version ? current : fetched));
    getTicket(api, initial.customerTenantId, initial.id, abort.signal).then(
      keepNewer,
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      }
    );
    return () => abort.abort();
  }, [api, initial.customerTenantId, initial.id]);

  /** Runs one change; true when the service accepted it. */
  const run = async (action: () => Promise<Ticket>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const updated = await action();
      setWhole(updated);
      setSeverity(updated.severity);
      setStatus('');
      onChanged(updated);
      announce(done);
      setBusy(false);
      return true;
    } catch (failure) {
      setError(failure);
      setBusy(false);
      return false;
    }
  };

  const cid = ticket.customerTenantId;
  const next = NEXT_STATUSES[ticket.status];
  const closed = ticket.status === 'Closed';

  return (
    <DetailPanel
      title={ticketTitle(ticket, strings)}
      subtitle={t.facts(
        ticket.roomName,
        t.severities[ticket.severity],
        t.statuses[ticket.status],
        formatDateTime(ticket.createdAt, strings)
      )}
      closeLabel={t.closePanel}
      onClose={onClose}
      focusKey={initial.id}
    >
      {/* The reporter's (or the device's) own words, shown as written. */}
      {whole?.description ? <p data-authored="">{whole.description}</p> : null}

      <div className={styles.row}>
        <Caption1>
          {t.assignee}: {ticket.assignee?.name ?? t.unassigned}
        </Caption1>
        {mayUpdate &&
        !closed &&
        !(
          ticket.assignee &&
          me &&
          ticket.assignee.id === me.userId &&
          ticket.assignee.tenantId === me.tenantId
        ) ? (
          <Button
            size="small"
            disabledFocusable={busy}
            onClick={() =>
              void run(() => assignTicketToMe(api, cid, ticket.id, ticket.version), t.assignedDone)
            }
          >
            {t.assignToMe}
          </Button>
        ) : null}
      </div>

      {mayUpdate && !closed ? (
        <div className={styles.row}>
          <SelectField<TicketStatus | ''>
            label={t.changeStatus}
            none={t.keep(t.statuses[ticket.status])}
            value={status}
            onChange={setStatus}
            options={next.map((s) => [s, t.statuses[s]] as const)}
          />
          <SelectField
            label={t.severity}
            value={severity}
            onChange={setSeverity}
            options={SEVERITIES.map((s) => [s, t.severities[s]] as const)}
          />
          <Button
            appearance="primary"
            disabledFocusable={busy || (status === '' && severity === ticket.severity)}
            onClick={() =>
              void run(
                () =>
                  updateTicket(api, cid, ticket.id, {
                    ...(status && status !== 'Closed' ? { status } : {}),
                    ...(severity !== ticket.severity ? { severity } : {}),
                  }),
                t.updated
              )
            }
          >
            {strings.common.save}
          </Button>
          {/* Only recorded issues are closed by people; a signal's ticket resolves with it. */}
          {ticket.source === 'customer' ? (
            <>
              <SelectField
                label={t.closeReason}
                value={reason}
                onChange={setReason}
                options={CLOSE_REASONS.map((r) => [r, t.closeReasons[r]] as const)}
              />
              <Button
                disabledFocusable={busy}
                onClick={() =>
                  void run(() => closeTicket(api, cid, ticket.id, reason), t.closedDone)
                }
              >
                {t.closeTicket}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}

      {error ? <ErrorBar title={t.actionFailed} error={error} /> : null}

      <section aria-labelledby="ticket-notes" aria-busy={!whole}>
        <Subtitle2 as="h3" id="ticket-notes" className={styles.heading}>
          {t.notes}
        </Subtitle2>
        {whole?.notes.length === 0 ? <Caption1>{t.noNotes}</Caption1> : null}
        <ul className={styles.list}>
          {whole?.notes.map((n) => (
            <li key={n.id}>
              <Caption1 className={styles.sub}>
                {n.author.name} · {formatDateTime(n.at, strings)}
              </Caption1>
              <div data-authored="">{n.text}</div>
            </li>
          ))}
        </ul>
      </section>
      {mayUpdate && !closed ? (
        <form
          className={styles.note}
          onSubmit={(event) => {
            event.preventDefault();
            const text = note.trim();
            if (!text) return;
            void run(() => addTicketNote(api, cid, ticket.id, text, whole), t.noteAdded).then(
              (ok) => {
                if (ok) setNote('');
              }
            );
          }}
        >
          <Field label={t.addNote} hint={t.noteHint(NOTE_MAX)}>
            <Textarea value={note} maxLength={NOTE_MAX} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <Button type="submit" disabledFocusable={busy || !note.trim()}>
            {t.addNoteButton}
          </Button>
        </form>
      ) : null}

      <section aria-labelledby="ticket-history" aria-busy={!whole}>
        <Subtitle2 as="h3" id="ticket-history" className={styles.heading}>
          {t.history}
        </Subtitle2>
        <ul className={styles.list}>
          {whole?.history.map((h, i) => (
            <li key={i}>
              <Caption1>
                {formatDateTime(h.at, strings)} · {actorName(h.actor, strings)} ·{' '}
                {historyText(h, strings)}
              </Caption1>
            </li>
          ))}
        </ul>
      </section>
    </DetailPanel>
  );
}
