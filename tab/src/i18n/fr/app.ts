/** French messages: the app frame: sign-in, Teams, the landing page, roles. */
import type { Module } from '../messages.ts';
import { pluriel } from '../plural.ts';

export const app: Module<'app'> = {
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
    userCount: (count) => pluriel(count, 'utilisateur', 'utilisateurs'),
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
    consentBody: 'Autorisez Rooms Partner Hub à vous connecter avec votre compte Microsoft 365.',
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
