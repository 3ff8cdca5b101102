/** The `whoami` command: who the bot believes the reader is (from the validated activity). */
import { strings, type Lang } from '../i18n.ts';
import { card, facts, title, type Json } from './card.ts';

export interface WhoAmIModel {
  lang: Lang;
  displayName: string;
  userPrincipalName: string;
  tenantName: string;
  tenantId: string;
  isGlobalAdmin: boolean;
  isRoomsProManager: boolean;
  isTenantManager: boolean;
}

export function whoAmICard(m: WhoAmIModel): Json {
  const s = strings(m.lang).whoami;
  const roles = [
    m.isGlobalAdmin ? s.globalAdmin : '',
    m.isRoomsProManager ? s.roomsProManager : '',
    m.isTenantManager ? s.tenantManager : '',
  ].filter(Boolean);
  return card([
    title(s.title),
    facts([
      [s.name, m.userPrincipalName ? `${m.displayName} (${m.userPrincipalName})` : m.displayName],
      [s.tenant, `${m.tenantName} (${m.tenantId})`],
      [s.roles, roles.length ? roles.join(', ') : s.none],
    ]),
  ]);
}
