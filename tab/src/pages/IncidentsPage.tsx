/**
 * Incidents (PRODUCT.md §4.7): the tickets of the customer chosen in the dropdown or, with
 * "Enable all tickets view" on, of every customer where the caller may see tickets, filtered by
 * customer, severity, status, type, room and date. Choosing a ticket opens its detail with notes
 * and status.
 */
import { useEffect, useState } from 'react';
import { Badge, Link, Switch, makeStyles } from '@fluentui/react-components';
import {
  SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  getTicket,
  listAllIncidents,
  listTickets,
  type Severity,
  type TicketFilter,
  type TicketListItem,
  type TicketStatus,
  type TicketType,
} from '../api/tickets.ts';
import type { Page } from '../api/client.ts';
import { customersWith } from '../access.ts';
import { listRoomRefs, type RoomRef } from '../api/rooms.ts';
import { useStrings } from '../i18n.ts';
import { useLoad } from '../components/useLoad.ts';
import { formatDateTime } from '../format.ts';
import { useAnnounce } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { useSharedStyles } from '../components/styles.ts';
import { PagedTable } from '../components/PagedTable.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { FilterBar, FilterSelect, useFilters } from '../components/FilterBar.tsx';
import { DateRangeFilter, dayRange } from '../components/DateRangeFilter.tsx';
import { usePagedList } from '../components/usePagedList.ts';
import { TicketPanel, ticketTitle } from './TicketPanel.tsx';
import { TeamsAlertsSection } from './TeamsAlertsSection.tsx';

const useStyles = makeStyles({
  // Narrow windows (1024 px with the navigation) wrap the cells instead of scrolling sideways.
  table: { tableLayout: 'auto', '& td, & th': { overflowWrap: 'anywhere' } },
  date: { minWidth: '9ch' },
});

interface Form {
  customerTenantId: string;
  severity: Severity | '';
  status: TicketStatus | '';
  type: TicketType | '';
  roomId: string;
  from: string;
  to: string;
}

const EMPTY: Form = {
  customerTenantId: '',
  severity: '',
  status: '',
  type: '',
  roomId: '',
  from: '',
  to: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <V extends string>(values: readonly V[], value: string | null): V | '' =>
  values.includes(value as V) ? (value as V) : '';

/** The filters the address names (`#/incidents?all=1&severity=Important&room=…`). */
function formFromParams(params: URLSearchParams): Form {
  const date = (key: string) => (DATE.test(params.get(key) ?? '') ? params.get(key)! : '');
  return {
    customerTenantId: params.get('of') ?? '',
    severity: oneOf(SEVERITIES, params.get('severity')),
    status: oneOf(TICKET_STATUSES, params.get('status')),
    type: oneOf(TICKET_TYPES, params.get('type')),
    roomId: params.get('room') ?? '',
    from: date('from'),
    to: date('to'),
  };
}

const toFilter = (f: Form): TicketFilter & { customerTenantId?: string } => ({
  customerTenantId: f.customerTenantId || undefined,
  severity: f.severity || undefined,
  status: f.status || undefined,
  type: f.type || undefined,
  roomId: f.roomId || undefined,
  ...dayRange(f.from, f.to),
});

export function IncidentsPage({ api, access, customer, focusHeading, params, links }: PageProps) {
  const strings = useStrings();
  const t = strings.incidents;
  const styles = useStyles();
  const shared = useSharedStyles();
  const announce = useAnnounce();
  // The first view comes from the address, so a reload or a shared link shows the same list.
  const [all, setAll] = useState(() => params.get('all') === '1');
  const filters = useFilters(EMPTY, () => formFromParams(params));
  const { form, applied } = filters;
  const [open, setOpen] = useState<TicketListItem | null>(null);
  const [wantedTicket] = useState(() => params.get('ticket'));
  const customerId = customer?.tenantId ?? '';
  const viewable = customersWith(access, 'tickets.view');
  // Rooms can be listed for one customer at a time: the chosen one, or the one filtered on.
  const roomsOf = all ? form.customerTenantId : customerId;

  useEffect(() => {
    links.keepParams(customer?.tenantId ?? null, {
      all: all ? '1' : undefined,
      of: all ? applied.customerTenantId : undefined,
      severity: applied.severity,
      status: applied.status,
      type: applied.type,
      room: applied.roomId,
      from: applied.from,
      to: applied.to,
      ticket: open?.id,
    });
  }, [links, customer, all, applied, open]);

  // A link to one ticket (`ticket=<id>`, also a Teams deep link) opens its detail.
  useEffect(() => {
    const owner = all ? applied.customerTenantId || customerId : customerId;
    if (!wantedTicket || !owner) return;
    const abort = new AbortController();
    getTicket(api, owner, wantedTicket, abort.signal).then(
      (ticket) => setOpen(ticket),
      () => undefined // a ticket that is gone or not visible simply does not open
    );
    return () => abort.abort();
    // Only once, for the ticket the address named when the page opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, wantedTicket]);

  const rooms = useLoad<RoomRef[]>(['roomRefs', roomsOf, 'orEmpty'], async (signal) =>
    roomsOf ? ((await listRoomRefs(api, roomsOf, signal)) ?? []) : []
  );
  const roomOptions = rooms.state.kind === 'ready' ? rooms.state.data : [];

  const fetchPage = (cursor?: string, signal?: AbortSignal): Promise<Page<TicketListItem>> => {
    const filter = toFilter(applied);
    if (all) return listAllIncidents(api, filter, { cursor, signal });
    const { customerTenantId: _ignored, ...perCustomer } = filter;
    return listTickets(api, customerId, perCustomer, { cursor, signal });
  };

  const tickets = usePagedList(
    ['tickets', all ? '*' : customerId, applied],
    async (cursor, signal) => (!all && !customerId ? { items: [] } : fetchPage(cursor, signal)),
    {
      first: (page) => {
        if (all || customerId) announce(t.shown(page.items.length, Boolean(page.nextCursor)));
      },
    }
  );

  const mayUpdate = (ticket: TicketListItem) =>
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
          // Another set of customers: the room and customer filters no longer apply.
          filters.change((f) => ({ ...f, customerTenantId: '', roomId: '' }));
        }}
      />
      <FilterBar label={t.filters} filters={filters}>
        {all ? (
          <FilterSelect
            label={strings.nav.customer}
            value={form.customerTenantId}
            onChange={(v) => filters.setForm((f) => ({ ...f, customerTenantId: v, roomId: '' }))}
            options={viewable.map((c) => [c.tenantId, c.displayName] as const)}
          />
        ) : null}
        <FilterSelect
          label={t.room}
          {...filters.bind('roomId')}
          options={roomOptions.map((r) => [r.id, r.displayName] as const)}
          disabledHint={roomsOf ? undefined : t.roomNeedsCustomer}
        />
        <FilterSelect
          label={t.severity}
          {...filters.bind('severity')}
          options={SEVERITIES.map((v) => [v, t.severities[v]] as const)}
        />
        <FilterSelect
          label={t.status}
          {...filters.bind('status')}
          options={TICKET_STATUSES.map((v) => [v, t.statuses[v]] as const)}
        />
        <FilterSelect
          label={t.type}
          {...filters.bind('type')}
          options={TICKET_TYPES.map((v) => [v, t.types[v]] as const)}
        />
        <DateRangeFilter filters={filters} />
      </FilterBar>

      <PagedTable
        list={tickets}
        text={{
          loading: t.loading,
          loadFailed: t.loadFailed,
          empty: all || customerId ? t.empty : strings.nav.chooseCustomer,
        }}
        label={t.tableLabel}
        className={styles.table}
        rowKey={(ticket) => ticket.id}
        isSelected={(ticket) => open?.id === ticket.id}
        columns={[
          {
            header: t.ticket,
            cell: (ticket) => (
              <Link as="button" className={shared.buttonLink} onClick={() => setOpen(ticket)}>
                {ticket.source === 'customer' ? (
                  // A recorded issue keeps the title its author typed.
                  <span data-authored="">{ticket.title}</span>
                ) : (
                  ticketTitle(ticket, strings)
                )}
              </Link>
            ),
          },
          all && {
            header: strings.nav.customer,
            cell: (ticket) => ticket.customerName || ticket.customerTenantId,
          },
          { header: t.room, cell: (ticket) => ticket.roomName },
          {
            header: t.severity,
            cell: (ticket) => (
              <Badge
                appearance="tint"
                color={ticket.severity === 'Important' ? 'danger' : 'warning'}
              >
                {t.severities[ticket.severity]}
              </Badge>
            ),
          },
          { header: t.status, cell: (ticket) => t.statuses[ticket.status] },
          { header: t.type, cell: (ticket) => t.types[ticket.type] ?? ticket.type },
          {
            header: t.created,
            className: styles.date,
            cell: (ticket) => formatDateTime(ticket.createdAt, strings),
          },
        ]}
      />

      {open ? (
        <TicketPanel
          key={open.id}
          api={api}
          ticket={open}
          mayUpdate={mayUpdate(open)}
          me={access.me}
          onChanged={(updated) => {
            // Keep the customer name the aggregate view added; the detail routes do not carry it.
            const merged: TicketListItem = { ...updated, customerName: open.customerName };
            setOpen(merged);
            tickets.update((page) => ({
              ...page,
              items: page.items.map((x) => (x.id === merged.id ? merged : x)),
            }));
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {viewable.length > 0 ? <TeamsAlertsSection api={api} /> : null}
    </PageFrame>
  );
}
