/**
 * Accepting an invitation: review what the customer offers, choose at least one Primary admin
 * (users or groups of the partner's directory), accept. The first decision wins on the service;
 * a late accept gets its message (already decided, expired) in the dialog.
 */
import { useState } from 'react';
import { Body1 } from '@fluentui/react-components';
import { acceptInvitation, type CustomerSummary, type InboxItem } from '../api/partner.ts';
import { useStrings } from '../i18n.ts';
import { describeScope, formatDate } from '../format.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { MemberPicker } from '../components/MemberPicker.tsx';
import { MemberTags, type ChosenMember } from '../components/MemberTags.tsx';
import { useSharedStyles } from '../components/styles.ts';

type AcceptInvitationDialogProps = DialogProps<CustomerSummary, { item: InboxItem }>;

export function AcceptInvitationDialog({ api, item, onClose }: AcceptInvitationDialogProps) {
  const strings = useStrings();
  const t = strings.invitations;
  const styles = useSharedStyles();
  const submit = useSubmit(onClose);
  const [admins, setAdmins] = useState<ChosenMember[]>([]);
  const [tried, setTried] = useState(false);

  const accept = () => {
    setTried(true);
    if (admins.length === 0) return;
    void submit.save(() =>
      acceptInvitation(
        api,
        item.id,
        admins.map((a) => ({ type: a.type, id: a.id }))
      )
    );
  };

  return (
    <FormDialog
      title={t.acceptTitle(item.customerName)}
      submitLabel={t.accept}
      submit={submit}
      errorTitle={t.acceptFailed}
      onSubmit={accept}
    >
      <Body1>{t.acceptIntro}</Body1>
      <dl className={styles.facts}>
        <dt className={styles.term}>{t.domain}</dt>
        <dd className={styles.value}>{item.customerDomain}</dd>
        <dt className={styles.term}>{t.scope}</dt>
        <dd className={styles.value}>{describeScope(item.scope, strings)}</dd>
        <dt className={styles.term}>{t.expires}</dt>
        <dd className={styles.value}>{formatDate(item.expiresAt, strings)}</dd>
      </dl>
      <MemberPicker
        api={api}
        label={t.primaryAdmins}
        required
        exclude={admins.map((a) => a.id)}
        validationMessage={tried && admins.length === 0 ? t.choosePrimaryAdmin : undefined}
        onPick={(m) =>
          setAdmins((list) => [...list, { type: m.kind, id: m.id, displayName: m.displayName }])
        }
      />
      <MemberTags
        label={t.chosenPrimaryAdmins}
        members={admins}
        onRemove={(id) => setAdmins((list) => list.filter((a) => a.id !== id))}
      />
    </FormDialog>
  );
}
