/**
 * The Primary admins of one customer (PRODUCT.md §4.5–4.6), the same list in Tenants (the
 * customer's detail) and in Settings › Roles: add members from the directory and remove them,
 * never the last one. Only holders of Role management › Modify there may change them, as the
 * service says (`mayManagePrimaryAdmins`); once the customer deleted the role, nobody may.
 */
import { useMemo } from 'react';
import { Caption1 } from '@fluentui/react-components';
import type { ApiClient } from '../api/client.ts';
import { addPrimaryAdmin, getPartnerCustomer, removePrimaryAdmin } from '../api/partner.ts';
import { isChangeRequest } from '../api/change-control.ts';
import { useStrings } from '../i18n.ts';
import { MemberRoster, type RosterSource } from '../components/MemberRoster.tsx';
import { useLoad } from '../components/useLoad.ts';

export function PrimaryAdmins({
  api,
  customerTenantId,
}: {
  api: ApiClient;
  customerTenantId: string;
}) {
  const strings = useStrings();
  const cid = customerTenantId;
  // The customer's detail (shared with the Tenants pane): who may change the Primary admins.
  const detail = useLoad(['customers', cid], (signal) => getPartnerCustomer(api, cid, signal));
  const source = useMemo<RosterSource>(
    () => ({
      key: ['customers', cid, 'primaryAdmins'],
      list: async (client, signal) => (await getPartnerCustomer(client, cid, signal)).primaryAdmins,
      add: async (client, member) => {
        const admins = await addPrimaryAdmin(client, cid, member);
        if (isChangeRequest(admins)) return 'waits';
        return admins.find((m) => m.id === member.id) ?? admins[admins.length - 1]!;
      },
      remove: async (client, id) =>
        isChangeRequest(await removePrimaryAdmin(client, cid, id)) ? 'waits' : undefined,
    }),
    [cid]
  );
  const known = detail.state.kind === 'ready' ? detail.state.data : null;
  const roleDeleted = known?.primaryAdminsRoleDeleted === true;
  return (
    <>
      {roleDeleted ? <Caption1>{strings.tenants.roleDeleted}</Caption1> : null}
      <MemberRoster
        api={api}
        text={strings.roleAdmin.primaryAdmins}
        canEdit={Boolean(known?.mayManagePrimaryAdmins) && !roleDeleted}
        keepOne={strings.tenants.lastAdmin}
        source={source}
      />
    </>
  );
}
