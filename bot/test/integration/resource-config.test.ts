/**
 * Room groups, update rings and Teams Rooms Pro settings through HTTP with real dev-issuer
 * tokens: each route as an allowed user, a denied user and a caller without relationship; counts
 * over visible rooms only; ring rules; settings validation; audit; revocation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import {
  Collections,
  ResourceCollections,
  type AuditDoc,
  type RoomDoc,
  type RoomGroupDoc,
} from '../../src/data/collections.ts';
import { AssignmentCollections } from '../../src/data/assignments.repository.ts';
import { PartnerCollections } from '../../src/data/partners.collections.ts';
import {
  CONTOSO,
  EMEA_ROOMS,
  FAB,
  GENERAL,
  NEW_YORK,
  PARIS,
  PILOT,
  SEATTLE,
  STAGING,
  US_ROOMS,
  WOODGROVE,
  auditOf,
  expectError,
  grantJoniSiteLead,
  tokensFor,
  type Persona,
} from '../support/resources-fixtures.ts';

describe('Resources: room groups, update rings, settings', function () {
  this.timeout(60_000);
  let app: TestApp;
  let t: Record<Persona, string>;
  const base = (c = CONTOSO) => `/api/customers/${c}`;
  const roomDocs = () => app.store.collection<RoomDoc>(ResourceCollections.rooms);

  before(async () => {
    app = await startTestApp();
    t = await tokensFor(app);
    await grantJoniSiteLead(app);
  });
  after(() => app?.close());

  describe('Room groups', () => {
    const groups = (who: Persona, c = CONTOSO) =>
      app.call('GET', `${base(c)}/room-groups`, { token: t[who] });

    it('When the GA lists, then every group with its full room count', async () => {
      const r = await groups('contoso/alex');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((g) => [g.id, g.roomCount]),
        [
          [EMEA_ROOMS, 3],
          [US_ROOMS, 10],
        ]
      );
    });

    it('When the Primary admin (scope US rooms) lists, then only US rooms; EMEA rooms never appears', async () => {
      const r = await groups('fabrikam/pradeep');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((g) => [g.displayName, g.roomCount]),
        [['US rooms', 10]]
      );
      assert.ok(!r.text.includes(EMEA_ROOMS));
    });

    it('When the Site Lead (six Seattle rooms) lists, then US rooms counts only those six', async () => {
      const r = await groups('contoso/joni');
      assert.deepEqual(
        r.body.items!.map((g) => [g.id, g.roomCount]),
        [[US_ROOMS, 6]]
      );
    });

    it('When a caller lacks Group management › View or any right there, then 403 / CUSTOMER.NOT_FOUND', async () => {
      expectError(await groups('fabrikam/diego'), 403, 'AUTHZ.FORBIDDEN');
      expectError(await groups('contoso/miriam'), 404, 'CUSTOMER.NOT_FOUND');
      expectError(await groups('woodgrove/wanda'), 404, 'CUSTOMER.NOT_FOUND');
    });

    it('When the GA creates a group, then it is listed with 0 rooms; a duplicate name is 409; audited once per log', async () => {
      const r = await app.call('POST', `${base()}/room-groups`, {
        token: t['contoso/alex'],
        body: { displayName: 'Board rooms', description: 'Executive floors' },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.roomCount, 0);
      const dup = await app.call('POST', `${base()}/room-groups`, {
        token: t['contoso/alex'],
        body: { displayName: ' Board rooms ' },
      });
      expectError(dup, 409, 'ROOM_GROUP.NAME_TAKEN');
      const log = await auditOf(app, CONTOSO, String(r.body.id));
      assert.deepEqual(
        log.map((a) => [a.category, a.operation, a.result]),
        [['RoomGroup', 'Create', 'Successful']]
      );
      // An empty group is outside every restricted scope: the partner does not see it.
      const partner = await groups('fabrikam/pradeep');
      assert.ok(!partner.text.includes(String(r.body.id)));
    });

    it('When the Primary admin creates a group or the input is wrong, then 403 / 400 and nothing is written', async () => {
      const coll = app.store.collection<RoomGroupDoc>(ResourceCollections.roomGroups);
      const before = await coll.countDocuments({ tenantId: CONTOSO });
      expectError(
        await app.call('POST', `${base()}/room-groups`, {
          token: t['fabrikam/pradeep'],
          body: { displayName: 'Partner group' },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', `${base()}/room-groups`, {
          token: t['contoso/alex'],
          body: { displayName: '' },
        }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('POST', `${base()}/room-groups`, {
          token: t['contoso/alex'],
          body: { displayName: 'X', extra: 1 },
        }),
        400,
        'REQUEST.INVALID'
      );
      assert.equal(await coll.countDocuments({ tenantId: CONTOSO }), before);
    });

    it('When groups are modified, then the GA may; the Site Lead gets 403 on a group they see and 404 on one they do not', async () => {
      const ok = await app.call('PATCH', `${base()}/room-groups/${EMEA_ROOMS}`, {
        token: t['contoso/alex'],
        body: { description: 'Paris and beyond' },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.description, 'Paris and beyond');
      assert.equal(ok.body.roomCount, 3);
      expectError(
        await app.call('PATCH', `${base()}/room-groups/${EMEA_ROOMS}`, {
          token: t['contoso/alex'],
          body: { displayName: 'US rooms' },
        }),
        409,
        'ROOM_GROUP.NAME_TAKEN'
      );
      expectError(
        await app.call('PATCH', `${base()}/room-groups/${US_ROOMS}`, {
          token: t['contoso/joni'],
          body: { displayName: 'Mine' },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('PATCH', `${base()}/room-groups/${EMEA_ROOMS}`, {
          token: t['contoso/joni'],
          body: { displayName: 'Mine' },
        }),
        404,
        'ROOM_GROUP.NOT_FOUND'
      );
      expectError(
        await app.call('PATCH', `${base()}/room-groups/${randomUUID()}`, {
          token: t['contoso/alex'],
          body: { displayName: 'Z' },
        }),
        404,
        'ROOM_GROUP.NOT_FOUND'
      );
      expectError(
        await app.call('PATCH', `${base()}/room-groups/${US_ROOMS}`, {
          token: t['fabrikam/pradeep'],
          body: { displayName: 'Z' },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('PATCH', `${base()}/room-groups/${US_ROOMS}`, {
          token: t['contoso/alex'],
          body: {},
        }),
        400,
        'REQUEST.INVALID'
      );
    });
  });

  describe('Update rings', () => {
    const rings = (who: Persona, c = CONTOSO) =>
      app.call('GET', `${base(c)}/update-rings`, { token: t[who] });
    const sum = (items: Record<string, unknown>[]) =>
      items.reduce((n, r) => n + Number(r.roomCount), 0);

    it('When the GA lists, then Staging, General, Pilot, Executive by order with counts over all 13 rooms', async () => {
      const r = await rings('contoso/alex');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((x) => [x.displayName, x.order, x.builtIn]),
        [
          ['Staging', 0, true],
          ['General', 1, true],
          ['Pilot', 2, false],
          ['Executive', 9, true],
        ]
      );
      assert.equal(sum(r.body.items!), 13);
    });

    it('When the Primary admin lists, then the same rings, counted over the 10 US rooms only', async () => {
      const r = await rings('fabrikam/pradeep');
      assert.equal(r.status, 200, r.text);
      assert.equal(sum(r.body.items!), 10);
      expectError(await rings('fabrikam/diego'), 403, 'AUTHZ.FORBIDDEN');
      expectError(await rings('woodgrove/wanda'), 404, 'CUSTOMER.NOT_FOUND');
    });

    it('When a tenant has no rings yet, then the built-ins appear on first use, recorded as made by the system, once', async () => {
      // Two first uses at once: one of them creates the built-ins, the other reads them.
      const [r, again] = await Promise.all([
        rings('fabrikam/megan', FAB),
        rings('fabrikam/megan', FAB),
      ]);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((x) => [x.displayName, x.order, x.roomCount]),
        [
          ['Staging', 0, 0],
          ['General', 1, 0],
          ['Executive', 9, 0],
        ]
      );
      assert.deepEqual(again.body.items, r.body.items);
      const records = await app.store
        .collection<AuditDoc>(Collections.audit)
        .find({ tenantId: FAB, category: 'UpdateRing' })
        .toArray();
      assert.deepEqual(
        records
          .map((x) => [x.objectId, x.operation, x.result, x.actorId, x.actorTenantId, x.detail])
          .sort(),
        r.body.items!.map((x) => [x.id, 'Create', 'Successful', 'system', FAB, 'built-in']).sort()
      );
      await rings('fabrikam/megan', FAB);
      assert.equal(
        await app.store
          .collection<AuditDoc>(Collections.audit)
          .countDocuments({ tenantId: FAB, category: 'UpdateRing' }),
        3
      );
    });

    it('When the GA creates custom rings, then the ordering and deferral rules hold', async () => {
      const create = (body: Record<string, unknown>) =>
        app.call('POST', `${base()}/update-rings`, { token: t['contoso/alex'], body });
      const ok = await create({ displayName: 'Canary', order: 3, deferralDays: 60 });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.body.builtIn, false);
      expectError(
        await create({ displayName: 'Other', order: 2, deferralDays: 1 }),
        409,
        'RING.ORDER_TAKEN'
      );
      expectError(
        await create({ displayName: 'Other', order: 0, deferralDays: 1 }),
        400,
        'RING.ORDER_INVALID'
      );
      expectError(
        await create({ displayName: 'Other', order: 10, deferralDays: 1 }),
        400,
        'RING.ORDER_INVALID'
      );
      expectError(
        await create({ displayName: 'Other', order: 4, deferralDays: 61 }),
        400,
        'RING.DEFERRAL_INVALID'
      );
      expectError(
        await create({ displayName: 'general', order: 4, deferralDays: 1 }),
        409,
        'RING.NAME_TAKEN'
      );
      expectError(await create({ displayName: 'Other', order: 4 }), 400, 'REQUEST.INVALID');
      const names = (await rings('contoso/alex')).body.items!.map((x) => x.displayName);
      assert.deepEqual(names, ['Staging', 'General', 'Pilot', 'Canary', 'Executive']);
    });

    it('When someone without Update ring › Modify over every room changes a ring, then 403 RING.NEEDS_ALL_ROOMS', async () => {
      for (const who of ['fabrikam/pradeep', 'contoso/joni'] as const) {
        expectError(
          await app.call('POST', `${base()}/update-rings`, {
            token: t[who],
            body: { displayName: 'Mine', order: 5, deferralDays: 1 },
          }),
          403,
          'RING.NEEDS_ALL_ROOMS'
        );
        expectError(
          await app.call('PATCH', `${base()}/update-rings/${PILOT}`, {
            token: t[who],
            body: { deferralDays: 1 },
          }),
          403,
          'RING.NEEDS_ALL_ROOMS'
        );
        expectError(
          await app.call('DELETE', `${base()}/update-rings/${PILOT}`, { token: t[who] }),
          403,
          'RING.NEEDS_ALL_ROOMS'
        );
      }
      // The ring's PATCH and DELETE by both callers (a create names the new ring's id).
      const log = await auditOf(app, CONTOSO, PILOT);
      assert.equal(log.length, 4);
      assert.ok(log.every((a) => a.result === 'Failed' && a.detail === 'RING.NEEDS_ALL_ROOMS'));
    });

    it('When built-in rings are renamed, deleted or Staging re-ordered, then RING.BUILT_IN; their deferral may change', async () => {
      const token = t['contoso/alex'];
      expectError(
        await app.call('PATCH', `${base()}/update-rings/${GENERAL}`, {
          token,
          body: { displayName: 'Everyone' },
        }),
        409,
        'RING.BUILT_IN'
      );
      expectError(
        await app.call('DELETE', `${base()}/update-rings/${GENERAL}`, { token }),
        409,
        'RING.BUILT_IN'
      );
      expectError(
        await app.call('PATCH', `${base()}/update-rings/${STAGING}`, { token, body: { order: 5 } }),
        409,
        'RING.BUILT_IN'
      );
      const ok = await app.call('PATCH', `${base()}/update-rings/${GENERAL}`, {
        token,
        body: { deferralDays: 21 },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.deferralDays, 21);
      expectError(
        await app.call('PATCH', `${base()}/update-rings/${randomUUID()}`, {
          token,
          body: { deferralDays: 1 },
        }),
        404,
        'RING.NOT_FOUND'
      );
    });

    it('When the Primary admin moves US rooms to Pilot, then they move and the count is reported; again, nothing moves', async () => {
      const url = `${base()}/update-rings/${PILOT}/rooms`;
      const body = { roomIds: [SEATTLE[1], NEW_YORK[0]] };
      const logged = (await auditOf(app, FAB, PILOT)).length;
      const r = await app.call('POST', url, { token: t['fabrikam/pradeep'], body });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, { ringId: PILOT, requested: 2, moved: 2, alreadyInRing: 0 });
      const again = await app.call('POST', url, { token: t['fabrikam/pradeep'], body });
      assert.deepEqual(again.body, { ringId: PILOT, requested: 2, moved: 0, alreadyInRing: 2 });
      const log = (await auditOf(app, FAB, PILOT)).slice(logged);
      assert.deepEqual(
        log.map((a) => [a.category, a.operation, a.result]),
        [
          ['UpdateRing', 'Update', 'Successful'],
          ['UpdateRing', 'Update', 'Successful'],
        ]
      );
    });

    it('When a move names a room outside the scope, then nothing moves at all (all or nothing)', async () => {
      const url = `${base()}/update-rings/${PILOT}/rooms`;
      const before = await roomDocs()
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray();
      expectError(
        await app.call('POST', url, {
          token: t['fabrikam/pradeep'],
          body: { roomIds: [SEATTLE[2], PARIS[0]] },
        }),
        404,
        'ROOM.NOT_FOUND'
      );
      expectError(
        await app.call('POST', url, {
          token: t['contoso/joni'],
          body: { roomIds: [SEATTLE[2], NEW_YORK[1]] },
        }),
        404,
        'ROOM.NOT_FOUND'
      );
      expectError(
        await app.call('POST', url, {
          token: t['contoso/alex'],
          body: { roomIds: [SEATTLE[2], ids.room('woodgrove', 1)] },
        }),
        404,
        'ROOM.NOT_FOUND'
      );
      expectError(
        await app.call('POST', url, {
          token: t['fabrikam/diego'],
          body: { roomIds: [SEATTLE[2]] },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', url, { token: t['contoso/alex'], body: { roomIds: [] } }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('POST', `${base()}/update-rings/${randomUUID()}/rooms`, {
          token: t['contoso/alex'],
          body: { roomIds: [SEATTLE[2]] },
        }),
        404,
        'RING.NOT_FOUND'
      );
      assert.deepEqual(
        await roomDocs()
          .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
          .toArray(),
        before
      );
    });

    it('When the GA deletes a custom ring with rooms, then its rooms move to General', async () => {
      const r = await app.call('DELETE', `${base()}/update-rings/${PILOT}`, {
        token: t['contoso/alex'],
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.movedToRingId, GENERAL);
      assert.ok(Number(r.body.movedRooms) >= 2);
      assert.equal(await roomDocs().countDocuments({ tenantId: CONTOSO, ringId: PILOT }), 0);
      const doc = await roomDocs().findOne({ _id: SEATTLE[1]! });
      assert.equal(doc?.ringId, GENERAL);
      expectError(
        await app.call('DELETE', `${base()}/update-rings/${PILOT}`, { token: t['contoso/alex'] }),
        404,
        'RING.NOT_FOUND'
      );
      // The delete's Successful record was written with the change, once; the retry's Failed.
      const deletes = (await auditOf(app, CONTOSO, PILOT)).filter((a) => a.operation === 'Delete');
      assert.deepEqual(
        deletes.slice(-2).map((a) => [a.result, a.detail]),
        [
          ['Successful', undefined],
          ['Failed', 'RING.NOT_FOUND'],
        ]
      );
      assert.equal(deletes.filter((a) => a.result === 'Successful').length, 1);
    });
  });

  describe('Settings', () => {
    const url = (c = CONTOSO) => `${base(c)}/settings`;

    it('When the GA or the TRPM reads Contoso settings, then the seeded values come back', async () => {
      for (const who of ['contoso/alex', 'contoso/isaiah'] as const) {
        const r = await app.call('GET', url(), { token: t[who] });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.timeZone, 'America/Los_Angeles');
        assert.equal(r.body.isDefault, false);
        assert.deepEqual((r.body.notifications as { contacts: string[] }).contacts, [
          'rooms-ops@contoso.example',
        ]);
      }
    });

    it('When nothing was saved (Fabrikam), then the defaults, flagged isDefault', async () => {
      const r = await app.call('GET', url(FAB), { token: t['fabrikam/megan'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.isDefault, true);
      assert.equal(r.body.timeZone, 'UTC');
    });

    it('When a caller lacks MMR settings rights, then 403; without any right there, CUSTOMER.NOT_FOUND', async () => {
      expectError(
        await app.call('GET', url(), { token: t['fabrikam/pradeep'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', url(), { token: t['contoso/joni'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', url(), { token: t['contoso/miriam'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      expectError(
        await app.call('GET', url(WOODGROVE), { token: t['contoso/alex'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      expectError(
        await app.call('PATCH', url(), { token: t['fabrikam/pradeep'], body: { timeZone: 'UTC' } }),
        403,
        'AUTHZ.FORBIDDEN'
      );
    });

    it('When the GA patches one field, then the rest is kept, and the change is audited once per log', async () => {
      const before = (await auditOf(app, CONTOSO, CONTOSO)).length;
      const r = await app.call('PATCH', url(), {
        token: t['contoso/alex'],
        body: { maintenanceWindow: { start: '03:30' }, features: { autoResolveIncidents: false } },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.maintenanceWindow, {
        days: ['Sat', 'Sun'],
        start: '03:30',
        durationMinutes: 240,
      });
      assert.equal((r.body.features as Record<string, boolean>).autoResolveIncidents, false);
      assert.equal((r.body.features as Record<string, boolean>).automaticUpdates, true);
      assert.equal(r.body.updatedBy, ids.user('contoso', 'alex'));
      const log = (await auditOf(app, CONTOSO, CONTOSO)).slice(before);
      assert.deepEqual(
        log.map((a) => [a.category, a.operation, a.result]),
        [['Settings', 'Update', 'Successful']]
      );
      const read = await app.call('GET', url(), { token: t['contoso/alex'] });
      assert.equal((read.body.maintenanceWindow as { start: string }).start, '03:30');
    });

    it('When settings are invalid, then 400 with a code and nothing is stored', async () => {
      const token = t['contoso/alex'];
      const before = (await app.call('GET', url(), { token })).text;
      expectError(
        await app.call('PATCH', url(), { token, body: { timeZone: 'Mars/Olympus' } }),
        400,
        'SETTINGS.INVALID'
      );
      expectError(
        await app.call('PATCH', url(), { token, body: { maintenanceWindow: { start: '24:00' } } }),
        400,
        'SETTINGS.INVALID'
      );
      expectError(
        await app.call('PATCH', url(), { token, body: { notifications: { contacts: ['nope'] } } }),
        400,
        'SETTINGS.INVALID'
      );
      expectError(
        await app.call('PATCH', url(), {
          token,
          body: { maintenanceWindow: { days: ['Funday'] } },
        }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('PATCH', url(), { token, body: { theme: 'dark' } }),
        400,
        'REQUEST.INVALID'
      );
      expectError(await app.call('PATCH', url(), { token, body: {} }), 400, 'REQUEST.INVALID');
      expectError(
        await app.call('PUT', url(), { token, body: { timeZone: 'UTC' } }),
        400,
        'REQUEST.INVALID'
      );
      assert.equal((await app.call('GET', url(), { token })).text, before);
    });

    it('When the GA replaces the settings whole, then exactly those are stored', async () => {
      const body = {
        timeZone: 'Europe/Paris',
        maintenanceWindow: { days: ['Sun'], start: '00:30', durationMinutes: 120 },
        notifications: {
          contacts: ['a@contoso.example'],
          severities: [],
          weeklyHealthDigest: false,
        },
        features: {
          automaticUpdates: false,
          autoResolveIncidents: true,
          customerReportedIssues: false,
        },
      };
      const r = await app.call('PUT', url(), { token: t['contoso/alex'], body });
      assert.equal(r.status, 200, r.text);
      const { isDefault, updatedAt, updatedBy, ...stored } = r.body;
      assert.deepEqual(stored, body);
      assert.equal(isDefault, false);
      assert.ok(updatedAt && updatedBy);
    });
  });

  describe('Revocation', () => {
    it('When the relationship ends, then the Primary admin’s next group and ring reads are CUSTOMER.NOT_FOUND', async () => {
      assert.equal(
        (await app.call('GET', `${base()}/room-groups`, { token: t['fabrikam/pradeep'] })).status,
        200
      );
      await app.store
        .collection(PartnerCollections.relationships)
        .deleteMany({ tenantId: CONTOSO, partnerTenantId: FAB });
      expectError(
        await app.call('GET', `${base()}/room-groups`, { token: t['fabrikam/pradeep'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      expectError(
        await app.call('GET', `${base()}/update-rings`, { token: t['fabrikam/pradeep'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
    });

    it('When the Site Lead’s assignments are deleted, then their next ring move is CUSTOMER.NOT_FOUND', async () => {
      await app.store
        .collection(AssignmentCollections.assignments)
        .deleteMany({ tenantId: CONTOSO, 'members.id': ids.user('contoso', 'joni') });
      expectError(
        await app.call('POST', `${base()}/update-rings/${GENERAL}/rooms`, {
          token: t['contoso/joni'],
          body: { roomIds: [SEATTLE[0]] },
        }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
    });
  });
});
