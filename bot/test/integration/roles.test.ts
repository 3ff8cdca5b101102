/**
 * Custom roles and role assignments through HTTP (PRODUCT.md §2, §3, §4.6): who may call each
 * route, built-in immutability, validation, no privilege escalation, assignment scopes that never
 * leave the invitation scope, the effect of changes on the next request, the customer's
 * revocation, and the audit trail. Demo data: Fabrikam is Contoso's partner with the US rooms
 * (Pradeep Primary admin; the Help desk role for Diego and Grady on Seattle rooms); Joni is
 * Contoso's Site Lead for Seattle.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { demoId } from '../../src/seed/demo-id.ts';
import { demoRoleIds } from '../../src/seed/roles.seed.ts';
import { Collections, type AuditDoc } from '../../src/data/collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import { AssignmentCollections } from '../../src/data/assignments.repository.ts';
import { decide } from '../../src/core/authz/engine.ts';

const FAB = ids.tenant('fabrikam');
const CONTOSO = ids.tenant('contoso');
const NORTHWIND = ids.tenant('northwind');
const WOODGROVE = ids.tenant('woodgrove');
const ROLES = `/api/customers/${CONTOSO}/roles`;
const ASSIGNMENTS = `/api/customers/${CONTOSO}/assignments`;
const user = (tenant: string, u: string) => ({ type: 'user' as const, id: ids.user(tenant, u) });
const group = (tenant: string, g: string) => ({ type: 'group' as const, id: ids.group(tenant, g) });
const US_ROOMS = ids.roomGroup('contoso', 'US rooms');
const EMEA_ROOMS = ids.roomGroup('contoso', 'EMEA rooms');
/** Contoso rooms: 0–5 Seattle, 6–9 New York (both US rooms), 10–12 Paris (EMEA rooms). */
const SEATTLE_ROOM = ids.room('contoso', 2);
const NEW_YORK_ROOM = ids.room('contoso', 7);
const PARIS_ROOM = ids.room('contoso', 10);
const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('Roles and assignments', function () {
  let app: TestApp;
  const t: Record<string, string> = {};
  const as = (who: string) => t[who]!;

  before(async () => {
    app = await startTestApp();
    const people = [
      'contoso/alex', // customer Global admin
      'contoso/isaiah', // customer TRPM
      'contoso/joni', // customer Site Lead (seeded): no Role management
      'contoso/miriam', // customer employee without roles
      'fabrikam/megan', // partner Global admin: no role for Contoso
      'fabrikam/pradeep', // Primary admin of Contoso
      'fabrikam/diego', // Help desk for Contoso (seeded): no Role management
      'fabrikam/grady', // Help desk for Contoso (seeded)
      'fabrikam/nestor', // made Primary admin of Northwind below: a partner of another customer
      'northwind/nora', // Northwind Global admin
      'woodgrove/wanda', // unrelated tenant
    ];
    for (const p of people) {
      const [tenant, u] = p.split('/') as [string, string];
      t[p] = await app.tokenFor(tenant, u);
    }
    const accepted = await app.call(
      'POST',
      `/api/partner/invitations/${demoId('relationship:northwind:fabrikam')}/accept`,
      {
        token: as('fabrikam/megan'),
        body: { primaryAdmins: [user('fabrikam', 'nestor')] },
      }
    );
    assert.equal(accepted.status, 200, accepted.text);
  });
  after(() => app.close());

  const audit = () => app.store.collection<AuditDoc>(Collections.audit);
  const roles = () => app.store.collection<RoleDoc>(RoleCollections.roles);
  const expectError = (r: CallResult, status: number, code: string) => {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.code, code, r.text);
  };
  const createRole = (who: string, body: Record<string, unknown>, customer = CONTOSO) =>
    app.call('POST', `/api/customers/${customer}/roles`, {
      token: as(who),
      body: { description: '', ...body },
    });
  const createAssignment = (who: string, body: Record<string, unknown>, customer = CONTOSO) =>
    app.call('POST', `/api/customers/${customer}/assignments`, { token: as(who), body });
  const names = (r: CallResult) => r.body.items!.map((x) => [x.name, x.builtIn]);

  /** Runs `call` on an empty audit log; each log named must hold exactly one record. */
  async function expectAudit(
    call: () => Promise<CallResult>,
    expected: { log: string; result: 'Successful' | 'Failed' }[],
    actor: { tenantId: string; userId: string },
    category: 'Role' | 'Assignment'
  ): Promise<CallResult> {
    await audit().deleteMany({});
    const r = await call();
    const records = await audit().find({}).toArray();
    assert.deepEqual(
      records.map((x) => x.tenantId).sort(),
      expected.map((e) => e.log).sort(),
      `${r.status} ${r.text}: ${JSON.stringify(records)}`
    );
    for (const e of expected) {
      const rec = records.find((x) => x.tenantId === e.log)!;
      assert.equal(rec.result, e.result);
      assert.equal(rec.category, category);
      assert.equal(rec.actorTenantId, actor.tenantId);
      assert.equal(rec.actorId, actor.userId);
      if (e.result === 'Failed') assert.equal(rec.detail, r.body.code);
    }
    return r;
  }

  describe('Who may call each route', () => {
    /**
     * The access table for Contoso's roles routes. `side` is whose roles the caller manages;
     * denied callers get their answer before any id they send is looked at.
     */
    const table: {
      who: string;
      tenant: string;
      outcome: 'customer' | 'partner' | 403 | 404;
      why: string;
    }[] = [
      { who: 'contoso/alex', tenant: CONTOSO, outcome: 'customer', why: 'customer Global admin' },
      { who: 'contoso/isaiah', tenant: CONTOSO, outcome: 'customer', why: 'customer TRPM' },
      {
        who: 'fabrikam/pradeep',
        tenant: FAB,
        outcome: 'partner',
        why: 'Primary admin (Role management)',
      },
      {
        who: 'fabrikam/diego',
        tenant: FAB,
        outcome: 403,
        why: 'partner user without Role management',
      },
      {
        who: 'contoso/joni',
        tenant: CONTOSO,
        outcome: 403,
        why: 'customer Site Lead (no Role management)',
      },
      {
        who: 'fabrikam/nestor',
        tenant: FAB,
        outcome: 404,
        why: 'partner of another customer only',
      },
      {
        who: 'fabrikam/megan',
        tenant: FAB,
        outcome: 404,
        why: 'partner Global admin without a role here',
      },
      {
        who: 'northwind/nora',
        tenant: NORTHWIND,
        outcome: 404,
        why: 'Global admin of another customer of the same partner',
      },
      { who: 'woodgrove/wanda', tenant: WOODGROVE, outcome: 404, why: 'unrelated tenant' },
      {
        who: 'contoso/miriam',
        tenant: CONTOSO,
        outcome: 404,
        why: 'customer employee holding nothing',
      },
    ];

    for (const row of table) {
      it(`When the ${row.why} calls every route, then ${typeof row.outcome === 'number' ? row.outcome : 'allowed'} with one audit record per log`, async () => {
        const [tenantKey, userKey] = row.who.split('/') as [string, string];
        const actor = { tenantId: row.tenant, userId: ids.user(tenantKey, userKey) };
        const allowed = typeof row.outcome === 'string';
        const partner = row.outcome === 'partner';
        const logs = (result: 'Successful' | 'Failed') =>
          row.outcome === 404 || row.tenant === CONTOSO
            ? [{ log: row.tenant, result }]
            : [
                { log: row.tenant, result },
                { log: CONTOSO, result },
              ];
        const deny = (r: CallResult) =>
          row.outcome === 404
            ? expectError(r, 404, 'CUSTOMER.NOT_FOUND')
            : expectError(r, 403, 'AUTHZ.FORBIDDEN');

        const list = await app.call('GET', ROLES, { token: as(row.who) });
        const listA = await app.call('GET', ASSIGNMENTS, { token: as(row.who) });
        if (!allowed) {
          deny(list);
          deny(listA);
          for (const [method, path, body] of [
            ['POST', ROLES, { name: 'X', permissions: ['tickets.view'] }],
            ['PATCH', `${ROLES}/${NOWHERE}`, { name: 'Y' }],
            ['DELETE', `${ROLES}/${NOWHERE}`, undefined],
            [
              'POST',
              ASSIGNMENTS,
              { roleId: NOWHERE, members: [user(tenantKey, userKey)], scope: { allRooms: true } },
            ],
            ['PATCH', `${ASSIGNMENTS}/${NOWHERE}`, { notify: true }],
            ['DELETE', `${ASSIGNMENTS}/${NOWHERE}`, undefined],
          ] as const) {
            const category = path.startsWith(ROLES) ? 'Role' : 'Assignment';
            deny(
              await expectAudit(
                () => app.call(method, path, { token: as(row.who), body }),
                logs('Failed'),
                actor,
                category
              )
            );
          }
          return;
        }
        assert.equal(list.status, 200, list.text);
        assert.equal(listA.status, 200, listA.text);
        const role = await expectAudit(
          () =>
            createRole(row.who, {
              name: `Role of ${userKey}`,
              permissions: ['tickets.view', 'rooms.view'],
            }),
          logs('Successful'),
          actor,
          'Role'
        );
        assert.equal(role.status, 201, role.text);
        const roleUrl = `${ROLES}/${role.body.id}`;
        const patched = await expectAudit(
          () =>
            app.call('PATCH', roleUrl, {
              token: as(row.who),
              body: { description: 'edited', permissions: ['tickets.view'] },
            }),
          logs('Successful'),
          actor,
          'Role'
        );
        assert.equal(patched.status, 200, patched.text);
        assert.deepEqual(patched.body.permissions, ['tickets.view']);
        const members = partner ? [user('fabrikam', 'nestor')] : [user('contoso', 'miriam')];
        const scope = partner ? { roomIds: [NEW_YORK_ROOM] } : { roomGroupIds: [EMEA_ROOMS] };
        const created = await expectAudit(
          () => createAssignment(row.who, { roleId: role.body.id, members, scope, notify: true }),
          logs('Successful'),
          actor,
          'Assignment'
        );
        assert.equal(created.status, 201, created.text);
        const aUrl = `${ASSIGNMENTS}/${created.body.id}`;
        assert.equal((await app.call('GET', aUrl, { token: as(row.who) })).status, 200);
        const p2 = await expectAudit(
          () => app.call('PATCH', aUrl, { token: as(row.who), body: { notify: false } }),
          logs('Successful'),
          actor,
          'Assignment'
        );
        assert.equal(p2.body.notify, false, p2.text);
        const d1 = await expectAudit(
          () => app.call('DELETE', aUrl, { token: as(row.who) }),
          logs('Successful'),
          actor,
          'Assignment'
        );
        assert.equal(d1.status, 204, d1.text);
        const d2 = await expectAudit(
          () => app.call('DELETE', roleUrl, { token: as(row.who) }),
          logs('Successful'),
          actor,
          'Role'
        );
        assert.equal(d2.status, 204, d2.text);
        expectError(await app.call('GET', roleUrl, { token: as(row.who) }), 404, 'ROLE.NOT_FOUND');
      });
    }

    it('When a Primary admin of Contoso calls the routes of Northwind or Woodgrove, then 404 (rights for one customer never reach another)', async () => {
      for (const customer of [NORTHWIND, WOODGROVE]) {
        expectError(
          await app.call('GET', `/api/customers/${customer}/roles`, {
            token: as('fabrikam/pradeep'),
          }),
          404,
          'CUSTOMER.NOT_FOUND'
        );
        expectError(
          await createRole(
            'fabrikam/pradeep',
            { name: 'Sneaky', permissions: ['tickets.view'] },
            customer
          ),
          404,
          'CUSTOMER.NOT_FOUND'
        );
      }
    });

    it('When no or a forged token is sent, then 401', async () => {
      assert.equal((await app.call('GET', ROLES)).status, 401);
      assert.equal((await app.call('GET', ROLES, { token: `${as('contoso/alex')}x` })).status, 401);
    });
  });

  describe('Listing roles by side', () => {
    it("When the customer lists roles, then its three built-ins and its own roles show, never a partner's", async () => {
      const own = await createRole('contoso/alex', {
        name: 'Facilities viewer',
        permissions: ['rooms.view'],
      });
      assert.equal(own.status, 201, own.text);
      const r = await app.call('GET', ROLES, { token: as('contoso/alex') });
      assert.deepEqual(names(r), [
        ['MMR Admin', true],
        ['Site Lead', true],
        ['Site Tech', true],
        ['Facilities viewer', false],
      ]);
    });

    it("When the partner lists roles, then Primary admins and its own roles show, never the customer's or another partner's", async () => {
      await roles().insertOne({
        _id: crypto.randomUUID(),
        tenantId: CONTOSO,
        partnerTenantId: WOODGROVE,
        name: 'Other partner role',
        description: '',
        permissions: ['tickets.view'],
        createdAt: new Date(),
        createdBy: 'test',
      });
      const r = await app.call('GET', ROLES, { token: as('fabrikam/pradeep') });
      assert.deepEqual(names(r), [
        ['Primary admins', true],
        ['Help desk', false],
      ]);
      const other = (await roles().findOne({ tenantId: CONTOSO, partnerTenantId: WOODGROVE }))!._id;
      const own = (await roles().findOne({ tenantId: CONTOSO, partnerTenantId: null }))!._id;
      for (const id of [other, own]) {
        expectError(
          await app.call('GET', `${ROLES}/${id}`, { token: as('fabrikam/pradeep') }),
          404,
          'ROLE.NOT_FOUND'
        );
        expectError(
          await app.call('PATCH', `${ROLES}/${id}`, {
            token: as('fabrikam/pradeep'),
            body: { name: 'Mine' },
          }),
          404,
          'ROLE.NOT_FOUND'
        );
        expectError(
          await app.call('DELETE', `${ROLES}/${id}`, { token: as('fabrikam/pradeep') }),
          404,
          'ROLE.NOT_FOUND'
        );
      }
      expectError(
        await app.call('GET', `${ROLES}/${demoRoleIds.helpDeskRole}`, {
          token: as('contoso/alex'),
        }),
        404,
        'ROLE.NOT_FOUND'
      );
      expectError(
        await app.call('GET', `${ROLES}/builtin:mmr-admin`, { token: as('fabrikam/pradeep') }),
        404,
        'ROLE.NOT_FOUND'
      );
      assert.equal(
        await roles().countDocuments({ _id: { $in: [other, own] }, name: { $ne: 'Mine' } }),
        2
      );
    });

    it('When the list is paged, then built-ins come first and only once', async () => {
      const first = await app.call('GET', `${ROLES}?limit=1`, { token: as('contoso/alex') });
      assert.deepEqual(names(first), [
        ['MMR Admin', true],
        ['Site Lead', true],
        ['Site Tech', true],
        ['Facilities viewer', false],
      ]);
      assert.ok(!first.body.nextCursor, 'one custom role: one page');
      assert.equal(
        (await createRole('contoso/alex', { name: 'Zeta', permissions: ['rooms.view'] })).status,
        201
      );
      const p1 = await app.call('GET', `${ROLES}?limit=1`, { token: as('contoso/alex') });
      const p2 = await app.call('GET', `${ROLES}?limit=1&cursor=${p1.body.nextCursor}`, {
        token: as('contoso/alex'),
      });
      assert.deepEqual(names(p2), [['Zeta', false]]);
      expectError(
        await app.call('GET', `${ROLES}?cursor=nope`, { token: as('contoso/alex') }),
        400,
        'REQUEST.BAD_CURSOR'
      );
    });

    it('When the customer deleted Primary admins, then the partner no longer sees that built-in', async () => {
      // Checked on Northwind so Contoso's Primary admins stay for the other tests.
      const nestorList = async () =>
        names(
          await app.call('GET', `/api/customers/${NORTHWIND}/roles`, {
            token: as('fabrikam/nestor'),
          })
        );
      assert.deepEqual(await nestorList(), [['Primary admins', true]]);
      const role = await createRole(
        'fabrikam/nestor',
        { name: 'Keeper', permissions: ['roles.view'] },
        NORTHWIND
      );
      assert.equal(role.status, 201, role.text);
      // Nestor keeps access to the list through a custom role once Primary admins is gone.
      const a = await createAssignment(
        'fabrikam/nestor',
        { roleId: role.body.id, members: [user('fabrikam', 'nestor')], scope: { allRooms: true } },
        NORTHWIND
      );
      assert.equal(a.status, 201, a.text);
      const del = await app.call(
        'DELETE',
        `/api/customer/partners/${FAB}/roles/builtin:primary-admins`,
        { token: as('northwind/nora') }
      );
      assert.equal(del.status, 204, del.text);
      assert.deepEqual(await nestorList(), [['Keeper', false]]);
    });
  });

  describe('Built-in roles', () => {
    it('When anyone edits or deletes a built-in role, then 409 ROLE.BUILT_IN and it is audited as Failed', async () => {
      const alex = { tenantId: CONTOSO, userId: ids.user('contoso', 'alex') };
      for (const id of ['builtin:mmr-admin', 'builtin:site-lead', 'builtin:site-tech']) {
        const r = await expectAudit(
          () =>
            app.call('PATCH', `${ROLES}/${id}`, {
              token: as('contoso/alex'),
              body: { permissions: ['rooms.view'] },
            }),
          [{ log: CONTOSO, result: 'Failed' }],
          alex,
          'Role'
        );
        expectError(r, 409, 'ROLE.BUILT_IN');
        expectError(
          await app.call('DELETE', `${ROLES}/${id}`, { token: as('contoso/isaiah') }),
          409,
          'ROLE.BUILT_IN'
        );
      }
      expectError(
        await app.call('PATCH', `${ROLES}/builtin:primary-admins`, {
          token: as('fabrikam/pradeep'),
          body: { name: 'Admins' },
        }),
        409,
        'ROLE.BUILT_IN'
      );
      expectError(
        await app.call('DELETE', `${ROLES}/builtin:primary-admins`, {
          token: as('fabrikam/pradeep'),
        }),
        409,
        'ROLE.BUILT_IN'
      );
      const list = await app.call('GET', ROLES, { token: as('fabrikam/pradeep') });
      assert.equal(list.body.items![0]!.name, 'Primary admins');
    });
  });

  describe('Role validation', () => {
    const refused: { name: string; body: Record<string, unknown>; status: number; code: string }[] =
      [
        {
          name: 'an unknown permission',
          body: { name: 'R1', permissions: ['tickets.view', 'rooms.teleport'] },
          status: 400,
          code: 'ROLE.PERMISSION_UNKNOWN',
        },
        {
          name: 'no permission',
          body: { name: 'R2', permissions: [] },
          status: 400,
          code: 'ROLE.PERMISSIONS_EMPTY',
        },
        {
          name: 'a blank name',
          body: { name: '   ', permissions: ['rooms.view'] },
          status: 400,
          code: 'ROLE.NAME_INVALID',
        },
        {
          name: 'a name of 65 characters',
          body: { name: 'x'.repeat(65), permissions: ['rooms.view'] },
          status: 400,
          code: 'ROLE.NAME_INVALID',
        },
        {
          name: 'a control character in the name',
          body: { name: 'a\u0007b', permissions: ['rooms.view'] },
          status: 400,
          code: 'ROLE.NAME_INVALID',
        },
        {
          name: 'an unknown field',
          body: { name: 'R3', permissions: ['rooms.view'], builtIn: true },
          status: 400,
          code: 'REQUEST.INVALID',
        },
        {
          name: 'a permission that is an object',
          body: { name: 'R4', permissions: [{ $ne: null }] },
          status: 400,
          code: 'REQUEST.INVALID',
        },
        {
          name: 'the name of an existing role, other case and spaces',
          body: { name: '  help DESK ', permissions: ['rooms.view'] },
          status: 409,
          code: 'ROLE.NAME_TAKEN',
        },
      ];
    for (const c of refused) {
      it(`When a role is created with ${c.name}, then ${c.status} ${c.code} and nothing is written`, async () => {
        const before = await roles().countDocuments({});
        expectError(await createRole('fabrikam/pradeep', c.body), c.status, c.code);
        assert.equal(await roles().countDocuments({}), before);
      });
    }

    it('When names collide only across sides, then both exist; a rename onto a taken name is 409, a case-only rename is fine', async () => {
      const own = await createRole('contoso/alex', {
        name: 'Help desk',
        permissions: ['tickets.view'],
      });
      assert.equal(own.status, 201, own.text);
      const mine = await createRole('fabrikam/pradeep', {
        name: 'Escalation',
        permissions: ['tickets.view'],
      });
      assert.equal(mine.status, 201, mine.text);
      const url = `${ROLES}/${mine.body.id}`;
      expectError(
        await app.call('PATCH', url, {
          token: as('fabrikam/pradeep'),
          body: { name: 'HELP desk' },
        }),
        409,
        'ROLE.NAME_TAKEN'
      );
      const renamed = await app.call('PATCH', url, {
        token: as('fabrikam/pradeep'),
        body: { name: 'ESCALATION' },
      });
      assert.equal(renamed.body.name, 'ESCALATION', renamed.text);
      assert.equal(
        (
          await app.call('PATCH', url, {
            token: as('fabrikam/pradeep'),
            body: { name: 'Escalations' },
          })
        ).status,
        200
      );
      // The old name is free again.
      const again = await createRole('fabrikam/pradeep', {
        name: 'Escalation',
        permissions: ['tickets.view'],
      });
      assert.equal(again.status, 201, again.text);
      expectError(
        await app.call('PATCH', url, { token: as('fabrikam/pradeep'), body: {} }),
        400,
        'REQUEST.INVALID'
      );
    });

    it('When the customer deletes a partner role through the Partners route, then its name can be used again', async () => {
      const r = await createRole('fabrikam/pradeep', {
        name: 'Short-lived',
        permissions: ['tickets.view'],
      });
      const del = await app.call('DELETE', `/api/customer/partners/${FAB}/roles/${r.body.id}`, {
        token: as('contoso/alex'),
      });
      assert.equal(del.status, 204, del.text);
      assert.equal(
        (
          await createRole('fabrikam/pradeep', {
            name: 'Short-lived',
            permissions: ['tickets.view'],
          })
        ).status,
        201
      );
    });
  });

  describe('No privilege escalation', () => {
    it('When a Primary admin puts a permission they lack into a role, then 403 ROLE.PERMISSION_NOT_HELD', async () => {
      expectError(
        await createRole('fabrikam/pradeep', {
          name: 'Keys',
          permissions: ['rooms.view', 'rooms.resetKey'],
        }),
        403,
        'ROLE.PERMISSION_NOT_HELD'
      );
      const r = await createRole('fabrikam/pradeep', {
        name: 'Viewer',
        permissions: ['rooms.view'],
      });
      expectError(
        await app.call('PATCH', `${ROLES}/${r.body.id}`, {
          token: as('fabrikam/pradeep'),
          body: { permissions: ['rooms.view', 'settings.modify'] },
        }),
        403,
        'ROLE.PERMISSION_NOT_HELD'
      );
      assert.deepEqual((await roles().findOne({ _id: String(r.body.id) }))?.permissions, [
        'rooms.view',
      ]);
    });

    it('When a customer role manager scoped to Seattle assigns beyond Seattle, then 403; within, 201', async () => {
      const manager = await createRole('contoso/alex', {
        name: 'Seattle managers',
        permissions: ['rooms.view', 'tickets.view', 'roles.view', 'roles.modify'],
      });
      const seattle = [0, 1, 2, 3, 4, 5].map((n) => ids.room('contoso', n));
      const a = await createAssignment('contoso/alex', {
        roleId: manager.body.id,
        members: [user('contoso', 'miriam')],
        scope: { roomIds: seattle },
      });
      assert.equal(a.status, 201, a.text);
      const target = await createRole('contoso/miriam', {
        name: 'Ticket watchers',
        permissions: ['tickets.view'],
      });
      assert.equal(target.status, 201, target.text);
      expectError(
        await createRole('contoso/miriam', { name: 'Settings', permissions: ['settings.modify'] }),
        403,
        'ROLE.PERMISSION_NOT_HELD'
      );
      const assign = (scope: unknown, roleId = target.body.id) =>
        createAssignment('contoso/miriam', { roleId, members: [user('contoso', 'joni')], scope });
      expectError(await assign({ allRooms: true }), 403, 'ASSIGNMENT.PERMISSION_NOT_HELD');
      expectError(
        await assign({ roomGroupIds: [US_ROOMS] }),
        403,
        'ASSIGNMENT.PERMISSION_NOT_HELD'
      );
      expectError(
        await assign({ roomIds: [SEATTLE_ROOM, NEW_YORK_ROOM] }),
        403,
        'ASSIGNMENT.PERMISSION_NOT_HELD'
      );
      expectError(
        await assign({ roomIds: [SEATTLE_ROOM] }, 'builtin:mmr-admin'),
        403,
        'ASSIGNMENT.PERMISSION_NOT_HELD'
      );
      const ok = await assign({ roomIds: [SEATTLE_ROOM] });
      assert.equal(ok.status, 201, ok.text);
      expectError(
        await app.call('PATCH', `${ASSIGNMENTS}/${ok.body.id}`, {
          token: as('contoso/miriam'),
          body: { scope: { allRooms: true } },
        }),
        403,
        'ASSIGNMENT.PERMISSION_NOT_HELD'
      );
      // The customer admin assigns the same role on all rooms; Miriam may not then widen the role.
      const wide = await createAssignment('contoso/alex', {
        roleId: target.body.id,
        members: [user('contoso', 'isaiah')],
        scope: { allRooms: true },
      });
      assert.equal(wide.status, 201, wide.text);
      expectError(
        await app.call('PATCH', `${ROLES}/${target.body.id}`, {
          token: as('contoso/miriam'),
          body: { permissions: ['tickets.view', 'rooms.view'] },
        }),
        403,
        'ROLE.PERMISSION_NOT_HELD'
      );
      assert.equal(
        (
          await app.call('PATCH', `${ROLES}/${target.body.id}`, {
            token: as('contoso/alex'),
            body: { permissions: ['tickets.view', 'rooms.view'] },
          })
        ).status,
        200
      );
      assert.equal(
        (await app.call('DELETE', `${ASSIGNMENTS}/${a.body.id}`, { token: as('contoso/alex') }))
          .status,
        204
      );
    });
  });

  describe('Assignment scopes and members', () => {
    let roleId: string;
    before(async () => {
      const r = await createRole('fabrikam/pradeep', {
        name: 'Scoped',
        permissions: ['tickets.view', 'rooms.view'],
      });
      roleId = String(r.body.id);
    });
    const assign = (body: Record<string, unknown>) =>
      createAssignment('fabrikam/pradeep', {
        roleId,
        members: [user('fabrikam', 'nestor')],
        scope: { roomIds: [NEW_YORK_ROOM] },
        ...body,
      });

    const escapes: { name: string; scope: Record<string, unknown> }[] = [
      { name: 'a room outside the invitation scope', scope: { roomIds: [PARIS_ROOM] } },
      { name: 'a room group outside it', scope: { roomGroupIds: [EMEA_ROOMS] } },
      { name: 'all rooms under a relationship restricted to US rooms', scope: { allRooms: true } },
      { name: "another tenant's room", scope: { roomIds: [ids.room('woodgrove', 0)] } },
      {
        name: "another tenant's room group",
        scope: { roomGroupIds: [ids.roomGroup('northwind', 'UK offices')] },
      },
      { name: 'a room that does not exist', scope: { roomIds: [NOWHERE] } },
      {
        name: 'a room inside among others outside',
        scope: { roomIds: [NEW_YORK_ROOM, PARIS_ROOM] },
      },
    ];
    for (const e of escapes) {
      it(`When a partner assigns over ${e.name}, then 400 ASSIGNMENT.OUTSIDE_SCOPE and nothing is written`, async () => {
        const before = await app.store
          .collection(AssignmentCollections.assignments)
          .countDocuments({});
        expectError(await assign({ scope: e.scope }), 400, 'ASSIGNMENT.OUTSIDE_SCOPE');
        assert.equal(
          await app.store.collection(AssignmentCollections.assignments).countDocuments({}),
          before
        );
      });
    }

    it('When a partner assigns within the scope (a room, or the scope group itself), then 201; widening it later is refused', async () => {
      const room = await assign({});
      assert.equal(room.status, 201, room.text);
      assert.deepEqual(room.body.scope, {
        allRooms: false,
        roomIds: [NEW_YORK_ROOM],
        roomGroupIds: [],
      });
      assert.deepEqual(room.body.members, [
        { type: 'user', id: ids.user('fabrikam', 'nestor'), displayName: 'Nestor Wilke' },
      ]);
      const grp = await assign({ scope: { roomGroupIds: [US_ROOMS.toUpperCase()] } });
      assert.equal(grp.status, 201, grp.text);
      assert.deepEqual(grp.body.scope, { allRooms: false, roomIds: [], roomGroupIds: [US_ROOMS] });
      expectError(
        await app.call('PATCH', `${ASSIGNMENTS}/${room.body.id}`, {
          token: as('fabrikam/pradeep'),
          body: { scope: { roomIds: [PARIS_ROOM] } },
        }),
        400,
        'ASSIGNMENT.OUTSIDE_SCOPE'
      );
      for (const id of [room.body.id, grp.body.id]) {
        assert.equal(
          (await app.call('DELETE', `${ASSIGNMENTS}/${id}`, { token: as('fabrikam/pradeep') }))
            .status,
          204
        );
      }
    });

    it("When the customer names another tenant's or unknown rooms, then 400 ASSIGNMENT.SCOPE_INVALID", async () => {
      const r = await createAssignment('contoso/alex', {
        roleId: 'builtin:site-tech',
        members: [user('contoso', 'miriam')],
        scope: { roomIds: [ids.room('woodgrove', 0)] },
      });
      expectError(r, 400, 'ASSIGNMENT.SCOPE_INVALID');
      assert.deepEqual(r.body.details, { roomIds: [ids.room('woodgrove', 0)], roomGroupIds: [] });
      expectError(
        await createAssignment('contoso/alex', {
          roleId: 'builtin:site-tech',
          members: [user('contoso', 'miriam')],
          scope: {},
        }),
        400,
        'ASSIGNMENT.SCOPE_INVALID'
      );
    });

    const badMembers: { name: string; members: unknown[]; code: string }[] = [
      {
        name: "a user of the customer's directory",
        members: [user('contoso', 'joni')],
        code: 'DIRECTORY.MEMBER_NOT_FOUND',
      },
      {
        name: 'a user that does not exist',
        members: [{ type: 'user', id: NOWHERE }],
        code: 'DIRECTORY.MEMBER_NOT_FOUND',
      },
      {
        name: 'a group id sent as a user',
        members: [{ type: 'user', id: ids.group('fabrikam', 'help-desk') }],
        code: 'DIRECTORY.MEMBER_NOT_FOUND',
      },
      { name: 'no members', members: [], code: 'ASSIGNMENT.MEMBERS_EMPTY' },
    ];
    for (const m of badMembers) {
      it(`When a partner assigns to ${m.name}, then 400 ${m.code}`, async () => {
        expectError(await assign({ members: m.members }), 400, m.code);
      });
    }

    it("When the customer assigns to a partner's user, then 400 (members come from the caller's own directory)", async () => {
      expectError(
        await createAssignment('contoso/alex', {
          roleId: 'builtin:site-tech',
          members: [user('fabrikam', 'diego')],
          scope: { allRooms: true },
        }),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND'
      );
    });

    it("When an assignment names a role of the other side, another partner's, or Primary admins, then 400 ASSIGNMENT.ROLE_INVALID", async () => {
      const own = (await roles().findOne({ tenantId: CONTOSO, partnerTenantId: null }))!._id;
      const other = (await roles().findOne({ tenantId: CONTOSO, partnerTenantId: WOODGROVE }))!._id;
      for (const id of [
        own,
        other,
        'builtin:site-lead',
        'builtin:mmr-admin',
        'builtin:primary-admins',
        NOWHERE,
      ]) {
        expectError(await assign({ roleId: id }), 400, 'ASSIGNMENT.ROLE_INVALID');
      }
      for (const id of [demoRoleIds.helpDeskRole, 'builtin:primary-admins']) {
        expectError(
          await createAssignment('contoso/alex', {
            roleId: id,
            members: [user('contoso', 'miriam')],
            scope: { allRooms: true },
          }),
          400,
          'ASSIGNMENT.ROLE_INVALID'
        );
      }
    });

    it('When ids carry MongoDB operators or are not GUIDs, then 400 REQUEST.INVALID before anything is read', async () => {
      const bodies = [
        { roleId: { $ne: null } },
        { members: [{ type: 'user', id: { $gt: '' } }] },
        { scope: { roomIds: [{ $ne: null }] } },
        { scope: { roomGroupIds: { $exists: true } } },
        { scope: { $where: 'true' } },
        { roleId: 'builtin:nope' },
        { notify: 'yes' },
      ];
      for (const b of bodies) expectError(await assign(b), 400, 'REQUEST.INVALID');
      const operator = '%7B%22%24ne%22%3A1%7D'; // {"$ne":1}
      for (const [method, path] of [
        ['DELETE', `${ROLES}/${operator}`],
        ['DELETE', `${ASSIGNMENTS}/${operator}`],
        ['GET', `/api/customers/${operator}/roles`],
      ] as const) {
        expectError(
          await app.call(method, path, { token: as('fabrikam/pradeep') }),
          400,
          'REQUEST.INVALID'
        );
      }
    });
  });

  describe('Changes take effect on the next request', () => {
    it('When a role manager assigns Role management to a technician and then deletes it, then access follows on the next request', async () => {
      const diegoRoles = () => app.call('GET', ROLES, { token: as('fabrikam/diego') });
      expectError(await diegoRoles(), 403, 'AUTHZ.FORBIDDEN');
      const viewer = await createRole('fabrikam/pradeep', {
        name: 'Role viewers',
        permissions: ['roles.view'],
      });
      const a = await createAssignment('fabrikam/pradeep', {
        roleId: viewer.body.id,
        members: [user('fabrikam', 'diego')],
        scope: { roomGroupIds: [US_ROOMS] },
      });
      assert.equal(a.status, 201, a.text);
      assert.equal((await diegoRoles()).status, 200);
      assert.equal(
        (await app.call('DELETE', `${ASSIGNMENTS}/${a.body.id}`, { token: as('fabrikam/pradeep') }))
          .status,
        204
      );
      expectError(await diegoRoles(), 403, 'AUTHZ.FORBIDDEN');
    });

    it('When a role gains or loses a permission, then its members gain or lose it on the next request (in-process grants)', async () => {
      const caller = await app.services.callerFor({
        tenantId: FAB,
        userId: ids.user('fabrikam', 'grady'),
        wids: [],
      });
      const room = { id: NEW_YORK_ROOM, groupIds: [US_ROOMS] };
      const can = async (p: 'rooms.view' | 'rooms.modify') =>
        decide(await app.services.grantsFor(caller, { customerTenantId: CONTOSO }), p, {
          customerTenantId: CONTOSO,
          room,
        }).allowed;
      const r = await createRole('fabrikam/pradeep', {
        name: 'NY techs',
        permissions: ['rooms.view'],
      });
      assert.equal(await can('rooms.view'), false, 'Help desk covers Seattle only');
      const a = await createAssignment('fabrikam/pradeep', {
        roleId: r.body.id,
        members: [group('fabrikam', 'help-desk')],
        scope: { roomIds: [NEW_YORK_ROOM] },
      });
      assert.equal(a.status, 201, a.text);
      assert.equal(await can('rooms.view'), true);
      assert.equal(await can('rooms.modify'), false);
      await app.call('PATCH', `${ROLES}/${r.body.id}`, {
        token: as('fabrikam/pradeep'),
        body: { permissions: ['rooms.view', 'rooms.modify'] },
      });
      assert.equal(await can('rooms.modify'), true);
      await app.call('PATCH', `${ASSIGNMENTS}/${a.body.id}`, {
        token: as('fabrikam/pradeep'),
        body: { members: [user('fabrikam', 'nestor')] },
      });
      assert.equal(await can('rooms.view'), false, 'grady left the members');
    });

    it('When a role still has assignments, then deleting it is 409 ROLE.IN_USE; without them, 204', async () => {
      const r = await createRole('fabrikam/pradeep', {
        name: 'In use',
        permissions: ['tickets.view'],
      });
      const a = await createAssignment('fabrikam/pradeep', {
        roleId: r.body.id,
        members: [user('fabrikam', 'nestor')],
        scope: { roomIds: [NEW_YORK_ROOM] },
      });
      expectError(
        await app.call('DELETE', `${ROLES}/${r.body.id}`, { token: as('fabrikam/pradeep') }),
        409,
        'ROLE.IN_USE'
      );
      assert.equal(
        (await app.call('DELETE', `${ASSIGNMENTS}/${a.body.id}`, { token: as('fabrikam/pradeep') }))
          .status,
        204
      );
      assert.equal(
        (await app.call('DELETE', `${ROLES}/${r.body.id}`, { token: as('fabrikam/pradeep') }))
          .status,
        204
      );
    });

    it('When the customer deletes the partner role or assignment (Partners routes), then the members lose access at once', async () => {
      const r = await createRole('fabrikam/pradeep', {
        name: 'Revocable',
        permissions: ['roles.view'],
      });
      const a = await createAssignment('fabrikam/pradeep', {
        roleId: r.body.id,
        members: [user('fabrikam', 'grady')],
        scope: { roomIds: [NEW_YORK_ROOM] },
      });
      const gradyRoles = () => app.call('GET', ROLES, { token: as('fabrikam/grady') });
      assert.equal((await gradyRoles()).status, 200);
      assert.equal(
        (
          await app.call('DELETE', `/api/customer/partners/${FAB}/assignments/${a.body.id}`, {
            token: as('contoso/alex'),
          })
        ).status,
        204
      );
      expectError(await gradyRoles(), 403, 'AUTHZ.FORBIDDEN');
      const b = await createAssignment('fabrikam/pradeep', {
        roleId: r.body.id,
        members: [user('fabrikam', 'grady')],
        scope: { roomIds: [NEW_YORK_ROOM] },
      });
      assert.equal(b.status, 201, b.text);
      assert.equal((await gradyRoles()).status, 200);
      assert.equal(
        (
          await app.call('DELETE', `/api/customer/partners/${FAB}/roles/${r.body.id}`, {
            token: as('contoso/isaiah'),
          })
        ).status,
        204
      );
      expectError(await gradyRoles(), 403, 'AUTHZ.FORBIDDEN');
      expectError(
        await app.call('GET', `${ASSIGNMENTS}/${b.body.id}`, { token: as('fabrikam/pradeep') }),
        404,
        'ASSIGNMENT.NOT_FOUND'
      );
    });
  });
});
