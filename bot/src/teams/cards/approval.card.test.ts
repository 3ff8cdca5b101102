/**
 * The approval cards (issue #15), in English and French and in every state, parsed by the official
 * Adaptive Cards renderer (schema 1.5) with no parse event or validation warning, within 28 KB.
 */
import assert from 'node:assert/strict';
import type { ChangeRequest, Elevation } from '../../core/change-control/model.ts';
import type { Json } from './card.ts';
import { parseEvents } from '../../../test/support/adaptive-cards.ts';
import {
  changeDecidedCard,
  changeRequestCard,
  elevationCard,
  type ApprovalCardInput,
} from './approval.card.ts';

const now = new Date('2026-12-04T10:00:00Z');
const alex = { userId: 'u-1', tenantId: 't-c', name: 'Alex Wilber' };
const request = (extra: Partial<ChangeRequest> = {}): ChangeRequest => ({
  id: '3a215955-cfc5-4791-a577-9507cdf9447a',
  customerTenantId: '81ef14e4-a6b6-502b-8aa7-fb91b2f2b8d8',
  partnerTenantId: 'p',
  relationshipId: 'r',
  action: 'rooms.modify',
  change: {
    kind: 'room.modify',
    roomId: 'x',
    changes: { displayName: 'New', groupIds: ['g1', 'g2'] },
  },
  objectType: 'Room',
  objectId: 'x',
  objectName: 'Seattle 1',
  before: { displayName: 'Old' },
  diff: [
    { field: 'displayName', from: 'Old', to: 'New' },
    { field: 'groupIds', from: ['g1'], to: ['g1', 'g2'] },
  ],
  requestedBy: { userId: 'u-2', tenantId: 'p', name: 'Pradeep Gupta' },
  justification: 'W'.repeat(500),
  requestedAt: new Date('2026-12-04T09:00:00Z'),
  expiresAt: new Date('2026-12-07T09:00:00Z'),
  status: 'pending',
  version: 1,
  ...extra,
});
const elevation = (extra: Partial<Elevation> = {}): Elevation => ({
  id: '4a215955-cfc5-4791-a577-9507cdf9447a',
  customerTenantId: '81ef14e4-a6b6-502b-8aa7-fb91b2f2b8d8',
  partnerTenantId: 'p',
  relationshipId: 'r',
  requestedBy: { userId: 'u-3', tenantId: 'p', name: 'Lee Gu' },
  actions: ['rooms.downloadKey', 'rooms.resetKey'],
  durationMinutes: 90,
  justification: 'Console swap',
  requestedAt: new Date('2026-12-04T09:00:00Z'),
  expiresAt: new Date('2026-12-07T09:00:00Z'),
  status: 'pending',
  version: 1,
  ...extra,
});
const userIds = Array.from(
  { length: 60 },
  (_, i) => `29:${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`
);
const decided = { kind: 'approved' as const, by: alex, at: now };
/** How Fabrikam's approver (or, `readOnly`, anyone else) sees a card now, unless `extra` says. */
const viewer = (lang: 'en' | 'fr', extra: Partial<ApprovalCardInput> = {}): ApprovalCardInput => ({
  partnerName: 'Fabrikam',
  mode: 'actionable',
  lang,
  now,
  ...extra,
});

const kinds: [string, (lang: 'en' | 'fr') => Json][] = [
  [
    'change request (pending, approver)',
    (lang) =>
      changeRequestCard({
        request: request(),
        ...viewer(lang, { refreshUserIds: userIds }),
      }),
  ],
  [
    'change request (pending, read-only)',
    (lang) =>
      changeRequestCard({
        request: request(),
        ...viewer(lang, { mode: 'readOnly' }),
      }),
  ],
  [
    'change request (applied)',
    (lang) =>
      changeRequestCard({
        request: request({
          status: 'applied',
          decision: decided,
          outcome: { at: now, result: 'applied' },
        }),
        ...viewer(lang),
      }),
  ],
  [
    'change request (failed)',
    (lang) =>
      changeRequestCard({
        request: request({
          status: 'failed',
          decision: decided,
          outcome: {
            at: now,
            result: 'refused',
            code: 'CHANGE_REQUEST.CONFLICT',
            message: 'The object changed.',
          },
        }),
        ...viewer(lang),
      }),
  ],
  [
    'change request (rejected)',
    (lang) =>
      changeRequestCard({
        request: request({
          status: 'rejected',
          decision: { kind: 'rejected', by: alex, at: now, reason: 'No' },
        }),
        ...viewer(lang),
      }),
  ],
  [
    'change request (expired)',
    (lang) =>
      changeRequestCard({
        request: request({ status: 'expired' }),
        ...viewer(lang),
      }),
  ],
  [
    'change decided (requester)',
    (lang) =>
      changeDecidedCard(request({ status: 'applied', decision: decided }), 'Contoso', lang, now),
  ],
  [
    'elevation (pending)',
    (lang) =>
      elevationCard({
        elevation: elevation(),
        ...viewer(lang, { refreshUserIds: userIds }),
      }),
  ],
  [
    'elevation (active)',
    (lang) =>
      elevationCard({
        elevation: elevation({
          status: 'active',
          startsAt: now,
          endsAt: new Date(now.getTime() + 5_400_000),
          decision: decided,
        }),
        ...viewer(lang),
      }),
  ],
  [
    'elevation (ended)',
    (lang) =>
      elevationCard({
        elevation: elevation({
          status: 'ended',
          startsAt: now,
          endsAt: now,
          ended: { by: alex, at: now },
        }),
        ...viewer(lang),
      }),
  ],
];

describe('Approval cards (Adaptive Cards)', () => {
  for (const [kind, build] of kinds) {
    for (const lang of ['en', 'fr'] as const) {
      it(`The ${kind} card (${lang}) parses with no error or warning and stays within 28 KB`, () => {
        const json = build(lang);
        assert.deepEqual(parseEvents(json), []);
        assert.ok(Buffer.byteLength(JSON.stringify(json), 'utf8') <= 28 * 1024);
      });
    }
  }

  it('When pending, approvers get Approve and Reject (Action.Execute with a Submit fallback); once decided, no action is left', () => {
    const pending = changeRequestCard({
      request: request(),
      ...viewer('en'),
    });
    const verbs = (pending.actions as Json[]).map((a) => a.verb);
    assert.deepEqual(verbs, ['change.approve', 'change.reject']);
    for (const a of pending.actions as Json[]) assert.deepEqual((a.fallback as Json).data, a.data);
    const readOnly = changeRequestCard({
      request: request(),
      ...viewer('en', { mode: 'readOnly' }),
    });
    assert.equal(readOnly.actions, undefined);
    const done = changeRequestCard({
      request: request({ status: 'applied', decision: decided }),
      ...viewer('en'),
    });
    assert.equal(done.actions, undefined);
    const late = changeRequestCard({
      request: request(),
      ...viewer('en', { now: new Date('2026-12-08T00:00:00Z') }),
    });
    assert.equal(late.actions, undefined, 'a pending request past its deadline shows as expired');
  });
});
