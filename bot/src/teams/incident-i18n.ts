/**
 * The bot's wording for incident alerts, in English and French. Status, severity, type and
 * close-reason names are the tab's (tab/src/i18n/en/incidents.ts and fr/incidents.ts), so both say the same.
 */
import type {
  CloseReason,
  Severity,
  TicketStatus,
  TicketType,
} from '../core/tickets/ticket.model.ts';
import type { AlertMode, SubscriptionSeverity } from '../core/alerts/alerts.model.ts';
import { pluralIn, refusalsIn, type Lang } from './i18n.ts';

const en = {
  severities: { Important: 'Important', Warning: 'Warning' } satisfies Record<Severity, string>,
  statuses: {
    Open: 'Open',
    Acknowledged: 'Acknowledged',
    InProgress: 'In progress',
    Resolved: 'Resolved',
    Closed: 'Closed',
  } satisfies Record<TicketStatus, string>,
  types: {
    display: 'Front of room display',
    microphone: 'Conferencing microphone',
    speaker: 'Conferencing speaker',
    camera: 'Camera',
    hdmiIngest: 'HDMI ingest',
    signIn: 'Sign-in',
    proximitySensor: 'Proximity sensor',
    appVersion: 'App version',
    osVersion: 'OS version',
    network: 'Network',
    customerReported: 'Reported by the customer',
  } satisfies Record<TicketType, string>,
  closeReasons: {
    Resolved: 'Resolved',
    Duplicate: 'Duplicate',
    NotAnIssue: 'Not an issue',
    Other: 'Other',
  } satisfies Record<CloseReason, string>,
  /** What to do first, per incident type (Teams Rooms Pro's recommended actions, shortened). */
  recommended: {
    display: 'Check the display’s power and HDMI cable, then restart the room console.',
    microphone:
      'Check the microphone’s USB connection and the audio device selected in the room settings.',
    speaker:
      'Check the speaker’s connection and volume, and the audio device selected in the room settings.',
    camera: 'Check the camera’s USB connection and the camera selected in the room settings.',
    hdmiIngest: 'Check the HDMI ingest cable and adapter, then reconnect the laptop.',
    signIn: 'Check the resource account’s password and licence, then sign in again on the console.',
    proximitySensor: 'Check that Bluetooth beaconing is on and the sensor is connected.',
    appVersion: 'Update the Teams Rooms app at the next maintenance window.',
    osVersion: 'Install the pending Windows updates at the next maintenance window.',
    network: 'Check the room’s network connection and its latency and packet loss.',
    customerReported: 'Contact the reporter and check the room on site.',
  } satisfies Record<TicketType, string>,
  cardTitle: (severity: Severity, type: string) =>
    severity === 'Important' ? `Important incident: ${type}` : `Warning: ${type}`,
  severity: 'Severity',
  type: 'Type',
  room: 'Room',
  site: 'Site',
  customer: 'Customer',
  status: 'Status',
  assignee: 'Assigned to',
  unassigned: 'Nobody yet',
  recommendedAction: 'Recommended action',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  lastSeenCount: (when: string, count: number) =>
    `${when} (${pluralIn('en')(count, 'signal', 'signals')})`,
  latestNote: 'Latest note',
  noteBy: (who: string, when: string) => `${who}, ${when}`,
  assignToMe: 'Assign to me',
  acknowledge: 'Acknowledge',
  changeStatus: 'Change status',
  newStatus: 'New status',
  apply: 'Apply',
  addNote: 'Add note',
  notePlaceholder: 'What did you find or do?',
  noteRequired: 'Write a note first.',
  save: 'Save note',
  close: 'Close',
  closeReason: 'Reason to close',
  closeConfirm: 'Close ticket',
  openInTab: 'Open in the tab',
  readOnly: 'You can see this ticket but not change it.',
  resolved: (when: string) => `Resolved ${when}.`,
  closed: (when: string, reason: string) => `Closed ${when} (${reason}).`,
  unavailableTitle: 'Incident',
  unavailable: 'This ticket is no longer available to you.',
  stale: 'Someone changed this ticket meanwhile; here it is now. Nothing was changed.',
  notice: { escalated: 'Escalated to Important:', reopened: 'Reopened:' },
  done: {
    assign: 'Assigned to you.',
    acknowledge: 'Acknowledged.',
    status: 'Status changed.',
    note: 'Note added.',
    close: 'Ticket closed.',
  } satisfies Record<'assign' | 'acknowledge' | 'status' | 'note' | 'close', string>,
  list: {
    title: 'Your open tickets',
    assignedToMe: 'Assigned to you',
    others: 'Other open tickets you can see',
    empty: 'No open tickets you can see.',
    more: 'More',
    open: 'Show',
    row: (severity: string, status: string, room: string, customer: string) =>
      `${severity} · ${status} · ${room} · ${customer}`,
  },
  ticketUsage: 'Type "ticket" followed by the ticket id, e.g. ticket 3f2a…',
  ticketNotFound: 'No such ticket, or you may not see it.',
  alerts: {
    title: 'Incident alerts',
    modes: {
      all: 'on for every severity',
      important: 'on for Important incidents only',
      off: 'off',
    } satisfies Record<AlertMode, string>,
    current: (mode: string, chosen: boolean) =>
      `Your incident alerts are ${mode}${chosen ? '' : ' (the default)'}.`,
    set: (mode: string) => `Done: your incident alerts are now ${mode}.`,
    usage:
      'Type "alerts on" (every severity), "alerts important" (Important only) or "alerts off".',
  },
  subscriptions: {
    title: 'Channel alerts',
    pick: 'Which customer’s incident alerts should this conversation receive?',
    subscribed: (c: string, sev: string) =>
      `This conversation now receives ${c}’s incident alerts (${sev}).`,
    already: (c: string, sev: string) =>
      `This conversation already receives ${c}’s incident alerts (${sev}).`,
    updated: (c: string, sev: string) =>
      `This conversation now receives ${c}’s incident alerts (${sev}).`,
    /** What each minimum severity means, as the answers and the list show it. */
    severities: {
      Important: 'Important only; "subscribe warning" for every severity',
      Warning: 'every severity; "subscribe important" for Important only',
    } satisfies Record<SubscriptionSeverity, string>,
    /** Short names of the minimum severities (the list of subscriptions). */
    levels: {
      Important: 'Important only',
      Warning: 'every severity',
    } satisfies Record<SubscriptionSeverity, string>,
    /** One subscription in the list: the customer and its minimum severity. */
    entry: (c: string, sev: string) => `${c} (${sev})`,
    unsubscribed: (c: string) => `This conversation no longer receives ${c}’s incident alerts.`,
    none: 'This conversation receives no incident alerts.',
    noCustomer:
      'You may see no customer’s tickets, so you cannot subscribe a conversation to alerts.',
    onlyShared:
      'Subscribe a team channel or a group chat: mention me there and type "subscribe". Here, use "alerts".',
    list: (cs: string[]) => `This conversation receives the incident alerts of ${cs.join(', ')}.`,
  },
  commands: [
    {
      name: 'tickets',
      description: 'Your open tickets: assigned to you first, then the others you can see',
    },
    { name: 'ticket ID', description: 'One ticket’s card' },
    {
      name: 'alerts on | important | off',
      description: 'Your incident alerts: every severity, Important only, or none',
    },
    {
      name: 'subscribe | unsubscribe',
      description: 'In a channel or group chat: receive a customer’s incident alerts there',
    },
  ],
  /** French wording of the core's refusals (English uses the core's own message). */
  errors: {} as Record<string, string>,
};

/** The shape of the incident wording (every locale is typed by the English one). */
export type IncidentStrings = typeof en;

const fr: IncidentStrings = {
  severities: { Important: 'Important', Warning: 'Avertissement' },
  statuses: {
    Open: 'Ouvert',
    Acknowledged: 'Pris en compte',
    InProgress: 'En cours',
    Resolved: 'Résolu',
    Closed: 'Fermé',
  },
  types: {
    display: 'Écran de la salle',
    microphone: 'Microphone de conférence',
    speaker: 'Haut-parleur de conférence',
    camera: 'Caméra',
    hdmiIngest: 'Entrée HDMI',
    signIn: 'Connexion',
    proximitySensor: 'Capteur de proximité',
    appVersion: 'Version de l’application',
    osVersion: 'Version du système',
    network: 'Réseau',
    customerReported: 'Signalé par le client',
  },
  closeReasons: {
    Resolved: 'Résolu',
    Duplicate: 'Doublon',
    NotAnIssue: 'Pas un problème',
    Other: 'Autre',
  },
  recommended: {
    display:
      'Vérifiez l’alimentation et le câble HDMI de l’écran, puis redémarrez la console de la salle.',
    microphone:
      'Vérifiez la connexion USB du microphone et le périphérique audio choisi dans les paramètres de la salle.',
    speaker:
      'Vérifiez le branchement et le volume du haut-parleur, et le périphérique audio choisi dans les paramètres de la salle.',
    camera:
      'Vérifiez la connexion USB de la caméra et la caméra choisie dans les paramètres de la salle.',
    hdmiIngest:
      'Vérifiez le câble et l’adaptateur de l’entrée HDMI, puis rebranchez l’ordinateur portable.',
    signIn:
      'Vérifiez le mot de passe et la licence du compte de ressource, puis reconnectez-vous sur la console.',
    proximitySensor: 'Vérifiez que la balise Bluetooth est activée et que le capteur est branché.',
    appVersion:
      'Mettez à jour l’application Teams Rooms lors de la prochaine fenêtre de maintenance.',
    osVersion:
      'Installez les mises à jour Windows en attente lors de la prochaine fenêtre de maintenance.',
    network: 'Vérifiez la connexion réseau de la salle, sa latence et ses pertes de paquets.',
    customerReported:
      'Contactez la personne qui a signalé le problème et vérifiez la salle sur place.',
  },
  cardTitle: (severity, type) =>
    severity === 'Important' ? `Incident important : ${type}` : `Avertissement : ${type}`,
  severity: 'Gravité',
  type: 'Type',
  room: 'Salle',
  site: 'Site',
  customer: 'Client',
  status: 'Statut',
  assignee: 'Attribué à',
  unassigned: 'Personne pour l’instant',
  recommendedAction: 'Action recommandée',
  firstSeen: 'Première détection',
  lastSeen: 'Dernière détection',
  lastSeenCount: (when, count) => `${when} (${pluralIn('fr')(count, 'signal', 'signaux')})`,
  latestNote: 'Dernière note',
  noteBy: (who, when) => `${who}, ${when}`,
  assignToMe: 'M’attribuer',
  acknowledge: 'Prendre en compte',
  changeStatus: 'Changer le statut',
  newStatus: 'Nouveau statut',
  apply: 'Appliquer',
  addNote: 'Ajouter une note',
  notePlaceholder: 'Qu’avez-vous constaté ou fait ?',
  noteRequired: 'Écrivez d’abord une note.',
  save: 'Enregistrer la note',
  close: 'Fermer',
  closeReason: 'Motif de fermeture',
  closeConfirm: 'Fermer le ticket',
  openInTab: 'Ouvrir dans l’onglet',
  readOnly: 'Vous pouvez consulter ce ticket, mais pas le modifier.',
  resolved: (when) => `Résolu le ${when}.`,
  closed: (when, reason) => `Fermé le ${when} (${reason}).`,
  unavailableTitle: 'Incident',
  unavailable: 'Ce ticket ne vous est plus accessible.',
  stale: 'Quelqu’un a modifié ce ticket entre-temps ; le voici à jour. Rien n’a été modifié.',
  notice: { escalated: 'Passé en gravité Important :', reopened: 'Rouvert :' },
  done: {
    assign: 'Le ticket vous est attribué.',
    acknowledge: 'Ticket pris en compte.',
    status: 'Statut modifié.',
    note: 'Note ajoutée.',
    close: 'Ticket fermé.',
  },
  list: {
    title: 'Vos tickets ouverts',
    assignedToMe: 'Attribués à vous',
    others: 'Autres tickets ouverts que vous pouvez voir',
    empty: 'Aucun ticket ouvert visible pour vous.',
    more: 'Plus',
    open: 'Afficher',
    row: (severity, status, room, customer) => `${severity} · ${status} · ${room} · ${customer}`,
  },
  ticketUsage: 'Tapez « ticket » suivi de l’identifiant du ticket, par exemple ticket 3f2a…',
  ticketNotFound: 'Ce ticket n’existe pas, ou vous ne pouvez pas le voir.',
  alerts: {
    title: 'Alertes d’incidents',
    modes: {
      all: 'activées pour toutes les gravités',
      important: 'activées pour les incidents importants uniquement',
      off: 'désactivées',
    },
    current: (mode, chosen) =>
      `Vos alertes d’incidents sont ${mode}${chosen ? '' : ' (par défaut)'}.`,
    set: (mode) => `C’est fait : vos alertes d’incidents sont désormais ${mode}.`,
    usage:
      'Tapez « alertes on » (toutes les gravités), « alertes important » (importants uniquement) ou « alertes off ».',
  },
  subscriptions: {
    title: 'Alertes du canal',
    pick: 'De quel client cette conversation doit-elle recevoir les alertes d’incidents ?',
    subscribed: (c, sev) =>
      `Cette conversation reçoit désormais les alertes d’incidents de ${c} (${sev}).`,
    already: (c, sev) => `Cette conversation reçoit déjà les alertes d’incidents de ${c} (${sev}).`,
    updated: (c, sev) =>
      `Cette conversation reçoit désormais les alertes d’incidents de ${c} (${sev}).`,
    severities: {
      Important: 'importants uniquement ; « abonner avertissement » pour toutes les gravités',
      Warning: 'toutes les gravités ; « abonner important » pour les importants uniquement',
    },
    levels: { Important: 'importants uniquement', Warning: 'toutes les gravités' },
    entry: (c, sev) => `${c} (${sev})`,
    unsubscribed: (c) => `Cette conversation ne reçoit plus les alertes d’incidents de ${c}.`,
    none: 'Cette conversation ne reçoit aucune alerte d’incident.',
    noCustomer:
      'Vous ne pouvez voir les tickets d’aucun client : vous ne pouvez donc pas abonner une conversation aux alertes.',
    onlyShared:
      'Abonnez un canal d’équipe ou une conversation de groupe : mentionnez-moi là-bas et tapez « abonner ». Ici, utilisez « alertes ».',
    list: (cs) => `Cette conversation reçoit les alertes d’incidents de ${cs.join(', ')}.`,
  },
  commands: [
    {
      name: 'tickets',
      description:
        'Vos tickets ouverts : ceux qui vous sont attribués d’abord, puis les autres visibles',
    },
    { name: 'ticket ID', description: 'La carte d’un ticket' },
    {
      name: 'alertes on | important | off',
      description:
        'Vos alertes d’incidents : toutes les gravités, importants uniquement, ou aucune',
    },
    {
      name: 'abonner | désabonner',
      description:
        'Dans un canal ou une conversation de groupe : y recevoir les alertes d’incidents d’un client',
    },
  ],
  errors: {
    'AUTHZ.FORBIDDEN': 'Vous n’êtes pas autorisé à faire cela.',
    'TICKET.NOT_FOUND': 'Ce ticket n’existe pas, ou vous ne pouvez pas le voir.',
    'CUSTOMER.NOT_FOUND': 'Ce client n’existe pas, ou vous n’y avez aucun droit.',
    'TICKET.STALE':
      'Quelqu’un a modifié ce ticket entre-temps ; le voici à jour. Rien n’a été modifié.',
    'TICKET.CONCURRENT_UPDATE': 'Le ticket n’a cessé de changer entre-temps ; réessayez.',
    'TICKET.INVALID_TRANSITION':
      'Ce changement de statut n’est pas possible depuis le statut actuel.',
    'TICKET.UNCHANGED': 'Le ticket a déjà cette valeur.',
    'TICKET.CLOSED': 'Le ticket est fermé ; un problème qui revient demande un nouveau ticket.',
    'TICKET.NOT_USER_CLOSABLE':
      'Seuls les problèmes signalés peuvent être fermés ; un incident détecté se résout quand le signal cesse.',
    'TICKET.ALREADY_ASSIGNED': 'Le ticket vous est déjà attribué.',
    'TICKET.NOTES_LIMIT': 'Ce ticket a atteint le nombre maximal de notes.',
    'ALERTS.SUBSCRIPTION_NOT_FOUND': 'Cet abonnement aux alertes n’existe pas.',
    'ALERTS.NOT_A_SHARED_CONVERSATION':
      'Abonnez un canal d’équipe ou une conversation de groupe ; ici, utilisez « alertes ».',
    'REQUEST.INVALID': 'Cette action est incomplète ; réessayez depuis la carte.',
  },
};

export const incidentStrings = (lang: Lang): IncidentStrings => (lang === 'fr' ? fr : en);

/** A refusal of an incident card or alerts command in the reader's language. */
export const incidentErrorMessage = refusalsIn(fr.errors);
