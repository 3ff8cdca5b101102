/**
 * Every card kind, in English and French, parsed by the official Adaptive Cards renderer (schema
 * 1.5) with no parse event or validation warning, and measured against Teams' 28 KB card budget.
 */
import assert from 'node:assert/strict';
import type { Lang } from '../i18n.ts';
import type { Json } from './card.ts';
import { CardVersions, parseEvents } from '../../../test/support/adaptive-cards.ts';
import { helpCard } from './help.card.ts';
import {
  invitationCard,
  reminderCard,
  unavailableInvitationCard,
  type InvitationView,
} from './invitation.card.ts';
import { invitationsListCard } from './invitations-list.card.ts';
import { customersCard } from './customers.card.ts';
import { whoAmICard } from './whoami.card.ts';
import {
  customerPickerCard,
  incidentCard,
  incidentNoticeCard,
  noticeCard,
  ticketsListCard,
  unavailableIncidentCard,
  type IncidentActions,
  type IncidentView,
} from './incident.card.ts';
import { IncidentVerbs } from '../incident-verbs.ts';
import {
  TICKET_STATUSES,
  SEVERITIES,
  nextStatuses,
  type TicketStatus,
} from '../../core/tickets/ticket.model.ts';

const MAX_BYTES = 28 * 1024;
const now = new Date('2026-12-04T10:00:00Z');
const long = (n: number) => 'W'.repeat(n);

const view = (extra: Partial<InvitationView> = {}): InvitationView => ({
  id: '3a215955-cfc5-4791-a577-9507cdf9447a',
  customerTenantId: '81ef14e4-a6b6-502b-8aa7-fb91b2f2b8d8',
  customerName: 'Woodgrove Bank',
  customerDomain: 'woodgrovebank.example',
  scope: { allRooms: false, roomCount: 3, roomGroupCount: 2 },
  changeControl: 'manual',
  createdByName: 'Wanda Kowalski',
  createdAt: new Date('2026-12-01T09:00:00Z'),
  expiresAt: new Date('2026-12-08T09:00:00Z'),
  outcome: null,
  ...extra,
});

// 60 refresh users and 25 choices with long names: the largest cards the bot can produce.
const userIds = Array.from(
  { length: 60 },
  (_, i) => `29:${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`
);
const choices = Array.from({ length: 25 }, (_, i) => ({
  title: `${long(60)} ${i}`,
  value: `user:${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`,
}));

const incident = (extra: Partial<IncidentView> = {}): IncidentView => ({
  id: 'b5c0a8f1-2d7e-4a6b-9c1d-0e2f3a4b5c6d',
  customerTenantId: '81ef14e4-a6b6-502b-8aa7-fb91b2f2b8d8',
  customerName: `Contoso ${long(100)}`,
  roomName: `Seattle ${long(100)}`,
  site: 'Seattle',
  severity: 'Important',
  type: 'camera',
  status: 'Open',
  source: 'signal',
  title: `Room camera unhealthy — ${long(150)}`,
  assigneeName: null,
  firstSeenAt: new Date('2026-12-04T08:00:00Z'),
  lastSeenAt: now,
  signalCount: 12,
  latestNote: null,
  resolvedAt: null,
  closedAt: null,
  closeReason: null,
  version: 7,
  openUrl:
    'https://teams.microsoft.com/l/entity/00000000-0000-0000-0000-000000000000/partnerHub?context=%7B%22subEntityId%22%3A%22incidents%3Fcustomer%3Dx%26ticket%3Dy%22%7D',
  ...extra,
});
/** Everything a technician may do on a ticket in `status` (the widest action set). */
const allActions = (status: TicketStatus, closable: boolean): IncidentActions => ({
  assign: status !== 'Closed',
  acknowledge: status === 'Open',
  statuses: nextStatuses(status).filter((x) => x !== 'Closed'),
  note: status !== 'Closed',
  close: closable && status !== 'Closed',
});
const note = { author: `Diego ${long(60)}`, text: long(4000), at: now };
const rows = Array.from({ length: 10 }, (_, i) => ({
  id: `b5c0a8f1-2d7e-4a6b-9c1d-0e2f3a4b5c${String(i).padStart(2, '0')}`,
  customerTenantId: '81ef14e4-a6b6-502b-8aa7-fb91b2f2b8d8',
  customerName: long(80),
  roomName: long(80),
  title: long(200),
  severity: 'Important' as const,
  status: 'InProgress' as const,
}));
const incidentKinds: [string, (lang: Lang) => Json][] = [];
for (const status of TICKET_STATUSES) {
  for (const severity of SEVERITIES) {
    for (const withNote of [false, true]) {
      for (const source of ['signal', 'customer'] as const) {
        const view = incident({
          status,
          severity,
          source,
          type: source === 'customer' ? 'customerReported' : 'camera',
          signalCount: source === 'signal' ? 12 : null,
          latestNote: withNote ? note : null,
          assigneeName: withNote ? `Grady ${long(60)}` : null,
          ...(status === 'Resolved' ? { resolvedAt: now } : {}),
          ...(status === 'Closed' ? { closedAt: now, closeReason: 'Duplicate' as const } : {}),
        });
        const label = `incident (${status}, ${severity}, ${source}, ${withNote ? 'with a note' : 'no note'})`;
        incidentKinds.push([
          label,
          (lang) =>
            incidentCard({
              incident: view,
              actions: allActions(status, source === 'customer'),
              lang,
              refreshUserIds: userIds,
            }),
        ]);
        incidentKinds.push([
          `${label}, read-only`,
          (lang) => incidentCard({ incident: view, actions: null, lang, refreshUserIds: userIds }),
        ]);
      }
    }
  }
}
incidentKinds.push(
  [
    'incident (channel copy)',
    (lang) =>
      incidentCard({
        incident: incident({ latestNote: note }),
        actions: null,
        lang,
        refreshUserIds: [],
      }),
  ],
  [
    'incident (after a stale click)',
    (lang) =>
      incidentCard({
        incident: incident(),
        actions: allActions('Open', false),
        lang,
        refreshUserIds: userIds,
        notice: { text: long(200), kind: 'attention' },
      }),
  ],
  [
    'incident (no refresh: a command’s answer)',
    (lang) =>
      incidentCard({
        incident: incident({ site: null }),
        actions: allActions('InProgress', true),
        lang,
        refreshUserIds: null,
      }),
  ],
  ['incident (unavailable)', (lang) => unavailableIncidentCard(lang)],
  [
    'tickets list (assigned + 10 others, more)',
    (lang) => ticketsListCard({ lang, assigned: rows, others: rows, nextCursor: long(200) }),
  ],
  [
    'tickets list (next page)',
    (lang) => ticketsListCard({ lang, assigned: [], others: rows, continued: true }),
  ],
  ['tickets list (empty)', (lang) => ticketsListCard({ lang, assigned: [], others: [] })],
  [
    'customer picker (buttons)',
    (lang) =>
      customerPickerCard({
        lang,
        verb: IncidentVerbs.subscribe,
        customers: rows
          .slice(0, 5)
          .map((r) => ({ customerTenantId: r.customerTenantId, name: r.customerName })),
      }),
  ],
  [
    'customer picker (list)',
    (lang) =>
      customerPickerCard({
        lang,
        verb: IncidentVerbs.unsubscribe,
        customers: Array.from({ length: 100 }, (_, i) => ({
          customerTenantId: `${i}`,
          name: long(80),
        })),
      }),
  ],
  ['alerts notice', () => noticeCard(long(40), [long(300), long(300)])],
  [
    'incident notice (reopened)',
    (lang) =>
      incidentNoticeCard({
        lang,
        kind: 'reopened',
        title: long(200),
        ticketId: 'x',
        customerTenantId: 'y',
        openUrl: incident().openUrl,
      }),
  ],
  [
    'incident notice (escalated)',
    (lang) =>
      incidentNoticeCard({
        lang,
        kind: 'escalated',
        title: long(200),
        ticketId: 'x',
        customerTenantId: 'y',
        openUrl: incident().openUrl,
      }),
  ]
);

const kinds: [string, (lang: Lang) => Json][] = [
  ...incidentKinds,
  ['help', (lang) => helpCard({ lang })],
  [
    'help (welcome, not understood)',
    (lang) => helpCard({ lang, welcome: true, unknown: long(200) }),
  ],
  [
    'invitation (actionable)',
    (lang) =>
      invitationCard({
        invitation: view(),
        mode: 'actionable',
        lang,
        now,
        refreshUserIds: userIds,
      }),
  ],
  [
    'invitation (read-only)',
    (lang) =>
      invitationCard({ invitation: view(), mode: 'readOnly', lang, now, refreshUserIds: userIds }),
  ],
  [
    'invitation (accept: Primary admins)',
    (lang) =>
      invitationCard({
        invitation: view(),
        mode: 'accept',
        lang,
        now,
        choices,
        refreshUserIds: userIds,
      }),
  ],
  [
    'invitation (decline confirmation)',
    (lang) => invitationCard({ invitation: view(), mode: 'decline', lang, now, notice: long(100) }),
  ],
  [
    'invitation (accepted)',
    (lang) =>
      invitationCard({
        invitation: view({ outcome: { kind: 'accepted', byName: 'Lee Gu', at: now } }),
        mode: 'actionable',
        lang,
        now,
        refreshUserIds: userIds,
      }),
  ],
  [
    'invitation (declined)',
    (lang) =>
      invitationCard({
        invitation: view({ outcome: { kind: 'declined', byName: 'Lynne Robbins', at: now } }),
        mode: 'actionable',
        lang,
        now,
      }),
  ],
  [
    'invitation (withdrawn)',
    (lang) =>
      invitationCard({
        invitation: view({ outcome: { kind: 'withdrawn', byName: 'Wanda', at: now } }),
        mode: 'actionable',
        lang,
        now,
      }),
  ],
  [
    'invitation (expired)',
    (lang) =>
      invitationCard({
        invitation: view({ outcome: { kind: 'expired', at: now } }),
        mode: 'actionable',
        lang,
        now,
      }),
  ],
  ['invitation (unavailable)', (lang) => unavailableInvitationCard(lang)],
  ['reminder', (lang) => reminderCard(view(), 3, lang)],
  [
    'invitations list (10)',
    (lang) =>
      invitationsListCard({
        lang,
        more: true,
        items: Array.from({ length: 10 }, () => view({ customerName: long(120) })),
      }),
  ],
  ['invitations list (empty)', (lang) => invitationsListCard({ lang, more: false, items: [] })],
  [
    'customers',
    (lang) =>
      customersCard({
        lang,
        rows: Array.from({ length: 1000 }, (_, i) => ({
          name: `${long(80)} ${i}`,
          domain: 'contoso.example',
          own: i === 0,
          roles: ['Primary admins', 'Help desk'],
          permissionCount: 19,
        })),
      }),
  ],
  ['customers (none)', (lang) => customersCard({ lang, rows: [] })],
  [
    'whoami',
    (lang) =>
      whoAmICard({
        lang,
        displayName: 'Megan Bowen',
        userPrincipalName: 'megan@fabrikam.example',
        tenantName: 'Fabrikam Managed Services',
        tenantId: 'x',
        isGlobalAdmin: true,
        isRoomsProManager: true,
        isTenantManager: true,
      }),
  ],
];

/**
 * Teams documents `choices.data` (Data.Query typeahead) on Input.ChoiceSet for cards of any
 * version (its own example declares 1.2); the renderer files it under 1.6. That one notice is the
 * only one tolerated, and the card must then parse cleanly at 1.6 too.
 */
const TEAMS_TYPEAHEAD =
  'Property "choices.data" is supported in version 1.6, but you are using version 1.5.';

describe('Adaptive Cards', () => {
  const sizes: string[] = [];
  after(() => {
    if (process.env.CARD_SIZES) process.stdout.write(`${sizes.join('\n')}\n`);
  });
  for (const [kind, build] of kinds) {
    for (const lang of ['en', 'fr'] as const) {
      it(`The ${kind} card (${lang}) parses with no error or warning and stays within 28 KB`, () => {
        const json = build(lang);
        assert.equal(json.version, '1.5');
        const events = parseEvents(json);
        if (kind.includes('Primary admins')) {
          assert.deepEqual(events, [TEAMS_TYPEAHEAD]);
          assert.deepEqual(parseEvents(json, CardVersions.v1_6), []);
        } else {
          assert.deepEqual(events, []);
        }
        const bytes = Buffer.byteLength(JSON.stringify(json), 'utf8');
        sizes.push(`${kind} ${lang}: ${bytes} B`);
        assert.ok(bytes <= MAX_BYTES, `${bytes} bytes`);
      });
    }
  }

  it('Every action is an Action.Execute with an Action.Submit fallback carrying the same data', () => {
    const json = invitationCard({ invitation: view(), mode: 'accept', lang: 'en', now, choices });
    for (const a of json.actions as Json[]) {
      assert.equal(a.type, 'Action.Execute');
      const fallback = a.fallback as Json;
      assert.equal(fallback.type, 'Action.Submit');
      assert.deepEqual(fallback.data, a.data);
    }
  });

  it('An incident card offers exactly the actions it is given, and a resolved or closed one none but Open in the tab', () => {
    const verbs = (json: Json) => JSON.stringify(json.actions).match(/"verb":"[^"]+"/g) ?? [];
    const open = incidentCard({
      incident: incident(),
      actions: allActions('Open', false),
      lang: 'en',
      refreshUserIds: [],
    });
    assert.deepEqual([...new Set(verbs(open))].sort(), [
      `"verb":"${IncidentVerbs.acknowledge}"`,
      `"verb":"${IncidentVerbs.assign}"`,
      `"verb":"${IncidentVerbs.note}"`,
      `"verb":"${IncidentVerbs.status}"`,
    ]);
    const readOnly = incidentCard({
      incident: incident(),
      actions: null,
      lang: 'en',
      refreshUserIds: [],
    });
    assert.deepEqual(
      (readOnly.actions as Json[]).map((a) => a.type),
      ['Action.OpenUrl']
    );
    for (const status of ['Resolved', 'Closed'] as const) {
      const done = incidentCard({
        incident: incident({ status }),
        actions: allActions(status, true),
        lang: 'en',
        refreshUserIds: [],
      });
      assert.deepEqual(
        (done.actions as Json[]).map((a) => a.type),
        ['Action.OpenUrl'],
        status
      );
    }
  });

  it('A card is a pure function of its view model', () => {
    const a = invitationCard({ invitation: view(), mode: 'actionable', lang: 'fr', now });
    const b = invitationCard({ invitation: view(), mode: 'actionable', lang: 'fr', now });
    assert.deepEqual(a, b);
  });
});
