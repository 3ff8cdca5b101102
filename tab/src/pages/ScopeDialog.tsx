/** Change a partner's scope; the service narrows every partner assignment with it at once. */
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
import { setPartnerScope, type Partner } from '../api/customer.ts';
import { useStrings } from '../i18n.ts';
import { ErrorBar } from '../components/ErrorBar.tsx';
import { ScopeEditor, isScopeEmpty, toScopeInput, type ScopeValue } from '../components/ScopeEditor.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { margin: 0 },
});

export function ScopeDialog({
  api,
  tenantId,
  partner,
  onClose,
}: {
  api: ApiClient;
  tenantId: string;
  partner: Partner;
  onClose: (updated: Partner | null) => void;
}) {
  const strings = useStrings();
  const t = strings.partners;
  const styles = useStyles();
  const [scope, setScope] = useState<ScopeValue>({
    allRooms: partner.scope.allRooms,
    roomIds: partner.scope.roomIds,
    roomGroupIds: partner.scope.roomGroupIds,
  });
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async () => {
    if (isScopeEmpty(scope)) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onClose(await setPartnerScope(api, partner.partnerTenantId, toScopeInput(scope)));
    } catch (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose(null)}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{t.scopeTitle(partner.partnerName)}</DialogTitle>
            <DialogContent className={styles.content}>
              <Body1 as="p" className={styles.intro}>
                {t.scopeIntro}
              </Body1>
              <ScopeEditor
                api={api}
                tenantId={tenantId}
                value={scope}
                onChange={(v) => {
                  setScope(v);
                  setInvalid(false);
                }}
                validationMessage={invalid ? strings.addPartner.scopeRequired : undefined}
              />
              {error ? <ErrorBar title={t.actionFailed} error={error} /> : null}
            </DialogContent>
            <DialogActions>
              <Button disabledFocusable={busy} onClick={() => onClose(null)}>
                {strings.common.cancel}
              </Button>
              <Button
                type="submit"
                appearance="primary"
                disabledFocusable={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
              >
                {strings.common.save}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
