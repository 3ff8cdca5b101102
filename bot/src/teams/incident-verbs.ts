/** The card actions of incident cards (Action.Execute verbs and Action.Submit data). */
import { verbGuard } from './verbs.ts';

export const IncidentVerbs = {
  /** Universal Actions refresh: the viewer's own view of the card. */
  refresh: 'incident.refresh',
  /** From the tickets list: show one ticket's card. */
  show: 'incident.show',
  /** The tickets list's next page. */
  more: 'incident.more',
  assign: 'incident.assign',
  acknowledge: 'incident.acknowledge',
  status: 'incident.status',
  note: 'incident.note',
  close: 'incident.close',
  /** From the customer picker of `subscribe` / `unsubscribe` in a channel. */
  subscribe: 'alerts.subscribe',
  unsubscribe: 'alerts.unsubscribe',
} as const;

export type IncidentVerb = (typeof IncidentVerbs)[keyof typeof IncidentVerbs];

export const isIncidentVerb = verbGuard(IncidentVerbs);

/** What an incident action carries (Teams merges the card's inputs into it). */
export interface IncidentActionData {
  verb: IncidentVerb;
  ticketId?: string;
  customerTenantId?: string;
  /** The ticket version the card showed (a change from an older card is refused as stale). */
  version?: number;
  cursor?: string;
}
