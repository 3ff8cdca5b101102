/**
 * Isolation of the resource routes, walked with real ids: for each partner user, every GET route
 * of rooms, room groups, update rings, settings and enrollment keys, for every customer and for
 * every room id of every tenant. Nothing outside the caller's scope may appear in any answer,
 * list contents must equal the scope exactly (not merely be a subset), and counts must add up to
 * the visible rooms only.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  ResourceCollections,
  type RoomDoc,
  type RoomGroupDoc,
} from '../../src/data/collections.ts';
import {
  CONTOSO,
  FAB,
  NORTHWIND,
  SEATTLE,
  US,
  US_ROOMS,
  WOODGROVE,
  allPages,
  tokensFor,
  type Persona,
} from '../support/resources-fixtures.ts';

const CUSTOMERS = [FAB, CONTOSO, NORTHWIND, WOODGROVE];

/** What each partner persona may see in Contoso (rooms by Rooms › View); nothing elsewhere. */
const SCOPES: { who: Persona; contosoRooms: string[]; contosoGroups: string[] }[] = [
  { who: 'fabrikam/pradeep', contosoRooms: US, contosoGroups: [US_ROOMS] }, // Primary admins, 'US rooms'
  { who: 'fabrikam/diego', contosoRooms: SEATTLE, contosoGroups: [] }, // help desk: rooms.view on Seattle, no group rights
  { who: 'fabrikam/megan', contosoRooms: [], contosoGroups: [] }, // partner GA: no customer role
  { who: 'fabrikam/lee', contosoRooms: [], contosoGroups: [] }, // tenant manager: no customer role
];

describe('Isolation of the resource routes (partner users, every customer, every room id)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let t: Record<Persona, string>;
  let allRooms: RoomDoc[];
  let allGroups: RoomGroupDoc[];

  before(async () => {
    app = await startTestApp();
    t = await tokensFor(app);
    allRooms = await app.store.collection<RoomDoc>(ResourceCollections.rooms).find({}).toArray();
    allGroups = await app.store
      .collection<RoomGroupDoc>(ResourceCollections.roomGroups)
      .find({})
      .toArray();
    assert.ok(
      allRooms.length > 20 && allGroups.length >= 5,
      'demo data has rooms and groups in several tenants'
    );
  });
  after(() => app?.close());

  for (const scope of SCOPES) {
    it(`When ${scope.who} walks every resource GET route, then only their scope shows`, async () => {
      const token = t[scope.who];
      // A visible room shows the ids of its own groups (they are not wholly outside the scope);
      // no other group id, and no other room id, may appear anywhere.
      const groupsOfVisible = allRooms
        .filter((r) => scope.contosoRooms.includes(r._id))
        .flatMap((r) => r.groupIds);
      const allowed = new Set([...scope.contosoRooms, ...scope.contosoGroups, ...groupsOfVisible]);
      const forbiddenIds = [...allRooms.map((r) => r._id), ...allGroups.map((g) => g._id)].filter(
        (id) => !allowed.has(id)
      );
      const failures: string[] = [];
      const check = (label: string, text: string) => {
        const leaked = forbiddenIds.filter((id) => text.includes(id));
        if (leaked.length) failures.push(`${label} shows ${leaked.length} ids outside the scope`);
      };

      check('GET /api/customers', (await app.call('GET', '/api/customers', { token })).text);

      for (const customer of CUSTOMERS) {
        const base = `/api/customers/${customer}`;
        const mine = customer === CONTOSO ? scope.contosoRooms : [];

        const list = await app.call('GET', `${base}/rooms?limit=200`, { token });
        check(`rooms of ${customer}`, list.text);
        const listed =
          list.status === 200
            ? (await allPages(app, `${base}/rooms`, token, 4)).map((r) => String(r.id))
            : [];
        assert.deepEqual(listed.sort(), [...mine].sort(), `${scope.who} rooms of ${customer}`);

        const groups = await app.call('GET', `${base}/room-groups`, { token });
        check(`groups of ${customer}`, groups.text);
        if (groups.status === 200) {
          assert.deepEqual(
            groups.body.items!.map((g) => g.id),
            customer === CONTOSO ? scope.contosoGroups : []
          );
          for (const g of groups.body.items!) {
            const visibleInGroup = allRooms.filter(
              (r) => r.groupIds.includes(String(g.id)) && mine.includes(r._id)
            ).length;
            assert.equal(g.roomCount, visibleInGroup, `count of group ${g.displayName}`);
          }
        }

        const rings = await app.call('GET', `${base}/update-rings`, { token });
        check(`rings of ${customer}`, rings.text);
        if (rings.status === 200) {
          const total = rings.body.items!.reduce((n, r) => n + Number(r.roomCount), 0);
          assert.equal(
            total,
            mine.length,
            `ring counts of ${customer} add up to the visible rooms`
          );
        }

        check(
          `settings of ${customer}`,
          (await app.call('GET', `${base}/settings`, { token })).text
        );

        for (const room of allRooms) {
          const detail = await app.call('GET', `${base}/rooms/${room._id}`, { token });
          check(`room ${room._id} via ${customer}`, detail.text);
          const visible = mine.includes(room._id) && room.tenantId === customer;
          assert.equal(
            detail.status === 200,
            visible,
            `${scope.who} GET room ${room._id} via ${customer}: ${detail.status}`
          );
          const key = await app.call('GET', `${base}/rooms/${room._id}/enrollment-key`, { token });
          // No partner persona holds Download key: every key read is refused.
          assert.ok(key.status === 403 || key.status === 404, `key of ${room._id}: ${key.status}`);
          assert.ok(!('key' in key.body));
          if (!visible)
            assert.equal(key.status, 404, `a room outside the scope is not found (${room._id})`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});
