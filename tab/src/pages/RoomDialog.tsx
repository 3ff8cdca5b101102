/**
 * Onboard a room (Rooms › Create) or modify one (Rooms › Modify): name, site, two-letter country,
 * room groups (those the caller may see) and, when onboarding, the update ring. Only changed
 * fields are sent on modify.
 */
import { useState } from 'react';
import { Checkbox, Field, Select } from '@fluentui/react-components';
import type { CustomerOption } from '../api/customers.ts';
import { createRoom, modifyRoom, type Room, type RoomInput } from '../api/rooms.ts';
import type { UpdateRing } from '../api/resources.ts';
import { useStrings } from '../i18n.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useFieldErrors } from '../components/fields.ts';
import { TextField } from '../components/FormFields.tsx';
import { isChangeRequest } from '../api/change-control.ts';
import { useNotify } from '../components/Announcer.tsx';

type FieldName = 'displayName' | 'site' | 'country';

type RoomDialogProps = DialogProps<
  Room,
  {
    customer: CustomerOption;
    /** Absent: onboard a new room. */
    room?: Room;
    groupNames: Map<string, string>;
    rings: UpdateRing[];
  }
>;

export function RoomDialog({ api, customer, room, groupNames, rings, onClose }: RoomDialogProps) {
  const strings = useStrings();
  const notify = useNotify();
  const control = useStrings().control;
  const t = strings.roomActions;
  const styles = useSharedStyles();
  const submit = useSubmit();
  const [form, setForm] = useState<RoomInput>({
    displayName: room?.displayName ?? '',
    site: room?.site ?? '',
    country: room?.country ?? '',
    groupIds: room?.groupIds ?? [],
    ringId: undefined,
  });
  const fields = useFieldErrors(['displayName', 'site', 'country'] as const);
  const { errors } = fields;
  const set = <K extends keyof RoomInput>(key: K, value: RoomInput[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const validate = () => {
    const found: Partial<Record<FieldName, string>> = {};
    if (!form.displayName.trim()) found.displayName = t.nameRequired;
    if (!form.site.trim()) found.site = t.siteRequired;
    if (!/^[A-Za-z]{2}$/.test(form.country.trim())) found.country = t.countryInvalid;
    return found;
  };

  const save = () => {
    const found = validate();
    if (fields.refuse(found)) return;
    const input = {
      ...form,
      displayName: form.displayName.trim(),
      site: form.site.trim(),
      country: form.country.trim(),
    };
    void submit.run(async () => {
      if (!room) return onClose(await createRoom(api, customer.tenantId, input));
      const changes: Partial<RoomInput> = {};
      if (input.displayName !== room.displayName) changes.displayName = input.displayName;
      if (input.site !== room.site) changes.site = input.site;
      if (input.country.toUpperCase() !== room.country) changes.country = input.country;
      if ([...input.groupIds].sort().join() !== [...room.groupIds].sort().join())
        changes.groupIds = input.groupIds;
      if (Object.keys(changes).length === 0) return onClose(null);
      const result: unknown = await modifyRoom(api, customer.tenantId, room.id, changes);
      // Under the customer's Manual change control the change waits for approval (202).
      if (isChangeRequest(result)) {
        notify(control.sentForApproval(room.displayName));
        return onClose(null);
      }
      onClose(result as Room);
    });
  };

  // Groups the room is in but the caller cannot see keep their ids (sent back unchanged).
  const groupChoices = [...groupNames];
  return (
    <FormDialog
      title={room ? t.modifyTitle(room.displayName) : t.onboardTitle}
      submitLabel={room ? strings.common.save : t.onboardSubmit}
      submit={submit}
      errorTitle={t.failed}
      onSubmit={save}
      onCancel={() => onClose(null)}
    >
      <TextField
        label={strings.rooms.name}
        name="displayName"
        required
        maxLength={100}
        value={form.displayName}
        onChange={(v) => set('displayName', v)}
        error={errors.displayName}
      />
      <TextField
        label={strings.rooms.site}
        name="site"
        required
        maxLength={100}
        value={form.site}
        onChange={(v) => set('site', v)}
        error={errors.site}
      />
      <TextField
        label={t.country}
        name="country"
        hint={t.countryHint}
        required
        maxLength={2}
        value={form.country}
        onChange={(v) => set('country', v)}
        error={errors.country}
      />
      {groupChoices.length > 0 ? (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{strings.rooms.groups}</legend>
          <div className={styles.choices}>
            {groupChoices.map(([id, name]) => (
              <Checkbox
                key={id}
                label={name}
                checked={form.groupIds.includes(id)}
                onChange={(_, d) =>
                  set(
                    'groupIds',
                    d.checked ? [...form.groupIds, id] : form.groupIds.filter((g) => g !== id)
                  )
                }
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      {!room && rings.length > 0 ? (
        <Field label={t.ring}>
          <Select
            value={form.ringId ?? ''}
            onChange={(_, d) => set('ringId', d.value || undefined)}
          >
            <option value="">{t.defaultRing}</option>
            {rings.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </FormDialog>
  );
}
