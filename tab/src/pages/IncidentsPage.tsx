/**
 * Incidents (PRODUCT.md §4.7): the tickets of the customer chosen in the dropdown or, with
 * "Enable all tickets view" on, of every customer where the caller may see tickets, filtered by
 * customer, severity, status, type, room and date. Choosing a ticket opens its detail with notes
 * and status.
 */
import { useState } from 'react';
import {
  Badge,
  Field,
  Input,
  Link,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
} from '@fluentui/react-components';
import {
  SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  listAllIncidents,
  listTickets,
  type Severity,
  type Ticket,
  type TicketFilter,
  type TicketStatus,
  type TicketType,
} from '../api/tickets.ts';
import type { Page } from '../api/client.ts';
import { customersWith } from '../access.ts';
import { useStrings } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { useAnnounce } from '../components/Announcer.tsx';
import type { PageProps } from '../components/AppShell.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { FilterBar, FilterSelect } from '../components/FilterBar.tsx';
import { EmptyState, LoadMore, Loading } from '../components/PageStates.tsx';
import { usePagedList } from '../components/usePagedList.ts';
import { TicketPanel } from './TicketPanel.tsx';

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
});

interface Form {
  customerTenantId: string;
  severity: Severity | '';
  status: TicketStatus | '';
  type: TicketType | '';
  from: string;
  to: string;
}

const EMPTY: Form = { customerTenantId: '', severity: '', status: '', type: '', from: '', to: '' };

const toFilter = (f: Form): TicketFilter & { customerTenantId?: string } => ({
  customerTenantId: f.customerTenantId || undefined,
  severity: f.severity || undefined,
  status: f.status || undefined,
  type: f.type || undefined,
  from: f.from ? `${f.from}T00:00:00.000Z` : undefined,
  to: f.to ? `${f.to}T23:59:59.999Z` : undefined,
});

export function IncidentsPage({ api, access, customer, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.incidents;
  const styles = useStyles();
  const announce = useAnnounce();
  const [all, setAll] = useState(false);
  const [form, setForm] = useState<Form>(EMPTY);
  const [applied, setApplied] = useState<Form>(EMPTY);
  const [open, setOpen] = useState<Ticket | null>(null);
  const customerId = customer?.tenantId ?? '';
  const viewable = customersWith(access, 'tickets.view');

  const fetchPage = (cursor?: string, signal?: AbortSignal): Promise<Page<Ticket>> => {
    const filter = toFilter(applied);
    if (all) return listAllIncidents(api, filter, { cursor, signal });
    const { customerTenantId: _ignored, ...perCustomer } = filter;
    return listTickets(api, customerId, perCustomer, { cursor, signal });
  };

  const tickets = usePagedList(
    async (cursor, signal) => (!all && !customerId ? { items: [] } : fetchPage(cursor, signal)),
    {
      first: (page) => {
        if (all || customerId) announce(t.shown(page.items.length, Boolean(page.nextCursor)));
      },
    },
    [api, all, customerId, applied]
  );


  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const mayUpdate = (ticket: Ticket) =>
    access.customers
      .find((c) => c.tenantId === ticket.customerTenantId)
      ?.permissions?.includes('tickets.update') ?? false;

  return (
    <PageFrame
      title={t.title}
      intro={all ? t.introAll : t.intro(customer?.displayName ?? '')}
      focusHeading={focusHeading}
    >
      <Switch
        checked={all}
        label={t.allTickets}
        onChange={(_, data) => {
          setAll(data.checked);
          setOpen(null);
        }}
      />
      <FilterBar
        label={t.filters}
        onApply={() => setApplied(form)}
        onClear={() => {
          setForm(EMPTY);
          setApplied(EMPTY);
        }}
      >
        {all ? (
          <FilterSelect
            label={strings.nav.customer}
            value={form.customerTenantId}
            onChange={(v) => set('customerTenantId', v)}
            options={viewable.map((c) => [c.tenantId, c.displayName] as const)}
          />
        ) : null}
        <FilterSelect
          label={t.severity}
          value={form.severity}
          onChange={(v) => set('severity', v)}
          options={SEVERITIES.map((v) => [v, t.severities[v]] as const)}
        />
        <FilterSelect
          label={t.status}
          value={form.status}
          onChange={(v) => set('status', v)}
          options={TICKET_STATUSES.map((v) => [v, t.statuses[v]] as const)}
        />
        <FilterSelect
          label={t.type}
          value={form.type}
          onChange={(v) => set('type', v)}
          options={TICKET_TYPES.map((v) => [v, t.types[v]] as const)}
        />
        <Field label={strings.audit.from}>
          <Input type="date" value={form.from} onChange={(_, d) => set('from', d.value)} />
        </Field>
        <Field label={strings.audit.to}>
          <Input type="date" value={form.to} onChange={(_, d) => set('to', d.value)} />
        </Field>
      </FilterBar>

      {tickets.state.kind === 'loading' ? <Loading label={t.loading} /> : null}
      {tickets.state.kind === 'failed' ? (
        <ErrorBar title={t.loadFailed} error={tickets.state.error} onRetry={tickets.reload} />
      ) : null}
      {tickets.state.kind === 'ready' && tickets.state.data.items.length === 0 ? (
        <EmptyState>{all || customerId ? t.empty : strings.nav.chooseCustomer}</EmptyState>
      ) : null}
      {tickets.state.kind === 'ready' && tickets.state.data.items.length > 0 ? (
        <Table aria-label={t.tableLabel} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.ticket}</TableHeaderCell>
              {all ? <TableHeaderCell>{strings.nav.customer}</TableHeaderCell> : null}
              <TableHeaderCell>{t.room}</TableHeaderCell>
              <TableHeaderCell>{t.severity}</TableHeaderCell>
              <TableHeaderCell>{t.status}</TableHeaderCell>
              <TableHeaderCell>{t.type}</TableHeaderCell>
              <TableHeaderCell>{t.created}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tickets.state.data.items.map((ticket) => (
              <TableRow key={ticket.id} aria-selected={open?.id === ticket.id}>
                <TableCell>
                  <Link as="button" onClick={() => setOpen(ticket)}>
                    {ticket.title}
                  </Link>
                </TableCell>
                {all ? <TableCell>{ticket.customerName ?? ticket.customerTenantId}</TableCell> : null}
                <TableCell>{ticket.roomName}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={ticket.severity === 'Important' ? 'danger' : 'warning'}>
                    {t.severities[ticket.severity]}
                  </Badge>
                </TableCell>
                <TableCell>{t.statuses[ticket.status]}</TableCell>
                <TableCell>{t.types[ticket.type] ?? ticket.type}</TableCell>
                <TableCell className={styles.nowrap}>{formatDateTime(ticket.createdAt, strings)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {tickets.more.error ? <ErrorBar title={t.loadFailed} error={tickets.more.error} /> : null}
      {tickets.nextCursor ? <LoadMore busy={tickets.more.busy} onClick={tickets.loadMore} /> : null}

      {open ? (
        <TicketPanel
          key={open.id}
          api={api}
          ticket={open}
          mayUpdate={mayUpdate(open)}
          onChanged={(updated) => {
            // Keep the customer name the aggregate view added; the detail routes do not carry it.
            const merged = { ...updated, customerName: open.customerName };
            setOpen(merged);
            tickets.update((page) => ({
              ...page,
              items: page.items.map((x) => (x.id === merged.id ? merged : x)),
            }));
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </PageFrame>
  );
}
