/**
 * Update rings of the chosen customer in rollout order (PRODUCT.md §4.12): Staging, General and
 * Executive are built in; custom rings take a unique position 1–9; every deferral is 0–60 days.
 * With Update ring management › Modify: new ring, edit (built-ins keep their name, Staging its
 * place), delete a custom ring (its rooms go to General, confirmed), move rooms into a ring.
 */
import { useState } from 'react';
import { Checkbox } from '@fluentui/react-components';
import type { CustomerOption } from '../api/customers.ts';
import {
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
import { OpenerButton } from '../components/OpenerButton.tsx';
import { useNotify } from '../components/Announcer.tsx';
import type { PageProps } from '../page-props.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useFieldErrors } from '../components/fields.ts';
import { DescriptionField, NumberField, TextField } from '../components/FormFields.tsx';
import { NoCustomer } from '../components/NoCustomer.tsx';
import { PageFrame, focusPageTitle } from '../components/PageFrame.tsx';
import { LoadStates } from '../components/PageStates.tsx';
import { BuiltInBadge, NameCell, RowActions, SimpleTable } from '../components/SimpleTable.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useLoad } from '../components/useLoad.ts';
import { isChangeRequest, type ChangeRequest } from '../api/change-control.ts';

type Open =
  | { kind: 'edit'; ring: UpdateRing | null }
  | { kind: 'move'; ring: UpdateRing }
  | { kind: 'delete'; ring: UpdateRing }
  | null;

export function UpdateRingsPage({ api, customer, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.rings;
  const control = strings.control;
  const announce = useNotify();
  const customerId = customer?.tenantId ?? '';
  const rings = useLoad(['rings', customerId, true], async (signal) =>
    customerId ? await listRings(api, customerId, signal) : []
  );
  const [open, setOpen] = useState<Open>(null);

  if (!customer) return <NoCustomer title={t.title} focusHeading={focusHeading} />;
  const mayModify = holds(customer, 'updateRings.modify');

  return (
    <PageFrame
      title={t.title}
      intro={t.intro(customer.displayName)}
      focusHeading={focusHeading}
      actions={
        mayModify ? (
          <OpenerButton appearance="primary" onClick={() => setOpen({ kind: 'edit', ring: null })}>
            {t.create}
          </OpenerButton>
        ) : undefined
      }
    >
      <LoadStates loaded={rings} loading={t.loading} failed={t.loadFailed}>
        {(list) => (
          <SimpleTable
            label={t.tableLabel(customer.displayName)}
            rows={list}
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
              mayModify && {
                header: strings.common.actions,
                cell: (r) => (
                  <RowActions
                    actions={[
                      {
                        text: strings.roomActions.modify,
                        name: t.edit(r.displayName),
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
                    ]}
                  />
                ),
              },
            ]}
          />
        )}
      </LoadStates>

      {open?.kind === 'edit' ? (
        <RingDialog
          api={api}
          customer={customer}
          ring={open.ring}
          onClose={(saved) => {
            setOpen(null);
            if (!saved) return;
            // Under the customer's Manual change control the change waits for approval (202).
            if (isChangeRequest(saved)) announce(control.sentForApproval(saved.objectName));
            else announce(open.ring ? t.saved(saved.displayName) : t.created(saved.displayName));
            rings.reload();
          }}
        />
      ) : null}
      {open?.kind === 'move' ? (
        <MoveRoomsDialog
          api={api}
          customer={customer}
          ring={open.ring}
          onClose={(moved) => {
            setOpen(null);
            if (moved === null) return;
            if (isChangeRequest(moved)) announce(control.sentForApproval(open.ring.displayName));
            else announce(t.moved(moved, open.ring.displayName));
            rings.reload();
          }}
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
          if (isChangeRequest(result)) announce(control.sentForApproval(open.ring.displayName));
          else announce(t.removed(open.ring.displayName, result.movedRooms));
        }}
        onClose={(done) => {
          setOpen(null);
          if (!done) return;
          rings.reload();
          // The deleted ring's row (and the button that had focus) is gone.
          focusPageTitle();
        }}
      >
        {t.removeBody}
      </ConfirmDialog>
    </PageFrame>
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
  const submit = useSubmit();
  const [form, setForm] = useState({
    displayName: ring?.displayName ?? '',
    order: ring ? String(ring.order) : '',
    deferralDays: ring ? String(ring.deferralDays) : '',
    description: ring?.description ?? '',
  });
  const fields = useFieldErrors(RING_FIELDS, RING_FIELD_OF_CODE);
  const { errors } = fields;
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const staging = ring?.builtIn === true && ring.order === 0;

  const save = () => {
    const found: Partial<Record<RingField, string>> = {};
    if (!form.displayName.trim()) found.displayName = t.nameRequired;
    if (!staging && !wholeIn(form.order, 1, 9)) found.order = t.orderInvalid;
    if (!wholeIn(form.deferralDays, 0, 60)) found.deferralDays = t.deferralInvalid;
    if (fields.refuse(found)) return;
    const input: RingInput = {
      displayName: form.displayName.trim(),
      order: Number(form.order),
      deferralDays: Number(form.deferralDays),
      description: form.description.trim(),
    };
    void submit.run(async () => {
      if (!ring) return onClose(await createRing(api, customer.tenantId, input));
      const changes: Partial<RingInput> = {};
      if (!ring.builtIn && input.displayName !== ring.displayName)
        changes.displayName = input.displayName;
      if (!staging && input.order !== ring.order) changes.order = input.order;
      if (input.deferralDays !== ring.deferralDays) changes.deferralDays = input.deferralDays;
      if (input.description !== ring.description) changes.description = input.description;
      if (Object.keys(changes).length === 0) return onClose(null);
      onClose(await modifyRing(api, customer.tenantId, ring.id, changes));
    }, fields.claim);
  };

  return (
    <FormDialog
      title={ring ? t.editTitle(ring.displayName) : t.createTitle}
      submitLabel={strings.common.save}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
      onCancel={() => onClose(null)}
    >
      <TextField
        label={t.name}
        name="displayName"
        required
        disabled={ring?.builtIn}
        value={form.displayName}
        onChange={(v) => set('displayName', v)}
        error={errors.displayName}
      />
      <NumberField
        label={t.order}
        name="order"
        hint={t.orderHint}
        required
        min={1}
        max={9}
        disabled={staging}
        value={form.order}
        onChange={(v) => set('order', v)}
        error={errors.order}
      />
      <NumberField
        label={t.deferral}
        name="deferralDays"
        hint={t.deferralHint}
        required
        min={0}
        max={60}
        value={form.deferralDays}
        onChange={(v) => set('deferralDays', v)}
        error={errors.deferralDays}
      />
      <DescriptionField
        label={t.description}
        value={form.description}
        onChange={(v) => set('description', v)}
      />
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
  const styles = useSharedStyles();
  const submit = useSubmit();
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
    void submit.run(async () => {
      const result = await moveRoomsToRing(api, customer.tenantId, ring.id, chosen);
      onClose(isChangeRequest(result) ? result : result.moved);
    });
  };

  return (
    <FormDialog
      title={t.moveTitle(ring.displayName)}
      submitLabel={t.moveSubmit}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
      onCancel={() => onClose(null)}
    >
      <LoadStates loaded={rooms} loading={strings.rooms.loading} failed={strings.rooms.loadFailed}>
        {(list) => (
          <fieldset
            className={styles.fieldset}
            aria-describedby={invalid ? 'move-rooms-error' : undefined}
          >
            <legend className={styles.legend}>{t.moveIntro}</legend>
            <div className={styles.choices}>
              {(list ?? []).map((r) => (
                <Checkbox
                  key={r.id}
                  label={r.displayName}
                  checked={chosen.includes(r.id)}
                  onChange={(_, d) => {
                    setInvalid(false);
                    setChosen((c) => (d.checked ? [...c, r.id] : c.filter((id) => id !== r.id)));
                  }}
                />
              ))}
            </div>
            {invalid ? (
              <span id="move-rooms-error" role="alert">
                {t.chooseRooms}
              </span>
            ) : null}
          </fieldset>
        )}
      </LoadStates>
    </FormDialog>
  );
}
