/**
 * Rooms of the customer chosen in the dropdown (PRODUCT.md §4.12): only those the caller may
 * view, filtered by name, health, room group and enrollment, with a health badge each.
 */
import { useState } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import {
  ENROLLMENT_STATUS,
  ROOM_HEALTH,
  listRoomGroupRefs,
  listRooms,
  type EnrollmentStatus,
  type RoomFilter,
  type RoomHealth,
} from '../api/rooms.ts';
import { useStrings } from '../i18n.ts';
import { useAnnounce } from '../components/Announcer.tsx';
import type { PageProps } from '../components/AppShell.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { EmptyState, LoadMore, Loading } from '../components/PageStates.tsx';
import { useLoad } from '../components/useLoad.ts';

const HEALTH_COLOR: Record<RoomHealth, BadgeProps['color']> = {
  Healthy: 'success',
  Warning: 'warning',
  Important: 'danger',
  Offline: 'informative',
};

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

interface Form {
  search: string;
  health: RoomHealth | '';
  groupId: string;
  enrollment: EnrollmentStatus | '';
}

const toFilter = (f: Form): RoomFilter => ({
  search: f.search.trim() || undefined,
  health: f.health || undefined,
  groupId: f.groupId || undefined,
  enrollment: f.enrollment || undefined,
});

export function RoomsPage({ api, customer, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.rooms;
  const styles = useStyles();
  const announce = useAnnounce();
  const customerId = customer?.tenantId ?? '';
  const empty: Form = { search: '', health: '', groupId: '', enrollment: '' };
  const [form, setForm] = useState<Form>(empty);
  const [applied, setApplied] = useState<RoomFilter>({});
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const mayViewGroups = customer?.permissions?.includes('roomGroups.view') ?? false;

  const rooms = useLoad(async (signal) => {
    if (!customerId) return { items: [] };
    const page = await listRooms(api, customerId, applied, { signal });
    announce(t.shown(page.items.length, Boolean(page.nextCursor)));
    return page;
  }, [api, customerId, applied]);
  const groups = useLoad(
    async (signal) =>
      mayViewGroups && customerId ? await listRoomGroupRefs(api, customerId, signal) : null,
    [api, customerId, mayViewGroups]
  );
  const groupNames = new Map(
    (groups.state.kind === 'ready' ? (groups.state.data ?? []) : []).map((g) => [g.id, g.displayName])
  );

  const loadMore = async (cursor: string) => {
    setMore({ busy: true, error: null });
    try {
      const next = await listRooms(api, customerId, applied, { cursor });
      rooms.update((page) => ({ items: [...page.items, ...next.items], nextCursor: next.nextCursor }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error });
    }
  };

  const nextCursor = rooms.state.kind === 'ready' ? rooms.state.data.nextCursor : undefined;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  if (!customer) {
    return (
      <PageFrame title={t.title} focusHeading={focusHeading}>
        <EmptyState>{strings.nav.chooseCustomer}</EmptyState>
      </PageFrame>
    );
  }

  return (
    <PageFrame title={t.title} intro={t.intro(customer.displayName)} focusHeading={focusHeading}>
      <form
        className={styles.filters}
        role="search"
        aria-label={t.filters}
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(toFilter(form));
        }}
      >
        <Field label={t.search}>
          <Input value={form.search} onChange={(_, d) => set('search', d.value)} />
        </Field>
        <Field label={t.health}>
          <Select value={form.health} onChange={(_, d) => set('health', d.value as Form['health'])}>
            <option value="">{strings.audit.any}</option>
            {ROOM_HEALTH.map((h) => (
              <option key={h} value={h}>
                {t.healthNames[h]}
              </option>
            ))}
          </Select>
        </Field>
        {groupNames.size > 0 ? (
          <Field label={t.group}>
            <Select value={form.groupId} onChange={(_, d) => set('groupId', d.value)}>
              <option value="">{strings.audit.any}</option>
              {[...groupNames].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label={t.enrollment}>
          <Select
            value={form.enrollment}
            onChange={(_, d) => set('enrollment', d.value as Form['enrollment'])}
          >
            <option value="">{strings.audit.any}</option>
            {ENROLLMENT_STATUS.map((e) => (
              <option key={e} value={e}>
                {t.enrollmentNames[e]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" appearance="primary">
          {strings.audit.apply}
        </Button>
        <Button
          onClick={() => {
            setForm(empty);
            setApplied({});
          }}
        >
          {strings.audit.clear}
        </Button>
      </form>

      {rooms.state.kind === 'loading' ? <Loading label={t.loading} /> : null}
      {rooms.state.kind === 'failed' ? (
        <ErrorBar title={t.loadFailed} error={rooms.state.error} onRetry={rooms.reload} />
      ) : null}
      {rooms.state.kind === 'ready' && rooms.state.data.items.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : null}
      {rooms.state.kind === 'ready' && rooms.state.data.items.length > 0 ? (
        <Table aria-label={t.tableLabel(customer.displayName)} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.name}</TableHeaderCell>
              <TableHeaderCell>{t.site}</TableHeaderCell>
              <TableHeaderCell>{t.health}</TableHeaderCell>
              <TableHeaderCell>{t.groups}</TableHeaderCell>
              <TableHeaderCell>{t.enrollment}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rooms.state.data.items.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{r.displayName}</TableCell>
                <TableCell>
                  {r.site} ({r.country})
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={HEALTH_COLOR[r.health]}>
                    {t.healthNames[r.health]}
                  </Badge>
                </TableCell>
                <TableCell>
                  {r.groupIds.map((id) => groupNames.get(id)).filter(Boolean).join(', ') || '—'}
                </TableCell>
                <TableCell>{t.enrollmentNames[r.enrollment.status]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {more.error ? <ErrorBar title={t.loadFailed} error={more.error} /> : null}
      {rooms.state.kind === 'ready' && rooms.state.data.nextCursor ? (
        <LoadMore busy={more.busy} onClick={() => void loadMore(nextCursor!)} />
      ) : null}
    </PageFrame>
  );
}
