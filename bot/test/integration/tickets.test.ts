/**
 * Tickets, incidents, reports and signal ingestion through HTTP: every route as a customer admin,
 * a partner Primary admin scoped to Contoso's US rooms, a technician with a view-only custom
 * role, a customer employee without rights and a foreign customer; the state machine; signals
 * (keys, idempotency under 50 parallel requests, escalation, clear/reopen); audit records.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { demoId } from '../../src/seed/demo-id.ts';
import { Collections, type AuditDoc } from '../../src/data/collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { TicketCollections, type TicketDoc } from '../../src/data/tickets.collections.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';
import { NOTES_PER_TICKET_MAX } from '../../src/core/tickets/ticket.model.ts';

const CONTOSO = ids.tenant('contoso');
const WOODGROVE = ids.tenant('woodgrove');
const FAB = ids.tenant('fabrikam');
const TICKETS = `/api/customers/${CONTOSO}/tickets`;
const US_ROOMS = new Set(Array.from({ length: 10 }, (_, n) => ids.room('contoso', n)));
/** Seeded Contoso tickets (tickets.seed.ts): index → room. 6 and 7 are on EMEA rooms. */
const seeded = (n: number) => demoId(`ticket:contoso:${n}`);
const EMEA_TICKET = seeded(6);
const US_OPEN_TICKET = seeded(0);
/** A recorded issue (customer-reported, open) on a US room: people may close these. */
const RECORDED_TICKET = seeded(3);

describe('Tickets, incidents, reports and signals', function () {
  let app: TestApp;
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    const people = [
      'contoso/alex', // customer Global admin: every Contoso room
      'contoso/miriam', // Contoso employee without any role
      'woodgrove/wanda', // Global admin of another customer
      'fabrikam/megan', // partner Global admin, no role in Contoso
      'fabrikam/pradeep', // Primary admin of Contoso, relationship scope: US rooms
      'fabrikam/nestor', // partner employee: a view-only custom role in Contoso (below)
    ];
    await Promise.all(
      people.map(async (p) => {
        const [tenant, user] = p.split('/') as [string, string];
        t[p] = await app.tokenFor(tenant, user);
      })
    );
    // A view-only partner role for Nestor, on all rooms (still bounded by US rooms).
    const roleId = crypto.randomUUID();
    await app.store.collection<RoleDoc>(RoleCollections.roles).insertOne({
      _id: roleId,
      tenantId: CONTOSO,
      partnerTenantId: FAB,
      name: 'Ticket viewers',
      description: 'Read tickets only',
      permissions: ['tickets.view'],
      createdAt: new Date(),
      createdBy: ids.user('fabrikam', 'pradeep'),
    });
    await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
      _id: crypto.randomUUID(),
      tenantId: CONTOSO,
      partnerTenantId: FAB,
      roleId,
      members: [{ type: 'user', id: ids.user('fabrikam', 'nestor') }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      notify: false,
      createdAt: new Date(),
      createdBy: ids.user('fabrikam', 'pradeep'),
    });
  });
  after(() => app.close());

  const expectError = (r: CallResult, status: number, code: string) => {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.code, code, r.text);
  };
  const items = (r: CallResult) => {
    assert.equal(r.status, 200, r.text);
    return r.body.items!;
  };
  const auditOf = (tenantId: string, objectId: string) =>
    app.store
      .collection<AuditDoc>(Collections.audit)
      .find({ tenantId, objectId }, { sort: { at: 1 } })
      .toArray();
  const tickets = () => app.store.collection<TicketDoc>(TicketCollections.tickets);
  const signal = (key: string | undefined, body: Record<string, unknown>) =>
    app.call('POST', '/api/signals', {
      headers: key ? { 'x-ingest-key': key } : {},
      body: {
        tenantId: CONTOSO,
        roomId: ids.room('contoso', 2),
        type: 'speaker',
        severity: 'Warning',
        state: 'raised',
        observedAt: new Date().toISOString(),
        ...body,
      },
    });
  const KEY = devIngestKey(CONTOSO);

  describe('lists and details', () => {
    it('When the customer admin lists tickets, then every seeded Contoso ticket comes, newest first', async () => {
      const list = items(
        await app.call('GET', `${TICKETS}?limit=200`, { token: t['contoso/alex'] })
      );
      assert.equal(list.length, 8);
      const times = list.map((i) => Date.parse(String(i.createdAt)));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a)
      );
    });

    it('When the partner Primary admin lists tickets, then only tickets of rooms in the relationship scope come', async () => {
      const list = items(
        await app.call('GET', `${TICKETS}?limit=200`, { token: t['fabrikam/pradeep'] })
      );
      assert.equal(list.length, 6);
      for (const i of list)
        assert.ok(US_ROOMS.has(String(i.roomId)), `${i.roomId} is outside the scope`);
    });

    it('When filters are given, then only matching tickets come, and unknown filters are refused', async () => {
      const open = items(
        await app.call('GET', `${TICKETS}?status=Open`, { token: t['contoso/alex'] })
      );
      assert.ok(open.length > 0 && open.every((i) => i.status === 'Open'));
      const important = items(
        await app.call('GET', `${TICKETS}?severity=Important&type=display`, {
          token: t['contoso/alex'],
        })
      );
      assert.ok(important.every((i) => i.severity === 'Important' && i.type === 'display'));
      const future = items(
        await app.call('GET', `${TICKETS}?from=${new Date(Date.now() + 3600_000).toISOString()}`, {
          token: t['contoso/alex'],
        })
      );
      assert.equal(future.length, 0);
      expectError(
        await app.call('GET', `${TICKETS}?owner=me`, { token: t['contoso/alex'] }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('GET', `${TICKETS}?status=Pending`, { token: t['contoso/alex'] }),
        400,
        'REQUEST.INVALID'
      );
    });

    it('When callers without rights in Contoso list or read its tickets, then the customer is not found', async () => {
      for (const who of ['contoso/miriam', 'woodgrove/wanda', 'fabrikam/megan']) {
        expectError(await app.call('GET', TICKETS, { token: t[who] }), 404, 'CUSTOMER.NOT_FOUND');
        expectError(
          await app.call('GET', `${TICKETS}/${US_OPEN_TICKET}`, { token: t[who] }),
          404,
          'CUSTOMER.NOT_FOUND'
        );
      }
      expectError(await app.call('GET', TICKETS), 401, 'AUTH.MISSING_TOKEN');
    });

    it('When the partner reads a ticket outside its scope, then it is not found; inside, it comes with notes and history', async () => {
      expectError(
        await app.call('GET', `${TICKETS}/${EMEA_TICKET}`, { token: t['fabrikam/pradeep'] }),
        404,
        'TICKET.NOT_FOUND'
      );
      const r = await app.call('GET', `${TICKETS}/${seeded(1)}`, { token: t['fabrikam/pradeep'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.customerTenantId, CONTOSO);
      assert.ok((r.body.notes as unknown[]).length > 0);
      assert.ok((r.body.history as unknown[]).length > 1);
      // A Contoso ticket id under another customer's path is not found there.
      expectError(
        await app.call('GET', `/api/customers/${WOODGROVE}/tickets/${US_OPEN_TICKET}`, {
          token: t['woodgrove/wanda'],
        }),
        404,
        'TICKET.NOT_FOUND'
      );
    });
  });

  describe('aggregate incidents view', () => {
    it('When the partner opens the aggregate view, then it gets exactly its visible tickets, with customer names', async () => {
      const list = items(
        await app.call('GET', '/api/incidents?limit=200', { token: t['fabrikam/pradeep'] })
      );
      assert.equal(list.length, 6);
      for (const i of list) {
        assert.equal(i.customerTenantId, CONTOSO);
        assert.equal(i.customerName, 'Contoso Ltd');
        assert.ok(US_ROOMS.has(String(i.roomId)));
      }
    });

    it('When the aggregate view is paged, then the pages cover every visible ticket once, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const r = await app.call(
          'GET',
          `/api/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token: t['fabrikam/pradeep'] }
        );
        seen.push(...items(r).map((i) => String(i.id)));
        cursor = r.body.nextCursor as string | undefined;
      } while (cursor);
      const all = items(
        await app.call('GET', '/api/incidents?limit=200', { token: t['fabrikam/pradeep'] })
      ).map((i) => String(i.id));
      assert.deepEqual(seen, all);
    });

    it('When filtering by customer and severity, then only matching tickets come; a foreign customer gives nothing', async () => {
      const r = items(
        await app.call('GET', `/api/incidents?customerTenantId=${CONTOSO}&severity=Important`, {
          token: t['fabrikam/pradeep'],
        })
      );
      assert.ok(
        r.length > 0 && r.every((i) => i.severity === 'Important' && i.customerTenantId === CONTOSO)
      );
      assert.equal(
        items(
          await app.call('GET', `/api/incidents?customerTenantId=${WOODGROVE}`, {
            token: t['fabrikam/pradeep'],
          })
        ).length,
        0
      );
    });

    it('When the aggregate view lists tickets, then each item is the list shape (no description, notes or history; the latest note) and the ticket route has the rest', async () => {
      const tok = t['fabrikam/pradeep'];
      // A ticket the other tests do not audit step by step.
      const first = items(await app.call('GET', '/api/incidents?limit=200', { token: tok })).find(
        (i) => i.id !== US_OPEN_TICKET && i.id !== RECORDED_TICKET
      )!;
      const url = `/api/customers/${String(first.customerTenantId)}/tickets/${String(first.id)}`;
      for (const text of ['First look.', 'Second look.']) {
        const r = await app.call('POST', `${url}/notes`, { token: tok, body: { text } });
        assert.equal(r.status, 201, r.text);
      }
      const item = items(await app.call('GET', '/api/incidents?limit=200', { token: tok })).find(
        (i) => i.id === first.id
      )!;
      const whole = await app.call('GET', url, { token: tok });
      assert.equal(whole.status, 200, whole.text);
      for (const field of ['description', 'notes', 'history']) {
        assert.ok(!(field in item), `the list item carries ${field}`);
        assert.ok(field in whole.body, `the ticket lacks ${field}`);
      }
      const notes = whole.body.notes as { id: string; text: string }[];
      assert.deepEqual(item.latestNote, notes[notes.length - 1]);
      assert.equal((item.latestNote as { text: string }).text, 'Second look.');
      assert.equal(item.customerName, 'Contoso Ltd');
      // Every other field is the ticket's own.
      const { description: _d, notes: _n, history: _h, ...rest } = whole.body;
      assert.deepEqual({ ...rest, customerName: 'Contoso Ltd', latestNote: item.latestNote }, item);
    });

    it('When the aggregate view lists every kind of ticket (signal, resolved, closed, assigned), then each item is its ticket less description, notes and history', async () => {
      const tok = t['fabrikam/pradeep'];
      const list = async () =>
        items(await app.call('GET', '/api/incidents?limit=200', { token: tok }));
      const ticketUrl = (i: Record<string, unknown>) =>
        `/api/customers/${String(i.customerTenantId)}/tickets/${String(i.id)}`;
      // One more ticket taken by someone (the demo data has none), not one the other tests audit.
      const free = (await list()).find(
        (i) => i.id !== US_OPEN_TICKET && i.id !== RECORDED_TICKET && !i.assignee
      )!;
      const taken = await app.call('POST', `${ticketUrl(free)}/assign-to-me`, {
        token: tok,
        body: {},
      });
      assert.equal(taken.status, 200, taken.text);
      const all = await list();
      for (const field of ['signal', 'resolvedAt', 'closedAt', 'closeReason', 'assignee']) {
        assert.ok(
          all.some((i) => field in i),
          `no item with ${field}`
        );
      }
      for (const item of all) {
        const whole = await app.call('GET', ticketUrl(item), { token: tok });
        assert.equal(whole.status, 200, whole.text);
        const { description: _d, notes, history: _h, ...rest } = whole.body;
        const latest = (notes as unknown[]).at(-1);
        assert.deepEqual(item, {
          ...rest,
          customerName: item.customerName,
          ...(latest ? { latestNote: latest } : {}),
        });
      }
    });

    it('When users without ticket rights anywhere open the aggregate view, then it is empty; customers see their own', async () => {
      assert.equal(
        items(await app.call('GET', '/api/incidents', { token: t['fabrikam/megan'] })).length,
        0
      );
      assert.equal(
        items(await app.call('GET', '/api/incidents', { token: t['contoso/miriam'] })).length,
        0
      );
      const wanda = items(
        await app.call('GET', '/api/incidents?limit=200', { token: t['woodgrove/wanda'] })
      );
      assert.ok(wanda.length > 0 && wanda.every((i) => i.customerTenantId === WOODGROVE));
    });
  });

  describe('report summary', () => {
    const SUMMARY = `/api/customers/${CONTOSO}/reports/summary`;
    it('When the customer admin and the partner read the summary, then the partner counts stop at the scope', async () => {
      const own = await app.call('GET', SUMMARY, { token: t['contoso/alex'] });
      const partner = await app.call('GET', SUMMARY, { token: t['fabrikam/pradeep'] });
      assert.equal(own.status, 200, own.text);
      assert.equal(partner.status, 200, partner.text);
      const rooms = (r: CallResult) => r.body.rooms as { total: number };
      assert.equal(rooms(own).total, 13);
      assert.equal(rooms(partner).total, 10);
      const open = (r: CallResult) =>
        Object.values(
          (r.body.incidents as { openBySeverity: Record<string, number> }).openBySeverity
        ).reduce((a, b) => a + b, 0);
      // Naive count of open tickets straight from the store, with and without the EMEA rooms.
      const docs = await tickets().find({ tenantId: CONTOSO }).toArray();
      const active = docs.filter((d) => ['Open', 'Acknowledged', 'InProgress'].includes(d.status));
      assert.equal(open(own), active.length);
      assert.equal(open(partner), active.filter((d) => US_ROOMS.has(d.roomId)).length);
      assert.ok(open(partner) < open(own));
    });

    it('When callers lacking reports.view ask, then they are refused', async () => {
      expectError(
        await app.call('GET', SUMMARY, { token: t['fabrikam/nestor'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', SUMMARY, { token: t['contoso/miriam'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      expectError(
        await app.call('GET', SUMMARY, { token: t['woodgrove/wanda'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
    });
  });

  describe('updates, notes, close', () => {
    it('When the partner walks a recorded issue through the state machine to Closed, then each step is recorded and impossible steps are 409', async () => {
      const url = `${TICKETS}/${RECORDED_TICKET}`;
      const tok = t['fabrikam/pradeep'];
      let r = await app.call('PATCH', url, { token: tok, body: { status: 'Acknowledged' } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'Acknowledged');
      expectError(
        await app.call('PATCH', url, { token: tok, body: { status: 'Open' } }),
        409,
        'TICKET.INVALID_TRANSITION'
      );
      expectError(
        await app.call('PATCH', url, { token: tok, body: { status: 'Acknowledged' } }),
        409,
        'TICKET.UNCHANGED'
      );
      r = await app.call('PATCH', url, {
        token: tok,
        body: { status: 'InProgress', severity: 'Important' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.severity, 'Important');
      r = await app.call('POST', `${url}/close`, { token: tok, body: { reason: 'Resolved' } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'Closed');
      assert.ok(r.body.closedAt);
      const history = r.body.history as {
        action: string;
        from?: string;
        to?: string;
        actor: { tenantId: string };
      }[];
      assert.deepEqual(
        history.slice(-4).map((h) => `${h.action}:${h.from}->${h.to}`),
        [
          'status:Open->Acknowledged',
          'status:Acknowledged->InProgress',
          'severity:Warning->Important',
          'closed:InProgress->Closed',
        ]
      );
      assert.ok(history.slice(-4).every((h) => h.actor.tenantId === FAB));
      expectError(
        await app.call('PATCH', url, { token: tok, body: { status: 'Resolved' } }),
        409,
        'TICKET.CLOSED'
      );
      expectError(
        await app.call('POST', `${url}/close`, { token: tok, body: { reason: 'Resolved' } }),
        409,
        'TICKET.INVALID_TRANSITION'
      );
      expectError(
        await app.call('POST', `${url}/notes`, { token: tok, body: { text: 'late' } }),
        409,
        'TICKET.CLOSED'
      );
      expectError(
        await app.call('PATCH', url, { token: tok, body: { status: 'Closed' } }),
        400,
        'REQUEST.INVALID'
      );
      expectError(await app.call('PATCH', url, { token: tok, body: {} }), 400, 'REQUEST.INVALID');

      // Audit: one record per call in the partner's and in Contoso's log, denials as Failed.
      const contosoLog = await auditOf(CONTOSO, RECORDED_TICKET);
      const fabLog = await auditOf(FAB, RECORDED_TICKET);
      // (Bodies refused by schema validation never reach the use case, so they are not audited.)
      assert.equal(contosoLog.length, 8);
      assert.equal(fabLog.length, 8);
      assert.deepEqual(
        contosoLog.map((a) => a.result),
        ['Successful', 'Failed', 'Failed', 'Successful', 'Successful', 'Failed', 'Failed', 'Failed']
      );
      assert.ok(contosoLog.every((a) => a.category === 'Ticket' && a.actorTenantId === FAB));
      assert.equal(contosoLog[1]!.detail, 'TICKET.INVALID_TRANSITION');
    });

    it('When someone tries to close a ticket raised by a signal, then 409: it resolves with its signal and keeps its ticket', async () => {
      const url = `${TICKETS}/${US_OPEN_TICKET}`;
      const tok = t['fabrikam/pradeep'];
      expectError(
        await app.call('POST', `${url}/close`, { token: tok, body: { reason: 'Resolved' } }),
        409,
        'TICKET.NOT_USER_CLOSABLE'
      );
      expectError(
        await app.call('POST', `${url}/close`, {
          token: t['contoso/alex'],
          body: { reason: 'Other' },
        }),
        409,
        'TICKET.NOT_USER_CLOSABLE'
      );
      // People may still mark it resolved; it stays the signal's one ticket.
      const r = await app.call('PATCH', url, { token: tok, body: { status: 'Resolved' } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'Resolved');
      const log = await auditOf(CONTOSO, US_OPEN_TICKET);
      assert.deepEqual(
        log.map((a) => `${a.result}:${a.detail ?? ''}`),
        ['Failed:TICKET.NOT_USER_CLOSABLE', 'Failed:TICKET.NOT_USER_CLOSABLE', 'Successful:']
      );
    });

    it("When a note is added, then the ticket, its history entry and both audit records (the partner's and the customer's log) are written, and the record is the one the write named", async () => {
      const url = `${TICKETS}/${US_OPEN_TICKET}`;
      const tok = t['fabrikam/pradeep'];
      const before = {
        contoso: await auditOf(CONTOSO, US_OPEN_TICKET),
        fab: await auditOf(FAB, US_OPEN_TICKET),
      };
      const r = await app.call('POST', `${url}/notes`, {
        token: tok,
        body: { text: 'Audited together.' },
      });
      assert.equal(r.status, 201, r.text);
      // The answer is the note, its history entry and the ticket as stored (computed from the
      // version the change started from), without the ticket's notes and history again.
      const { description, notes, history, ...brief } = (await app.call('GET', url, { token: tok }))
        .body as { description: string; notes: unknown[]; history: unknown[] };
      assert.ok(description !== undefined);
      assert.deepEqual(Object.keys(r.body).sort(), ['history', 'note', 'ticket']);
      assert.deepEqual(r.body.ticket, brief);
      assert.deepEqual(r.body.note, notes.at(-1));
      assert.deepEqual(r.body.history, history.slice(-1));
      assert.equal((r.body.note as { text: string }).text, 'Audited together.');
      const patched = await app.call('PATCH', url, { token: tok, body: { status: 'Open' } });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.resolvedAt, undefined);
      assert.deepEqual(patched.body, (await app.call('GET', url, { token: tok })).body);
      const stored = (await tickets().findOne({ _id: US_OPEN_TICKET }))!;
      const note = stored.notes.find((n) => n.text === 'Audited together.')!;
      assert.ok(note);
      assert.ok(stored.history.some((h) => h.action === 'note' && h.detail === note.id));
      for (const [tenant, earlier] of [
        [CONTOSO, before.contoso],
        [FAB, before.fab],
      ] as const) {
        const added = (await auditOf(tenant, US_OPEN_TICKET)).slice(earlier.length);
        assert.deepEqual(
          added.map((a) => [a.result, a.operation, a.actorId, a.actorTenantId, a.actorName]),
          [1, 2].map(() => [
            'Successful',
            'Update',
            ids.user('fabrikam', 'pradeep'),
            FAB,
            'Pradeep Gupta',
          ]),
          `one Successful record per change in ${tenant}'s log`
        );
      }
    });

    it('When a note is refused, then only a Failed record is written and no note', async () => {
      const url = `${TICKETS}/${US_OPEN_TICKET}`;
      const before = (await auditOf(CONTOSO, US_OPEN_TICKET)).length;
      const refused = await app.call('POST', `${url}/notes`, {
        token: t['fabrikam/nestor'],
        body: { text: 'View-only people cannot add notes.' },
      });
      assert.equal(refused.status, 403, refused.text);
      const added = (await auditOf(CONTOSO, US_OPEN_TICKET)).slice(before);
      assert.deepEqual(
        added.map((a) => a.result),
        ['Failed']
      );
      const stored = (await tickets().findOne({ _id: US_OPEN_TICKET }))!;
      assert.ok(!stored.notes.some((n) => n.text === 'View-only people cannot add notes.'));
    });

    it('When a caller updates a ticket it cannot see or may only view, then 404 / 403, audited as Failed', async () => {
      expectError(
        await app.call('PATCH', `${TICKETS}/${EMEA_TICKET}`, {
          token: t['fabrikam/pradeep'],
          body: { status: 'Acknowledged' },
        }),
        404,
        'TICKET.NOT_FOUND'
      );
      const viewable = items(await app.call('GET', TICKETS, { token: t['fabrikam/nestor'] }));
      assert.ok(viewable.length > 0);
      const id = String(viewable[0]!.id);
      expectError(
        await app.call('PATCH', `${TICKETS}/${id}`, {
          token: t['fabrikam/nestor'],
          body: { severity: 'Warning' },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', `${TICKETS}/${id}/notes`, {
          token: t['fabrikam/nestor'],
          body: { text: 'hi' },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', `${TICKETS}/${id}/close`, {
          token: t['contoso/miriam'],
          body: { reason: 'Other' },
        }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      expectError(
        await app.call('POST', `${TICKETS}/${id}/close`, {
          token: t['woodgrove/wanda'],
          body: { reason: 'Other' },
        }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      const emea = await auditOf(FAB, EMEA_TICKET);
      assert.equal(emea.length, 1);
      assert.equal(emea[0]!.result, 'Failed');
      assert.equal(emea[0]!.detail, 'TICKET.NOT_FOUND');
      const denied = await auditOf(CONTOSO, id);
      assert.ok(
        denied.some(
          (a) =>
            a.actorId === ids.user('fabrikam', 'nestor') &&
            a.result === 'Failed' &&
            a.detail === 'AUTHZ.FORBIDDEN'
        )
      );
      // Miriam and Wanda are recorded in their own logs only (no rights in Contoso).
      assert.ok(
        (await auditOf(WOODGROVE, id)).some(
          (a) => a.result === 'Failed' && a.detail === 'CUSTOMER.NOT_FOUND'
        )
      );
      assert.ok(!denied.some((a) => a.actorTenantId === WOODGROVE));
    });

    it('When ten notes are added at once, then all ten and their history entries are kept', async () => {
      const url = `${TICKETS}/${seeded(2)}/notes`;
      const before = (await tickets().findOne({ tenantId: CONTOSO, _id: seeded(2) }))!;
      const rs = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          app.call('POST', url, { token: t['contoso/alex'], body: { text: `note ${i}` } })
        )
      );
      for (const r of rs) assert.equal(r.status, 201, r.text);
      const after = (await tickets().findOne({ tenantId: CONTOSO, _id: seeded(2) }))!;
      assert.equal(after.notes.length, before.notes.length + 10);
      assert.equal(after.history.length, before.history.length + 10);
      assert.deepEqual(
        new Set(after.notes.slice(-10).map((n) => n.text)),
        new Set(Array.from({ length: 10 }, (_, i) => `note ${i}`))
      );
      assert.equal(after.notes.at(-1)!.author.name, 'Alex Wilber');
    });

    it('When a ticket holds the most notes it may, then one more is refused and nothing is written', async () => {
      const recorded = await app.call('POST', TICKETS, {
        token: t['contoso/alex'],
        body: { roomId: ids.room('contoso', 3), title: 'Many notes' },
      });
      assert.equal(recorded.status, 201, recorded.text);
      const id = String(recorded.body.id);
      const author = { id: 'u', tenantId: CONTOSO, name: 'Someone' };
      const at = new Date();
      // The notes a long-running ticket collected, all but the last one the limit allows.
      const earlier = Array.from({ length: NOTES_PER_TICKET_MAX - 1 }, (_, i) => ({
        id: `n${i}`,
        author,
        text: `note ${i}`,
        at,
      }));
      await tickets().updateOne(
        { tenantId: CONTOSO, _id: id },
        { $push: { notes: { $each: earlier } } }
      );
      const note = (text: string) =>
        app.call('POST', `${TICKETS}/${id}/notes`, { token: t['contoso/alex'], body: { text } });
      const last = await note('The last one');
      assert.equal(last.status, 201, last.text);
      assert.equal((last.body.note as { text: string }).text, 'The last one');
      expectError(await note('One too many'), 409, 'TICKET.NOTES_LIMIT');
      const stored = (await tickets().findOne({ tenantId: CONTOSO, _id: id }))!;
      assert.equal(stored.notes.length, NOTES_PER_TICKET_MAX);
      assert.equal(stored.notes.at(-1)!.text, 'The last one');
      assert.equal(stored.history.filter((h) => h.action === 'note').length, 1);
    });

    it('When a note is empty or too long, then it is refused', async () => {
      const url = `${TICKETS}/${seeded(2)}/notes`;
      expectError(
        await app.call('POST', url, { token: t['contoso/alex'], body: { text: '   ' } }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('POST', url, { token: t['contoso/alex'], body: { text: 'x'.repeat(4001) } }),
        400,
        'REQUEST.INVALID'
      );
    });
  });

  describe('record an issue', () => {
    it('When the partner records an issue on a room in scope, then a customer-reported ticket exists, audited in both logs', async () => {
      const r = await app.call('POST', TICKETS, {
        token: t['fabrikam/pradeep'],
        body: {
          roomId: ids.room('contoso', 5),
          title: 'Projector hums',
          description: 'Loud fan',
          highImpact: true,
          justification: 'Board meeting',
        },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.source, 'customer');
      assert.equal(r.body.type, 'customerReported');
      assert.equal(r.body.severity, 'Important');
      assert.equal(r.body.status, 'Open');
      const log = await auditOf(CONTOSO, String(r.body.id));
      assert.equal(log.length, 1);
      assert.equal(log[0]!.operation, 'Create');
      assert.equal(log[0]!.actorTenantId, FAB);
      assert.equal((await auditOf(FAB, String(r.body.id))).length, 1);
    });

    it('When the room is outside the scope, unknown, or the caller lacks the permission, then it is refused', async () => {
      const body = (room: number) => ({ roomId: ids.room('contoso', room), title: 'x' });
      expectError(
        await app.call('POST', TICKETS, { token: t['fabrikam/pradeep'], body: body(12) }),
        404,
        'TICKET.ROOM_NOT_FOUND'
      );
      expectError(
        await app.call('POST', TICKETS, {
          token: t['fabrikam/pradeep'],
          body: { ...body(5), roomId: ids.room('woodgrove', 1) },
        }),
        404,
        'TICKET.ROOM_NOT_FOUND'
      );
      expectError(
        await app.call('POST', TICKETS, { token: t['fabrikam/nestor'], body: body(5) }),
        404,
        'TICKET.ROOM_NOT_FOUND'
      );
      expectError(
        await app.call('POST', TICKETS, {
          token: t['contoso/alex'],
          body: { ...body(5), highImpact: true },
        }),
        400,
        'TICKET.JUSTIFICATION_REQUIRED'
      );
      expectError(
        await app.call('POST', TICKETS, { token: t['woodgrove/wanda'], body: body(5) }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      expectError(
        await app.call('POST', TICKETS, {
          token: t['contoso/alex'],
          body: { ...body(5), tenantId: WOODGROVE },
        }),
        400,
        'REQUEST.INVALID'
      );
    });
  });

  describe('signal ingestion', () => {
    it('When the ingest key is missing, wrong, an Entra token, or for another tenant, then the signal is refused', async () => {
      expectError(await signal(undefined, {}), 401, 'SIGNAL.KEY_MISSING');
      expectError(await signal('not-a-key', {}), 401, 'SIGNAL.KEY_INVALID');
      expectError(
        await signal(devIngestKey(WOODGROVE).slice(0, -1) + 'x', {}),
        401,
        'SIGNAL.KEY_INVALID'
      );
      const bearer = await app.call('POST', '/api/signals', { token: t['contoso/alex'], body: {} });
      expectError(bearer, 401, 'SIGNAL.KEY_MISSING');
      expectError(await signal(devIngestKey(WOODGROVE), {}), 403, 'SIGNAL.TENANT_MISMATCH');
      expectError(
        await signal(KEY, { roomId: ids.room('woodgrove', 1) }),
        404,
        'SIGNAL.ROOM_NOT_FOUND'
      );
      expectError(await signal(KEY, { severity: 'Critical' }), 400, 'REQUEST.INVALID');
      expectError(await signal(KEY, { extra: 1 }), 400, 'REQUEST.INVALID');
      const failed = await app.store
        .collection<AuditDoc>(Collections.audit)
        .find({ tenantId: WOODGROVE, actorId: 'signal-ingest', result: 'Failed' })
        .toArray();
      assert.ok(failed.some((a) => a.detail === 'SIGNAL.TENANT_MISMATCH'));
    });

    it('When 50 identical signals arrive at once, then exactly one ticket counts all 50', async () => {
      const room = ids.room('contoso', 2);
      const rs = await Promise.all(
        Array.from({ length: 50 }, () => signal(KEY, { roomId: room, type: 'camera' }))
      );
      for (const r of rs) assert.equal(r.status, 200, r.text);
      assert.equal(rs.filter((r) => r.body.outcome === 'created').length, 1);
      const docs = await tickets()
        .find({ tenantId: CONTOSO, roomId: room, type: 'camera' })
        .toArray();
      assert.equal(docs.length, 1);
      assert.equal(docs[0]!.signal!.count, 50);
      assert.equal(docs[0]!.source, 'signal');
      const log = await auditOf(CONTOSO, docs[0]!._id);
      assert.equal(log.length, 50);
      assert.ok(
        log.every(
          (a) =>
            a.actorId === 'signal-ingest' &&
            a.actorTenantId === CONTOSO &&
            a.result === 'Successful'
        )
      );
      assert.equal(log.filter((a) => a.operation === 'Create').length, 1);
    });

    it('When a Warning signal escalates, clears and recurs, then its one ticket follows and keeps its history', async () => {
      const room = ids.room('contoso', 8);
      let r = await signal(KEY, { roomId: room, type: 'network', severity: 'Warning' });
      assert.equal(r.body.outcome, 'created');
      const id = String(r.body.ticketId);
      r = await signal(KEY, { roomId: room, type: 'network', severity: 'Warning' });
      assert.deepEqual([r.body.outcome, r.body.ticketId, r.body.count], ['repeated', id, 2]);
      r = await signal(KEY, { roomId: room, type: 'network', severity: 'Important' });
      assert.deepEqual([r.body.outcome, r.body.severity], ['escalated', 'Important']);
      r = await signal(KEY, { roomId: room, type: 'network', severity: 'Warning' });
      assert.deepEqual(
        [r.body.outcome, r.body.severity],
        ['repeated', 'Important'],
        'never de-escalated by a signal'
      );
      r = await signal(KEY, { roomId: room, type: 'network', state: 'cleared' });
      assert.deepEqual([r.body.outcome, r.body.status], ['resolved', 'Resolved']);
      r = await signal(KEY, { roomId: room, type: 'network', state: 'cleared' });
      assert.equal(r.body.outcome, 'ignored');
      r = await signal(KEY, { roomId: room, type: 'network', severity: 'Warning' });
      assert.deepEqual([r.body.outcome, r.body.ticketId, r.body.status], ['reopened', id, 'Open']);
      const detail = await app.call('GET', `${TICKETS}/${id}`, { token: t['fabrikam/pradeep'] });
      const history = detail.body.history as {
        action: string;
        to?: string;
        actor: { id: string };
      }[];
      assert.deepEqual(
        history.map((h) => `${h.action}:${h.to}`),
        ['created:Open', 'severity:Important', 'status:Resolved', 'status:Open']
      );
      assert.ok(history.every((h) => h.actor.id === 'signal-ingest'));
      // Nobody closes it by hand: one ticket per signal for life.
      expectError(
        await app.call('POST', `${TICKETS}/${id}/close`, {
          token: t['contoso/alex'],
          body: { reason: 'Resolved' },
        }),
        409,
        'TICKET.NOT_USER_CLOSABLE'
      );
      r = await signal(KEY, { roomId: room, type: 'network' });
      assert.deepEqual([r.body.outcome, r.body.ticketId], ['repeated', id]);
      assert.equal(
        (await signal(KEY, { roomId: room, type: 'osVersion', state: 'cleared' })).body.outcome,
        'ignored'
      );
    });

    it('When the OpenAPI document is read, then /api/signals declares the ingest-key scheme', async () => {
      const doc = (await app.call('GET', '/api/openapi.json')).body as {
        paths: Record<string, Record<string, { security: Record<string, unknown>[] }>>;
        components: { securitySchemes: Record<string, { type: string; name?: string }> };
      };
      assert.deepEqual(doc.paths['/api/signals']!.post!.security, [{ ingestKey: [] }]);
      assert.equal(doc.components.securitySchemes.ingestKey!.name, 'x-ingest-key');
      assert.deepEqual(doc.paths['/api/incidents']!.get!.security, [{ bearer: [] }]);
    });
  });

  describe('room group changes', () => {
    it('When a room moves out of the partner scope, then its tickets follow the room and the partner no longer sees them', async () => {
      const room = ids.room('contoso', 9);
      const created = await signal(KEY, {
        roomId: room,
        type: 'hdmiIngest',
        severity: 'Important',
      });
      const id = String(created.body.ticketId);
      assert.equal(
        (await app.call('GET', `${TICKETS}/${id}`, { token: t['fabrikam/pradeep'] })).status,
        200
      );
      const moved = await app.call('PATCH', `/api/customers/${CONTOSO}/rooms/${room}`, {
        token: t['contoso/alex'],
        body: { groupIds: [ids.roomGroup('contoso', 'EMEA rooms')] },
      });
      assert.equal(moved.status, 200, moved.text);
      expectError(
        await app.call('GET', `${TICKETS}/${id}`, { token: t['fabrikam/pradeep'] }),
        404,
        'TICKET.NOT_FOUND'
      );
      const list = items(
        await app.call('GET', '/api/incidents?limit=200', { token: t['fabrikam/pradeep'] })
      );
      assert.ok(!list.some((i) => i.id === id));
      assert.equal(
        (await app.call('GET', `${TICKETS}/${id}`, { token: t['contoso/alex'] })).status,
        200
      );
    });
  });
});
