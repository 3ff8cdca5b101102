/**
 * Accepting an invitation: review what the customer offers, choose at least one Primary admin
 * (users or groups of the partner's directory), accept. The first decision wins on the service;
 * a late accept gets its message (already decided, expired) in the dialog.
 */
import { useState } from 'react';
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import { acceptInvitation, type InboxItem } from '../api/partner.ts';
import { useStrings } from '../i18n.ts';
import { describeScope, formatDate } from '../format.ts';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { MemberPicker } from '../components/MemberPicker.tsx';
import { MemberTags, type ChosenMember } from '../components/MemberTags.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
});

export function AcceptInvitationDialog({
  api,
  item,
  onClose,
}: {
  api: ApiClient;
  item: InboxItem;
  onClose: (accepted: boolean) => void;
}) {
  const strings = useStrings();
  const t = strings.invitations;
  const styles = useStyles();
  const [admins, setAdmins] = useState<ChosenMember[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const accept = async () => {
    setTried(true);
    if (admins.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(
        api,
        item.id,
        admins.map((a) => ({ type: a.type, id: a.id }))
      );
      onClose(true);
    } catch (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(_, data) => {
        if (!data.open && !busy) onClose(false);
      }}
    >
      <DialogSurface>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void accept();
          }}
        >
          <DialogBody>
            <DialogTitle>{t.acceptTitle(item.customerName)}</DialogTitle>
            <DialogContent className={styles.content}>
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
              {error ? <ErrorBar title={t.acceptFailed} error={error} /> : null}
            </DialogContent>
            <DialogActions>
              <Button disabledFocusable={busy} onClick={() => onClose(false)}>
                {strings.common.cancel}
              </Button>
              <Button
                type="submit"
                appearance="primary"
                disabledFocusable={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
              >
                {t.accept}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
