/** Change a partner's scope; the service narrows every partner assignment with it at once. */
import { useState } from 'react';
import { Body1 } from '@fluentui/react-components';
import { setPartnerScope, type Partner } from '../api/customer.ts';
import { useStrings } from '../i18n.ts';
import { FormDialog, useSubmit, type DialogProps } from '../components/FormDialog.tsx';
import { useSharedStyles } from '../components/styles.ts';
import {
  ScopeEditor,
  isScopeEmpty,
  toScopeInput,
  type ScopeValue,
} from '../components/ScopeEditor.tsx';

type ScopeDialogProps = DialogProps<Partner, { tenantId: string; partner: Partner }>;

export function ScopeDialog({ api, tenantId, partner, onClose }: ScopeDialogProps) {
  const strings = useStrings();
  const t = strings.partners;
  const styles = useSharedStyles();
  const submit = useSubmit(onClose);
  const [scope, setScope] = useState<ScopeValue>({
    allRooms: partner.scope.allRooms,
    roomIds: partner.scope.roomIds,
    roomGroupIds: partner.scope.roomGroupIds,
  });
  const [invalid, setInvalid] = useState(false);

  const save = () => {
    if (isScopeEmpty(scope)) {
      setInvalid(true);
      return;
    }
    void submit.save(() => setPartnerScope(api, partner.partnerTenantId, toScopeInput(scope)));
  };

  return (
    <FormDialog
      title={t.scopeTitle(partner.partnerName)}
      submitLabel={strings.common.save}
      submit={submit}
      errorTitle={t.actionFailed}
      onSubmit={save}
    >
      <Body1 as="p" className={styles.value}>
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
    </FormDialog>
  );
}
