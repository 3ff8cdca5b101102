/** French messages: Reports. */
import type { Module } from '../messages.ts';
import { pluriel } from '../plural.ts';

export const reports: Module<'reports'> = {
  reports: {
    title: 'Rapports',
    intro: (c) => `Santé des salles et incidents de ${c}, sur les salles que vous pouvez voir.`,
    loading: 'Chargement du rapport…',
    loadFailed: 'Impossible de charger le rapport',
    generated: (when) => `Généré le ${when}.`,
    roomsTitle: 'Santé des salles',
    totalRooms: (n) => pluriel(n, 'salle', 'salles'),
    incidentsTitle: 'Incidents ouverts',
    bySeverity: 'Incidents ouverts par gravité',
    byType: 'Incidents ouverts par type',
    activityTitle: 'Activité des incidents',
    period: 'Période',
    opened: 'Ouverts',
    closed: 'Fermés',
    last7: '7 derniers jours',
    last30: '30 derniers jours',
    count: 'Nombre',
    none: 'Aucun',
  },
};
