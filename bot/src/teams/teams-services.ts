/**
 * The Teams edge's services: conversation references, the durable outbox (with the Bot Connector
 * client) and the invitation cards; plus the background work (delivery, fan-out, deadlines).
 */
import type { Logger } from 'pino';
import type { Store } from '../store/types.ts';
import type { Config } from '../config.ts';
import type { Caller } from '../core/identity/caller.ts';
import type { Principal } from '../core/principal.ts';
import type { PartnersDeps } from '../core/partners/partners.ports.ts';
import { Outbox, type Deliverer, type OutboxOptions } from '../outbox/outbox.ts';
import { ConversationRefs } from './conversation-refs.ts';
import { BotConnectorClient } from './connector-client.ts';
import { createConnectorTokenProvider } from './adapter.ts';
import { InvitationCards } from './invitation-cards.ts';
import type { TicketsDeps } from '../core/tickets/tickets.ports.ts';
import type { AlertsDeps } from '../core/alerts/alerts.ports.ts';
import { IncidentCards, ticketLink } from './incident-cards.ts';

export interface TeamsServices {
  refs: ConversationRefs;
  outbox: Outbox;
  invitationCards: InvitationCards;
  incidentCards: IncidentCards;
  /** Starts delivery and the deadline sweep; `stop` ends both. */
  start(): { stop(): void };
  /** Runs pending fan-outs and delivers everything due now (tests, shutdown). */
  settle(): Promise<void>;
}

export interface TeamsOptions {
  deliverer?: Deliverer;
  now?: () => Date;
  outbox?: Partial<OutboxOptions>;
  /** Deadline sweep period (expiry, reminders, days-left updates). */
  sweepMs?: number;
  pollMs?: number;
}

export function buildTeamsServices(
  deps: {
    config: Config;
    store: Store;
    partners: PartnersDeps;
    tickets: TicketsDeps;
    alerts: AlertsDeps;
    callerFor(principal: Principal): Promise<Caller>;
    log: Logger;
  },
  options: TeamsOptions = {}
): TeamsServices {
  const now = options.now ?? (() => new Date());
  const refs = new ConversationRefs(deps.store, now);
  const outbox = new Outbox({
    store: deps.store,
    deliverer:
      options.deliverer ?? new BotConnectorClient(createConnectorTokenProvider(deps.config)),
    refs,
    log: deps.log,
    now,
    ...options.outbox,
  });
  const invitationCards = new InvitationCards({
    store: deps.store,
    partners: deps.partners,
    refs,
    outbox,
    callerFor: deps.callerFor,
    log: deps.log,
    now,
  });
  deps.partners.events = invitationCards;
  const incidentCards = new IncidentCards({
    store: deps.store,
    tickets: deps.tickets,
    alerts: deps.alerts,
    partners: deps.partners,
    refs,
    outbox,
    callerFor: deps.callerFor,
    log: deps.log,
    openUrl: (t) => ticketLink(deps.config.PUBLIC_URL, deps.config.TEAMS_APP_ID, t),
    now,
  });
  deps.tickets.events = incidentCards;
  const sweepMs = options.sweepMs ?? 60_000;
  return {
    refs,
    outbox,
    invitationCards,
    incidentCards,
    start: () => {
      outbox.start(options.pollMs ?? 500);
      const tick = () =>
        invitationCards
          .fanOutPending()
          .then(() => invitationCards.sweep())
          .then(() => incidentCards.fanOutPending())
          .catch((err: unknown) => deps.log.warn({ err }, 'card sweep failed'));
      const first = setTimeout(tick, 1_000);
      const timer = setInterval(tick, sweepMs);
      first.unref();
      timer.unref();
      return {
        stop: () => {
          clearTimeout(first);
          clearInterval(timer);
          outbox.stop();
        },
      };
    },
    settle: async () => {
      await invitationCards.fanOutPending();
      await incidentCards.idle();
      await incidentCards.fanOutPending();
      await outbox.drain();
    },
  };
}
