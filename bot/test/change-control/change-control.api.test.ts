/**
 * The customer stays in control (issue #15), through the HTTP API with real dev-issuer tokens and
 * an injected clock: Manual change control (wait, approve → applied exactly once, reject → never
 * applied, a requester who lost the right, a conflicting change, expiry), just-in-time elevation
 * windows, the MFA claims challenge, and the linked audit records in both logs.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { ResourceCollections, type RoomDoc } from '../../src/data/collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { ResourceExtraCollections } from '../../src/data/resources.collections.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';
import { CHANGE_ACTIONS } from '../../src/core/change-control/model.ts';
import {
  CONTOSO,
  FAB,
  PILOT,
  SEATTLE,
  US_ROOMS,
  auditOf,
  expectError,
  grantFabrikamRole,
  tokensFor,
  type Persona,
} from '../support/resources-fixtures.ts';

const HOUR = 3600_000;

/** Controls with every action Auto, then `overrides`. */
const controlsWith = (
  overrides: {
    manual?: string[];
    elevation?: string[];
    autoApprove?: boolean;
    mfa?: boolean;
  } = {}
) => ({
  changeControl: Object.fromEntries(
    CHANGE_ACTIONS.map((a) => [a, overrides.manual?.includes(a) ? 'manual' : 'auto'])
  ),
  elevation: { required: overrides.elevation ?? [], autoApprove: overrides.autoApprove ?? false },
  mfa: { required: overrides.mfa ?? false },
});

describe('Change control through the API (issue #15)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let t: Record<Persona, string>;
  /** The injected clock; it only moves forward, so a window once closed stays closed. */
  let clock = Date.now();
  /** Lee's "Key keeper" assignment: Rooms › View, Modify, Download key, Reset key, Unenroll on US rooms. */
  let leeAssignment: string;
  const lee = () => t['fabrikam/lee'];
  const alex = () => t['contoso/alex'];
  const pradeep = () => t['fabrikam/pradeep'];
  const room = (n: number) => `/api/customers/${CONTOSO}/rooms/${SEATTLE[n]}`;
  const requests = `/api/customers/${CONTOSO}/change-requests`;
  const elevations = `/api/customers/${CONTOSO}/elevations`;
  const controlsUrl = `/api/customer/partners/${FAB}/controls`;
  const roomDoc = (n: number) =>
    app.store.collection<RoomDoc>(ResourceCollections.rooms).findOne({ _id: SEATTLE[n]! });
  const setControls = async (c: ReturnType<typeof controlsWith>) => {
    const r = await app.call('PUT', controlsUrl, { token: alex(), body: c });
    assert.equal(r.status, 200, r.text);
    return r;
  };
  const rename = (
    n: number,
    displayName: string,
    token = pradeep(),
    justification = 'Align with the floor plan'
  ) =>
    app.call('PATCH', room(n), {
      token,
      body: { displayName },
      headers: { 'x-change-justification': encodeURIComponent(justification) },
    });

  before(async () => {
    app = await startTestApp({}, { teams: { now: () => new Date(clock) } });
    t = await tokensFor(app);
    leeAssignment = await grantFabrikamRole(app, 'lee', {
      name: 'Key keeper',
      description: 'Looks after enrollment keys',
      permissions: [
        'rooms.view',
        'rooms.modify',
        'rooms.downloadKey',
        'rooms.resetKey',
        'rooms.unenroll',
      ],
    });
  });
  after(() => app?.close());

  describe('The controls (Partners view settings)', () => {
    it('When nothing was saved, then every action follows the invitation mode (auto) and the partner sees the same', async () => {
      const c = await app.call('GET', controlsUrl, { token: alex() });
      assert.equal(c.status, 200, c.text);
      assert.equal(c.body.isDefault, true);
      assert.deepEqual(
        Object.values(c.body.changeControl as object),
        CHANGE_ACTIONS.map(() => 'auto')
      );
      const p = await app.call('GET', `/api/partner/customers/${CONTOSO}/controls`, {
        token: pradeep(),
      });
      assert.equal(p.status, 200, p.text);
      assert.deepEqual(p.body.changeControl, c.body.changeControl);
    });

    it('When a partner user or a customer employee tries to change them, then 403, and a stranger cannot read them', async () => {
      expectError(
        await app.call('PUT', controlsUrl, { token: pradeep(), body: controlsWith() }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('PUT', controlsUrl, { token: t['contoso/miriam'], body: controlsWith() }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', `/api/partner/customers/${CONTOSO}/controls`, {
          token: t['woodgrove/wanda'],
        }),
        404,
        'RELATIONSHIP.NOT_FOUND'
      );
    });

    it('When the body names an unknown action or misses one, then 400 and nothing is saved', async () => {
      const bad = controlsWith();
      (bad.changeControl as Record<string, string>)['rooms.teleport'] = 'manual';
      expectError(
        await app.call('PUT', controlsUrl, { token: alex(), body: bad }),
        400,
        'REQUEST.INVALID'
      );
      const missing = controlsWith();
      delete (missing.changeControl as Record<string, string>)['rooms.modify'];
      expectError(
        await app.call('PUT', controlsUrl, { token: alex(), body: missing }),
        400,
        'REQUEST.INVALID'
      );
      assert.equal((await app.call('GET', controlsUrl, { token: alex() })).body.isDefault, true);
    });

    it('When the OpenAPI document is read, then it describes the controls, change requests, elevations and the 202 answer', async () => {
      const doc = await app.call('GET', '/api/openapi.json');
      const paths = doc.body.paths as Record<
        string,
        Record<string, { responses: Record<string, unknown> }>
      >;
      assert.ok(paths['/api/customer/partners/{partnerTenantId}/controls']?.put);
      assert.ok(
        paths['/api/customers/{customerTenantId}/change-requests/{requestId}/approve']?.post
      );
      assert.ok(paths['/api/customers/{customerTenantId}/elevations/{elevationId}/end']?.post);
      assert.ok(paths['/api/customers/{customerTenantId}/rooms/{roomId}']!.patch!.responses['202']);
    });
  });

  describe('Manual change control', () => {
    before(() => setControls(controlsWith({ manual: ['rooms.modify', 'rooms.unenroll'] })));

    it('When a partner changes a room under Manual, then it waits as a change request with the exact diff, and the room is unchanged', async () => {
      const before = await roomDoc(0);
      const r = await rename(0, 'Seattle Huddle 1');
      assert.equal(r.status, 202, r.text);
      assert.equal(r.body.status, 'pending');
      assert.equal(r.body.action, 'rooms.modify');
      assert.equal(r.body.objectId, SEATTLE[0]);
      assert.deepEqual(r.body.diff, [
        { field: 'displayName', from: before!.displayName, to: 'Seattle Huddle 1' },
      ]);
      assert.equal(r.body.justification, 'Align with the floor plan');
      assert.equal(
        (r.body.requestedBy as { userId: string }).userId,
        ids.user('fabrikam', 'pradeep')
      );
      assert.equal(
        new Date(r.body.expiresAt as string).getTime() -
          new Date(r.body.requestedAt as string).getTime(),
        72 * HOUR
      );
      assert.equal((await roomDoc(0))!.displayName, before!.displayName);
      const mine = await app.call('GET', `${requests}/${r.body.id}`, { token: pradeep() });
      assert.equal(mine.body.status, 'pending');
    });

    it('When the customer’s own admin changes a room under Manual, then it applies at once (customers are never gated)', async () => {
      const r = await app.call('PATCH', room(5), { token: alex(), body: { site: 'Seattle HQ' } });
      assert.equal(r.status, 200, r.text);
      assert.equal((await roomDoc(5))!.site, 'Seattle HQ');
    });

    it('When an approver approves (twice at once), then the change is applied exactly once, as the requester, with linked audit records in both logs', async () => {
      const req = await rename(1, 'Seattle Focus 2');
      assert.equal(req.status, 202, req.text);
      const id = req.body.id as string;
      const [a, b] = await Promise.all([
        app.call('POST', `${requests}/${id}/approve`, { token: alex() }),
        app.call('POST', `${requests}/${id}/approve`, { token: t['contoso/isaiah'] }),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [200, 409], `${a.text} ${b.text}`);
      const loser = a.status === 409 ? a : b;
      assert.equal(loser.body.code, 'CHANGE_REQUEST.NOT_PENDING');
      const winner = a.status === 200 ? a : b;
      assert.equal(winner.body.status, 'applied');
      assert.equal((await roomDoc(1))!.displayName, 'Seattle Focus 2');
      expectError(
        await app.call('POST', `${requests}/${id}/approve`, { token: alex() }),
        409,
        'CHANGE_REQUEST.NOT_PENDING'
      );

      // The room's own record: one Successful update, by the requester, in each log.
      for (const tenant of [CONTOSO, FAB]) {
        const roomRecords = (await auditOf(app, tenant, SEATTLE[1]!)).filter(
          (x) => x.category === 'Room' && x.result === 'Successful'
        );
        assert.equal(roomRecords.length, 1, `one applied change in ${tenant}'s log`);
        assert.equal(roomRecords[0]!.actorId, ids.user('fabrikam', 'pradeep'));
        const linked = await auditOf(app, tenant, id);
        const trail = linked.map((x) =>
          `${x.category} ${x.operation} ${x.result} ${x.detail ?? ''}`.trim()
        );
        assert.ok(trail.includes('ChangeRequest Create Successful rooms.modify'), trail.join('\n'));
        assert.ok(trail.includes('ChangeRequest Update Successful approved'), trail.join('\n'));
        assert.ok(trail.includes('ChangeRequest Update Successful applied'), trail.join('\n'));
      }
    });

    it('When an approver rejects with a reason, then the change is never applied and cannot be approved later', async () => {
      const before = await roomDoc(2);
      const req = await rename(2, 'Never');
      const id = req.body.id as string;
      expectError(
        await app.call('POST', `${requests}/${id}/reject`, { token: alex(), body: { reason: '' } }),
        400,
        'REQUEST.INVALID'
      );
      const r = await app.call('POST', `${requests}/${id}/reject`, {
        token: alex(),
        body: { reason: 'Names follow the floor plan v2' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'rejected');
      assert.equal(
        (r.body.decision as { reason: string }).reason,
        'Names follow the floor plan v2'
      );
      expectError(
        await app.call('POST', `${requests}/${id}/approve`, { token: alex() }),
        409,
        'CHANGE_REQUEST.NOT_PENDING'
      );
      assert.equal((await roomDoc(2))!.displayName, before!.displayName);
      const linked = await auditOf(app, FAB, id);
      assert.ok(linked.some((x) => x.detail === 'rejected: Names follow the floor plan v2'));
    });

    it('When the requester lost the right before the approval, then it is refused with the reason and not applied', async () => {
      const before = await roomDoc(3);
      const req = await rename(3, 'Lee was here', lee());
      assert.equal(req.status, 202, req.text);
      await app.store
        .collection<AssignmentDoc>(AssignmentCollections.assignments)
        .updateOne({ _id: leeAssignment, tenantId: CONTOSO }, { $set: { members: [] } });
      try {
        const r = await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() });
        expectError(r, 409, 'CHANGE_REQUEST.REQUESTER_NOT_ALLOWED');
        const after = await app.call('GET', `${requests}/${req.body.id}`, { token: alex() });
        assert.equal(after.body.status, 'failed');
        assert.equal(
          (after.body.outcome as { code: string }).code,
          'CHANGE_REQUEST.REQUESTER_NOT_ALLOWED'
        );
        assert.equal((await roomDoc(3))!.displayName, before!.displayName);
      } finally {
        await app.store
          .collection<AssignmentDoc>(AssignmentCollections.assignments)
          .updateOne(
            { _id: leeAssignment, tenantId: CONTOSO },
            { $set: { members: [{ type: 'user', id: ids.user('fabrikam', 'lee') }] } }
          );
      }
    });

    it('When the object changed since the request, then the approval is refused as a conflict and the newer change stays', async () => {
      const req = await rename(4, 'Partner name');
      const direct = await app.call('PATCH', room(4), {
        token: alex(),
        body: { displayName: 'Customer name' },
      });
      assert.equal(direct.status, 200, direct.text);
      const r = await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() });
      expectError(r, 409, 'CHANGE_REQUEST.CONFLICT');
      assert.match(r.body.message as string, /displayName/);
      assert.equal((await roomDoc(4))!.displayName, 'Customer name');
    });

    it('When another field of the object changed since the request, then it is no conflict: the approval applies the requested field only', async () => {
      const req = await rename(4, 'Partner name 2');
      assert.equal(req.status, 202, req.text);
      assert.equal((req.body.diff as unknown[]).length, 1);
      const direct = await app.call('PATCH', room(4), { token: alex(), body: { site: 'Annex' } });
      assert.equal(direct.status, 200, direct.text);
      const r = await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() });
      assert.equal(r.status, 200, r.text);
      const doc = await roomDoc(4);
      assert.equal(doc!.displayName, 'Partner name 2');
      assert.equal(doc!.site, 'Annex');
    });

    it('When 72 hours pass without a decision, then the request expires and can no longer be approved', async () => {
      const req = await rename(0, 'Too late');
      clock += 72 * HOUR + 60_000;
      const got = await app.call('GET', `${requests}/${req.body.id}`, { token: pradeep() });
      assert.equal(got.body.status, 'expired');
      expectError(
        await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() }),
        410,
        'CHANGE_REQUEST.EXPIRED'
      );
      assert.notEqual((await roomDoc(0))!.displayName, 'Too late');
    });

    it('When the expiry sweep runs past the deadline, then unanswered requests expire in both logs without anyone reading them', async () => {
      const req = await rename(0, 'Swept');
      clock += 72 * HOUR + 1;
      const { expireDueRequests } =
        await import('../../src/core/change-control/change-requests.use-cases.ts');
      assert.ok((await expireDueRequests(app.services.changeControl)) >= 1);
      for (const tenant of [CONTOSO, FAB]) {
        const linked = await auditOf(app, tenant, req.body.id as string);
        assert.ok(
          linked.some((x) => x.detail === 'expired' && x.actorId === 'system'),
          `expiry in ${tenant}'s log`
        );
      }
    });

    it('When someone without the approval right acts, then default deny: employees 403, the partner and strangers 404', async () => {
      const req = await rename(0, 'Who decides');
      const id = req.body.id as string;
      expectError(
        await app.call('POST', `${requests}/${id}/approve`, { token: t['contoso/miriam'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('GET', requests, { token: t['contoso/joni'] }),
        403,
        'AUTHZ.FORBIDDEN'
      );
      expectError(
        await app.call('POST', `${requests}/${id}/approve`, { token: pradeep() }),
        404,
        'CHANGE_REQUEST.NOT_FOUND'
      );
      expectError(
        await app.call('GET', `${requests}/${id}`, { token: t['woodgrove/wanda'] }),
        404,
        'CHANGE_REQUEST.NOT_FOUND'
      );
      expectError(
        await app.call('POST', `${requests}/${id}/approve`, { token: t['fabrikam/megan'] }),
        404,
        'CHANGE_REQUEST.NOT_FOUND'
      );
      // The partner lists its own requests, the approver every one.
      const partnerList = await app.call('GET', requests, { token: pradeep() });
      assert.equal(partnerList.status, 200, partnerList.text);
      assert.ok(partnerList.body.items!.every((x) => x.partnerTenantId === FAB));
      const pending = await app.call('GET', `${requests}?status=pending`, { token: alex() });
      assert.ok(pending.body.items!.some((x) => x.id === id));
    });

    it('When a partner unenrolls under Manual, then the approved request unenrolls the room', async () => {
      const req = await app.call('POST', `${room(5)}/unenroll`, { token: lee() });
      assert.equal(req.status, 202, req.text);
      assert.deepEqual(req.body.diff, [
        {
          field: 'enrollment.status',
          from: (await roomDoc(5))!.enrollment.status,
          to: 'Unenrolled',
        },
      ]);
      const r = await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() });
      assert.equal(r.status, 200, r.text);
      assert.equal((await roomDoc(5))!.enrollment.status, 'Unenrolled');
    });
  });

  describe('Manual change control of partner roles and assignments', () => {
    before(() => setControls(controlsWith({ manual: ['roles.modify'] })));
    after(() => setControls(controlsWith()));

    it('When a Primary admin creates a partner role under Manual, then it waits; approved, the role exists as created by the requester', async () => {
      const roles = `/api/customers/${CONTOSO}/roles`;
      const r = await app.call('POST', roles, {
        token: pradeep(),
        body: { name: 'Night shift', permissions: ['rooms.view'] },
      });
      assert.equal(r.status, 202, r.text);
      assert.equal(r.body.action, 'roles.modify');
      assert.deepEqual(r.body.diff, [
        { field: 'name', from: null, to: 'Night shift' },
        { field: 'description', from: null, to: '' },
        { field: 'permissions', from: null, to: ['rooms.view'] },
      ]);
      const before = await app.call('GET', roles, { token: pradeep() });
      assert.ok(!before.body.items!.some((x) => x.name === 'Night shift'));
      const ok = await app.call('POST', `${requests}/${r.body.id}/approve`, { token: alex() });
      assert.equal(ok.status, 200, ok.text);
      const after = await app.call('GET', roles, { token: pradeep() });
      const created = after.body.items!.find((x) => x.name === 'Night shift');
      assert.ok(created, 'the role exists once approved');

      // Deleting it is a change too: it waits, and a rejection keeps the role.
      const del = await app.call('DELETE', `${roles}/${created.id}`, { token: pradeep() });
      assert.equal(del.status, 202, del.text);
      await app.call('POST', `${requests}/${del.body.id}/reject`, {
        token: alex(),
        body: { reason: 'Keep it' },
      });
      assert.equal(
        (await app.call('GET', `${roles}/${created.id}`, { token: pradeep() })).status,
        200
      );
    });

    it('When a partner without Role management › Modify asks, then it is refused at once, not queued', async () => {
      const r = await app.call('POST', `/api/customers/${CONTOSO}/roles`, {
        token: lee(),
        body: { name: 'Sneaky', permissions: ['rooms.view'] },
      });
      assert.equal(r.status, 403, r.text);
      const list = await app.call('GET', `${requests}?status=pending`, { token: alex() });
      assert.ok(!list.body.items!.some((x) => x.objectName === 'Sneaky'));
    });
  });

  describe('Every change action of the permission table waits under Manual', () => {
    /** Diego: a Fabrikam custom role for groups, rings and settings over every room of Contoso. */
    let diegoAssignment: string;
    const diego = () => t['fabrikam/diego'];
    const base = `/api/customers/${CONTOSO}`;
    const relationships = () =>
      app.store.collection<RelationshipDoc>(PartnerCollections.relationships);
    const primaryAdmins = `/api/partner/customers/${CONTOSO}/primary-admins`;
    const megan = ids.user('fabrikam', 'megan');
    const waits = async (r: CallResult, action: string) => {
      assert.equal(r.status, 202, r.text);
      assert.equal(r.body.status, 'pending', r.text);
      assert.equal(r.body.action, action);
      return r.body.id as string;
    };
    const snapshot = async () => ({
      rooms: await app.store
        .collection<RoomDoc>(ResourceCollections.rooms)
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray(),
      groups: await app.store
        .collection(ResourceCollections.roomGroups)
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray(),
      rings: await app.store
        .collection(ResourceCollections.updateRings)
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray(),
      settings: await app.store
        .collection(ResourceExtraCollections.settings)
        .find({ tenantId: CONTOSO })
        .toArray(),
      keys: await app.store
        .collection(ResourceExtraCollections.enrollmentKeys)
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray(),
      roles: await app.store
        .collection(RoleCollections.roles)
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray(),
      assignments: await app.store
        .collection(AssignmentCollections.assignments)
        .find({ tenantId: CONTOSO }, { sort: { _id: 1 } })
        .toArray(),
      primaryAdmins: (await relationships().findOne({ tenantId: CONTOSO, partnerTenantId: FAB }))!
        .primaryAdmins,
    });

    before(async () => {
      // Ring-wide changes need Update ring › Modify over every room: Contoso widens the scope.
      await relationships().updateOne(
        { tenantId: CONTOSO, partnerTenantId: FAB },
        { $set: { scope: { allRooms: true, roomIds: [], roomGroupIds: [] } } }
      );
      diegoAssignment = await grantFabrikamRole(
        app,
        'diego',
        {
          name: 'Configurator',
          description: 'Groups, rings and settings',
          permissions: [
            'rooms.view',
            'roomGroups.view',
            'roomGroups.modify',
            'updateRings.view',
            'updateRings.modify',
            'settings.view',
            'settings.modify',
          ],
        },
        { allRooms: true, roomIds: [], roomGroupIds: [] }
      );
      await setControls(controlsWith({ manual: [...CHANGE_ACTIONS] }));
    });
    after(async () => {
      await setControls(controlsWith());
      await relationships().updateOne(
        { tenantId: CONTOSO, partnerTenantId: FAB },
        { $set: { scope: { allRooms: false, roomIds: [], roomGroupIds: [US_ROOMS] } } }
      );
    });

    it('When a partner takes each change action of the table, then each one waits as a change request and nothing changes', async () => {
      // The customer's own custom ring and the Primary admins' own role, to change and delete.
      const ring = await app.call('POST', `${base}/update-rings`, {
        token: alex(),
        body: { displayName: 'Canary', order: 4, deferralDays: 2 },
      });
      assert.equal(ring.status, 201, ring.text);
      const role = await app.store.collection<RoleDoc>(RoleCollections.roles).findOne({
        tenantId: CONTOSO,
        partnerTenantId: FAB,
        name: 'Configurator',
      });
      const before = await snapshot();
      const justified = { 'x-change-justification': 'Quarterly%20tidy-up' };
      const as = (token: string) => ({ token, headers: justified });
      const asked = [
        [
          'rooms.modify',
          await app.call('PATCH', room(0), { ...as(pradeep()), body: { site: 'HQ' } }),
        ],
        ['rooms.unenroll', await app.call('POST', `${room(0)}/unenroll`, as(lee()))],
        ['rooms.resetKey', await app.call('POST', `${room(0)}/enrollment-key/reset`, as(lee()))],
        [
          'roomGroups.modify',
          await app.call('PATCH', `${base}/room-groups/${US_ROOMS}`, {
            ...as(diego()),
            body: { description: 'Rooms in the US' },
          }),
        ],
        [
          'updateRings.modify',
          await app.call('PATCH', `${base}/update-rings/${PILOT}`, {
            ...as(diego()),
            body: { deferralDays: 3 },
          }),
        ],
        [
          'updateRings.modify',
          await app.call('POST', `${base}/update-rings`, {
            ...as(diego()),
            body: { displayName: 'Early birds', order: 6, deferralDays: 1 },
          }),
        ],
        [
          'updateRings.modify',
          await app.call('DELETE', `${base}/update-rings/${ring.body.id}`, as(diego())),
        ],
        [
          'updateRings.modify',
          await app.call('POST', `${base}/update-rings/${PILOT}/rooms`, {
            ...as(diego()),
            body: { roomIds: [SEATTLE[0]] },
          }),
        ],
        [
          'settings.modify',
          await app.call('PATCH', `${base}/settings`, {
            ...as(diego()),
            body: { timeZone: 'Europe/Paris' },
          }),
        ],
        [
          'settings.modify',
          await app.call('PUT', `${base}/settings`, {
            ...as(diego()),
            body: {
              timeZone: 'Europe/Paris',
              maintenanceWindow: { days: ['Sun'], start: '00:30', durationMinutes: 120 },
              notifications: { contacts: [], severities: [], weeklyHealthDigest: false },
              features: {
                automaticUpdates: false,
                autoResolveIncidents: true,
                customerReportedIssues: false,
              },
            },
          }),
        ],
        [
          'roles.modify',
          await app.call('PATCH', `${base}/roles/${role!._id}`, {
            ...as(pradeep()),
            body: { description: 'Everything but rooms' },
          }),
        ],
        [
          'roles.modify',
          await app.call('POST', `${base}/assignments`, {
            ...as(pradeep()),
            body: {
              roleId: 'builtin:primary-admins',
              members: [{ type: 'user', id: megan }],
              scope: { allRooms: true },
            },
          }),
        ],
        [
          'roles.modify',
          await app.call('PATCH', `${base}/assignments/${diegoAssignment}`, {
            ...as(pradeep()),
            body: { scope: { allRooms: false, roomGroupIds: [US_ROOMS] } },
          }),
        ],
        [
          'roles.modify',
          await app.call('DELETE', `${base}/assignments/${diegoAssignment}`, as(pradeep())),
        ],
        [
          'roles.modify',
          await app.call('POST', primaryAdmins, {
            ...as(pradeep()),
            body: { member: { type: 'user', id: megan } },
          }),
        ],
        [
          'roles.modify',
          await app.call(
            'DELETE',
            `${primaryAdmins}/${ids.user('fabrikam', 'pradeep')}`,
            as(pradeep())
          ),
        ],
      ] as const;
      for (const [action, r] of asked) {
        const id = await waits(r, action);
        assert.equal(r.body.justification, 'Quarterly tidy-up', `${action}: why`);
        const linked = await auditOf(app, CONTOSO, id);
        assert.ok(
          linked.some((x) => x.detail === action),
          `${action}: in the customer's log`
        );
      }
      assert.deepEqual(
        asked
          .filter(([, r]) => r.body.objectType === 'Assignment')
          .map(([, r]) => r.body.objectName),
        ['Primary admins', 'Configurator', 'Configurator'],
        'an assignment is named by its role (built-in or custom), as approvers know it'
      );
      assert.deepEqual(await snapshot(), before, 'nothing changed while they wait');
    });

    it('When a Primary admin adds and removes Primary admins under Manual, then each waits and is applied once approved', async () => {
      const add = await app.call('POST', primaryAdmins, {
        token: pradeep(),
        body: { member: { type: 'user', id: megan } },
      });
      const addId = await waits(add, 'roles.modify');
      assert.equal(add.body.objectType, 'PrimaryAdmins');
      assert.deepEqual(add.body.diff, [{ field: 'primaryAdmins', from: null, to: 'Megan Bowen' }]);
      const isAdmin = async () =>
        (await relationships().findOne({
          tenantId: CONTOSO,
          partnerTenantId: FAB,
        }))!.primaryAdmins.some((m) => m.id === megan);
      assert.equal(await isAdmin(), false);
      const ok = await app.call('POST', `${requests}/${addId}/approve`, { token: alex() });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.status, 'applied');
      assert.equal(await isAdmin(), true);
      const audit = await auditOf(app, CONTOSO, megan);
      assert.ok(
        audit.some(
          (x) =>
            x.objectType === 'PrimaryAdmins' &&
            x.operation === 'Create' &&
            x.actorId === ids.user('fabrikam', 'pradeep')
        ),
        'added as the requester'
      );

      const remove = await app.call('DELETE', `${primaryAdmins}/${megan}`, { token: pradeep() });
      const removeId = await waits(remove, 'roles.modify');
      assert.equal(await isAdmin(), true);
      const done = await app.call('POST', `${requests}/${removeId}/approve`, { token: alex() });
      assert.equal(done.status, 200, done.text);
      assert.equal(await isAdmin(), false);
    });

    it('When an approved create is applied, then the new object carries the request id (at most one per request)', async () => {
      const asked = await app.call('POST', `${base}/update-rings`, {
        token: diego(),
        body: { displayName: 'Night owls', order: 7, deferralDays: 5 },
      });
      const id = await waits(asked, 'updateRings.modify');
      const ok = await app.call('POST', `${requests}/${id}/approve`, { token: alex() });
      assert.equal(ok.status, 200, ok.text);
      const created = await app.store
        .collection(ResourceCollections.updateRings)
        .findOne({ tenantId: CONTOSO, _id: id });
      assert.equal((created as { displayName?: string } | null)?.displayName, 'Night owls');
    });
  });

  describe('Just-in-time elevation', () => {
    const key = (n: number) => `${room(n)}/enrollment-key`;
    before(() => setControls(controlsWith({ elevation: ['rooms.downloadKey', 'rooms.resetKey'] })));
    // The clock only moves forward: past every window a test opened (8 hours at most).
    afterEach(() => {
      clock += 9 * HOUR;
    });

    it('When an action needs elevation and none is running, then 403 ELEVATION.REQUIRED', async () => {
      expectError(await app.call('GET', key(0), { token: lee() }), 403, 'ELEVATION.REQUIRED');
      expectError(
        await app.call('POST', `${room(0)}/enrollment-key/reset`, { token: lee() }),
        403,
        'ELEVATION.REQUIRED'
      );
    });

    it('When a request is out of bounds or for an action the partner lacks, then 400 / 403', async () => {
      const body = { actions: ['rooms.downloadKey'], durationMinutes: 29, justification: 'x' };
      expectError(
        await app.call('POST', elevations, { token: lee(), body }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('POST', elevations, {
          token: lee(),
          body: { ...body, durationMinutes: 481 },
        }),
        400,
        'REQUEST.INVALID'
      );
      expectError(
        await app.call('POST', elevations, {
          token: lee(),
          body: { ...body, actions: ['rooms.unenroll'], durationMinutes: 60 },
        }),
        400,
        'ELEVATION.NOT_REQUIRED'
      );
      expectError(
        await app.call('POST', elevations, {
          token: pradeep(),
          body: { ...body, durationMinutes: 60 },
        }),
        403,
        'AUTHZ.FORBIDDEN'
      );
    });

    it('When approved, then the window opens, actions under it are audited with its id, and it closes on time by itself', async () => {
      const asked = await app.call('POST', elevations, {
        token: lee(),
        body: {
          actions: ['rooms.downloadKey'],
          durationMinutes: 30,
          justification: 'Re-enroll the console in Seattle 1',
        },
      });
      assert.equal(asked.status, 201, asked.text);
      assert.equal(asked.body.status, 'pending');
      const id = asked.body.id as string;
      expectError(await app.call('GET', key(0), { token: lee() }), 403, 'ELEVATION.REQUIRED');
      expectError(
        await app.call('POST', `${elevations}/${id}/approve`, { token: lee(), body: {} }),
        404,
        'ELEVATION.NOT_FOUND'
      );
      const approved = await app.call('POST', `${elevations}/${id}/approve`, { token: alex() });
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.body.status, 'active');
      assert.equal(
        new Date(approved.body.endsAt as string).getTime() -
          new Date(approved.body.startsAt as string).getTime(),
        30 * 60_000
      );

      const got = await app.call('GET', key(0), { token: lee() });
      assert.equal(got.status, 200, got.text);
      assert.ok(got.body.key);
      // Reset was not part of this elevation.
      expectError(
        await app.call('POST', `${room(0)}/enrollment-key/reset`, { token: lee() }),
        403,
        'ELEVATION.REQUIRED'
      );
      for (const tenant of [CONTOSO, FAB]) {
        const used = await auditOf(app, tenant, id);
        assert.equal(
          used.filter((x) => x.detail === 'used for rooms.downloadKey').length,
          1,
          `one elevation use in ${tenant}'s log`
        );
      }

      clock += 29 * 60_000;
      assert.equal(
        (await app.call('GET', key(0), { token: lee() })).status,
        200,
        'still open at 29 minutes'
      );
      clock += 60_000;
      expectError(await app.call('GET', key(0), { token: lee() }), 403, 'ELEVATION.REQUIRED');
      const ended = await app.call('GET', `${elevations}/${id}`, { token: lee() });
      assert.equal(ended.body.status, 'ended');
    });

    it('When the policy auto-approves, then the window opens at once; when the customer ends it early, then it closes', async () => {
      await setControls(controlsWith({ elevation: ['rooms.downloadKey'], autoApprove: true }));
      const asked = await app.call('POST', elevations, {
        token: lee(),
        body: {
          actions: ['rooms.downloadKey'],
          durationMinutes: 480,
          justification: 'Night shift',
        },
      });
      assert.equal(asked.status, 201, asked.text);
      assert.equal(asked.body.status, 'active');
      assert.equal(asked.body.decision && (asked.body.decision as { by: string }).by, 'policy');
      assert.equal((await app.call('GET', key(1), { token: lee() })).status, 200);
      // Another user of the partner may not end Lee's elevation.
      expectError(
        await app.call('POST', `${elevations}/${asked.body.id}/end`, {
          token: pradeep(),
          body: {},
        }),
        404,
        'ELEVATION.NOT_FOUND'
      );
      const ended = await app.call('POST', `${elevations}/${asked.body.id}/end`, {
        token: alex(),
        body: { reason: 'Shift over' },
      });
      assert.equal(ended.status, 200, ended.text);
      assert.equal(ended.body.status, 'ended');
      expectError(await app.call('GET', key(1), { token: lee() }), 403, 'ELEVATION.REQUIRED');
      expectError(
        await app.call('POST', `${elevations}/${asked.body.id}/end`, { token: alex(), body: {} }),
        409,
        'ELEVATION.NOT_ACTIVE'
      );
    });

    it('When the partner user finished early, then they end their own elevation and it closes at once, in both logs', async () => {
      await setControls(controlsWith({ elevation: ['rooms.downloadKey'], autoApprove: true }));
      const asked = await app.call('POST', elevations, {
        token: lee(),
        body: { actions: ['rooms.downloadKey'], durationMinutes: 60, justification: 'One key' },
      });
      assert.equal(asked.status, 201, asked.text);
      assert.equal((await app.call('GET', key(2), { token: lee() })).status, 200);
      const ended = await app.call('POST', `${elevations}/${asked.body.id}/end`, {
        token: lee(),
        body: { reason: 'Done' },
      });
      assert.equal(ended.status, 200, ended.text);
      assert.equal(ended.body.status, 'ended');
      expectError(await app.call('GET', key(2), { token: lee() }), 403, 'ELEVATION.REQUIRED');
      for (const tenant of [CONTOSO, FAB]) {
        const trail = await auditOf(app, tenant, asked.body.id as string);
        assert.ok(
          trail.some((x) => x.detail === 'ended early: Done'),
          `the early end in ${tenant}'s log`
        );
      }
    });

    it('When a pending elevation request is rejected, then it never opens', async () => {
      await setControls(controlsWith({ elevation: ['rooms.resetKey'] }));
      const asked = await app.call('POST', elevations, {
        token: lee(),
        body: { actions: ['rooms.resetKey'], durationMinutes: 60, justification: 'Rotate keys' },
      });
      const r = await app.call('POST', `${elevations}/${asked.body.id}/reject`, {
        token: alex(),
        body: { reason: 'Not this week' },
      });
      assert.equal(r.body.status, 'rejected');
      expectError(
        await app.call('POST', `${room(0)}/enrollment-key/reset`, { token: lee() }),
        403,
        'ELEVATION.REQUIRED'
      );
    });

    it('When 72 hours pass without a decision, then the sweep expires the elevation request in both logs, as for a change request, and it can no longer be approved', async () => {
      await setControls(controlsWith({ elevation: ['rooms.resetKey'] }));
      const asked = await app.call('POST', elevations, {
        token: lee(),
        body: { actions: ['rooms.resetKey'], durationMinutes: 60, justification: 'Rotate keys' },
      });
      assert.equal(asked.body.status, 'pending', asked.text);
      const id = asked.body.id as string;
      clock += 72 * HOUR + 1;
      const { expireDueElevations } =
        await import('../../src/core/change-control/elevation.use-cases.ts');
      assert.ok((await expireDueElevations(app.services.changeControl)) >= 1);
      for (const tenant of [CONTOSO, FAB]) {
        const linked = await auditOf(app, tenant, id);
        assert.ok(
          linked.some((x) => x.detail === 'expired' && x.actorId === 'system'),
          `expiry in ${tenant}'s log`
        );
      }
      const got = await app.call('GET', `${elevations}/${id}`, { token: lee() });
      assert.equal(got.body.status, 'expired');
      expectError(
        await app.call('POST', `${elevations}/${id}/approve`, { token: alex() }),
        410,
        'ELEVATION.EXPIRED'
      );
    });
  });

  describe('Approval rechecks the customer’s MFA and elevation rules', () => {
    const reset = (n: number, token = lee()) =>
      app.call('POST', `${room(n)}/enrollment-key/reset`, { token });
    const keyVersion = async (n: number) => (await roomDoc(n))!.enrollment.keyVersion;
    const elevate = async () => {
      const e = await app.call('POST', elevations, {
        token: lee(),
        body: { actions: ['rooms.resetKey'], durationMinutes: 30, justification: 'Rotate keys' },
      });
      assert.equal(e.status, 201, e.text);
      assert.equal(e.body.status, 'active');
      return e.body.id as string;
    };
    afterEach(() => {
      clock += 9 * HOUR;
    });
    after(() => setControls(controlsWith()));

    it('When a sensitive change was asked under an elevation that has since ended, then approval refuses it (409 CHANGE_REQUEST.ELEVATION_ENDED) and nothing changes', async () => {
      await setControls(
        controlsWith({
          manual: ['rooms.resetKey'],
          elevation: ['rooms.resetKey'],
          autoApprove: true,
        })
      );
      await elevate();
      const v = await keyVersion(3);
      const req = await reset(3);
      assert.equal(req.status, 202, req.text);
      clock += 31 * 60_000;
      const r = await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() });
      expectError(r, 409, 'CHANGE_REQUEST.ELEVATION_ENDED');
      const after = await app.call('GET', `${requests}/${req.body.id}`, { token: lee() });
      assert.equal(after.body.status, 'failed');
      assert.equal((after.body.outcome as { code: string }).code, 'CHANGE_REQUEST.ELEVATION_ENDED');
      assert.equal(await keyVersion(3), v);
    });

    it('When the requester’s elevation still runs at approval, then the change applies and the use is audited with the elevation id', async () => {
      await setControls(
        controlsWith({
          manual: ['rooms.resetKey'],
          elevation: ['rooms.resetKey'],
          autoApprove: true,
        })
      );
      const elevationId = await elevate();
      const v = await keyVersion(3);
      const req = await reset(3);
      assert.equal(req.status, 202, req.text);
      clock += 10 * 60_000;
      const r = await app.call('POST', `${requests}/${req.body.id}/approve`, { token: alex() });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'applied');
      assert.equal(await keyVersion(3), v + 1);
      for (const tenant of [CONTOSO, FAB]) {
        const used = (await auditOf(app, tenant, elevationId)).filter(
          (x) => x.detail === `used for rooms.resetKey room ${SEATTLE[3]}`
        );
        // Once when asked, once when applied at approval.
        assert.equal(used.length, 2, `uses in ${tenant}'s log`);
      }
    });

    it('When the customer requires MFA after a request made without it, then approval refuses it (409 CHANGE_REQUEST.MFA_MISSING); one made with MFA applies', async () => {
      await setControls(controlsWith({ manual: ['rooms.resetKey'] }));
      const v = await keyVersion(4);
      const without = await reset(4);
      assert.equal(without.status, 202, without.text);
      await setControls(controlsWith({ manual: ['rooms.resetKey'], mfa: true }));
      expectError(
        await app.call('POST', `${requests}/${without.body.id}/approve`, { token: alex() }),
        409,
        'CHANGE_REQUEST.MFA_MISSING'
      );
      assert.equal(await keyVersion(4), v);

      const mfaToken = await app.devIssuer!.mint({
        tenantId: FAB,
        userId: ids.user('fabrikam', 'lee'),
        amr: ['pwd', 'mfa'],
      });
      const withMfa = await reset(4, mfaToken);
      assert.equal(withMfa.status, 202, withMfa.text);
      const ok = await app.call('POST', `${requests}/${withMfa.body.id}/approve`, {
        token: alex(),
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(await keyVersion(4), v + 1);
    });
  });

  describe('MFA for sensitive actions', () => {
    before(() => setControls(controlsWith({ mfa: true })));
    after(() => setControls(controlsWith()));

    it('When the token has no MFA evidence, then 401 with an insufficient_claims challenge; the claims-answering token succeeds', async () => {
      const r = await app.call('GET', `${room(0)}/enrollment-key`, { token: lee() });
      expectError(r, 401, 'AUTH.MFA_REQUIRED');
      const header = r.headers.get('www-authenticate') ?? '';
      assert.match(header, /^Bearer /);
      assert.match(header, /error="insufficient_claims"/);
      const claims = /claims="([^"]+)"/.exec(header)?.[1];
      assert.ok(claims);
      assert.deepEqual(JSON.parse(Buffer.from(claims, 'base64').toString('utf8')), {
        access_token: { acrs: { essential: true, value: 'c1' } },
      });
      // The dev issuer answers the challenge as Entra would after the step-up.
      const minted = await app.call('POST', '/dev-issuer/token', {
        body: { tenantId: FAB, userId: ids.user('fabrikam', 'lee'), claims },
      });
      assert.equal(minted.status, 200, minted.text);
      const ok = await app.call('GET', `${room(0)}/enrollment-key`, {
        token: minted.body.accessToken as string,
      });
      assert.equal(ok.status, 200, ok.text);
    });

    it('When the token carries amr mfa, then sensitive actions and elevation requests pass; non-sensitive ones never ask', async () => {
      const mfaToken = await app.devIssuer!.mint({
        tenantId: FAB,
        userId: ids.user('fabrikam', 'lee'),
        amr: ['pwd', 'mfa'],
      });
      assert.equal(
        (await app.call('GET', `${room(0)}/enrollment-key`, { token: mfaToken })).status,
        200
      );
      expectError(
        await app.call('POST', `${room(0)}/enrollment-key/reset`, { token: lee() }),
        401,
        'AUTH.MFA_REQUIRED'
      );
      assert.equal(
        (await app.call('POST', `${room(0)}/enrollment-key/reset`, { token: mfaToken })).status,
        200
      );
      assert.equal(
        (await app.call('PATCH', room(0), { token: lee(), body: { site: 'Seattle' } })).status,
        200
      );
      expectError(
        await app.call('POST', elevations, {
          token: lee(),
          body: { actions: ['rooms.downloadKey'], durationMinutes: 60, justification: 'x' },
        }),
        401,
        'AUTH.MFA_REQUIRED'
      );
    });
  });
});
