/** French messages: Teams Rooms Pro settings. */
import type { Module } from '../messages.ts';

export const settings: Module<'settings'> = {
  proSettings: {
    title: 'Paramètres Teams Rooms Pro',
    intro: (c) => `Maintenance, alertes et fonctionnalités de Teams Rooms Pro pour ${c}.`,
    loading: 'Chargement des paramètres…',
    loadFailed: 'Impossible de charger les paramètres',
    defaults:
      "Ce sont les valeurs par défaut : elles s'appliquent jusqu'au premier enregistrement des paramètres.",
    lastSaved: (when) => `Enregistrés le ${when}.`,
    readOnly:
      'Vous pouvez consulter ces paramètres ; les modifier demande Paramètres Teams Rooms Pro › Modifier.',
    timeZone: 'Fuseau horaire',
    timeZoneHint: 'Un nom IANA, par exemple Europe/Paris.',
    maintenance: 'Fenêtre de maintenance',
    days: 'Jours',
    weekdays: {
      Mon: 'Lundi',
      Tue: 'Mardi',
      Wed: 'Mercredi',
      Thu: 'Jeudi',
      Fri: 'Vendredi',
      Sat: 'Samedi',
      Sun: 'Dimanche',
    },
    start: 'Début',
    startHint: 'HH:MM, sur 24 heures.',
    duration: 'Durée (minutes)',
    durationHint: 'De 30 à 720.',
    notifications: 'Notifications',
    contacts: "Contacts d'alerte",
    contactsHint: 'Une adresse e-mail par ligne.',
    severities: 'Alerter pour',
    severityNames: { Important: 'Important', Warning: 'Avertissement' },
    weeklyDigest: 'Résumé hebdomadaire de santé',
    features: 'Fonctionnalités',
    automaticUpdates: 'Mises à jour automatiques',
    autoResolveIncidents: 'Résoudre les incidents automatiquement quand la salle se rétablit',
    customerReportedIssues: 'Les clients peuvent signaler des problèmes',
    save: 'Enregistrer les paramètres',
    saved: 'Paramètres enregistrés.',
    failed: "Les paramètres n'ont pas été enregistrés",
    timeZoneRequired: 'Saisissez un fuseau horaire.',
    startInvalid: 'Saisissez une heure au format HH:MM.',
    durationInvalid: 'Saisissez un nombre entier de minutes de 30 à 720.',
  },
};
