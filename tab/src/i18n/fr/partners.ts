/** French messages: Partners, Add partner and Teams Rooms Pro Managers. */
import type { Strings } from '../messages.ts';
import { pluralFor } from '../plural.ts';

const pluriel = pluralFor('fr-FR');

export const partners: Pick<Strings, 'partners' | 'addPartner' | 'roomsProManagers'> = {
  partners: {
    title: 'Partenaires',
    intro:
      'Les partenaires gèrent vos salles avec leurs propres comptes. Vous décidez de ce à quoi ' +
      'chacun accède, et pouvez retirer à tout moment un rôle, une affectation ou le partenaire.',
    addPartner: 'Ajouter un partenaire',
    listTitle: 'Vos partenaires',
    loading: 'Chargement des partenaires…',
    loadFailed: 'Impossible de charger les partenaires',
    empty: 'Aucun partenaire. Utilisez « Ajouter un partenaire » pour en inviter un.',
    since: (domain, date) => `${domain} · partenaire depuis le ${date}`,
    partner: 'Partenaire',
    scope: 'Périmètre',
    changeScope: 'Modifier le périmètre',
    changeScopeLabel: (p) => `Modifier le périmètre de ${p}`,
    scopeTitle: (p) => `Périmètre de ${p}`,
    scopeIntro:
      'La modification s’applique immédiatement et restreint chaque affectation de ce partenaire.',
    scopeChanged: (p) => `Périmètre de ${p} modifié.`,
    role: 'Rôle',
    permissions: 'Autorisations',
    permissionCount: (n) => pluriel(n, 'autorisation', 'autorisations'),
    builtIn: 'Intégré',
    members: 'Membres',
    rolesTitle: 'Rôles',
    assignmentsTitle: 'Affectations',
    rolesLabel: (p) => `Rôles de ${p}`,
    assignmentsLabel: (p) => `Affectations de ${p}`,
    noAssignments: 'Aucune affectation.',
    assignmentName: (role) => `l’affectation ${role}`,
    deleteRoleLabel: (role) => `Supprimer le rôle ${role}`,
    deleteAssignmentLabel: (role) => `Supprimer l’affectation ${role}`,
    deleteRoleTitle: (role) => `Supprimer le rôle ${role} ?`,
    deleteRoleBody: (role, p) =>
      `${role} et ses affectations sont supprimés ; ${p} perd ces droits immédiatement.`,
    deleteAssignmentTitle: (name) => `Supprimer ${name} ?`,
    deleteAssignmentBody: (p) => `Ses membres chez ${p} perdent ces droits immédiatement.`,
    deleted: (name) => `Supprimé : ${name}.`,
    removePartner: 'Supprimer le partenaire',
    removePartnerTitle: (p) => `Supprimer le partenaire ${p} ?`,
    removePartnerBody: (p) =>
      `${p} perd immédiatement tout accès à vos salles : ses rôles et affectations sont supprimés.`,
    partnerRemoved: (p) => `${p} a été supprimé.`,
    actionFailed: 'La modification n’a pas été faite',
    invitationsTitle: 'Invitations envoyées',
    loadingInvitations: 'Chargement des invitations…',
    invitationsFailed: 'Impossible de charger les invitations',
    noInvitations: 'Aucune invitation en attente.',
    invited: (p) => `Invitation envoyée à ${p}.`,
    withdraw: 'Retirer l’invitation',
    withdrawLabel: (p) => `Retirer l’invitation envoyée à ${p}`,
    withdrawTitle: (p) => `Retirer l’invitation envoyée à ${p} ?`,
    withdrawBody: (p) => `${p} ne pourra plus l’accepter.`,
    withdrawn: (p) => `Invitation envoyée à ${p} retirée.`,
    breakGlassTitle: 'Bris de glace : un administrateur principal a été rétabli',
    breakGlassBody: (actor, member, date) =>
      `Le ${date}, ${actor}, administrateur général du partenaire, a fait de ${member} un ` +
      'administrateur principal, car aucun de vos administrateurs principaux ne restait dans son annuaire.',
    breakGlassReason: 'Motif donné',
  },
  addPartner: {
    title: 'Ajouter un partenaire',
    domain: 'Domaine du partenaire',
    domainHint: 'Un domaine vérifié de l’organisation partenaire, par exemple fabrikam.example.',
    domainRequired: 'Saisissez le domaine du partenaire.',
    days: 'Expire après (jours)',
    daysHint: 'De 1 à 30 jours.',
    daysInvalid: 'Saisissez un nombre entier de jours, de 1 à 30.',
    changeControl: 'Contrôle des modifications',
    changeControlHint: 'Comment les modifications du partenaire sont approuvées.',
    auto: 'Approbation automatique',
    manual: 'Approbation manuelle',
    scopeRequired: 'Choisissez toutes les salles, ou au moins un groupe de salles ou une salle.',
    terms: 'J’accepte les conditions d’accès partenaire au nom de mon organisation.',
    termsRequired: 'Acceptez les conditions pour envoyer l’invitation.',
    submit: 'Envoyer l’invitation',
    failed: 'Impossible d’envoyer l’invitation',
  },
  roomsProManagers: {
    title: 'Gestionnaires Teams Rooms Pro',
    intro:
      'Les Gestionnaires Teams Rooms Pro administrent Rooms Partner Hub pour votre organisation, comme les administrateurs généraux.',
    introReadOnly:
      'Les Gestionnaires Teams Rooms Pro administrent Rooms Partner Hub pour votre organisation. Seul un administrateur général modifie cette liste.',
    tableLabel: 'Gestionnaires Teams Rooms Pro',
    loading: 'Chargement des Gestionnaires Teams Rooms Pro…',
    loadFailed: 'Impossible de charger les Gestionnaires Teams Rooms Pro',
    empty: 'Aucun Gestionnaire Teams Rooms Pro.',
    addLabel: 'Ajouter un Gestionnaire Teams Rooms Pro',
    addFailed: 'Impossible d’ajouter le Gestionnaire Teams Rooms Pro',
    removeFailed: 'Impossible de retirer le Gestionnaire Teams Rooms Pro',
    added: (name) => `${name} est maintenant Gestionnaire Teams Rooms Pro.`,
    removed: (name) => `${name} n’est plus Gestionnaire Teams Rooms Pro.`,
    removeTitle: (name) => `Retirer ${name} des Gestionnaires Teams Rooms Pro ?`,
    removeBody: (name) => `${name} perd les droits d’administration de Rooms Partner Hub.`,
  },
};
