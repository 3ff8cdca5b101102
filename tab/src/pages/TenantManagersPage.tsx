/**
 * Tenant managers (PRODUCT.md §4.1): the partner's users and groups who receive and decide
 * customer invitations. Global admins and Teams Rooms Pro Managers configure them.
 */
import { addTenantManager, listTenantManagers, removeTenantManager } from '../api/partner.ts';
import { useStrings } from '../i18n.ts';
import type { PageProps } from '../page-props.ts';
import { MemberRoster, type RosterSource } from '../components/MemberRoster.tsx';
import { PageFrame } from '../components/PageFrame.tsx';

const TENANT_MANAGERS: RosterSource = {
  key: ['tenantManagers'],
  list: listTenantManagers,
  add: addTenantManager,
  remove: removeTenantManager,
};

export function TenantManagersPage({ api, focusHeading }: PageProps) {
  const t = useStrings().tenantManagers;
  return (
    <PageFrame title={t.title} intro={t.intro} focusHeading={focusHeading}>
      <MemberRoster api={api} text={t} canEdit source={TENANT_MANAGERS} />
    </PageFrame>
  );
}
