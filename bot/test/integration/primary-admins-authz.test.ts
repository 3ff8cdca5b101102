/**
 * Who may add and remove Primary admins of a customer (PRODUCT.md §4.5–4.6): holders of Role
 * management › Modify for that customer, as the authorization engine decides (the Primary admins,
 * or a custom role carrying it). The partner's Global admin and Teams Rooms Pro Manager hold no
 * right in a customer and are refused, with the denied attempt in both logs. The Global admin's
 * one way in is break-glass, allowed only when no Primary admin exists in the partner's directory
 * any more, with a reason that the customer's log records and the customer's Partners view shows.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { Collections, type AuditDoc } from '../../src/data/collections.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';

const FAB = ids.tenant('fabrikam');
const CONTOSO = ids.tenant('contoso');
const US_ROOMS = ids.roomGroup('contoso', 'US rooms');
const fabUser = (u: string) => ({ type: 'user' as const, id: ids.user('fabrikam', u) });
const PRIMARY_ADMINS = `/api/partner/customers/${CONTOSO}/primary-admins`;
const BREAK_GLASS = `${PRIMARY_ADMINS}/break-glass`;
const ROLES = `/api/customers/${CONTOSO}/roles`;
const ASSIGNMENTS = `/api/customers/${CONTOSO}/assignments`;
/** The Primary admins role's permissions, so a custom role can carry all of them. */
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

describe('Primary admins: who may change them, and break-glass', function () {
  let app: TestApp;
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    for (const p of [
      'fabrikam/megan', // partner Global admin, no role in Contoso
      'fabrikam/adele', // partner TRPM, no role in Contoso
      'fabrikam/lee', // tenant manager
      'fabrikam/pradeep', // Primary admin of Contoso
      'fabrikam/nestor', // employee; given custom roles below
      'fabrikam/grady', // technician
      'contoso/alex', // customer Global admin
    ]) {
      const [tenant, u] = p.split('/') as [string, string];
      t[p] = await app.tokenFor(tenant, u);
    }
  });
  after(() => app.close());

  const audit = () => app.store.collection<AuditDoc>(Collections.audit);
  const relationship = async () =>
    (await app.store
      .collection<RelationshipDoc>(PartnerCollections.relationships)
      .findOne({ tenantId: CONTOSO, partnerTenantId: FAB }))!;
  const admins = async () => (await relationship()).primaryAdmins.map((m) => m.id);
  const add = (who: string, member: unknown) =>
    app.call('POST', PRIMARY_ADMINS, { token: t[who], body: { member } });
  const remove = (who: string, memberId: string) =>
    app.call('DELETE', `${PRIMARY_ADMINS}/${memberId}`, { token: t[who] });
  const breakGlass = (who: string, member: unknown, reason: unknown) =>
    app.call('POST', BREAK_GLASS, { token: t[who], body: { member, reason } });
  const expectError = (r: CallResult, status: number, code: string) => {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.code, code, r.text);
  };
  /** The records of one log for one object since the log was cleared. */
  const recordsIn = (tenantId: string, objectId: string) =>
    audit().find({ tenantId, objectId }).toArray();

  describe('Add and remove', () => {
    for (const who of ['fabrikam/megan', 'fabrikam/adele']) {
      it(`When ${who} (no role in Contoso) adds or removes a Primary admin, then 403 and a Failed record in both logs`, async () => {
        const before = await admins();
        await audit().deleteMany({});
        const nestor = fabUser('nestor');
        expectError(await add(who, nestor), 403, 'AUTHZ.FORBIDDEN');
        expectError(await add(who, fabUser(who.split('/')[1]!)), 403, 'AUTHZ.FORBIDDEN');
        expectError(await remove(who, ids.user('fabrikam', 'pradeep')), 403, 'AUTHZ.FORBIDDEN');
        assert.deepEqual(await admins(), before, 'nothing changed');
        for (const [objectId, operation] of [
          [nestor.id, 'Create'],
          [ids.user('fabrikam', 'pradeep'), 'Delete'],
        ] as const) {
          for (const log of [FAB, CONTOSO]) {
            const [rec, ...more] = await recordsIn(log, objectId);
            assert.equal(more.length, 0);
            assert.equal(rec?.result, 'Failed');
            assert.equal(rec?.detail, 'AUTHZ.FORBIDDEN');
            assert.equal(rec?.operation, operation);
            assert.equal(rec?.actorId, ids.user('fabrikam', who.split('/')[1]!));
            assert.equal(rec?.actorTenantId, FAB);
          }
        }
        // Refused, they are not offered the action either.
        const detail = await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
          token: t[who],
        });
        assert.equal(detail.status, 200, detail.text);
        assert.equal(detail.body.mayManagePrimaryAdmins, false);
        // And they still read nothing of the customer.
        const rooms = await app.call('GET', `/api/customers/${CONTOSO}/rooms`, { token: t[who] });
        expectError(rooms, 404, 'CUSTOMER.NOT_FOUND');
      });
    }

    it('When the Primary admin adds and removes one, then both are allowed and the detail offers it', async () => {
      const detail = await app.call('GET', `/api/partner/customers/${CONTOSO}`, {
        token: t['fabrikam/pradeep'],
      });
      assert.equal(detail.body.mayManagePrimaryAdmins, true);
      assert.equal((await add('fabrikam/pradeep', fabUser('megan'))).status, 201);
      assert.deepEqual(await admins(), [
        ids.user('fabrikam', 'pradeep'),
        ids.user('fabrikam', 'megan'),
      ]);
      assert.equal((await remove('fabrikam/pradeep', ids.user('fabrikam', 'megan'))).status, 204);
      assert.deepEqual(await admins(), [ids.user('fabrikam', 'pradeep')]);
    });

    it('When a custom role carries Role management › Modify, then its holder may change Primary admins, but never give more than they hold', async () => {
      const nestor = fabUser('nestor');
      const give = async (permissions: string[]) => {
        const role = await app.call('POST', ROLES, {
          token: t['fabrikam/pradeep'],
          body: { name: `Manager ${permissions.length}`, permissions },
        });
        assert.equal(role.status, 201, role.text);
        const a = await app.call('POST', ASSIGNMENTS, {
          token: t['fabrikam/pradeep'],
          body: { roleId: role.body.id, members: [nestor], scope: { roomGroupIds: [US_ROOMS] } },
        });
        assert.equal(a.status, 201, a.text);
        return String(a.body.id);
      };
      const unassign = async (id: string) =>
        assert.equal(
          (await app.call('DELETE', `${ASSIGNMENTS}/${id}`, { token: t['fabrikam/pradeep'] }))
            .status,
          204
        );

      // Every right of Primary admins over the whole scope: adding is no escalation.
      const full = await give(PRIMARY_ADMINS_RIGHTS);
      assert.equal((await add('fabrikam/nestor', fabUser('grady'))).status, 201);
      assert.equal((await remove('fabrikam/nestor', ids.user('fabrikam', 'grady'))).status, 204);
      await unassign(full);

      // Role management but fewer rights: may remove, may not hand out Primary admins.
      const narrow = await give(['roles.view', 'roles.modify', 'tickets.view']);
      expectError(
        await add('fabrikam/nestor', fabUser('grady')),
        403,
        'ASSIGNMENT.PERMISSION_NOT_HELD'
      );
      assert.equal((await add('fabrikam/pradeep', fabUser('grady'))).status, 201);
      assert.equal((await remove('fabrikam/nestor', ids.user('fabrikam', 'grady'))).status, 204);
      await unassign(narrow);

      // Without Role management at all: refused.
      const viewer = await give(['roles.view', 'tickets.view']);
      expectError(await add('fabrikam/nestor', fabUser('grady')), 403, 'AUTHZ.FORBIDDEN');
      expectError(
        await remove('fabrikam/nestor', ids.user('fabrikam', 'pradeep')),
        403,
        'AUTHZ.FORBIDDEN'
      );
      await unassign(viewer);
      assert.deepEqual(await admins(), [ids.user('fabrikam', 'pradeep')]);
    });

    it('When the only Primary admin removes themselves, then 409 PRIMARY_ADMINS.LAST still', async () => {
      expectError(
        await remove('fabrikam/pradeep', ids.user('fabrikam', 'pradeep')),
        409,
        'PRIMARY_ADMINS.LAST'
      );
    });
  });

  describe('Break-glass', () => {
    const reason = 'Pradeep left the company; restoring access for the service desk.';

    it('When a Primary admin still exists in the directory, then the Global admin is refused with 409 and nothing changes', async () => {
      await audit().deleteMany({});
      const before = await relationship();
      expectError(
        await breakGlass('fabrikam/megan', fabUser('megan'), reason),
        409,
        'PRIMARY_ADMINS.BREAK_GLASS_NOT_NEEDED'
      );
      const after = await relationship();
      assert.deepEqual(after.primaryAdmins, before.primaryAdmins);
      assert.equal(after.breakGlass, undefined);
      for (const log of [FAB, CONTOSO]) {
        const [rec] = await recordsIn(log, ids.user('fabrikam', 'megan'));
        assert.equal(rec?.result, 'Failed');
        assert.equal(rec?.detail, 'PRIMARY_ADMINS.BREAK_GLASS_NOT_NEEDED');
      }
    });

    it('When anyone but the partner Global admin tries it, or without a proper reason, then it is refused', async () => {
      for (const who of ['fabrikam/adele', 'fabrikam/lee', 'fabrikam/pradeep', 'fabrikam/grady']) {
        expectError(await breakGlass(who, fabUser('megan'), reason), 403, 'AUTHZ.FORBIDDEN');
      }
      expectError(
        await breakGlass('contoso/alex', fabUser('megan'), reason),
        403,
        'PARTNER.NOT_ELIGIBLE'
      );
      expectError(
        await breakGlass('fabrikam/megan', fabUser('megan'), undefined),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await breakGlass('fabrikam/megan', fabUser('megan'), '   short  '),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await breakGlass('fabrikam/megan', fabUser('megan'), 'x'.repeat(501)),
        400,
        'REQUEST.INVALID'
      );
      assert.deepEqual(await admins(), [ids.user('fabrikam', 'pradeep')]);
    });

    it('When every Primary admin was deleted from the partner directory, then the Global admin restores one with a reason, seen by the customer', async () => {
      // Pradeep leaves Fabrikam: nobody holds Role management for Contoso any more.
      await app.store
        .collection(Collections.users)
        .deleteOne({ _id: ids.user('fabrikam', 'pradeep') });
      expectError(await add('fabrikam/megan', fabUser('megan')), 403, 'AUTHZ.FORBIDDEN');
      expectError(
        await breakGlass('fabrikam/adele', fabUser('adele'), reason),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await breakGlass(
          'fabrikam/megan',
          { type: 'user', id: ids.user('contoso', 'alex') },
          reason
        ),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND'
      );

      await audit().deleteMany({});
      const r = await breakGlass('fabrikam/megan', fabUser('megan'), `  ${reason}  `);
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(
        r.body.items!.map((m) => m.id),
        [ids.user('fabrikam', 'pradeep'), ids.user('fabrikam', 'megan')],
        'the missing member stays listed (a restored user keeps its id)'
      );

      // The customer's log (and the partner's) records it with the reason.
      for (const log of [CONTOSO, FAB]) {
        const [rec, ...more] = await recordsIn(log, ids.user('fabrikam', 'megan'));
        assert.equal(more.length, 0);
        assert.equal(rec?.result, 'Successful');
        assert.equal(rec?.objectType, 'PrimaryAdminsBreakGlass');
        assert.equal(rec?.operation, 'Create');
        assert.equal(rec?.actorId, ids.user('fabrikam', 'megan'));
        assert.equal(rec?.actorTenantId, FAB);
        assert.equal(rec?.detail, `Break-glass: ${reason}`);
      }
      const customerLog = await app.call('GET', '/api/audit?category=Assignment', {
        token: t['contoso/alex'],
      });
      assert.ok(
        customerLog.text.includes(reason),
        'the customer reads the reason in its audit log'
      );

      // The customer's Partners view shows it.
      const view = await app.call('GET', `/api/customer/partners/${FAB}`, {
        token: t['contoso/alex'],
      });
      assert.equal(view.status, 200, view.text);
      const shown = view.body.breakGlass as Record<string, unknown>;
      assert.equal(shown.reason, reason);
      assert.equal(shown.actorId, ids.user('fabrikam', 'megan'));
      assert.equal(shown.actorName, 'Megan Bowen');
      assert.deepEqual(shown.member, {
        type: 'user',
        id: ids.user('fabrikam', 'megan'),
        displayName: 'Megan Bowen',
      });
      assert.ok(!Number.isNaN(Date.parse(String(shown.at))));

      // Megan is now a Primary admin and acts as one (and only as one).
      assert.equal((await remove('fabrikam/megan', ids.user('fabrikam', 'pradeep'))).status, 204);
      assert.deepEqual(await admins(), [ids.user('fabrikam', 'megan')]);
      expectError(
        await remove('fabrikam/megan', ids.user('fabrikam', 'megan')),
        409,
        'PRIMARY_ADMINS.LAST'
      );
    });

    it('When a Primary admin can act again, then a second break-glass is refused with 409', async () => {
      expectError(
        await breakGlass('fabrikam/megan', fabUser('adele'), reason),
        409,
        'PRIMARY_ADMINS.BREAK_GLASS_NOT_NEEDED'
      );
      assert.deepEqual(await admins(), [ids.user('fabrikam', 'megan')]);
    });

    it('When two break-glass restores race, then exactly one member is added', async () => {
      // Megan leaves too; Adele and Lee are candidates, and the Global admin clicks twice.
      await app.store
        .collection(Collections.users)
        .deleteOne({ _id: ids.user('fabrikam', 'megan') });
      const [a, b] = await Promise.all([
        breakGlass('fabrikam/megan', fabUser('adele'), reason),
        breakGlass('fabrikam/megan', fabUser('lee'), reason),
      ]);
      assert.deepEqual([a!.status, b!.status].sort(), [201, 409], `${a!.text} ${b!.text}`);
      const list = await admins();
      assert.equal(list.length, 2);
      assert.equal(list[0], ids.user('fabrikam', 'megan'));
    });
  });
});
