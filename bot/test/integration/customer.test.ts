/**
 * Customer side through HTTP: inviting a partner (and every way it can be refused), listing and
 * withdrawing invitations, the Partners list, scope changes, revoking partner roles and
 * assignments, and removing the partner.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids, seedDemoData } from '../../src/seed/demo-data.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';

const FAB = ids.tenant('fabrikam');
const CONTOSO = ids.tenant('contoso');
const WOODGROVE = ids.tenant('woodgrove');
const PARTNER = `/api/customer/partners/${FAB}`;

/** A partner role of Contoso for Fabrikam, as the roles engine will write it. */
const buildRole = (over: Partial<RoleDoc> = {}): RoleDoc => ({
  _id: crypto.randomUUID(),
  tenantId: CONTOSO,
  partnerTenantId: FAB,
  name: 'Help desk',
  description: 'First line',
  permissions: ['tickets.view', 'tickets.update'],
  createdAt: new Date(),
  createdBy: ids.user('fabrikam', 'pradeep'),
  ...over,
});

const buildAssignment = (roleId: string, over: Partial<AssignmentDoc> = {}): AssignmentDoc => ({
  _id: crypto.randomUUID(),
  tenantId: CONTOSO,
  partnerTenantId: FAB,
  roleId,
  members: [{ type: 'group', id: ids.group('fabrikam', 'help-desk') }],
  scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
  notify: true,
  createdAt: new Date(),
  createdBy: ids.user('fabrikam', 'pradeep'),
  ...over,
});

describe('Customer side', function () {
  let app: TestApp;
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    const people = [
      'contoso/alex', // customer Global admin
      'contoso/isaiah', // customer TRPM
      'contoso/joni', // site lead, no admin role
      'contoso/miriam', // employee
      'woodgrove/wanda', // customer Global admin, no partner yet
      'woodgrove/tomas', // employee
      'northwind/nora', // customer GA with a pending invitation to Fabrikam
      'fabrikam/megan', // partner Global admin
      'fabrikam/pradeep', // Primary admin of Contoso
    ];
    await Promise.all(
      people.map(async (p) => {
        const [tenant, user] = p.split('/') as [string, string];
        t[p] = await app.tokenFor(tenant, user);
      })
    );
  });
  after(() => app.close());

  const relationships = () =>
    app.store.collection<RelationshipDoc>(PartnerCollections.relationships);
  const roles = () => app.store.collection<RoleDoc>(RoleCollections.roles);
  const assignments = () => app.store.collection<AssignmentDoc>(AssignmentCollections.assignments);
  const expectError = (r: CallResult, status: number, code: string) => {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.code, code, r.text);
  };
  const invite = (who: string, body: Record<string, unknown> = {}) =>
    app.call('POST', '/api/customer/invitations', {
      token: t[who],
      body: {
        partnerDomain: 'fabrikam.example',
        expiresInDays: 7,
        scope: { allRooms: true },
        agreeToTerms: true,
        ...body,
      },
    });

  describe('Inviting a partner', () => {
    it('When the customer GA invites by domain, then a pending invitation with the scope is created and listed', async () => {
      const scope = {
        roomIds: [ids.room('woodgrove', 0)],
        roomGroupIds: [ids.roomGroup('woodgrove', 'Board rooms')],
      };
      const r = await invite('woodgrove/wanda', {
        partnerDomain: ' Fabrikam.EXAMPLE ',
        scope,
        changeControl: 'manual',
        expiresInDays: 30,
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.partnerTenantId, FAB);
      assert.equal(r.body.partnerName, 'Fabrikam Managed Services');
      assert.equal(r.body.partnerDomain, 'fabrikam.example');
      assert.equal(r.body.changeControl, 'manual');
      assert.equal(r.body.createdByName, 'Wanda Kowalski');
      assert.deepEqual(r.body.scope, { allRooms: false, ...scope });
      const days =
        (Date.parse(String(r.body.expiresAt)) - Date.parse(String(r.body.createdAt))) / 86_400_000;
      assert.equal(days, 30);
      const list = await app.call('GET', '/api/customer/invitations', {
        token: t['woodgrove/wanda'],
      });
      assert.deepEqual(
        list.body.items!.map((i) => [i.id, i.expired]),
        [[r.body.id, false]]
      );
      const doc = await relationships().findOne({ _id: String(r.body.id) });
      assert.equal(doc?.tenantId, WOODGROVE, 'the customer owns the document');
      assert.ok(doc?.termsAcceptedAt instanceof Date);
    });

    it('When a pending invitation or an active relationship exists, then 409', async () => {
      expectError(await invite('woodgrove/wanda'), 409, 'INVITATION.ALREADY_PENDING');
      expectError(await invite('northwind/nora'), 409, 'INVITATION.ALREADY_PENDING');
      expectError(await invite('contoso/alex'), 409, 'RELATIONSHIP.ALREADY_ACTIVE');
    });

    const refused: {
      name: string;
      who?: string;
      body: Record<string, unknown>;
      status: number;
      code: string;
    }[] = [
      {
        name: 'an unknown domain',
        body: { partnerDomain: 'nobody.example' },
        status: 400,
        code: 'INVITATION.PARTNER_NOT_ELIGIBLE',
      },
      {
        name: 'the domain of an organisation that is not a partner',
        body: { partnerDomain: 'contoso.example' },
        status: 400,
        code: 'INVITATION.PARTNER_NOT_ELIGIBLE',
      },
      {
        name: "the customer's own domain",
        who: 'woodgrove/wanda',
        body: { partnerDomain: 'woodgrovebank.example' },
        status: 400,
        code: 'INVITATION.SELF',
      },
      {
        name: "a partner's own domain (a partner inviting itself)",
        who: 'fabrikam/megan',
        body: { partnerDomain: 'fabrikammsp.onmicrosoft.example' },
        status: 400,
        code: 'INVITATION.SELF',
      },
      {
        name: 'an expiry of 0 days',
        body: { expiresInDays: 0 },
        status: 400,
        code: 'INVITATION.EXPIRY_INVALID',
      },
      {
        name: 'an expiry of 31 days',
        body: { expiresInDays: 31 },
        status: 400,
        code: 'INVITATION.EXPIRY_INVALID',
      },
      {
        name: 'a fractional expiry',
        body: { expiresInDays: 1.5 },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'rooms of another tenant in the scope',
        body: { scope: { roomIds: [ids.room('contoso', 0)] } },
        status: 400,
        code: 'INVITATION.SCOPE_INVALID',
      },
      {
        name: 'room groups of another tenant in the scope',
        body: { scope: { roomGroupIds: [ids.roomGroup('contoso', 'US rooms')] } },
        status: 400,
        code: 'INVITATION.SCOPE_INVALID',
      },
      {
        name: 'an empty chosen scope',
        body: { scope: { roomIds: [], roomGroupIds: [] } },
        status: 400,
        code: 'INVITATION.SCOPE_INVALID',
      },
      {
        name: 'all rooms plus chosen rooms',
        body: { scope: { allRooms: true, roomIds: [ids.room('woodgrove', 0)] } },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'terms not agreed',
        body: { agreeToTerms: false },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an unknown change-control mode',
        body: { changeControl: 'never' },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'a caller without an admin role',
        who: 'woodgrove/tomas',
        body: {},
        status: 403,
        code: 'AUTHZ.FORBIDDEN',
      },
    ];
    for (const c of refused) {
      it(`When the invitation names ${c.name}, then ${c.status} ${c.code} and nothing is written`, async () => {
        // Woodgrove's pending invitation is withdrawn first so only the refusal reason can apply.
        await relationships().deleteMany({ tenantId: WOODGROVE });
        const before = await relationships().countDocuments({});
        const r = await invite(c.who ?? 'woodgrove/wanda', c.body);
        expectError(r, c.status, c.code);
        assert.equal(await relationships().countDocuments({}), before);
      });
    }

    it('When the scope names unknown rooms, then the error lists exactly those ids', async () => {
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      const r = await invite('woodgrove/wanda', {
        scope: { roomIds: [ids.room('woodgrove', 0), unknown] },
      });
      expectError(r, 400, 'INVITATION.SCOPE_INVALID');
      assert.deepEqual(r.body.details, { unknownRoomIds: [unknown], unknownRoomGroupIds: [] });
    });

    it('When the TRPM invites, then it is allowed', async () => {
      // Contoso already has Fabrikam; the TRPM gets the business answer, not a 403.
      expectError(await invite('contoso/isaiah'), 409, 'RELATIONSHIP.ALREADY_ACTIVE');
    });

    it('When employees list invitations, then 403', async () => {
      expectError(
        await app.call('GET', '/api/customer/invitations', { token: t['contoso/miriam'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
    });
  });

  describe('Withdrawing an invitation', () => {
    it('When the customer withdraws a pending invitation, then it leaves both the list and the partner inbox', async () => {
      const id = String((await invite('woodgrove/wanda')).body.id);
      expectError(
        await app.call('DELETE', `/api/customer/invitations/${id}`, {
          token: t['woodgrove/tomas'],
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('DELETE', `/api/customer/invitations/${id}`, { token: t['northwind/nora'] }),
        404,
        'INVITATION.NOT_FOUND'
      );
      const r = await app.call('DELETE', `/api/customer/invitations/${id}`, {
        token: t['woodgrove/wanda'],
      });
      assert.equal(r.status, 204, r.text);
      const inbox = await app.call('GET', '/api/partner/invitations', {
        token: t['fabrikam/megan'],
      });
      assert.ok(!inbox.body.items!.some((i) => i.id === id));
      expectError(
        await app.call('DELETE', `/api/customer/invitations/${id}`, {
          token: t['woodgrove/wanda'],
        }),
        404,
        'INVITATION.NOT_FOUND'
      );
      const accepted = await app.call('POST', `/api/partner/invitations/${id}/accept`, {
        token: t['fabrikam/megan'],
        body: { primaryAdmins: [{ type: 'user', id: ids.user('fabrikam', 'pradeep') }] },
      });
      expectError(accepted, 404, 'INVITATION.NOT_FOUND');
    });

    it('When the invitation was already accepted, then withdrawing it is 409', async () => {
      const rel = await relationships().findOne({ tenantId: CONTOSO, partnerTenantId: FAB });
      expectError(
        await app.call('DELETE', `/api/customer/invitations/${rel!._id}`, {
          token: t['contoso/alex'],
        }),
        409,
        'INVITATION.ALREADY_DECIDED'
      );
    });
  });

  describe('Partners list', () => {
    let roleId: string;
    before(async () => {
      // Start from no custom partner roles (the demo seed gives Fabrikam a Help desk role).
      await assignments().deleteMany({ tenantId: CONTOSO, partnerTenantId: FAB });
      await roles().deleteMany({ tenantId: CONTOSO, partnerTenantId: FAB });
      roleId = (await roles().insertOne(buildRole())).insertedId;
      await assignments().insertOne(buildAssignment(roleId));
      // Contoso's own role and another partner's role must not show under Fabrikam.
      await roles().insertOne(buildRole({ partnerTenantId: null, name: 'Own role' }));
      await roles().insertOne(buildRole({ partnerTenantId: WOODGROVE, name: 'Other partner' }));
    });

    it('When the customer GA lists partners, then Primary admins, roles and assignments of each partner show by name', async () => {
      const r = await app.call('GET', '/api/customer/partners', { token: t['contoso/alex'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.items!.length, 1);
      const p = r.body.items![0] as Record<string, unknown> & {
        primaryAdmins: { displayName: string }[];
        roles: { id: string; name: string; builtIn: boolean }[];
        assignments: { roleId: string; members: { displayName: string }[] }[];
      };
      assert.equal(p.partnerName, 'Fabrikam Managed Services');
      assert.deepEqual(p.scope, {
        allRooms: false,
        roomIds: [],
        roomGroupIds: [ids.roomGroup('contoso', 'US rooms')],
      });
      assert.deepEqual(
        p.primaryAdmins.map((m) => m.displayName),
        ['Pradeep Gupta']
      );
      assert.deepEqual(
        p.roles.map((x) => [x.name, x.builtIn]),
        [
          ['Primary admins', true],
          ['Help desk', false],
        ]
      );
      assert.deepEqual(
        p.assignments.map((a) => [a.roleId, a.members.map((m) => m.displayName)]),
        [
          ['builtin:primary-admins', ['Pradeep Gupta']],
          [roleId, ['MSP Help Desk']],
        ]
      );
      const one = await app.call('GET', PARTNER, { token: t['contoso/isaiah'] });
      assert.equal(one.status, 200);
      assert.equal(one.body.relationshipId, p.relationshipId);
    });

    it('When someone without an admin role lists partners, then 403; an unknown partner is 404', async () => {
      expectError(
        await app.call('GET', '/api/customer/partners', { token: t['contoso/joni'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', PARTNER, { token: t['contoso/miriam'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', `/api/customer/partners/${WOODGROVE}`, { token: t['contoso/alex'] }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
      // Northwind's invitation is still pending: not a partner yet.
      expectError(
        await app.call('GET', PARTNER, { token: t['northwind/nora'] }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
    });
  });

  describe('Scope', () => {
    const put = (who: string, body: unknown) =>
      app.call('PUT', `${PARTNER}/scope`, { token: t[who], body });
    const paRooms = async () =>
      (await app.call('GET', `/api/partner/customers/${CONTOSO}`, { token: t['fabrikam/pradeep'] }))
        .body.rooms;

    it('When the customer narrows the scope, then the partner sees the new scope on its next request', async () => {
      const room = ids.room('contoso', 10);
      const r = await put('contoso/alex', { roomIds: [room] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.scope, { allRooms: false, roomIds: [room], roomGroupIds: [] });
      const rooms = (await paRooms()) as { rooms: { id: string }[]; roomGroups: unknown[] };
      assert.deepEqual(
        rooms.rooms.map((x) => x.id),
        [room]
      );
      assert.deepEqual(rooms.roomGroups, []);
      assert.equal((await put('contoso/isaiah', { allRooms: true })).status, 200);
      assert.deepEqual(await paRooms(), { allRooms: true, rooms: [], roomGroups: [] });
    });

    it('When the scope is invalid or the caller may not change it, then 4xx and the scope is unchanged', async () => {
      expectError(
        await put('contoso/alex', { roomIds: [ids.room('woodgrove', 0)] }),
        400,
        'RELATIONSHIP.SCOPE_INVALID'
      );
      expectError(await put('contoso/alex', {}), 400, 'RELATIONSHIP.SCOPE_INVALID');
      expectError(await put('contoso/alex', { allRooms: true, extra: 1 }), 400, 'REQUEST.INVALID');
      expectError(await put('contoso/joni', { allRooms: true }), 403, 'AUTHZ.FORBIDDEN');
      const other = await app.call('PUT', `/api/customer/partners/${WOODGROVE}/scope`, {
        token: t['contoso/alex'],
        body: { allRooms: true },
      });
      expectError(other, 404, 'RELATIONSHIP.NOT_FOUND');
      // A partner cannot change the scope the customer granted it (customer routes are the customer's own).
      expectError(await put('fabrikam/megan', { allRooms: true }), 404, 'RELATIONSHIP.NOT_FOUND');
      assert.equal(
        (await relationships().findOne({ tenantId: CONTOSO, partnerTenantId: FAB }))?.scope
          .allRooms,
        true
      );
    });
  });

  describe('Revoking partner roles and assignments', () => {
    it('When the customer deletes a partner assignment, then only that assignment goes', async () => {
      const role = (await roles().insertOne(buildRole({ name: 'Tech' }))).insertedId;
      const a = (await assignments().insertOne(buildAssignment(role))).insertedId;
      const b = (await assignments().insertOne(buildAssignment(role))).insertedId;
      expectError(
        await app.call('DELETE', `${PARTNER}/assignments/${a}`, { token: t['contoso/joni'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      assert.equal(
        (await app.call('DELETE', `${PARTNER}/assignments/${a}`, { token: t['contoso/alex'] }))
          .status,
        204
      );
      assert.equal(await assignments().countDocuments({ _id: { $in: [a, b] } }), 1);
      expectError(
        await app.call('DELETE', `${PARTNER}/assignments/${a}`, { token: t['contoso/alex'] }),
        404,
        'ASSIGNMENT.NOT_FOUND'
      );
    });

    it('When the customer deletes a partner role, then its assignments go with it', async () => {
      const role = (await roles().insertOne(buildRole({ name: 'Doomed' }))).insertedId;
      await assignments().insertOne(buildAssignment(role));
      const r = await app.call('DELETE', `${PARTNER}/roles/${role}`, {
        token: t['contoso/isaiah'],
      });
      assert.equal(r.status, 204, r.text);
      assert.equal(await roles().countDocuments({ _id: role }), 0);
      assert.equal(await assignments().countDocuments({ roleId: role }), 0);
      expectError(
        await app.call('DELETE', `${PARTNER}/roles/${role}`, { token: t['contoso/alex'] }),
        404,
        'ROLE.NOT_FOUND'
      );
    });

    it("When the customer names its own role or another partner's through this partner, then 404 and nothing is deleted", async () => {
      const own = (await roles().findOne({ tenantId: CONTOSO, partnerTenantId: null }))!._id;
      const other = (await roles().findOne({ tenantId: CONTOSO, partnerTenantId: WOODGROVE }))!._id;
      for (const id of [own, other]) {
        expectError(
          await app.call('DELETE', `${PARTNER}/roles/${id}`, { token: t['contoso/alex'] }),
          404,
          'ROLE.NOT_FOUND'
        );
      }
      assert.equal(await roles().countDocuments({ _id: { $in: [own, other] } }), 2);
    });

    it('When the customer deletes the built-in Primary admins role, then Primary admins lose the customer on the next request', async () => {
      assert.equal(
        (
          await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
            token: t['fabrikam/pradeep'],
          })
        ).status,
        200
      );
      const r = await app.call('DELETE', `${PARTNER}/roles/builtin:primary-admins`, {
        token: t['contoso/alex'],
      });
      assert.equal(r.status, 204, r.text);
      const doc = await relationships().findOne({ tenantId: CONTOSO, partnerTenantId: FAB });
      assert.deepEqual(doc?.primaryAdmins, []);
      assert.equal(doc?.primaryAdminsRoleDeleted, true);
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
          token: t['fabrikam/pradeep'],
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      const list = await app.call('GET', '/api/partner/customers', {
        token: t['fabrikam/pradeep'],
      });
      assert.deepEqual(list.body.items, []);
      // The partner cannot bring the role back: nobody holds Role management there any more,
      // and the Global admin's break-glass does not undo the customer's decision.
      const member = { type: 'user', id: ids.user('fabrikam', 'pradeep') };
      const add = await app.call('POST', `/api/partner/customers/${CONTOSO}/primary-admins`, {
        token: t['fabrikam/megan'],
        body: { member },
      });
      expectError(add, 403, 'AUTHZ.FORBIDDEN');
      const breakGlass = await app.call(
        'POST',
        `/api/partner/customers/${CONTOSO}/primary-admins/break-glass`,
        {
          token: t['fabrikam/megan'],
          body: { member, reason: 'Trying to restore the deleted role' },
        }
      );
      expectError(breakGlass, 409, 'PRIMARY_ADMINS.ROLE_DELETED');
      const view = await app.call('GET', PARTNER, { token: t['contoso/alex'] });
      assert.equal(view.body.primaryAdminsRoleDeleted, true);
      assert.ok(
        !(view.body.roles as { id: string }[]).some((x) => x.id === 'builtin:primary-admins')
      );
      expectError(
        await app.call('DELETE', `${PARTNER}/assignments/builtin:primary-admins`, {
          token: t['contoso/alex'],
        }),
        404,
        'ROLE.NOT_FOUND'
      );
    });

    it('When a role id is neither a GUID nor the built-in id, then 400', async () => {
      expectError(
        await app.call('DELETE', `${PARTNER}/roles/builtin:mmr-admin`, {
          token: t['contoso/alex'],
        }),
        400,
        'REQUEST.INVALID'
      );
    });
  });

  describe('Removing the partner', () => {
    before(async () => {
      // Back to the seeded relationship (Primary admin Pradeep), with a partner role.
      await relationships().deleteMany({ tenantId: CONTOSO, partnerTenantId: FAB });
      await seedDemoData(app.store);
      await assignments().insertOne(
        buildAssignment((await roles().insertOne(buildRole())).insertedId)
      );
    });

    it('When anyone but the customer GA/TRPM removes the partner, then 403; without confirmation 400', async () => {
      const path = `${PARTNER}/remove`;
      expectError(
        await app.call('POST', path, { token: t['contoso/joni'], body: { confirm: true } }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', path, { token: t['fabrikam/pradeep'], body: { confirm: true } }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', path, { token: t['contoso/alex'], body: {} }),
        400,
        'REQUEST.INVALID'
      );
      assert.equal(
        await relationships().countDocuments({ tenantId: CONTOSO, partnerTenantId: FAB }),
        1
      );
    });

    it('When the customer removes the partner, then every partner role goes and the partner loses access at once', async () => {
      assert.equal(
        (
          await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
            token: t['fabrikam/pradeep'],
          })
        ).status,
        200
      );
      const r = await app.call('POST', `${PARTNER}/remove`, {
        token: t['contoso/alex'],
        body: { confirm: true },
      });
      assert.equal(r.status, 204, r.text);
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
          token: t['fabrikam/pradeep'],
        }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
      assert.equal(
        await relationships().countDocuments({ tenantId: CONTOSO, partnerTenantId: FAB }),
        0
      );
      assert.equal(await roles().countDocuments({ tenantId: CONTOSO, partnerTenantId: FAB }), 0);
      assert.equal(
        await assignments().countDocuments({ tenantId: CONTOSO, partnerTenantId: FAB }),
        0
      );
      assert.equal(
        await roles().countDocuments({ tenantId: CONTOSO, partnerTenantId: { $ne: FAB } }),
        2,
        'others untouched'
      );
      expectError(
        await app.call('POST', `${PARTNER}/remove`, {
          token: t['contoso/alex'],
          body: { confirm: true },
        }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
    });

    it('When the customer invites the partner again after removal, then it is a fresh pending invitation', async () => {
      const r = await invite('contoso/alex');
      assert.equal(r.status, 201, r.text);
    });
  });
});
