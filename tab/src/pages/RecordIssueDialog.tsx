/**
 * "Record an issue" (Reports › Create customer incident) on one room: a title, what happens, and
 * the High impact flag, which needs a justification. The service creates a customer-reported
 * ticket, the only kind people close; the room shows Important until it is closed.
 */
import { useState } from 'react';
import { Checkbox, Field, Textarea } from '@fluentui/react-components';
import {
  DESCRIPTION_MAX,
  JUSTIFICATION_MAX,
  TITLE_MAX,
  recordIssue,
  type Ticket,
} from '../api/tickets.ts';
import type { Room } from '../api/rooms.ts';
import { useStrings } from '../i18n.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { TextField } from '../components/FormFields.tsx';
import { fieldState } from '../components/fields.ts';

type RecordIssueDialogProps = DialogProps<Ticket, { customerTenantId: string; room: Room }>;

export function RecordIssueDialog({
  api,
  customerTenantId,
  room,
  onClose,
}: RecordIssueDialogProps) {
  const t = useStrings().roomActions;
  const submit = useSubmit(onClose);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [highImpact, setHighImpact] = useState(false);
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<{ title?: string; justification?: string }>({});

  const save = () => {
    const found = {
      ...(title.trim() ? {} : { title: t.titleRequired }),
      ...(highImpact && !justification.trim() ? { justification: t.justificationRequired } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void submit.save(() =>
      recordIssue(api, customerTenantId, {
        roomId: room.id,
        title: title.trim(),
        description: description.trim(),
        highImpact,
        ...(highImpact ? { justification: justification.trim() } : {}),
      })
    );
  };

  return (
    <FormDialog
      title={t.recordTitle(room.displayName)}
      submitLabel={t.recordSubmit}
      submit={submit}
      errorTitle={t.recordFailed}
      onSubmit={save}
    >
      <TextField
        name="title"
        label={t.issueTitle}
        required
        autoFocus
        maxLength={TITLE_MAX}
        value={title}
        onChange={setTitle}
        error={errors.title}
      />
      <Field label={t.issueDescription}>
        <Textarea
          value={description}
          maxLength={DESCRIPTION_MAX}
          onChange={(_, d) => setDescription(d.value)}
        />
      </Field>
      <Checkbox
        label={t.highImpact}
        checked={highImpact}
        onChange={(_, d) => setHighImpact(d.checked === true)}
      />
      {highImpact ? (
        <Field
          label={t.justification}
          hint={t.highImpactHint}
          required
          {...fieldState(errors.justification)}
        >
          <Textarea
            name="justification"
            value={justification}
            maxLength={JUSTIFICATION_MAX}
            onChange={(_, d) => setJustification(d.value)}
          />
        </Field>
      ) : null}
    </FormDialog>
  );
}
