/**
 * Every user-visible string of the tab, in one table per locale. The product names follow the
 * product spec (section 6) so the tab, the bot cards and the documentation use the same words.
 */
import { createContext, useContext } from 'react';
import { pagesEnUS, pagesFrFR, type PagesStrings } from './i18n.pages.ts';

export type { RosterText } from './i18n.pages.ts';
import { manageEnUS, manageFrFR, type ManageStrings } from './i18n.manage.ts';

/** Locales the tab ships; anything else falls back to en-US. */
export type Locale = 'en-US' | 'fr-FR';

/**
 * The shape every locale must fill; functions take the values they interpolate. The management
 * pages' strings live in `i18n.pages.ts` and `i18n.manage.ts` and are merged in here.
 */
export interface Strings extends PagesStrings, ManageStrings {
  /** The BCP 47 tag used to format dates and numbers. */
  locale: Locale;
  appName: string;
  skipToMain: string;
  starting: string;
  retry: string;
  errors: {
    network: string;
    unexpected: string;
  };
  header: {
    switchUser: string;
    signedInAs: (name: string) => string;
  };
  picker: {
    title: string;
    intro: string;
    loading: string;
    empty: string;
    loadFailed: string;
    signIn: string;
    signInAs: (name: string, tenantName: string) => string;
    signingIn: string;
    signInFailed: string;
    tenantId: (tenantId: string) => string;
    userCount: (count: number) => string;
    sessionEnded: string;
  };
  teamsOnly: {
    title: string;
    body: string;
  };
  teams: {
    ssoFailed: string;
    slow: string;
    noAnswer: string;
    noAnswerBody: string;
    consentTitle: string;
    consentBody: string;
    giveConsent: string;
  };
  landing: {
    loading: string;
    loadFailed: string;
    welcome: (name: string) => string;
    intro: string;
    accountTitle: string;
    signInName: string;
    tenant: string;
    tenantId: string;
    userId: string;
    rolesTitle: string;
    rolesAdminHint: string;
    noRoles: string;
    nextTitle: string;
    nextIntro: string;
    nothingToManage: string;
    open: (page: string) => string;
  };
  roles: {
    globalAdmin: string;
    roomsProManager: string;
    primaryAdmin: string;
    primaryAdmins: string;
    tenantManager: string;
  };
}

const enUS: Strings = {
  ...pagesEnUS,
  ...manageEnUS,
  locale: 'en-US',
  appName: 'Rooms Partner Hub',
  skipToMain: 'Skip to main content',
  starting: 'Starting Rooms Partner Hub…',
  retry: 'Try again',
  errors: {
    network: 'The service could not be reached. Check your connection and try again.',
    unexpected: 'Something went wrong. Please try again.',
  },
  header: {
    switchUser: 'Switch user',
    signedInAs: (name) => `Signed in as ${name}`,
  },
  picker: {
    title: 'Choose a test account',
    intro:
      'Local development sign-in. Pick a user of a demo tenant to get a development token. ' +
      'In production, people sign in through Microsoft Teams.',
    loading: 'Loading test accounts…',
    empty: 'No test accounts are available. Seed the demo data, then reload this page.',
    loadFailed: 'Could not load the test accounts',
    signIn: 'Sign in',
    signInAs: (name, tenantName) => `Sign in as ${name}, ${tenantName}`,
    signingIn: 'Signing in…',
    signInFailed: 'Could not sign in',
    tenantId: (tenantId) => `Tenant ID ${tenantId}`,
    userCount: (count) => (count === 1 ? '1 user' : `${count} users`),
    sessionEnded: 'Your session has ended. Choose an account to sign in again.',
  },
  teamsOnly: {
    title: 'Open Rooms Partner Hub in Microsoft Teams',
    body:
      'This site has no local sign-in. Open the Partner Hub tab of the Rooms Partner Hub app ' +
      'in Microsoft Teams.',
  },
  teams: {
    ssoFailed: 'Single sign-on with Microsoft Teams failed',
    slow: 'Connecting to Microsoft Teams… This is taking longer than usual.',
    noAnswer: 'Microsoft Teams did not answer',
    noAnswerBody: 'Teams may still be starting. Try again in a moment.',
    consentTitle: 'Rooms Partner Hub needs your consent',
    consentBody: 'Allow Rooms Partner Hub to sign you in with your Microsoft 365 account.',
    giveConsent: 'Give consent',
  },
  landing: {
    loading: 'Loading your profile…',
    loadFailed: 'Could not load your profile',
    welcome: (name) => `Welcome, ${name}`,
    intro: "Manage your customers' Teams Rooms from one place, with your own credentials.",
    accountTitle: 'Your account',
    signInName: 'Sign-in name',
    tenant: 'Tenant',
    tenantId: 'Tenant ID',
    userId: 'User ID',
    rolesTitle: 'Your roles',
    rolesAdminHint:
      'As an administrator you hold every right on your own rooms, invite partners and decide what they may do; in a partner organisation you also choose its Tenant managers.',
    noRoles:
      'You have no administrator role in this tenant. Customers give you access to their rooms ' +
      'through roles and assignments.',
    nextTitle: 'Where to start',
    nextIntro: 'The parts of the hub you can use with your roles.',
    nothingToManage:
      'Nothing to manage here yet: a Global admin, or a customer through a role, gives you access.',
    open: (page) => `Open ${page}`,
  },
  roles: {
    globalAdmin: 'Global admin',
    roomsProManager: 'Teams Rooms Pro Manager',
    primaryAdmin: 'Primary admin',
    primaryAdmins: 'Primary admins',
    tenantManager: 'Tenant manager',
  },
};

const frFR: Strings = {
  ...pagesFrFR,
  ...manageFrFR,
  locale: 'fr-FR',
  appName: 'Rooms Partner Hub',
  skipToMain: 'Aller au contenu principal',
  starting: 'Démarrage de Rooms Partner Hub…',
  retry: 'Réessayer',
  errors: {
    network: 'Le service est injoignable. Vérifiez votre connexion, puis réessayez.',
    unexpected: 'Une erreur est survenue. Veuillez réessayer.',
  },
  header: {
    switchUser: "Changer d'utilisateur",
    signedInAs: (name) => `Connecté en tant que ${name}`,
  },
  picker: {
    title: 'Choisir un compte de test',
    intro:
      "Connexion de développement locale. Choisissez un utilisateur d'un locataire de " +
      'démonstration pour obtenir un jeton de développement. En production, la connexion ' +
      'passe par Microsoft Teams.',
    loading: 'Chargement des comptes de test…',
    empty:
      'Aucun compte de test disponible. Chargez les données de démonstration, puis rechargez ' +
      'cette page.',
    loadFailed: 'Impossible de charger les comptes de test',
    signIn: 'Se connecter',
    signInAs: (name, tenantName) => `Se connecter en tant que ${name}, ${tenantName}`,
    signingIn: 'Connexion…',
    signInFailed: 'Connexion impossible',
    tenantId: (tenantId) => `ID du locataire ${tenantId}`,
    userCount: (count) => (count === 1 ? '1 utilisateur' : `${count} utilisateurs`),
    sessionEnded: 'Votre session a pris fin. Choisissez un compte pour vous reconnecter.',
  },
  teamsOnly: {
    title: 'Ouvrez Rooms Partner Hub dans Microsoft Teams',
    body:
      "Ce site n'offre pas de connexion locale. Ouvrez l'onglet Partner Hub de l'application " +
      'Rooms Partner Hub dans Microsoft Teams.',
  },
  teams: {
    ssoFailed: "L'authentification unique avec Microsoft Teams a échoué",
    slow: 'Connexion à Microsoft Teams… Cela prend plus de temps que d’habitude.',
    noAnswer: 'Microsoft Teams n’a pas répondu',
    noAnswerBody: 'Teams est peut-être encore en cours de démarrage. Réessayez dans un instant.',
    consentTitle: 'Rooms Partner Hub a besoin de votre consentement',
    consentBody:
      'Autorisez Rooms Partner Hub à vous connecter avec votre compte Microsoft 365.',
    giveConsent: 'Donner mon consentement',
  },
  landing: {
    loading: 'Chargement de votre profil…',
    loadFailed: 'Impossible de charger votre profil',
    welcome: (name) => `Bienvenue, ${name}`,
    intro:
      'Gérez les salles Teams Rooms de vos clients depuis un seul endroit, avec vos propres ' +
      'identifiants.',
    accountTitle: 'Votre compte',
    signInName: 'Nom de connexion',
    tenant: 'Locataire',
    tenantId: 'ID du locataire',
    userId: "ID de l'utilisateur",
    rolesTitle: 'Vos rôles',
    rolesAdminHint:
      "En tant qu'administrateur, vous avez tous les droits sur vos propres salles, invitez des " +
      'partenaires et décidez de ce qu’ils peuvent faire ; dans une organisation partenaire, vous ' +
      'choisissez aussi ses Gestionnaires de locataires.',
    noRoles:
      "Vous n'avez aucun rôle d'administrateur dans ce locataire. Les clients vous donnent " +
      'accès à leurs salles par des rôles et des affectations.',
    nextTitle: 'Par où commencer',
    nextIntro: 'Les espaces du hub que vos rôles vous ouvrent.',
    nothingToManage:
      "Rien à gérer pour l'instant : un administrateur général, ou un client par un rôle, vous " +
      'donne accès.',
    open: (page) => `Ouvrir ${page}`,
  },
  roles: {
    globalAdmin: 'Administrateur général',
    roomsProManager: 'Gestionnaire Teams Rooms Pro',
    primaryAdmin: 'Administrateur principal',
    primaryAdmins: 'Administrateurs principaux',
    tenantManager: 'Gestionnaire de locataires',
  },
};

/** U+202F, the narrow no-break space French puts before `:`, `;`, `!` and `?`. */
export const NARROW_NBSP = '\u202F';

/**
 * French typography on one sentence: a narrow no-break space before `:` `;` `!` `?` when they end
 * a word (so never in "12:30" or "https://"), replacing a plain space if one was typed.
 */
export function frenchPunctuation(text: string): string {
  return text.replace(/(\S)[ \u00A0\u202F]?([:;!?])(?=\s|$)/gu, `$1${NARROW_NBSP}$2`);
}

/** The same table with every sentence (and every sentence a function builds) set in French typography. */
function withFrenchTypography<T>(value: T): T {
  if (typeof value === 'string') return frenchPunctuation(value) as T;
  if (typeof value === 'function') {
    const build = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => withFrenchTypography(build(...args))) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, withFrenchTypography(entry)])
    ) as T;
  }
  return value;
}

const tables: Record<Locale, Strings> = { 'en-US': enUS, 'fr-FR': withFrenchTypography(frFR) };

/**
 * Picks the first supported locale among the candidates, most preferred first (the Teams locale,
 * then the browser's). Matching is on the language only, so fr-CA and fr get French too.
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (language === 'fr') return 'fr-FR';
    if (language === 'en') return 'en-US';
  }
  return 'en-US';
}

/** `label: value` in the locale's typography (a narrow no-break space before the colon in French). */
export const labelled = (strings: Strings, label: string, value: string): string =>
  `${label}${colon(strings)}${value}`;

/** The separator after a label: `: ` in English, narrow no-break space + `: ` in French. */
export const colon = (strings: Strings): string =>
  strings === tables['fr-FR'] ? `${NARROW_NBSP}: ` : ': ';

/** The string table of a locale. */
export function stringsFor(locale: Locale): Strings {
  return tables[locale];
}

/** Carries the active table down the tree; the provider sits in App. */
export const StringsContext = createContext<Strings>(enUS);

/** The active string table. */
export function useStrings(): Strings {
  return useContext(StringsContext);
}
