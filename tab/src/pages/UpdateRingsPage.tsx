/**
 * Update rings of the chosen customer in rollout order (PRODUCT.md §4.12): Staging, General and
 * Executive are built in; custom rings take a unique position 1–9; every deferral is 0–60 days.
 * With Update ring management › Modify: new ring, edit (built-ins keep their name, Staging its
 * place), delete a custom ring (its rooms go to General, confirmed), move rooms into a ring.
 */
import { useState } from 'react';
import type { CustomerOption } from '../api/customers.ts';
import {
  MAX_DEFERRAL_DAYS,
  MAX_RING_ORDER,
  MIN_RING_ORDER,
  createRing,
  deleteRing,
  listRings,
  modifyRing,
  moveRoomsToRing,
  type RingInput,
  type UpdateRing,
} from '../api/resources.ts';
import { listRoomRefs } from '../api/rooms.ts';
import { holds } from '../access.ts';
import { useStrings } from '../i18n.ts';
import { useNotify } from '../components/Announcer.tsx';
import { CheckboxGroup } from '../components/CheckboxGroup.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { FormDialog, afterClose, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useChangeJustification } from '../components/ChangeJustification.tsx';
import { useForm } from '../components/fields.ts';
import { DescriptionField, NumberField, TextField } from '../components/FormFields.tsx';
import { customerPage, type CustomerPageProps } from '../components/NoCustomer.tsx';
import { CustomerPageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { LoadStates } from '../components/PageStates.tsx';
import { LoadedTable } from '../components/PagedTable.tsx';
import { BuiltInBadge, NameCell, actionsColumn } from '../components/SimpleTable.tsx';
import { useLoad } from '../components/useLoad.ts';
import { isChangeRequest, type ChangeRequest } from '../api/change-control.ts';
import { savedMessage } from '../components/savedMessage.ts';

type Open =
  | { kind: 'edit'; ring: UpdateRing | null }
  | { kind: 'move'; ring: UpdateRing }
  | { kind: 'delete'; ring: UpdateRing }
  | null;

export const UpdateRingsPage = customerPage((s) => s.rings.title, CustomerRings);

function CustomerRings({ api, customer, focusHeading }: CustomerPageProps) {
  const strings = useStrings();
  const t = strings.rings;
  const announce = useNotify();
  const rings = useLoad(['rings', customer.tenantId, true], (signal) =>
    listRings(api, customer.tenantId, signal)
  );
  const [open, setOpen] = useState<Open>(null);

  const mayModify = holds(customer, 'updateRings.modify');

  const create = mayModify && {
    label: t.create,
    onClick: () => setOpen({ kind: 'edit', ring: null }),
  };
  return (
    <CustomerPageFrame text={t} customer={customer} focusHeading={focusHeading} create={create}>
      <LoadedTable
        loaded={rings}
        text={t}
        label={t.tableLabel(customer.displayName)}
        rowKey={(r) => r.id}
        columns={[
          { header: t.order, cell: (r) => r.order },
          {
            header: t.name,
            cell: (r) => {
              // Built-in rings are the product's: named and described in the reader's language.
              const local = r.builtIn ? strings.builtInRings[r.displayName] : undefined;
              return local ? (
                <NameCell name={local.name} description={local.description} />
              ) : (
                <NameCell name={r.displayName} description={r.description} authored />
              );
            },
          },
          {
            header: t.kind,
            cell: (r) => <BuiltInBadge builtIn={r.builtIn} labels={t} />,
          },
          { header: t.deferral, cell: (r) => t.days(r.deferralDays) },
          { header: t.rooms, cell: (r) => r.roomCount },
          mayModify &&
            actionsColumn(strings.common.actions, (r: UpdateRing) => [
              {
                text: strings.roomActions.modify,
                name: strings.common.modifyLabel(r.displayName),
                onClick: () => setOpen({ kind: 'edit', ring: r }),
              },
              {
                text: t.moveSubmit,
                name: t.move(r.displayName),
                onClick: () => setOpen({ kind: 'move', ring: r }),
              },
              !r.builtIn && {
                text: strings.common.delete,
                name: t.remove(r.displayName),
                onClick: () => setOpen({ kind: 'delete', ring: r }),
              },
            ]),
        ]}
      />

      {open?.kind === 'edit' ? (
        <RingDialog
          api={api}
          customer={customer}
          ring={open.ring}
          onClose={afterClose(setOpen, null, (saved) => {
            announce(
              savedMessage(saved, strings, (ring) =>
                open.ring ? t.saved(ring.displayName) : t.created(ring.displayName)
              )
            );
            rings.reload();
          })}
        />
      ) : null}
      {open?.kind === 'move' ? (
        <MoveRoomsDialog
          api={api}
          customer={customer}
          ring={open.ring}
          onClose={afterClose(setOpen, null, (moved) => {
            const name = open.ring.displayName;
            announce(savedMessage(moved, strings, (count) => t.moved(count, name), name));
            rings.reload();
          })}
        />
      ) : null}
      <ConfirmDialog
        open={open?.kind === 'delete'}
        title={open?.kind === 'delete' ? t.removeTitle(open.ring.displayName) : ''}
        confirmLabel={strings.common.delete}
        failedTitle={t.failed}
        onConfirm={async () => {
          if (open?.kind !== 'delete') return;
          const result = await deleteRing(api, customer.tenantId, open.ring.id);
          const name = open.ring.displayName;
          announce(savedMessage(result, strings, (r) => t.removed(name, r.movedRooms), name));
        }}
        onClose={afterClose(setOpen, null, () => {
          rings.reload();
          // The deleted ring's row (and the button that had focus) is gone.
          focusPageTitle();
        })}
      >
        {t.removeBody}
      </ConfirmDialog>
    </CustomerPageFrame>
  );
}

type RingField = 'displayName' | 'order' | 'deferralDays';
const RING_FIELDS: readonly RingField[] = ['displayName', 'order', 'deferralDays'];
const RING_FIELD_OF_CODE: Record<string, RingField> = {
  'RING.NAME_TAKEN': 'displayName',
  'RING.ORDER_TAKEN': 'order',
  'RING.ORDER_INVALID': 'order',
  'RING.DEFERRAL_INVALID': 'deferralDays',
};

const wholeIn = (text: string, min: number, max: number) => {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
};

type RingDialogProps = DialogProps<
  UpdateRing | ChangeRequest,
  {
    customer: CustomerOption;
    ring: UpdateRing | null;
  }
>;

function RingDialog({ api, customer, ring, onClose }: RingDialogProps) {
  const strings = useStrings();
  const t = strings.rings;
  const submit = useSubmit(onClose);
  const why = useChangeJustification(api, customer, 'updateRings.modify');
  const form = useForm(
    {
      displayName: ring?.displayName ?? '',
      order: ring ? String(ring.order) : '',
      deferralDays: ring ? String(ring.deferralDays) : '',
      description: ring?.description ?? '',
    },
    RING_FIELDS,
    RING_FIELD_OF_CODE
  );
  const { values } = form;
  const staging = ring?.builtIn === true && ring.order === 0;

  const save = () => {
    const found: Partial<Record<RingField, string>> = {};
    if (!values.displayName.trim()) found.displayName = t.nameRequired;
    if (!staging && !wholeIn(values.order, MIN_RING_ORDER, MAX_RING_ORDER))
      found.order = t.orderInvalid;
    if (!wholeIn(values.deferralDays, 0, MAX_DEFERRAL_DAYS)) found.deferralDays = t.deferralInvalid;
    if (form.refuse(found)) return;
    if (!why.check()) return;
    const input: RingInput = {
      displayName: values.displayName.trim(),
      order: Number(values.order),
      deferralDays: Number(values.deferralDays),
      description: values.description.trim(),
    };
    void submit.save(async () => {
      if (!ring) return createRing(why.api, customer.tenantId, input);
      const changes: Partial<RingInput> = {};
      if (!ring.builtIn && input.displayName !== ring.displayName)
        changes.displayName = input.displayName;
      if (!staging && input.order !== ring.order) changes.order = input.order;
      if (input.deferralDays !== ring.deferralDays) changes.deferralDays = input.deferralDays;
      if (input.description !== ring.description) changes.description = input.description;
      if (Object.keys(changes).length === 0) return null;
      return modifyRing(why.api, customer.tenantId, ring.id, changes);
    }, form.claim);
  };

  return (
    <FormDialog
      title={ring ? strings.common.editTitle(ring.displayName) : t.createTitle}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
    >
      <TextField label={t.name} required disabled={ring?.builtIn} {...form.bind('displayName')} />
      <NumberField
        label={t.order}
        hint={t.orderHint}
        required
        min={MIN_RING_ORDER}
        max={MAX_RING_ORDER}
        disabled={staging}
        {...form.bind('order')}
      />
      <NumberField
        label={t.deferral}
        hint={t.deferralHint}
        required
        min={0}
        max={MAX_DEFERRAL_DAYS}
        {...form.bind('deferralDays')}
      />
      <DescriptionField label={t.description} {...form.bind('description')} />
      {why.field}
    </FormDialog>
  );
}

type MoveRoomsDialogProps = DialogProps<
  number | ChangeRequest,
  { customer: CustomerOption; ring: UpdateRing }
>;

function MoveRoomsDialog({ api, customer, ring, onClose }: MoveRoomsDialogProps) {
  const strings = useStrings();
  const t = strings.rings;
  const submit = useSubmit(onClose);
  const why = useChangeJustification(api, customer, 'updateRings.modify');
  const rooms = useLoad(['roomRefs', customer.tenantId], (signal) =>
    listRoomRefs(api, customer.tenantId, signal)
  );
  const [chosen, setChosen] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);

  const save = () => {
    if (chosen.length === 0) {
      setInvalid(true);
      return;
    }
    if (!why.check()) return;
    void submit.save(async () => {
      const result = await moveRoomsToRing(why.api, customer.tenantId, ring.id, chosen);
      return isChangeRequest(result) ? result : result.moved;
    });
  };

  return (
    <FormDialog
      title={t.moveTitle(ring.displayName)}
      submitLabel={t.moveSubmit}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
    >
      <LoadStates loaded={rooms} loading={strings.rooms.loading} failed={strings.rooms.loadFailed}>
        {(list) => (
          <CheckboxGroup
            legend={t.moveIntro}
            describedBy={invalid ? 'move-rooms-error' : undefined}
            options={(list ?? []).map((r) => [r.id, r.displayName] as const)}
            value={chosen}
            onChange={(ids) => {
              setInvalid(false);
              setChosen(ids);
            }}
          >
            {invalid ? (
              <span id="move-rooms-error" role="alert">
                {t.chooseRooms}
              </span>
            ) : null}
          </CheckboxGroup>
        )}
      </LoadStates>
      {why.field}
    </FormDialog>
  );
}
