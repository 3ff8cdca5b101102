/** French messages: the invitation inbox. */
import type { Module } from '../messages.ts';

export const invitations: Module<'invitations'> = {
  invitations: {
    title: 'Invitations',
    intro:
      'Des clients invitent votre organisation à gérer leurs salles. Vous voyez ce qu’ils ' +
      'proposent, jamais leurs données, tant que vous n’avez pas accepté et nommé des ' +
      'Administrateurs principaux.',
    loading: 'Chargement des invitations…',
    loadFailed: 'Impossible de charger les invitations',
    empty: 'Aucune invitation en attente.',
    tableLabel: 'Invitations',
    customer: 'Client',
    domain: 'Domaine',
    scope: 'Périmètre',
    status: 'Statut',
    expires: 'Expiration',
    invitedBy: 'Invité par',
    pending: 'En attente',
    expired: 'Expirée',
    expiresOn: (date) => `Expire le ${date}`,
    expiredOn: (date) => `Expirée le ${date}`,
    changeControl: (mode) => `Contrôle des modifications : ${mode}`,
    auto: 'approbation automatique',
    manual: 'approbation manuelle',
    accept: 'Accepter',
    decline: 'Refuser',
    acceptLabel: (c) => `Accepter l’invitation de ${c}`,
    declineLabel: (c) => `Refuser l’invitation de ${c}`,
    acceptTitle: (c) => `Accepter l’invitation de ${c}`,
    acceptIntro:
      'Choisissez au moins un Administrateur principal : ces utilisateurs ou groupes de votre ' +
      'organisation obtiennent des droits quasi complets sur les salles du périmètre et gèrent ' +
      'les rôles de ce client.',
    primaryAdmins: 'Administrateurs principaux',
    chosenPrimaryAdmins: 'Administrateurs principaux choisis',
    choosePrimaryAdmin: 'Choisissez au moins un Administrateur principal.',
    acceptFailed: 'Impossible d’accepter l’invitation',
    accepted: (c) => `Invitation de ${c} acceptée. ${c} figure maintenant dans vos Locataires.`,
    declineTitle: (c) => `Refuser l’invitation de ${c} ?`,
    declineBody: (c) =>
      `L’invitation est supprimée. ${c} devra en envoyer une nouvelle si vous changez d’avis.`,
    declineFailed: 'Impossible de refuser l’invitation',
    declined: (c) => `Invitation de ${c} refusée.`,
  },
};
