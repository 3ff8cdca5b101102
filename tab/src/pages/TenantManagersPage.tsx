/**
 * Tenant managers (PRODUCT.md §4.1): the partner's users and groups who receive and decide
 * customer invitations. Global admins and Teams Rooms Pro Managers configure them.
 */
import { useCallback } from 'react';
import { addTenantManager, listTenantManagers, removeTenantManager } from '../api/partner.ts';
import type { MemberRef } from '../api/directory.ts';
import { useStrings } from '../i18n.ts';
import type { PageProps } from '../page-props.ts';
import { MemberRoster } from '../components/MemberRoster.tsx';
import { PageFrame } from '../components/PageFrame.tsx';

export function TenantManagersPage({ api, focusHeading }: PageProps) {
  const strings = useStrings();
  const t = strings.tenantManagers;
  const load = useCallback((signal: AbortSignal) => listTenantManagers(api, signal), [api]);
  const add = useCallback((m: MemberRef) => addTenantManager(api, m), [api]);
  const remove = useCallback((id: string) => removeTenantManager(api, id), [api]);
  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      <MemberRoster
        api={api}
        text={t}
        canEdit
        queryKey={['tenantManagers']}
        load={load}
        add={add}
        remove={remove}
      />
    </PageFrame>
  );
}
