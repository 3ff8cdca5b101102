/**
 * Room groups of the chosen customer (PRODUCT.md §4.12): each with the number of its rooms the
 * caller may view; New room group with Group management › Create, rename or describe one with
 * Group management › Modify (the service checks it over the group's rooms).
 */
import { useState } from 'react';
import type { CustomerOption } from '../api/customers.ts';
import {
  createRoomGroup,
  listRoomGroups,
  modifyRoomGroup,
  type RoomGroup,
} from '../api/resources.ts';
import { holds } from '../access.ts';
import { savedMessage } from '../components/savedMessage.ts';
import { useStrings } from '../i18n.ts';
import { useNotify } from '../components/Announcer.tsx';
import { FormDialog, afterClose, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useForm } from '../components/fields.ts';
import { DescriptionField, TextField } from '../components/FormFields.tsx';
import { customerPage, type CustomerPageProps } from '../components/NoCustomer.tsx';
import { useChangeJustification } from '../components/ChangeJustification.tsx';
import { CustomerPageFrame } from '../components/PageFrame.tsx';
import { LoadedTable } from '../components/PagedTable.tsx';
import { actionsColumn } from '../components/SimpleTable.tsx';
import { useLoad } from '../components/useLoad.ts';

export const RoomGroupsPage = customerPage((s) => s.roomGroups.title, CustomerRoomGroups);

function CustomerRoomGroups({ api, customer, focusHeading }: CustomerPageProps) {
  const strings = useStrings();
  const t = strings.roomGroups;
  const announce = useNotify();
  const groups = useLoad(['roomGroups', customer.tenantId], (signal) =>
    listRoomGroups(api, customer.tenantId, signal)
  );
  // null: closed; 'new': create; a group: edit it.
  const [editing, setEditing] = useState<RoomGroup | 'new' | null>(null);

  const mayModify = holds(customer, 'roomGroups.modify');

  const create = holds(customer, 'roomGroups.create') && {
    label: t.create,
    onClick: () => setEditing('new'),
  };
  return (
    <CustomerPageFrame text={t} customer={customer} focusHeading={focusHeading} create={create}>
      <LoadedTable
        loaded={groups}
        text={t}
        label={t.tableLabel(customer.displayName)}
        rowKey={(g) => g.id}
        columns={[
          // Names and descriptions are the customer's own words, shown as typed.
          { header: t.name, cell: (g) => <span data-authored="">{g.displayName}</span> },
          {
            header: t.description,
            cell: (g) => (g.description ? <span data-authored="">{g.description}</span> : '—'),
          },
          { header: t.rooms, cell: (g) => g.roomCount },
          mayModify &&
            actionsColumn(strings.common.actions, (g: RoomGroup) => [
              {
                text: strings.roomActions.modify,
                name: strings.common.modifyLabel(g.displayName),
                onClick: () => setEditing(g),
              },
            ]),
        ]}
      />
      {editing ? (
        <GroupDialog
          api={api}
          customer={customer}
          group={editing === 'new' ? undefined : editing}
          onClose={afterClose(setEditing, null, (saved) => {
            announce(
              savedMessage(saved, strings, (group) =>
                editing === 'new' ? t.created(group.displayName) : t.saved(group.displayName)
              )
            );
            groups.reload();
          })}
        />
      ) : null}
    </CustomerPageFrame>
  );
}

const FIELD_OF_CODE = { 'ROOM_GROUP.NAME_TAKEN': 'displayName' } as const;

type GroupDialogProps = DialogProps<RoomGroup, { customer: CustomerOption; group?: RoomGroup }>;

function GroupDialog({ api, customer, group, onClose }: GroupDialogProps) {
  const strings = useStrings();
  const t = strings.roomGroups;
  const submit = useSubmit(onClose);
  // Creating is Group management › Create, which no control gates; modifying is.
  const why = useChangeJustification(api, group ? customer : null, 'roomGroups.modify');
  const form = useForm(
    { displayName: group?.displayName ?? '', description: group?.description ?? '' },
    ['displayName'] as const,
    FIELD_OF_CODE
  );
  const { displayName, description } = form.values;

  const save = () => {
    if (form.refuse(displayName.trim() ? {} : { displayName: t.nameRequired })) return;
    if (!why.check()) return;
    const input = { displayName: displayName.trim(), description: description.trim() };
    void submit.save(
      () =>
        group
          ? modifyRoomGroup(why.api, customer.tenantId, group.id, input)
          : createRoomGroup(api, customer.tenantId, input),
      form.claim
    );
  };

  return (
    <FormDialog
      title={group ? strings.common.editTitle(group.displayName) : t.createTitle}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
    >
      <TextField label={t.name} required {...form.bind('displayName')} />
      <DescriptionField label={t.description} {...form.bind('description')} />
      {why.field}
    </FormDialog>
  );
}
