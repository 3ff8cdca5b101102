/**
 * The bot's wording in English and French (PRODUCT.md §6 vocabulary). Where the tab says the same
 * thing, the sentence is the tab's (tab/src/i18n/en/invitations.ts and fr/invitations.ts).
 */
export type Lang = 'en' | 'fr';

/** fr-* locales get French; everything else English. */
export const langOf = (locale: string | undefined | null): Lang =>
  locale && locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';

const PLURAL_RULES: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en-US'),
  fr: new Intl.PluralRules('fr-FR'),
};

/**
 * "1 room", "3 rooms": the number and the word in the plural category the language's rules choose
 * (Intl.PluralRules, as the tab's i18n/plural.ts: in French 0 and 1 take the singular).
 */
export const pluralIn =
  (lang: Lang) =>
  (n: number, one: string, many: string): string =>
    `${n} ${PLURAL_RULES[lang].select(n) === 'one' ? one : many}`;

/** "2 room groups, 5 rooms" in one language's words; `none` when the scope has neither. */
const scopeCounts =
  (lang: Lang, group: [string, string], room: [string, string], none: string) =>
  (rooms: number, groups: number) =>
    [groups ? pluralIn(lang)(groups, ...group) : '', rooms ? pluralIn(lang)(rooms, ...room) : '']
      .filter(Boolean)
      .join(', ') || none;

const en = {
  appName: 'Rooms Partner Hub',
  welcome:
    'Hi, I am Rooms Partner Hub. I bring partner invitations and Teams Rooms incident alerts to you ' +
    'here, as cards you can act on. Open the Partner Hub tab to manage tenants, roles and incidents.',
  helpTitle: 'What I can do',
  helpIntro: 'Type one of these commands:',
  notUnderstood: (text: string) => `I did not understand "${text}".`,
  commands: [
    { name: 'invitations', description: 'Pending customer invitations you may accept or decline' },
    { name: 'customers', description: 'The customers you hold a role in, with your role' },
    { name: 'whoami', description: 'Who you are signed in as, and your roles' },
    { name: 'help', description: 'This list' },
  ],
  invitations: {
    title: 'Invitations',
    cardTitle: (c: string) => `Invitation from ${c}`,
    customer: 'Customer',
    domain: 'Domain',
    tenantId: 'Tenant id',
    scope: 'Scope',
    allRooms: 'All rooms',
    scopeCounts: scopeCounts('en', ['room group', 'room groups'], ['room', 'rooms'], 'No rooms'),
    changeControl: 'Change control',
    auto: 'automatic approval',
    manual: 'manual approval',
    invitedBy: 'Invited by',
    invitedOn: (who: string, when: string) => `${who}, ${when}`,
    expires: 'Expires',
    timeLeft: (ms: number, when: string) => `${when} (${duration(ms, 'en')} left)`,
    pending: 'Pending',
    accept: 'Accept',
    decline: 'Decline',
    back: 'Back',
    review: 'Review',
    acceptTitle: (c: string) => `Accept the invitation from ${c}`,
    acceptIntro:
      'Choose at least one Primary admin: these users or groups of your organisation get nearly ' +
      'full rights on the rooms in scope, and manage the roles of this customer.',
    primaryAdmins: 'Primary admins',
    primaryAdminsPlaceholder: 'Search users and groups',
    choosePrimaryAdmin: 'Choose at least one Primary admin.',
    declineTitle: (c: string) => `Decline the invitation from ${c}?`,
    declineBody: (c: string) =>
      `The invitation is deleted. ${c} must send a new one if you change your mind.`,
    accepted: (by: string, when: string) => `Accepted by ${by}, ${when}.`,
    declined: (by: string, when: string) => `Declined by ${by}, ${when}.`,
    withdrawn: (when: string) => `Withdrawn by the customer, ${when}.`,
    expired: (when: string) => `Expired ${when}. Ask the customer to invite you again.`,
    readOnly: 'Only Global admins, Teams Rooms Pro Managers and tenant managers can decide.',
    empty: 'No pending invitations.',
    notAvailable: 'This invitation is no longer available.',
    reminder: (c: string, d: number) =>
      `Reminder: the invitation from ${c} expires in ${pluralIn('en')(d, 'day', 'days')}.`,
    group: 'group',
  },
  customers: {
    title: 'Your customers',
    empty: 'You hold no role in any customer yet.',
    own: 'Your own organisation',
    primaryAdmin: 'Primary admins',
    roleList: (roles: string[]) => roles.join(', '),
    permissions: (n: number) => pluralIn('en')(n, 'permission', 'permissions'),
    more: (n: number) => `…and ${n} more. The Partner Hub tab lists them all.`,
  },
  whoami: {
    title: 'Who am I',
    name: 'Name',
    tenant: 'Organisation',
    roles: 'Roles',
    globalAdmin: 'Global admin',
    roomsProManager: 'Teams Rooms Pro Manager',
    tenantManager: 'Tenant manager',
    none: 'No product role',
  },
  errors: {
    'AUTHZ.FORBIDDEN': 'You are not allowed to do this.',
    'PARTNER.NOT_ELIGIBLE': 'Your organisation is not an eligible partner.',
    'REQUEST.INVALID': 'Choose at least one Primary admin.',
    'DIRECTORY.MEMBER_NOT_FOUND': 'One of the chosen Primary admins is not in your directory.',
    'AUTH.UNKNOWN_USER': 'I could not tell who you are. Please use me from Microsoft Teams.',
    'INTERNAL.ERROR': 'Something went wrong on our side. Please try again.',
  } as Record<string, string>,
};

/** The shape of the bot's wording (every locale is typed by the English one). */
export type Strings = typeof en;

const fr: Strings = {
  appName: 'Rooms Partner Hub',
  welcome:
    'Bonjour, je suis Rooms Partner Hub. Je vous apporte ici les invitations de clients et les ' +
    'alertes d’incidents Teams Rooms, sous forme de cartes sur lesquelles agir. Ouvrez l’onglet ' +
    'Partner Hub pour gérer les Locataires, les Rôles et les Incidents.',
  helpTitle: 'Ce que je sais faire',
  helpIntro: 'Tapez l’une de ces commandes :',
  notUnderstood: (text) => `Je n’ai pas compris « ${text} ».`,
  commands: [
    {
      name: 'invitations',
      description: 'Les invitations en attente que vous pouvez accepter ou refuser',
    },
    { name: 'clients', description: 'Les clients où vous avez un rôle, avec votre rôle' },
    { name: 'quisuisje', description: 'Sous quelle identité vous êtes connecté, et vos rôles' },
    { name: 'aide', description: 'Cette liste' },
  ],
  invitations: {
    title: 'Invitations',
    cardTitle: (c) => `Invitation de ${c}`,
    customer: 'Client',
    domain: 'Domaine',
    tenantId: 'ID du locataire',
    scope: 'Périmètre',
    allRooms: 'Toutes les salles',
    scopeCounts: scopeCounts(
      'fr',
      ['groupe de salles', 'groupes de salles'],
      ['salle', 'salles'],
      'Aucune salle'
    ),
    changeControl: 'Contrôle des modifications',
    auto: 'approbation automatique',
    manual: 'approbation manuelle',
    invitedBy: 'Invité par',
    invitedOn: (who, when) => `${who}, ${when}`,
    expires: 'Expiration',
    timeLeft: (ms, when) => `${when} (reste ${duration(ms, 'fr')})`,
    pending: 'En attente',
    accept: 'Accepter',
    decline: 'Refuser',
    back: 'Retour',
    review: 'Examiner',
    acceptTitle: (c) => `Accepter l’invitation de ${c}`,
    acceptIntro:
      'Choisissez au moins un Administrateur principal : ces utilisateurs ou groupes de votre ' +
      'organisation obtiennent des droits quasi complets sur les salles du périmètre et gèrent ' +
      'les rôles de ce client.',
    primaryAdmins: 'Administrateurs principaux',
    primaryAdminsPlaceholder: 'Rechercher des utilisateurs et des groupes',
    choosePrimaryAdmin: 'Choisissez au moins un Administrateur principal.',
    declineTitle: (c) => `Refuser l’invitation de ${c} ?`,
    declineBody: (c) =>
      `L’invitation est supprimée. ${c} devra en envoyer une nouvelle si vous changez d’avis.`,
    accepted: (by, when) => `Acceptée par ${by}, ${when}.`,
    declined: (by, when) => `Refusée par ${by}, ${when}.`,
    withdrawn: (when) => `Retirée par le client, ${when}.`,
    expired: (when) => `Expirée ${when}. Demandez au client de vous inviter à nouveau.`,
    readOnly:
      'Seuls les Administrateurs globaux, les Teams Rooms Pro Managers et les Gestionnaires de locataires peuvent décider.',
    empty: 'Aucune invitation en attente.',
    notAvailable: 'Cette invitation n’est plus disponible.',
    reminder: (c, d) =>
      `Rappel : l’invitation de ${c} expire dans ${pluralIn('fr')(d, 'jour', 'jours')}.`,
    group: 'groupe',
  },
  customers: {
    title: 'Vos clients',
    empty: 'Vous n’avez encore de rôle chez aucun client.',
    own: 'Votre propre organisation',
    primaryAdmin: 'Administrateurs principaux',
    roleList: (roles) => roles.join(', '),
    permissions: (n) => pluralIn('fr')(n, 'autorisation', 'autorisations'),
    more: (n) => `…et ${n} de plus. L’onglet Partner Hub les liste tous.`,
  },
  whoami: {
    title: 'Qui suis-je',
    name: 'Nom',
    tenant: 'Organisation',
    roles: 'Rôles',
    globalAdmin: 'Administrateur global',
    roomsProManager: 'Teams Rooms Pro Manager',
    tenantManager: 'Gestionnaire de locataires',
    none: 'Aucun rôle dans le produit',
  },
  errors: {
    'AUTHZ.FORBIDDEN': 'Vous n’êtes pas autorisé à faire cela.',
    'PARTNER.NOT_ELIGIBLE': 'Votre organisation n’est pas un partenaire éligible.',
    'REQUEST.INVALID': 'Choisissez au moins un Administrateur principal.',
    'DIRECTORY.MEMBER_NOT_FOUND':
      'L’un des Administrateurs principaux choisis n’est pas dans votre annuaire.',
    'AUTH.UNKNOWN_USER':
      'Je n’ai pas pu savoir qui vous êtes. Utilisez-moi depuis Microsoft Teams.',
    'INTERNAL.ERROR': 'Un problème est survenu de notre côté. Réessayez.',
  },
};

export const strings = (lang: Lang): Strings => (lang === 'fr' ? fr : en);

/**
 * The refusals of one catalogue in the reader's language: the core's own (English) message, or
 * its French wording in `french` (by error code).
 */
export const refusalsIn =
  (french: Readonly<Record<string, string>>) =>
  (lang: Lang, e: { code: string; message: string }) =>
    lang === 'en' ? e.message : (french[e.code] ?? e.message);

/** A refusal of an invitation card or command in the reader's language. */
export const errorMessage = refusalsIn(fr.errors);

/** Time units, largest first, in each language (singular, plural). */
const UNITS: Record<Lang, { ms: number; one: string; many: string }[]> = {
  en: [
    { ms: 86_400_000, one: 'day', many: 'days' },
    { ms: 3_600_000, one: 'hour', many: 'hours' },
    { ms: 60_000, one: 'minute', many: 'minutes' },
  ],
  fr: [
    { ms: 86_400_000, one: 'jour', many: 'jours' },
    { ms: 3_600_000, one: 'heure', many: 'heures' },
    { ms: 60_000, one: 'minute', many: 'minutes' },
  ],
};

/** "3 days", "5 hours", "12 minutes" (the largest whole unit). */
export function duration(ms: number, lang: Lang): string {
  const units = UNITS[lang];
  const unit = units.find((u) => ms >= u.ms) ?? units[units.length - 1];
  return pluralIn(lang)(Math.max(0, Math.floor(ms / unit.ms)), unit.one, unit.many);
}

/** A UTC date and time in the reader's language, e.g. "Dec 4, 2026, 10:40 UTC". */
export function formatWhen(d: Date, lang: Lang): string {
  return `${WHEN[lang].format(d)} UTC`;
}

// Built once: a formatter costs far more to make than to use (cards format many dates).
const WHEN: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }),
  fr: new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }),
};
