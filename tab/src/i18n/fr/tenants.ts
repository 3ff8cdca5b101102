/** French messages: Tenants and Tenant managers. */
import type { Module } from '../messages.ts';

export const tenants: Module<'tenants'> = {
  tenants: {
    title: 'Locataires',
    intro: 'Les clients que gère votre organisation. Choisissez-en un pour voir ses détails.',
    empty: 'Aucun client pour l’instant. Acceptez une invitation pour en ajouter un.',
    tableLabel: 'Locataires',
    customer: 'Client',
    domain: 'Domaine',
    scope: 'Périmètre',
    accepted: 'Accepté le',
    yourRole: 'Votre rôle',
    status: 'État',
    active: 'Actif',
    pending: 'En attente',
    expired: 'Expirée',
    openInvitation: (c) => `Ouvrir l’invitation de ${c}`,
    chooseHint: 'Choisissez un client, ici ou dans la liste Client, pour voir ses détails.',
    loadingDetail: 'Chargement du client…',
    detailFailed: 'Impossible de charger le client',
    roleDeleted: 'Le client a supprimé le rôle Administrateurs principaux.',
    lastAdmin: 'Le dernier Administrateur principal ne peut pas être retiré.',
    chosen: (name) => `Choisi : ${name}`,
    removeFailed: 'Impossible de retirer',
    removeCustomer: 'Supprimer le client',
    removeCustomerTitle: (c) => `Supprimer le client ${c} ?`,
    removeCustomerBody: (c) =>
      `Votre organisation cesse de gérer ${c} : tous ses rôles et affectations sont supprimés. ` +
      `${c} devra vous inviter à nouveau pour revenir en arrière.`,
    customerRemoved: (c) => `${c} a été retiré de vos Locataires.`,
  },
  tenantManagers: {
    title: 'Gestionnaires de locataires',
    intro:
      'Les Gestionnaires de locataires reçoivent les invitations des clients et les acceptent ou ' +
      'les refusent. Ils ne voient aucune donnée client sans rôle pour ce client.',
    tableLabel: 'Gestionnaires de locataires',
    loading: 'Chargement des Gestionnaires de locataires…',
    loadFailed: 'Impossible de charger les Gestionnaires de locataires',
    empty:
      'Aucun Gestionnaire de locataires. Les administrateurs généraux et les Gestionnaires Teams Rooms Pro peuvent toujours traiter les invitations.',
    addLabel: 'Ajouter un Gestionnaire de locataires',
    addFailed: 'Impossible d’ajouter le Gestionnaire de locataires',
    removeFailed: 'Impossible de retirer le Gestionnaire de locataires',
    added: (name) => `${name} est maintenant Gestionnaire de locataires.`,
    removed: (name) => `${name} n’est plus Gestionnaire de locataires.`,
    removeTitle: (name) => `Retirer ${name} des Gestionnaires de locataires ?`,
    removeBody: (name) => `${name} ne recevra plus les invitations des clients.`,
  },
};
