/** French messages: shared words, the navigation, the overview cards, member pickers, scopes, error codes. */
import type { Module } from '../messages.ts';
import { MAX_ROLE_NAME } from '../../../../bot/src/core/limits.ts';
import { pluriel } from '../plural.ts';

export const common: Module<'common'> = {
  common: {
    cancel: 'Annuler',
    add: 'Ajouter',
    remove: 'Retirer',
    delete: 'Supprimer',
    save: 'Enregistrer',
    actions: 'Actions',
    loadMore: 'Afficher plus',
    tenantId: (id) => `ID du locataire ${id}`,
    modifyLabel: (name) => `Modifier ${name}`,
    editTitle: (name) => `Modifier ${name}`,
  },
  nav: {
    label: 'Partner Hub',
    customer: 'Client',
    chooseCustomer: 'Choisir un client',
    allCustomers: 'Tous les clients',
    yourOrganisation: (name) => `${name} (votre organisation)`,
    partnerSection: 'Partenaire',
    customerSection: 'Client',
    organisationSection: 'Votre organisation',
    settingsSection: 'Paramètres',
    pages: {
      overview: 'Accueil',
      invitations: 'Invitations',
      tenants: 'Locataires',
      tenantManagers: 'Gestionnaires de locataires',
      partners: 'Partenaires',
      audit: "Journal d'audit",
      roomsProManagers: 'Gestionnaires Teams Rooms Pro',
      rooms: 'Salles',
      roomGroups: 'Groupes de salles',
      updateRings: 'Anneaux de mise à jour',
      incidents: 'Incidents',
      reports: 'Rapports',
      roomsProSettings: 'Paramètres Teams Rooms Pro',
      roleManagement: 'Rôles',
    },
  },
  features: {
    invitations:
      'Les invitations en attente de vos clients, avec leur périmètre et leur expiration, à accepter ou à refuser.',
    tenants:
      'Les clients que vous gérez, leurs Administrateurs principaux et les salles que chacun a mises dans le périmètre.',
    tenantManagers: 'Qui, dans votre organisation, reçoit et traite les invitations des clients.',
    partners:
      'Invitez un partenaire, fixez ce à quoi il accède, retirez ses rôles, ou supprimez-le.',
    audit:
      'Chaque modification dans votre locataire, par quiconque, y compris les tentatives refusées. Export CSV.',
    roomsProManagers: 'Qui administre Rooms Partner Hub dans votre organisation.',
    rooms: 'Les salles du client choisi, avec leur état de santé.',
    incidents: 'Alertes de santé des salles et tickets de tous vos clients, avec notes et statut.',
    roomGroups: "Regroupez les salles d'un client ; renommez et décrivez les groupes.",
    updateRings:
      "L'ordre et le délai dans lesquels les salles reçoivent les mises à jour ; anneaux personnalisés et déplacement de salles.",
    reports: 'Santé des salles et synthèse des incidents du client choisi.',
    roomsProSettings:
      "Fenêtre de maintenance, contacts d'alerte et fonctionnalités de Teams Rooms Pro.",
    roleManagement: 'Les rôles personnalisés, qui les détient et sur quelles salles.',
  },
  members: {
    placeholder: 'Rechercher par nom',
    typeToSearch: 'Saisissez un nom pour rechercher des utilisateurs et des groupes.',
    searching: 'Recherche…',
    noMatches: 'Aucun utilisateur ni groupe ne correspond.',
    matches: (n) => `${pluriel(n, 'résultat', 'résultats')}. Choisissez avec les flèches.`,
    group: 'Groupe',
    user: 'Utilisateur',
    name: 'Nom',
    kind: 'Type',
    remove: (name) => `Retirer ${name}`,
  },
  scope: {
    label: 'Périmètre',
    allRooms: 'Toutes les salles',
    chosen: 'Groupes de salles et salles choisis',
    counts: (rooms, groups) =>
      [
        groups ? pluriel(groups, 'groupe de salles', 'groupes de salles') : '',
        rooms ? pluriel(rooms, 'salle', 'salles') : '',
      ]
        .filter(Boolean)
        .join(', ') || 'Aucune salle',
    groupNamed: (name) => `Groupe de salles : ${name}`,
    roomGroups: 'Groupes de salles',
    rooms: 'Salles',
    loading: 'Chargement des salles…',
    loadFailed: 'Impossible de charger vos salles',
    unavailable:
      'Les salles ne peuvent pas encore être listées ici : seul « Toutes les salles » est possible.',
  },
  errorCodes: {
    'AUTHZ.FORBIDDEN': "Vous n'avez pas l'autorisation nécessaire.",
    'ROLE.NOT_FOUND': "Ce rôle n'existe plus. Rechargez la page.",
    'ROLE.BUILT_IN': 'Les rôles intégrés ne peuvent être ni modifiés ni supprimés.',
    'ROLE.NAME_TAKEN': 'Un autre rôle porte déjà ce nom.',
    'ROLE.NAME_INVALID': `Saisissez un nom de 1 à ${MAX_ROLE_NAME} caractères.`,
    'ROLE.PERMISSION_UNKNOWN': "Une des autorisations n'est pas connue du service.",
    'ROLE.PERMISSIONS_EMPTY': 'Choisissez au moins une autorisation.',
    'ROLE.IN_USE': "Ce rôle est encore affecté. Supprimez d'abord ses affectations.",
    'ROLE.PERMISSION_NOT_HELD':
      'Un rôle ne peut contenir que des autorisations que vous détenez vous-même chez ce client.',
    'ASSIGNMENT.NOT_FOUND': "Cette affectation n'existe plus. Rechargez la page.",
    'ASSIGNMENT.ROLE_INVALID': 'Choisissez un rôle de ce client.',
    'ASSIGNMENT.MEMBERS_EMPTY': 'Choisissez au moins un membre.',
    'ASSIGNMENT.SCOPE_INVALID':
      "Certaines salles ou certains groupes de salles n'existent pas chez ce client.",
    'ASSIGNMENT.OUTSIDE_SCOPE':
      'Le périmètre dépasse ce que ce client a confié à votre organisation. Choisissez des salles à l’intérieur.',
    'ASSIGNMENT.PERMISSION_NOT_HELD':
      'Vous ne pouvez affecter un rôle que sur des salles où vous détenez vous-même chacune de ses autorisations.',
    'ROOM.NOT_FOUND': "Cette salle n'existe plus ou est hors de votre périmètre.",
    'ROOM.ALREADY_UNENROLLED': 'Cette salle est déjà désinscrite.',
    'ROOM.KEY_NOT_FOUND': "Cette salle n'a pas encore de clé d'inscription.",
    'ROOM.CHANGED': 'La salle a changé entre-temps. Rechargez, puis réessayez.',
    'ROOM_GROUP.NAME_TAKEN': 'Un autre groupe de salles porte déjà ce nom.',
    'RING.BUILT_IN':
      'Les anneaux intégrés gardent leur nom et ne peuvent être supprimés ; Staging reste le premier.',
    'RING.ORDER_TAKEN': 'Un autre anneau occupe déjà cette position.',
    'RING.NAME_TAKEN': 'Un autre anneau porte déjà ce nom.',
    'RING.NEEDS_ALL_ROOMS':
      'Modifier un anneau demande Gestion des anneaux de mise à jour › Modifier sur toutes les salles.',
  },
};
