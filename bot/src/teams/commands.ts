/**
 * Chat commands in personal chat (help, invitations, customers, whoami; French names too), each
 * answered with a card built from the same use cases the tab calls. Unknown text gets help.
 */
import type { AppServices } from '../app.ts';
import { isMember, type Caller } from '../core/identity/caller.ts';
import { isDomainError } from '../core/errors.ts';
import { getMe } from '../core/identity/identity.use-cases.ts';
import { listInbox } from '../core/partners/invitations.use-cases.ts';
import { organisationFacts } from '../core/partners/partner-access.ts';
import { listCustomerChoices } from '../core/resources/customers.use-cases.ts';
import { errorMessage, strings, type Lang } from './i18n.ts';
import { card, text, title, type Json } from './cards/card.ts';
import { helpCard } from './cards/help.card.ts';
import { invitationsListCard } from './cards/invitations-list.card.ts';
import { customersCard, type CustomerRow } from './cards/customers.card.ts';
import { whoAmICard } from './cards/whoami.card.ts';

export const Commands = {
  help: 'help',
  invitations: 'invitations',
  customers: 'customers',
  whoami: 'whoami',
} as const;

export type Command = (typeof Commands)[keyof typeof Commands];

const ALIASES: Record<string, Command> = {
  help: 'help',
  aide: 'help',
  '?': 'help',
  invitations: 'invitations',
  invitation: 'invitations',
  customers: 'customers',
  clients: 'customers',
  whoami: 'whoami',
  'who am i': 'whoami',
  quisuisje: 'whoami',
  'qui suis-je': 'whoami',
  'qui suis je': 'whoami',
};

/** The command a message asks for (mentions and punctuation stripped), or null. */
export function parseCommand(raw: string): Command | null {
  const cleaned = raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .trim()
    .replace(/\s*[.!?]+$/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return ALIASES[cleaned] ?? (cleaned === '' ? 'help' : null);
}

export async function runCommand(
  raw: string,
  caller: Caller,
  lang: Lang,
  services: AppServices
): Promise<Json> {
  const command = parseCommand(raw);
  try {
    switch (command) {
      case 'invitations':
        return await invitations(caller, lang, services);
      case 'customers':
        return await customers(caller, lang, services);
      case 'whoami':
        return await whoAmI(caller, lang, services);
      case 'help':
        return helpCard({ lang });
      default:
        return helpCard({ lang, unknown: raw.trim() });
    }
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const s = strings(lang);
    return card([title(s.appName), text(errorMessage(lang, e), { color: 'Attention' })]);
  }
}

async function invitations(caller: Caller, lang: Lang, services: AppServices): Promise<Json> {
  const page = await listInbox(caller, { limit: 10 }, services.partners);
  return invitationsListCard({
    lang,
    more: page.nextCursor !== undefined,
    items: page.items.filter((i) => !i.expired).map((i) => ({ ...i, outcome: null })),
  });
}

/** "assignment x (role Help desk)" / "Primary admins of relationship y" → the role's name. */
function roleName(source: string, lang: Lang): string {
  const s = strings(lang);
  if (source.startsWith('Primary admins')) return s.customers.primaryAdmin;
  if (source.startsWith('Global admin')) return s.whoami.globalAdmin;
  if (source.startsWith('Teams Rooms Pro Manager')) return s.whoami.roomsProManager;
  return /\(role (.+)\)$/.exec(source)?.[1] ?? source;
}

async function customers(caller: Caller, lang: Lang, services: AppServices): Promise<Json> {
  const [choices, grants] = await Promise.all([
    listCustomerChoices(caller, services.resources),
    services.grantsFor(caller, {}),
  ]);
  const rows: CustomerRow[] = choices.map((c) => ({
    name: c.displayName,
    domain: c.primaryDomain,
    own: c.side === 'own',
    roles: [
      ...new Set(
        (grants.customers.get(c.customerTenantId)?.entries ?? []).map((e) =>
          roleName(e.source, lang)
        )
      ),
    ],
    permissionCount: c.grantedPermissions.length,
  }));
  return customersCard({ lang, rows });
}

async function whoAmI(caller: Caller, lang: Lang, services: AppServices): Promise<Json> {
  const [me, facts] = await Promise.all([
    getMe(caller, services),
    organisationFacts(caller, services.partners),
  ]);
  return whoAmICard({
    lang,
    displayName: me.displayName,
    userPrincipalName: me.userPrincipalName,
    tenantName: me.tenantName,
    tenantId: me.tenantId,
    isGlobalAdmin: me.isGlobalAdmin,
    isRoomsProManager: me.isRoomsProManager,
    isTenantManager: facts.eligiblePartner && isMember(caller, facts.tenantManagers),
  });
}
