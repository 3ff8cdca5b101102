/**
 * The Role management rows of the permission table (PRODUCT.md §3) through HTTP: each built-in
 * role and some custom roles are given (through the API) to a user of the right side, and the
 * role-management routes must allow or deny exactly as the table says. Expectations are written
 * from the table, not derived from the code's role definitions.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';

const CONTOSO = ids.tenant('contoso');
const ROLES = `/api/customers/${CONTOSO}/roles`;
const ASSIGNMENTS = `/api/customers/${CONTOSO}/assignments`;
const US_ROOMS = ids.roomGroup('contoso', 'US rooms');
const user = (tenant: string, u: string) => ({ type: 'user' as const, id: ids.user(tenant, u) });

/** A row of the table: the role, how to give it, and the Role management › View / Modify cells. */
interface Row {
  role: string;
  view: boolean;
  modify: boolean;
  /** A built-in id, or the permissions of a custom role created for the row. */
  give: string | string[];
}

const customerRows: Row[] = [
  { role: 'MMR Admin', give: 'builtin:mmr-admin', view: true, modify: true },
  { role: 'Site Lead', give: 'builtin:site-lead', view: false, modify: false },
  { role: 'Site Tech', give: 'builtin:site-tech', view: false, modify: false },
  { role: 'custom: role viewer', give: ['roles.view'], view: true, modify: false },
  {
    role: 'custom: role manager',
    give: ['roles.view', 'roles.modify', 'tickets.view'],
    view: true,
    modify: true,
  },
];

/**
 * Changing a customer's Primary admins is Role management › Modify in that customer (PRODUCT.md
 * §4.5–4.6), adding one also needs every right of Primary admins over the scope (no escalation),
 * and break-glass is the partner Global admin's alone, only when no Primary admin can act (here
 * one can, so 409). `give`: nothing, the built-in Primary admins, or a custom role's permissions.
 */
interface PrimaryAdminsRow {
  who: string;
  label: string;
  give: null | 'builtin:primary-admins' | string[];
  /** [status, code] of adding and of removing a Primary admin, and of break-glass. */
  add: [number, string?];
  remove: [number, string?];
  breakGlass: [number, string];
}

const FORBIDDEN: [number, string] = [403, 'AUTHZ.FORBIDDEN'];
const PRIMARY_ADMINS_RIGHTS = [
  'rooms.view',
  'rooms.modify',
  'roomGroups.view',
  'updateRings.view',
  'updateRings.modify',
  'reports.view',
  'reports.createIncident',
  'tickets.view',
  'tickets.update',
  'roles.view',
  'roles.modify',
];

const primaryAdminsRows: PrimaryAdminsRow[] = [
  {
    who: 'fabrikam/megan',
    label: 'the partner Global admin (no role in Contoso)',
    give: null,
    add: FORBIDDEN,
    remove: FORBIDDEN,
    breakGlass: [409, 'PRIMARY_ADMINS.BREAK_GLASS_NOT_NEEDED'],
  },
  {
    who: 'fabrikam/adele',
    label: 'the partner Teams Rooms Pro Manager (no role in Contoso)',
    give: null,
    add: FORBIDDEN,
    remove: FORBIDDEN,
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/lee',
    label: 'a partner tenant manager',
    give: null,
    add: FORBIDDEN,
    remove: FORBIDDEN,
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/pradeep',
    label: 'a Primary admin',
    give: null,
    add: [201],
    remove: [204],
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/nestor',
    label: 'Nestor as Primary admin',
    give: 'builtin:primary-admins',
    add: [201],
    remove: [204],
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/nestor',
    label: 'Nestor with a custom role carrying every Primary admins right',
    give: PRIMARY_ADMINS_RIGHTS,
    add: [201],
    remove: [204],
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/nestor',
    label: 'Nestor with Role management but fewer rights',
    give: ['roles.view', 'roles.modify', 'tickets.view'],
    add: [403, 'ASSIGNMENT.PERMISSION_NOT_HELD'],
    remove: [204],
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/nestor',
    label: 'Nestor with Role management › View only',
    give: ['roles.view', 'tickets.view'],
    add: FORBIDDEN,
    remove: FORBIDDEN,
    breakGlass: FORBIDDEN,
  },
  {
    who: 'fabrikam/nestor',
    label: 'Nestor with a help-desk role',
    give: ['tickets.view', 'tickets.update'],
    add: FORBIDDEN,
    remove: FORBIDDEN,
    breakGlass: FORBIDDEN,
  },
];

const partnerRows: Row[] = [
  { role: 'Primary admins', give: 'builtin:primary-admins', view: true, modify: true },
  {
    role: 'custom: help desk',
    give: ['tickets.view', 'tickets.update'],
    view: false,
    modify: false,
  },
  { role: 'custom: role viewer', give: ['roles.view'], view: true, modify: false },
  {
    role: 'custom: role manager',
    give: ['roles.view', 'roles.modify', 'tickets.view'],
    view: true,
    modify: true,
  },
];

describe('Permission table: Role management over HTTP', function () {
  let app: TestApp;
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    for (const p of [
      'contoso/alex',
      'contoso/miriam',
      'fabrikam/pradeep',
      'fabrikam/nestor',
      'fabrikam/megan',
      'fabrikam/adele',
      'fabrikam/lee',
    ]) {
      const [tenant, u] = p.split('/') as [string, string];
      t[p] = await app.tokenFor(tenant, u);
    }
  });
  after(() => app.close());

  const ok = (r: CallResult, status: number) => assert.equal(r.status, status, r.text);
  const post = (who: string, path: string, body: unknown) =>
    app.call('POST', path, { token: t[who], body });
  const del = (who: string, path: string) => app.call('DELETE', path, { token: t[who] });

  /**
   * Checks the four role-management actions of `subject` against the row. `assignTo` and `scope`
   * make a valid assignment of the admin's fixture role, so only authorization can refuse it.
   */
  async function checkRow(
    row: Row,
    subject: string,
    fixtureRoleId: string,
    assignTo: unknown,
    scope: unknown
  ) {
    const expectAllowed = (r: CallResult, allowed: boolean, status: number) => {
      if (allowed) ok(r, status);
      else assert.deepEqual([r.status, r.body.code], [403, 'AUTHZ.FORBIDDEN'], r.text);
    };
    expectAllowed(await app.call('GET', ROLES, { token: t[subject] }), row.view, 200);
    expectAllowed(await app.call('GET', ASSIGNMENTS, { token: t[subject] }), row.view, 200);
    const role = await post(subject, ROLES, {
      name: `Made by ${row.role}`,
      permissions: ['tickets.view'],
    });
    expectAllowed(role, row.modify, 201);
    const a = await post(subject, ASSIGNMENTS, {
      roleId: fixtureRoleId,
      members: [assignTo],
      scope,
    });
    expectAllowed(a, row.modify, 201);
    if (row.modify) {
      ok(await del(subject, `${ASSIGNMENTS}/${a.body.id}`), 204);
      ok(await del(subject, `${ROLES}/${role.body.id}`), 204);
    } else {
      expectAllowed(await del(subject, `${ROLES}/${fixtureRoleId}`), false, 204);
    }
  }

  describe('Customer side (Contoso, given to Miriam on all rooms by the Global admin)', () => {
    let fixture: string;
    before(async () => {
      const r = await post('contoso/alex', ROLES, {
        name: 'Fixture',
        permissions: ['tickets.view'],
      });
      ok(r, 201);
      fixture = String(r.body.id);
    });

    for (const row of customerRows) {
      it(`When Miriam holds ${row.role}, then View ${row.view ? 'allowed' : 'denied'}, Modify ${row.modify ? 'allowed' : 'denied'}`, async () => {
        let roleId = row.give as string;
        if (Array.isArray(row.give)) {
          const r = await post('contoso/alex', ROLES, { name: row.role, permissions: row.give });
          ok(r, 201);
          roleId = String(r.body.id);
        }
        const a = await post('contoso/alex', ASSIGNMENTS, {
          roleId,
          members: [user('contoso', 'miriam')],
          scope: { allRooms: true },
        });
        ok(a, 201);
        await checkRow(row, 'contoso/miriam', fixture, user('contoso', 'joni'), {
          roomIds: [ids.room('contoso', 2)],
        });
        ok(await del('contoso/alex', `${ASSIGNMENTS}/${a.body.id}`), 204);
        // Holding nothing in Contoso again: the customer is not found for her.
        assert.equal((await app.call('GET', ROLES, { token: t['contoso/miriam'] })).status, 404);
      });
    }
  });

  describe('Partner side (Fabrikam for Contoso, given to Nestor on the US rooms by the Primary admin)', () => {
    let fixture: string;
    before(async () => {
      const r = await post('fabrikam/pradeep', ROLES, {
        name: 'Fixture',
        permissions: ['tickets.view'],
      });
      ok(r, 201);
      fixture = String(r.body.id);
    });

    for (const row of partnerRows) {
      it(`When Nestor holds ${row.role}, then View ${row.view ? 'allowed' : 'denied'}, Modify ${row.modify ? 'allowed' : 'denied'}`, async () => {
        const nestor = user('fabrikam', 'nestor');
        let undo: () => Promise<CallResult>;
        if (row.give === 'builtin:primary-admins') {
          // Primary admins live on the relationship: the partner route adds and removes them.
          const path = `/api/partner/customers/${CONTOSO}/primary-admins`;
          ok(await post('fabrikam/pradeep', path, { member: nestor }), 201);
          undo = () => del('fabrikam/pradeep', `${path}/${nestor.id}`);
        } else {
          const r = await post('fabrikam/pradeep', ROLES, {
            name: row.role,
            permissions: row.give,
          });
          ok(r, 201);
          const a = await post('fabrikam/pradeep', ASSIGNMENTS, {
            roleId: r.body.id,
            members: [nestor],
            scope: { roomGroupIds: [US_ROOMS] },
          });
          ok(a, 201);
          undo = () => del('fabrikam/pradeep', `${ASSIGNMENTS}/${a.body.id}`);
        }
        await checkRow(row, 'fabrikam/nestor', fixture, user('fabrikam', 'grady'), {
          roomIds: [ids.room('contoso', 7)],
        });
        ok(await undo(), 204);
        assert.equal((await app.call('GET', ROLES, { token: t['fabrikam/nestor'] })).status, 404);
      });
    }
  });

  describe('Primary admins of Contoso over HTTP (Role management › Modify in the customer)', () => {
    const PRIMARY_ADMINS = `/api/partner/customers/${CONTOSO}/primary-admins`;
    const expectStatus = (r: CallResult, [status, code]: [number, string?]) => {
      assert.equal(r.status, status, r.text);
      if (code) assert.equal(r.body.code, code, r.text);
    };

    for (const row of primaryAdminsRows) {
      it(`When ${row.label} adds, removes or breaks glass, then ${row.add[0]} / ${row.remove[0]} / ${row.breakGlass[0]}`, async () => {
        const nestor = user('fabrikam', 'nestor');
        const grady = user('fabrikam', 'grady');
        const lynne = user('fabrikam', 'lynne');
        let undo: (() => Promise<CallResult>) | null = null;
        if (row.give === 'builtin:primary-admins') {
          ok(await post('fabrikam/pradeep', PRIMARY_ADMINS, { member: nestor }), 201);
          undo = () => del('fabrikam/pradeep', `${PRIMARY_ADMINS}/${nestor.id}`);
        } else if (Array.isArray(row.give)) {
          const r = await post('fabrikam/pradeep', ROLES, {
            name: row.label,
            permissions: row.give,
          });
          ok(r, 201);
          const a = await post('fabrikam/pradeep', ASSIGNMENTS, {
            roleId: r.body.id,
            members: [nestor],
            scope: { roomGroupIds: [US_ROOMS] },
          });
          ok(a, 201);
          undo = () => del('fabrikam/pradeep', `${ASSIGNMENTS}/${a.body.id}`);
        }
        // Grady is a Primary admin to be removed; Lynne is the one to add.
        ok(await post('fabrikam/pradeep', PRIMARY_ADMINS, { member: grady }), 201);
        expectStatus(await post(row.who, PRIMARY_ADMINS, { member: lynne }), row.add);
        expectStatus(await del(row.who, `${PRIMARY_ADMINS}/${grady.id}`), row.remove);
        expectStatus(
          await post(row.who, `${PRIMARY_ADMINS}/break-glass`, {
            member: lynne,
            reason: 'Every Primary admin left the company.',
          }),
          row.breakGlass
        );
        // Back to the seeded Primary admin alone.
        for (const m of [lynne, grady]) {
          const r = await del('fabrikam/pradeep', `${PRIMARY_ADMINS}/${m.id}`);
          assert.ok(r.status === 204 || r.status === 404, r.text);
        }
        if (undo) ok(await undo(), 204);
      });
    }
  });
});
