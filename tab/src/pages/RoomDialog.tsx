/**
 * Onboard a room (Rooms › Create) or modify one (Rooms › Modify): name, site, two-letter country,
 * room groups (those the caller may see) and, when onboarding, the update ring. Only changed
 * fields are sent on modify.
 */
import { CheckboxGroup } from '../components/CheckboxGroup.tsx';
import type { CustomerOption } from '../api/customers.ts';
import { createRoom, modifyRoom, type Room, type RoomInput } from '../api/rooms.ts';
import type { RoomChoices } from './roomNames.ts';
import { useStrings } from '../i18n.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useForm } from '../components/fields.ts';
import { SelectField, TextField } from '../components/FormFields.tsx';
import { isChangeRequest } from '../api/change-control.ts';
import { useNotify } from '../components/Announcer.tsx';
import { useChangeJustification } from '../components/ChangeJustification.tsx';

type FieldName = 'displayName' | 'site' | 'country';

type RoomDialogProps = DialogProps<
  Room,
  {
    customer: CustomerOption;
    /** Absent: onboard a new room. */
    room?: Room;
    choices: RoomChoices;
  }
>;

export function RoomDialog({ api, customer, room, choices, onClose }: RoomDialogProps) {
  const strings = useStrings();
  const notify = useNotify();
  const control = useStrings().control;
  const t = strings.roomActions;
  const submit = useSubmit(onClose);
  // Onboarding is Rooms › Create, which no control gates; modifying is.
  const why = useChangeJustification(api, room ? customer : null, 'rooms.modify');
  const form = useForm<RoomInput, FieldName>(
    {
      displayName: room?.displayName ?? '',
      site: room?.site ?? '',
      country: room?.country ?? '',
      groupIds: room?.groupIds ?? [],
      ringId: undefined,
    },
    ['displayName', 'site', 'country']
  );
  const { values, set } = form;

  const save = () => {
    const input = {
      ...values,
      displayName: values.displayName.trim(),
      site: values.site.trim(),
      country: values.country.trim(),
    };
    const found: Partial<Record<FieldName, string>> = {};
    if (!input.displayName) found.displayName = t.nameRequired;
    if (!input.site) found.site = t.siteRequired;
    if (!/^[A-Za-z]{2}$/.test(input.country)) found.country = t.countryInvalid;
    if (form.refuse(found)) return;
    if (!why.check()) return;
    void submit.save(async () => {
      if (!room) return createRoom(api, customer.tenantId, input);
      const changes: Partial<RoomInput> = {};
      if (input.displayName !== room.displayName) changes.displayName = input.displayName;
      if (input.site !== room.site) changes.site = input.site;
      if (input.country.toUpperCase() !== room.country) changes.country = input.country;
      if ([...input.groupIds].sort().join() !== [...room.groupIds].sort().join())
        changes.groupIds = input.groupIds;
      if (Object.keys(changes).length === 0) return null;
      const result: unknown = await modifyRoom(why.api, customer.tenantId, room.id, changes);
      // Under the customer's Manual change control the change waits for approval (202).
      if (isChangeRequest(result)) {
        notify(control.sentForApproval(room.displayName));
        return null;
      }
      return result as Room;
    });
  };

  // Groups the room is in but the caller cannot see keep their ids (sent back unchanged).
  const groupChoices = [...choices.groupNames];
  const { rings } = choices;
  return (
    <FormDialog
      title={room ? t.modifyTitle(room.displayName) : t.onboardTitle}
      submitLabel={room ? undefined : t.onboardSubmit}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
    >
      <TextField
        label={strings.rooms.name}
        required
        maxLength={100}
        {...form.bind('displayName')}
      />
      <TextField label={strings.rooms.site} required maxLength={100} {...form.bind('site')} />
      <TextField
        label={t.country}
        hint={t.countryHint}
        required
        maxLength={2}
        {...form.bind('country')}
      />
      {groupChoices.length > 0 ? (
        <CheckboxGroup
          legend={strings.rooms.groups}
          options={groupChoices}
          {...form.bind('groupIds')}
        />
      ) : null}
      {!room && rings.length > 0 ? (
        <SelectField
          label={t.ring}
          none={t.defaultRing}
          value={values.ringId ?? ''}
          onChange={(v) => set('ringId', v || undefined)}
          options={rings.map((r) => [r.id, r.displayName] as const)}
        />
      ) : null}
      {why.field}
    </FormDialog>
  );
}
