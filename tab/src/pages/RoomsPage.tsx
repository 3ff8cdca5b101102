/**
 * Rooms of the customer chosen in the dropdown (PRODUCT.md §4.12): only those the caller may
 * view, filtered by name, health, room group and enrollment, with a health badge each. A room's
 * name opens its detail pane with the actions the caller holds (RoomPanel); "Onboard room" needs
 * Rooms › Create.
 */
import { useState } from 'react';
import { Badge, Field, Input, Link } from '@fluentui/react-components';
import {
  ENROLLMENT_STATUS,
  ROOM_HEALTH,
  listRooms,
  type EnrollmentStatus,
  type Room,
  type RoomFilter,
  type RoomHealth,
} from '../api/rooms.ts';
import { holds } from '../access.ts';
import { useStrings } from '../i18n.ts';
import { afterClose } from '../components/FormDialog.tsx';
import { useAnnounce, useNotify } from '../components/Announcer.tsx';
import { FilterBar, FilterSelect, useFilters } from '../components/FilterBar.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { PagedTable } from '../components/PagedTable.tsx';
import { CustomerPageFrame } from '../components/PageFrame.tsx';
import { usePagedList } from '../components/usePagedList.ts';
import { customerPage, type CustomerPageProps } from '../components/NoCustomer.tsx';
import { HEALTH_COLOR, useRoomChoices } from './roomNames.ts';
import { RoomPanel } from './RoomPanel.tsx';
import { RoomDialog } from './RoomDialog.tsx';

interface Form {
  search: string;
  health: RoomHealth | '';
  groupId: string;
  enrollment: EnrollmentStatus | '';
}

const EMPTY: Form = { search: '', health: '', groupId: '', enrollment: '' };

const toFilter = (f: Form): RoomFilter => ({
  search: f.search.trim() || undefined,
  health: f.health || undefined,
  groupId: f.groupId || undefined,
  enrollment: f.enrollment || undefined,
});

export const RoomsPage = customerPage((s) => s.rooms.title, CustomerRooms);

function CustomerRooms({ api, customer, focusHeading }: CustomerPageProps) {
  const strings = useStrings();
  const t = strings.rooms;
  const announce = useAnnounce();
  const notify = useNotify();
  const shared = useSharedStyles();
  const customerId = customer.tenantId;
  const filters = useFilters(EMPTY);
  const { form, set } = filters;
  const applied = toFilter(filters.applied);
  const [open, setOpen] = useState<Room | null>(null);
  const [onboarding, setOnboarding] = useState(false);

  const rooms = usePagedList(
    ['rooms', customerId, applied],
    (cursor, signal) => listRooms(api, customerId, applied, { cursor, signal }),
    { first: (page) => announce(t.shown(page.items.length, Boolean(page.nextCursor))) }
  );
  const choices = useRoomChoices(api, customer);
  const { groupNames } = choices;

  const replaced = (room: Room) => {
    rooms.update((page) => ({
      ...page,
      items: page.items.map((r) => (r.id === room.id ? room : r)),
    }));
    setOpen(room);
  };

  const create = holds(customer, 'rooms.create') && {
    label: strings.roomActions.onboard,
    onClick: () => setOnboarding(true),
  };
  return (
    <CustomerPageFrame text={t} customer={customer} focusHeading={focusHeading} create={create}>
      <FilterBar label={t.filters} filters={filters}>
        <Field label={t.search}>
          <Input value={form.search} onChange={(_, d) => set('search', d.value)} />
        </Field>
        <FilterSelect
          label={t.health}
          {...filters.bind('health')}
          options={ROOM_HEALTH.map((h) => [h, t.healthNames[h]] as const)}
        />
        {groupNames.size > 0 ? (
          <FilterSelect label={t.group} {...filters.bind('groupId')} options={[...groupNames]} />
        ) : null}
        <FilterSelect
          label={t.enrollment}
          {...filters.bind('enrollment')}
          options={ENROLLMENT_STATUS.map((e) => [e, t.enrollmentNames[e]] as const)}
        />
      </FilterBar>

      <PagedTable
        list={rooms}
        text={t}
        label={t.tableLabel(customer.displayName)}
        rowKey={(r) => r.id}
        isSelected={(r) => open?.id === r.id}
        columns={[
          {
            header: t.name,
            cell: (r) => (
              <Link
                as="button"
                className={shared.buttonLink}
                aria-label={strings.roomActions.open(r.displayName)}
                onClick={() => setOpen(r)}
              >
                {r.displayName}
              </Link>
            ),
          },
          { header: t.site, cell: (r) => `${r.site} (${r.country})` },
          {
            header: t.health,
            cell: (r) => (
              <Badge appearance="tint" color={HEALTH_COLOR[r.health]}>
                {t.healthNames[r.health]}
              </Badge>
            ),
          },
          {
            header: t.groups,
            cell: (r) =>
              r.groupIds
                .map((id) => groupNames.get(id))
                .filter(Boolean)
                .join(', ') || '—',
          },
          { header: t.enrollment, cell: (r) => t.enrollmentNames[r.enrollment.status] },
        ]}
      />

      {open ? (
        <RoomPanel
          api={api}
          customer={customer}
          room={open}
          choices={choices}
          onChanged={replaced}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {onboarding ? (
        <RoomDialog
          api={api}
          customer={customer}
          choices={choices}
          onClose={afterClose(setOnboarding, false, (created) => {
            notify(strings.roomActions.onboarded(created.displayName));
            rooms.reload();
            setOpen(created);
          })}
        />
      ) : null}
    </CustomerPageFrame>
  );
}
