/**
 * Wording of the customer's controls over a partner (issue #15): change control, just-in-time
 * elevation, MFA and the approval lists, in English and French. Kept beside the main catalogues
 * (and read through `useControlStrings`) so the feature stays in its own files.
 */
import { frenchPunctuation, useStrings } from './i18n.ts';
import type {
  ChangeAction,
  ChangeRequestStatus,
  ElevationStatus,
  SensitiveAction,
} from './api/change-control.ts';

const enUS = {
  controlsTitle: 'Change control and sensitive actions',
  controlsIntro:
    'Manual: a partner change waits for your approval. Elevation: the partner asks for a time-boxed window first.',
  manual: 'Manual approval',
  manualLabel: (action: string, partner: string) => `Manual approval of ${action} for ${partner}`,
  elevationTitle: 'Just-in-time elevation required for',
  elevationLabel: (action: string, partner: string) =>
    `${partner} needs an elevation for ${action}`,
  autoApprove: 'Approve elevation requests automatically',
  mfa: 'Require multi-factor authentication for sensitive actions',
  save: 'Save controls',
  saved: (partner: string) => `Controls for ${partner} saved.`,
  loadFailed: 'The controls could not be loaded',
  saveFailed: 'The controls were not saved',
  approvalsTitle: 'Waiting for your approval',
  approvalsEmpty: 'Nothing waits for your approval.',
  requestsTitle: 'Your change requests',
  requestsEmpty: 'No change requests.',
  elevationsTitle: 'Elevations',
  object: 'Object',
  change: 'Change',
  requestedBy: 'Requested by',
  status: 'Status',
  why: 'Justification',
  approve: 'Approve',
  reject: 'Reject',
  end: 'End now',
  reasonLabel: 'Reason for rejecting',
  approved: (name: string) => `Change to ${name} approved.`,
  rejected: (name: string) => `Change to ${name} rejected.`,
  elevationApproved: 'Elevation approved.',
  elevationRejected: 'Elevation rejected.',
  elevationEnded: 'Elevation ended.',
  failed: 'The decision was not recorded',
  sentForApproval: (name: string) => `${name}: the change was sent to the customer for approval.`,
  partnerView: 'How this customer controls your changes',
  requestElevation: 'Ask for an elevation',
  duration: 'Duration (minutes, 30–480)',
  justification: 'Justification',
  elevationRequested: 'Elevation requested.',
  none: 'None',
  yes: 'Yes',
  no: 'No',
  actions: {
    'rooms.modify': 'Rooms › Modify',
    'rooms.unenroll': 'Rooms › Unenroll',
    'rooms.resetKey': 'Rooms › Reset key',
    'rooms.downloadKey': 'Rooms › Download key',
    'roomGroups.modify': 'Group management › Modify',
    'updateRings.modify': 'Update ring management › Modify',
    'settings.modify': 'Teams Rooms Pro settings › Modify',
    'roles.modify': 'Role management › Modify',
  } as Record<ChangeAction | SensitiveAction, string>,
  statuses: {
    pending: 'Pending',
    applying: 'Being applied',
    applied: 'Applied',
    rejected: 'Rejected',
    failed: 'Refused when applied',
    expired: 'Expired',
    active: 'Active',
    ended: 'Ended',
  } as Record<ChangeRequestStatus | ElevationStatus, string>,
};

export type ControlStrings = typeof enUS;

const frFR: ControlStrings = {
  controlsTitle: 'Contrôle des modifications et actions sensibles',
  controlsIntro:
    'Manuel : une modification du partenaire attend votre approbation. Élévation : le partenaire demande d’abord une fenêtre limitée dans le temps.',
  manual: 'Approbation manuelle',
  manualLabel: (action, partner) => `Approbation manuelle de ${action} pour ${partner}`,
  elevationTitle: 'Élévation juste-à-temps requise pour',
  elevationLabel: (action, partner) => `${partner} doit obtenir une élévation pour ${action}`,
  autoApprove: 'Approuver automatiquement les demandes d’élévation',
  mfa: 'Exiger l’authentification multifacteur pour les actions sensibles',
  save: 'Enregistrer les contrôles',
  saved: (partner) => `Contrôles de ${partner} enregistrés.`,
  loadFailed: 'Les contrôles n’ont pas pu être chargés',
  saveFailed: 'Les contrôles n’ont pas été enregistrés',
  approvalsTitle: 'En attente de votre approbation',
  approvalsEmpty: 'Rien n’attend votre approbation.',
  requestsTitle: 'Vos demandes de modification',
  requestsEmpty: 'Aucune demande de modification.',
  elevationsTitle: 'Élévations',
  object: 'Objet',
  change: 'Modification',
  requestedBy: 'Demandée par',
  status: 'État',
  why: 'Justification',
  approve: 'Approuver',
  reject: 'Refuser',
  end: 'Terminer maintenant',
  reasonLabel: 'Motif du refus',
  approved: (name) => `Modification de ${name} approuvée.`,
  rejected: (name) => `Modification de ${name} refusée.`,
  elevationApproved: 'Élévation approuvée.',
  elevationRejected: 'Élévation refusée.',
  elevationEnded: 'Élévation terminée.',
  failed: 'La décision n’a pas été enregistrée',
  sentForApproval: (name) => `${name} : la modification a été envoyée au client pour approbation.`,
  partnerView: 'Comment ce client contrôle vos modifications',
  requestElevation: 'Demander une élévation',
  duration: 'Durée (minutes, 30 à 480)',
  justification: 'Justification',
  elevationRequested: 'Élévation demandée.',
  none: 'Aucune',
  yes: 'Oui',
  no: 'Non',
  actions: {
    'rooms.modify': 'Salles › Modifier',
    'rooms.unenroll': 'Salles › Désinscrire',
    'rooms.resetKey': 'Salles › Réinitialiser la clé',
    'rooms.downloadKey': 'Salles › Télécharger la clé',
    'roomGroups.modify': 'Gestion des groupes › Modifier',
    'updateRings.modify': 'Gestion des anneaux de mise à jour › Modifier',
    'settings.modify': 'Paramètres Teams Rooms Pro › Modifier',
    'roles.modify': 'Gestion des rôles › Modifier',
  },
  statuses: {
    pending: 'En attente',
    applying: 'En cours d’application',
    applied: 'Appliquée',
    rejected: 'Refusée',
    failed: 'Refusée à l’application',
    expired: 'Expirée',
    active: 'Active',
    ended: 'Terminée',
  },
};

/** The French table in French typography (a narrow no-break space before `:` `;` `!` `?`). */
function typeset<T>(value: T): T {
  if (typeof value === 'string') return frenchPunctuation(value) as T;
  if (typeof value === 'function') {
    const build = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => typeset(build(...args))) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeset(v)])) as T;
  }
  return value;
}
const frTypeset = typeset(frFR);

export function useControlStrings(): ControlStrings {
  return useStrings().locale === 'fr-FR' ? frTypeset : enUS;
}
