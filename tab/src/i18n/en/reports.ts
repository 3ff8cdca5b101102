/** English messages: Reports. */
import { plural } from '../plural.ts';

export const reports = {
  reports: {
    title: 'Reports',
    intro: (c: string) => `Room health and incidents of ${c}, over the rooms you may see.`,
    loading: 'Loading the report…',
    loadFailed: 'Could not load the report',
    generated: (when: string) => `Generated ${when}.`,
    roomsTitle: 'Room health',
    totalRooms: (n: number) => plural(n, 'room', 'rooms'),
    incidentsTitle: 'Open incidents',
    bySeverity: 'Open incidents by severity',
    byType: 'Open incidents by type',
    activityTitle: 'Incident activity',
    period: 'Period',
    opened: 'Opened',
    closed: 'Closed',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    count: 'Count',
    none: 'None',
  },
};
