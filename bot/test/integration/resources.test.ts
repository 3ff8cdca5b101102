/**
 * The Customer dropdown and rooms through HTTP with real dev-issuer tokens: every route as an
 * allowed user, a denied user, a caller with no relationship to the customer, and a partner
 * bound to 'US rooms' who must never see the Paris rooms; validation, audit and revocation.
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
} from '../../src/data/collections.ts';
import { AssignmentCollections } from '../../src/data/assignments.repository.ts';
import { PartnerCollections } from '../../src/data/partners.collections.ts';
import { PERMISSIONS } from '../../src/core/authz/permissions.ts';
import {
  CONTOSO,
  EMEA_ROOMS,
  FAB,
  GENERAL,
  NEW_YORK,
  NORTHWIND,
  PARIS,
  PILOT,
  SEATTLE,
  US,
  US_ROOMS,
  WOODGROVE,
  allPages,
  auditOf,
  expectError,
  grantJoniSiteLead,
  grantLeeOnboarder,
  tokensFor,
  type Persona,
} from '../support/resources-fixtures.ts';

describe('Resources: customer dropdown and rooms', function () {
  this.timeout(60_000);
  let app: TestApp;
  let t: Record<Persona, string>;
  let leeAssignment: string;
  const rooms = (c = CONTOSO) => `/api/customers/${c}/rooms`;
  const roomDocs = () => app.store.collection<RoomDoc>(ResourceCollections.rooms);

  before(async () => {
    app = await startTestApp();
    t = await tokensFor(app);
    await grantJoniSiteLead(app);
    leeAssignment = await grantLeeOnboarder(app);
  });
  after(() => app?.close());

  describe('GET /api/customers (the Customer dropdown)', () => {
    it('When the customer GA asks, then their own tenant comes back with every permission', async () => {
      const r = await app.call('GET', '/api/customers', { token: t['contoso/alex'] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.items, [
        {
          customerTenantId: CONTOSO,
          displayName: 'Contoso Ltd',
          primaryDomain: 'contoso.example',
          side: 'own',
          grantedPermissions: [...PERMISSIONS],
        },
      ]);
    });

    it('When the Primary admin of Contoso asks, then Contoso appears as a partner customer with the Primary admins rights only', async () => {
      const r = await app.call('GET', '/api/customers', { token: t['fabrikam/pradeep'] });
      assert.equal(r.status, 200, r.text);
      const ids = r.body.items!.map((c) => c.customerTenantId);
      assert.deepEqual(ids, [CONTOSO], 'no own tenant right, no pending Northwind, no Woodgrove');
      const contoso = r.body.items![0]!;
      assert.equal(contoso.side, 'partner');
      const perms = contoso.grantedPermissions as string[];
      assert.ok(perms.includes('rooms.view') && perms.includes('updateRings.modify'));
      for (const p of ['rooms.create', 'rooms.resetKey', 'rooms.downloadKey', 'settings.view']) {
        assert.ok(!perms.includes(p), `${p} is not a Primary admins right`);
      }
    });

    it('When the partner GA asks, then only their own tenant appears (no role for any customer)', async () => {
      const r = await app.call('GET', '/api/customers', { token: t['fabrikam/megan'] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items!.map((c) => [c.customerTenantId, c.side]),
        [[FAB, 'own']]
      );
    });

    it('When a user without any right asks, then the list is empty; without a token, 401', async () => {
      const r = await app.call('GET', '/api/customers', { token: t['contoso/miriam'] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.items, []);
      expectError(await app.call('GET', '/api/customers'), 401, 'AUTH.MISSING_TOKEN');
    });
  });

  describe('GET rooms (list)', () => {
    it('When the GA lists Contoso rooms, then all 13 come back by name, without any key', async () => {
      const items = await allPages(app, rooms(), t['contoso/alex']);
      assert.equal(items.length, 13);
      const names = items.map((r) => String(r.displayName));
      assert.deepEqual(
        names,
        [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      );
      for (const r of items) {
        assert.deepEqual(Object.keys(r.enrollment as object).sort(), [
          'enrolledAt',
          'keyVersion',
          'status',
        ]);
        assert.ok(!('key' in r));
      }
    });

    it('When the Primary admin (scope US rooms) lists, then exactly the 10 US rooms, never a Paris room, across pages', async () => {
      const items = await allPages(app, rooms(), t['fabrikam/pradeep'], 3);
      assert.deepEqual(items.map((r) => r.id).sort(), [...US].sort());
      const paris = await allPages(app, `${rooms()}?site=Paris`, t['fabrikam/pradeep']);
      assert.deepEqual(paris, []);
      const emea = await allPages(app, `${rooms()}?groupId=${EMEA_ROOMS}`, t['fabrikam/pradeep']);
      assert.deepEqual(emea, []);
    });

    it('When the Site Lead lists, then only the Seattle rooms of their assignment', async () => {
      const items = await allPages(app, rooms(), t['contoso/joni']);
      assert.deepEqual(items.map((r) => r.id).sort(), [...SEATTLE].sort());
    });

    it('When filters are combined, then each narrows the visible rooms', async () => {
      const token = t['contoso/alex'];
      const byCountry = await allPages(app, `${rooms()}?country=fr`, token);
      assert.deepEqual(byCountry.map((r) => r.id).sort(), [...PARIS].sort());
      const warning = await allPages(app, `${rooms()}?health=Warning`, token);
      assert.ok(warning.length > 0 && warning.every((r) => r.health === 'Warning'));
      const general = await allPages(app, `${rooms()}?ringId=${GENERAL}&site=Seattle`, token);
      assert.ok(
        general.length > 0 && general.every((r) => r.ringId === GENERAL && r.site === 'Seattle')
      );
      const enrolled = await allPages(app, `${rooms()}?enrollment=Enrolled`, token);
      assert.equal(enrolled.length, 13);
      const search = await allPages(
        app,
        `${rooms()}?search=${encodeURIComponent('SEATTLE ')}`,
        token
      );
      assert.ok(
        search.length > 0 && search.every((r) => String(r.displayName).startsWith('Seattle'))
      );
    });

    it('When the search holds pattern characters, then they match literally (no regex injection)', async () => {
      for (const s of ['.*', '^S', '(', '[a-z]+']) {
        const r = await app.call('GET', `${rooms()}?search=${encodeURIComponent(s)}`, {
          token: t['contoso/alex'],
        });
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.body.items, [], `search ${s}`);
      }
    });

    it('When the caller holds nothing in the customer, then CUSTOMER.NOT_FOUND', async () => {
      for (const [who, customer] of [
        ['contoso/miriam', CONTOSO],
        ['woodgrove/wanda', CONTOSO],
        ['fabrikam/pradeep', NORTHWIND], // pending invitation
        ['fabrikam/pradeep', WOODGROVE], // no relationship
        ['fabrikam/megan', CONTOSO], // partner GA without a customer role
        ['contoso/alex', randomUUID()],
      ] as const) {
        expectError(
          await app.call('GET', rooms(customer), { token: t[who] }),
          404,
          'CUSTOMER.NOT_FOUND'
        );
      }
    });

    it('When the query is malformed, then 400 with a code and no rows', async () => {
      const token = t['contoso/alex'];
      for (const q of [
        'limit=0',
        'limit=201',
        'health=Sick',
        'country=USA',
        'groupId=nope',
        'colour=red',
        'enrollment=maybe',
      ]) {
        expectError(await app.call('GET', `${rooms()}?${q}`, { token }), 400, 'REQUEST.INVALID');
      }
      expectError(
        await app.call('GET', `${rooms()}?cursor=garbage`, { token }),
        400,
        'REQUEST.BAD_CURSOR'
      );
      expectError(
        await app.call('GET', `/api/customers/not-a-guid/rooms`, { token }),
        400,
        'REQUEST.INVALID'
      );
    });
  });

  describe('GET one room', () => {
    it('When the Primary admin opens a US room, then it comes back; a Paris room is ROOM.NOT_FOUND like a missing one', async () => {
      const ok = await app.call('GET', `${rooms()}/${NEW_YORK[0]}`, {
        token: t['fabrikam/pradeep'],
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.id, NEW_YORK[0]);
      assert.equal(ok.body.customerTenantId, CONTOSO);
      for (const id of [...PARIS, randomUUID(), ids.room('woodgrove', 0)]) {
        const r = await app.call('GET', `${rooms()}/${id}`, { token: t['fabrikam/pradeep'] });
        expectError(r, 404, 'ROOM.NOT_FOUND');
        assert.ok(!r.text.includes(id), 'the error does not echo the id');
      }
      const alex = await app.call('GET', `${rooms()}/${PARIS[0]}`, { token: t['contoso/alex'] });
      assert.equal(alex.status, 200, alex.text);
    });
  });

  describe('POST rooms (onboard)', () => {
    const body = (over: Record<string, unknown> = {}) => ({
      displayName: 'Lyon Atlas 1',
      site: 'Lyon',
      country: 'fr',
      groupIds: [EMEA_ROOMS],
      ...over,
    });

    it('When the GA onboards a room, then it waits in Onboarding on General with a key, audited once in Contoso’s log', async () => {
      const r = await app.call('POST', rooms(), { token: t['contoso/alex'], body: body() });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.country, 'FR');
      assert.equal(r.body.ringId, GENERAL);
      assert.deepEqual(r.body.enrollment, { status: 'Onboarding', keyVersion: 1 });
      assert.equal(r.body.health, 'Offline');
      const id = String(r.body.id);
      const key = await app.call('GET', `${rooms()}/${id}/enrollment-key`, {
        token: t['contoso/alex'],
      });
      assert.equal(key.status, 200, key.text);
      assert.equal(key.body.keyVersion, 1);
      const log = await auditOf(app, CONTOSO, id);
      assert.deepEqual(
        log.map((a) => [a.category, a.operation, a.result]),
        [
          ['Room', 'Create', 'Successful'],
          ['Room', 'Read', 'Successful'],
        ]
      );
    });

    it('When the GA names a ring, then the room starts there', async () => {
      const r = await app.call('POST', rooms(), {
        token: t['contoso/alex'],
        body: body({ displayName: 'Lyon Pilot 2', ringId: PILOT }),
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.ringId, PILOT);
    });

    it('When a partner with Rooms › Create names a group inside the scope, then the room is created; outside it, 403 and nothing is written', async () => {
      const ok = await app.call('POST', rooms(), {
        token: t['fabrikam/lee'],
        body: body({
          displayName: 'Boston Quartz 1',
          site: 'Boston',
          country: 'US',
          groupIds: [US_ROOMS],
        }),
      });
      assert.equal(ok.status, 201, ok.text);
      const before = await roomDocs().countDocuments({ tenantId: CONTOSO });
      for (const groupIds of [[EMEA_ROOMS], [], [US_ROOMS, EMEA_ROOMS]]) {
        const r = await app.call('POST', rooms(), {
          token: t['fabrikam/lee'],
          body: body({ groupIds }),
        });
        expectError(r, 403, 'AUTHZ.FORBIDDEN');
      }
      assert.equal(await roomDocs().countDocuments({ tenantId: CONTOSO }), before);
    });

    it('When the Primary admin (no Rooms › Create) onboards, then 403, audited as Failed in both logs', async () => {
      const beforeFab = await app.store
        .collection(Collections.audit)
        .countDocuments({ tenantId: FAB, category: 'Room', result: 'Failed' });
      const r = await app.call('POST', rooms(), {
        token: t['fabrikam/pradeep'],
        body: body({ groupIds: [US_ROOMS] }),
      });
      expectError(r, 403, 'AUTHZ.FORBIDDEN');
      const afterFab = await app.store
        .collection(Collections.audit)
        .countDocuments({ tenantId: FAB, category: 'Room', result: 'Failed' });
      assert.equal(afterFab, beforeFab + 1);
      const inContoso = await app.store
        .collection<AuditDoc>(Collections.audit)
        .find({
          tenantId: CONTOSO,
          category: 'Room',
          result: 'Failed',
          actorId: ids.user('fabrikam', 'pradeep'),
        })
        .toArray();
      assert.equal(inContoso.length, 1);
      assert.equal(inContoso[0]!.detail, 'AUTHZ.FORBIDDEN');
    });

    it('When the input is wrong, then 400 with a code and no room is written', async () => {
      const token = t['contoso/alex'];
      const before = await roomDocs().countDocuments({ tenantId: CONTOSO });
      for (const [b, code] of [
        [body({ displayName: '' }), 'REQUEST.INVALID'],
        [body({ country: 'France' }), 'REQUEST.INVALID'],
        [body({ colour: 'red' }), 'REQUEST.INVALID'],
        [body({ groupIds: ['x'] }), 'REQUEST.INVALID'],
        [body({ groupIds: [randomUUID()] }), 'ROOM.GROUP_UNKNOWN'],
        [body({ groupIds: [ids.roomGroup('woodgrove', 'Branch rooms')] }), 'ROOM.GROUP_UNKNOWN'],
        [body({ ringId: ids.ring('woodgrove', 'general') }), 'ROOM.RING_UNKNOWN'],
      ] as const) {
        expectError(await app.call('POST', rooms(), { token, body: b }), 400, code);
      }
      assert.equal(await roomDocs().countDocuments({ tenantId: CONTOSO }), before);
    });
  });

  describe('PATCH room (modify)', () => {
    it('When the Primary admin renames a US room, then it changes, audited in both logs', async () => {
      const id = SEATTLE[1]!;
      const r = await app.call('PATCH', `${rooms()}/${id}`, {
        token: t['fabrikam/pradeep'],
        body: { displayName: 'Seattle Orca 2', site: 'Seattle' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.displayName, 'Seattle Orca 2');
      const mine = (await auditOf(app, FAB, id)).map((a) => [a.operation, a.result]);
      const theirs = (await auditOf(app, CONTOSO, id)).map((a) => [a.operation, a.result]);
      assert.deepEqual(mine, [['Update', 'Successful']]);
      assert.deepEqual(theirs, [['Update', 'Successful']]);
    });

    it('When the Primary admin touches a Paris room, then ROOM.NOT_FOUND and it is unchanged', async () => {
      const before = await roomDocs().findOne({ _id: PARIS[0]! });
      const r = await app.call('PATCH', `${rooms()}/${PARIS[0]}`, {
        token: t['fabrikam/pradeep'],
        body: { displayName: 'Mine now' },
      });
      expectError(r, 404, 'ROOM.NOT_FOUND');
      assert.deepEqual(await roomDocs().findOne({ _id: PARIS[0]! }), before);
    });

    it('When a partner would move a room out of, or into a group outside, their scope, then 403 and nothing changes', async () => {
      const id = NEW_YORK[1]!;
      const before = await roomDocs().findOne({ _id: id });
      for (const groupIds of [[EMEA_ROOMS], [US_ROOMS, EMEA_ROOMS], []]) {
        for (const who of ['fabrikam/pradeep', 'fabrikam/lee'] as const) {
          const r = await app.call('PATCH', `${rooms()}/${id}`, {
            token: t[who],
            body: { groupIds },
          });
          expectError(r, 403, 'AUTHZ.FORBIDDEN');
        }
      }
      assert.deepEqual(await roomDocs().findOne({ _id: id }), before);
    });

    it('When the GA moves a room between groups, then it moves; unknown groups are ROOM.GROUP_UNKNOWN; an empty change is 400', async () => {
      const id = NEW_YORK[3]!;
      const r = await app.call('PATCH', `${rooms()}/${id}`, {
        token: t['contoso/alex'],
        body: { groupIds: [EMEA_ROOMS] },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.groupIds, [EMEA_ROOMS]);
      // Out of the partner's scope now: gone from their view.
      expectError(
        await app.call('GET', `${rooms()}/${id}`, { token: t['fabrikam/pradeep'] }),
        404,
        'ROOM.NOT_FOUND'
      );
      const back = await app.call('PATCH', `${rooms()}/${id}`, {
        token: t['contoso/alex'],
        body: { groupIds: [US_ROOMS] },
      });
      assert.equal(back.status, 200, back.text);
      expectError(
        await app.call('PATCH', `${rooms()}/${id}`, {
          token: t['contoso/alex'],
          body: { groupIds: [randomUUID()] },
        }),
        400,
        'ROOM.GROUP_UNKNOWN'
      );
      expectError(
        await app.call('PATCH', `${rooms()}/${id}`, { token: t['contoso/alex'], body: {} }),
        400,
        'REQUEST.INVALID'
      );
    });
  });

  describe('Unenroll and enrollment keys', () => {
    it('When the Site Lead unenrolls a Seattle room, then it is Unenrolled; again, ROOM.ALREADY_UNENROLLED', async () => {
      const url = `${rooms()}/${SEATTLE[5]}/unenroll`;
      const r = await app.call('POST', url, { token: t['contoso/joni'] });
      assert.equal(r.status, 200, r.text);
      assert.equal((r.body.enrollment as { status: string }).status, 'Unenrolled');
      expectError(
        await app.call('POST', url, { token: t['contoso/joni'] }),
        409,
        'ROOM.ALREADY_UNENROLLED'
      );
    });

    it('When the Primary admin unenrolls, then 403 on a US room and ROOM.NOT_FOUND on a Paris room', async () => {
      expectError(
        await app.call('POST', `${rooms()}/${SEATTLE[2]}/unenroll`, {
          token: t['fabrikam/pradeep'],
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', `${rooms()}/${PARIS[1]}/unenroll`, { token: t['fabrikam/pradeep'] }),
        404,
        'ROOM.NOT_FOUND'
      );
      const doc = await roomDocs().findOne({ _id: SEATTLE[2]! });
      assert.equal(doc?.enrollment.status, 'Enrolled');
    });

    it('When the GA resets a key, then the version rises, the old key stops being served, and the answer holds no key', async () => {
      const id = SEATTLE[0]!;
      const url = `${rooms()}/${id}/enrollment-key`;
      const before = await app.call('GET', url, { token: t['contoso/alex'] });
      assert.equal(before.status, 200, before.text);
      assert.match(String(before.body.key), /^[A-Za-z0-9_-]{43}$/);
      assert.equal(before.headers.get('cache-control'), 'no-store');
      assert.equal(
        before.headers.get('content-disposition'),
        `attachment; filename="enrollment-key-${id}-v${String(before.body.keyVersion)}.json"`
      );
      const reset = await app.call('POST', `${url}/reset`, { token: t['contoso/alex'] });
      assert.equal(reset.status, 200, reset.text);
      assert.equal(reset.body.keyVersion, Number(before.body.keyVersion) + 1);
      assert.ok(!('key' in reset.body) && !reset.text.includes(String(before.body.key)));
      const after = await app.call('GET', url, { token: t['contoso/alex'] });
      assert.notEqual(after.body.key, before.body.key);
      assert.equal(after.body.keyVersion, reset.body.keyVersion);
      const room = await app.call('GET', `${rooms()}/${id}`, { token: t['contoso/alex'] });
      assert.equal(
        (room.body.enrollment as { keyVersion: number }).keyVersion,
        reset.body.keyVersion
      );
      assert.ok(!room.text.includes(String(after.body.key)), 'no room view carries the key');
      const log = (await auditOf(app, CONTOSO, id)).filter((a) => a.objectType === 'EnrollmentKey');
      assert.deepEqual(
        log.map((a) => a.operation),
        ['Read', 'Update', 'Read']
      );
    });

    it('When the Site Lead asks, then download works on Seattle rooms, reset is 403, New York is ROOM.NOT_FOUND', async () => {
      const ok = await app.call('GET', `${rooms()}/${SEATTLE[3]}/enrollment-key`, {
        token: t['contoso/joni'],
      });
      assert.equal(ok.status, 200, ok.text);
      expectError(
        await app.call('POST', `${rooms()}/${SEATTLE[3]}/enrollment-key/reset`, {
          token: t['contoso/joni'],
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', `${rooms()}/${NEW_YORK[0]}/enrollment-key`, {
          token: t['contoso/joni'],
        }),
        404,
        'ROOM.NOT_FOUND'
      );
    });

    it('When the Primary admin asks for a key, then 403 (no Download key), audited as Failed', async () => {
      const id = NEW_YORK[2]!;
      expectError(
        await app.call('GET', `${rooms()}/${id}/enrollment-key`, { token: t['fabrikam/pradeep'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      const log = await auditOf(app, CONTOSO, id);
      assert.deepEqual(
        log.map((a) => [a.operation, a.result, a.detail]),
        [['Read', 'Failed', 'AUTHZ.FORBIDDEN']]
      );
    });
  });

  describe('Revocation', () => {
    it('When the partner assignment is deleted, then the next request of its holder is CUSTOMER.NOT_FOUND', async () => {
      assert.equal((await app.call('GET', rooms(), { token: t['fabrikam/lee'] })).status, 200);
      await app.store
        .collection(AssignmentCollections.assignments)
        .deleteOne({ _id: leeAssignment });
      expectError(
        await app.call('GET', rooms(), { token: t['fabrikam/lee'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
    });

    it('When the customer removes the relationship, then the Primary admin loses every room at once', async () => {
      assert.equal(
        (await app.call('GET', `${rooms()}/${SEATTLE[0]}`, { token: t['fabrikam/pradeep'] }))
          .status,
        200
      );
      await app.store
        .collection(PartnerCollections.relationships)
        .deleteMany({ tenantId: CONTOSO, partnerTenantId: FAB });
      expectError(
        await app.call('GET', `${rooms()}/${SEATTLE[0]}`, { token: t['fabrikam/pradeep'] }),
        404,
        'CUSTOMER.NOT_FOUND'
      );
      const list = await app.call('GET', '/api/customers', { token: t['fabrikam/pradeep'] });
      assert.deepEqual(list.body.items, []);
    });
  });
});
