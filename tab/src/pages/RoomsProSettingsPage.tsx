/**
 * The chosen customer's Teams Rooms Pro settings (PRODUCT.md §4.12): maintenance window, alert
 * contacts and severities, weekly digest, features. Shown with MMR settings › View; editable and
 * saved (whole, PUT) with MMR settings › Modify; read-only otherwise.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Textarea,
} from '@fluentui/react-components';
import {
  ALERT_SEVERITIES,
  WEEKDAYS,
  getSettings,
  saveSettings,
  type RoomsProSettings,
  type RoomsProSettingsInput,
} from '../api/resources.ts';
import type { CustomerOption } from '../api/customers.ts';
import type { ApiClient } from '../api/client.ts';
import { holds } from '../access.ts';
import { isChangeRequest } from '../api/change-control.ts';
import { useStrings } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { useNotify } from '../components/Announcer.tsx';
import { CheckboxGroup } from '../components/CheckboxGroup.tsx';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { useSubmit } from '../components/FormDialog.tsx';
import { useForm } from '../components/fields.ts';
import { NumberField, TextField } from '../components/FormFields.tsx';
import { customerPage, type CustomerPageProps } from '../components/NoCustomer.tsx';
import { CustomerPageFrame } from '../components/PageFrame.tsx';
import { LoadStates } from '../components/PageStates.tsx';
import { useSharedStyles } from '../components/styles.ts';
import { useLoad } from '../components/useLoad.ts';
import { useChangeJustification } from '../components/ChangeJustification.tsx';

export const RoomsProSettingsPage = customerPage((s) => s.proSettings.title, CustomerSettings);

function CustomerSettings({ api, customer, focusHeading }: CustomerPageProps) {
  const strings = useStrings();
  const t = strings.proSettings;
  const settings = useLoad(['settings', customer.tenantId], (signal) =>
    getSettings(api, customer.tenantId, signal)
  );
  return (
    <CustomerPageFrame text={t} customer={customer} focusHeading={focusHeading}>
      <LoadStates loaded={settings} loading={t.loading} failed={t.loadFailed}>
        {(loaded) =>
          loaded ? (
            <SettingsForm
              api={api}
              customer={customer}
              initial={loaded}
              onSaved={(saved) => settings.update(() => saved)}
            />
          ) : null
        }
      </LoadStates>
    </CustomerPageFrame>
  );
}

type FieldName = 'timeZone' | 'start' | 'duration';

/** The form keeps text for the number and list inputs; they are parsed on save. */
interface Form {
  timeZone: string;
  days: RoomsProSettingsInput['maintenanceWindow']['days'];
  start: string;
  duration: string;
  contacts: string;
  severities: RoomsProSettingsInput['notifications']['severities'];
  weeklyHealthDigest: boolean;
  features: RoomsProSettingsInput['features'];
}

const toForm = (s: RoomsProSettings): Form => ({
  timeZone: s.timeZone,
  days: s.maintenanceWindow.days,
  start: s.maintenanceWindow.start,
  duration: String(s.maintenanceWindow.durationMinutes),
  contacts: s.notifications.contacts.join('\n'),
  severities: s.notifications.severities,
  weeklyHealthDigest: s.notifications.weeklyHealthDigest,
  features: s.features,
});

function SettingsForm({
  api,
  customer,
  initial,
  onSaved,
}: {
  api: ApiClient;
  customer: CustomerOption;
  initial: RoomsProSettings;
  onSaved: (saved: RoomsProSettings) => void;
}) {
  const strings = useStrings();
  const t = strings.proSettings;
  const styles = useSharedStyles();
  const announce = useNotify();
  const submit = useSubmit();
  const readOnly = !holds(customer, 'settings.modify');
  const why = useChangeJustification(api, readOnly ? null : customer, 'settings.modify');
  const fields = useForm<Form, FieldName>(() => toForm(initial), ['timeZone', 'start', 'duration']);
  const { values: form, set } = fields;

  const save = () => {
    const found: Partial<Record<FieldName, string>> = {};
    const duration = Number(form.duration);
    if (!form.timeZone.trim()) found.timeZone = t.timeZoneRequired;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.start.trim())) found.start = t.startInvalid;
    if (!Number.isInteger(duration) || duration < 30 || duration > 720)
      found.duration = t.durationInvalid;
    if (fields.refuse(found)) return;
    if (!why.check()) return;
    const input: RoomsProSettingsInput = {
      timeZone: form.timeZone.trim(),
      maintenanceWindow: { days: form.days, start: form.start.trim(), durationMinutes: duration },
      notifications: {
        contacts: form.contacts
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean),
        severities: form.severities,
        weeklyHealthDigest: form.weeklyHealthDigest,
      },
      features: form.features,
    };
    void submit.run(async () => {
      const saved = await saveSettings(why.api, customer.tenantId, input);
      // Under the customer's Manual change control the change waits for approval (202).
      if (isChangeRequest(saved)) return announce(strings.control.sentForApproval(t.title));
      onSaved(saved);
      fields.setValues(toForm(saved));
      announce(t.saved);
    });
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-label={t.title}
      onSubmit={(event) => {
        event.preventDefault();
        if (!submit.busy && !readOnly) save();
      }}
    >
      {readOnly ? (
        <MessageBar intent="info">
          <MessageBarBody>{t.readOnly}</MessageBarBody>
        </MessageBar>
      ) : null}
      <span className={styles.sub}>
        {initial.isDefault
          ? t.defaults
          : initial.updatedAt
            ? t.lastSaved(formatDateTime(initial.updatedAt, strings))
            : null}
      </span>
      <TextField
        label={t.timeZone}
        hint={t.timeZoneHint}
        required
        readOnly={readOnly}
        {...fields.bind('timeZone')}
      />

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.maintenance}</legend>
        <div className={styles.column}>
          <CheckboxGroup
            inline
            legend={t.days}
            disabled={readOnly}
            options={WEEKDAYS.map((d) => [d, t.weekdays[d]] as const)}
            {...fields.bind('days')}
          />
          <div className={styles.row}>
            <TextField
              label={t.start}
              hint={t.startHint}
              required
              maxLength={5}
              readOnly={readOnly}
              {...fields.bind('start')}
            />
            <NumberField
              label={t.duration}
              hint={t.durationHint}
              required
              min={30}
              max={720}
              readOnly={readOnly}
              {...fields.bind('duration')}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.notifications}</legend>
        <div className={styles.column}>
          <Field label={t.contacts} hint={t.contactsHint}>
            <Textarea
              value={form.contacts}
              readOnly={readOnly}
              resize="vertical"
              onChange={(_, d) => set('contacts', d.value)}
            />
          </Field>
          <CheckboxGroup
            inline
            legend={t.severities}
            disabled={readOnly}
            options={ALERT_SEVERITIES.map((s) => [s, t.severityNames[s]] as const)}
            {...fields.bind('severities')}
          />
          <Switch
            label={t.weeklyDigest}
            disabled={readOnly}
            checked={form.weeklyHealthDigest}
            onChange={(_, d) => set('weeklyHealthDigest', d.checked)}
          />
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.features}</legend>
        <div className={styles.column}>
          {(['automaticUpdates', 'autoResolveIncidents', 'customerReportedIssues'] as const).map(
            (key) => (
              <Switch
                key={key}
                label={t[key]}
                disabled={readOnly}
                checked={form.features[key]}
                onChange={(_, d) => set('features', { ...form.features, [key]: d.checked })}
              />
            )
          )}
        </div>
      </fieldset>

      {why.field}
      {submit.error ? <ErrorBar title={t.failed} error={submit.error} /> : null}
      {readOnly ? null : (
        <div className={styles.row}>
          <Button
            type="submit"
            appearance="primary"
            disabledFocusable={submit.busy}
            icon={submit.busy ? <Spinner size="tiny" /> : undefined}
          >
            {t.save}
          </Button>
        </div>
      )}
    </form>
  );
}
