/**
 * Auditing and input hardening of the partner/customer routes. Every mutating route leaves
 * exactly one record per involved log: the caller's tenant, plus the other party's once the
 * relationship is identified (the customer's log must show what partners did there). Denied
 * attempts leave Failed records. Bad input is refused with a code before anything is written.
 */
import assert from 'node:assert/strict';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { Collections, type AuditDoc } from '../../src/data/collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';

const FAB = ids.tenant('fabrikam');
const CONTOSO = ids.tenant('contoso');
const NORTHWIND = ids.tenant('northwind');
const WOODGROVE = ids.tenant('woodgrove');
const user = (tenant: string, u: string) => ({ type: 'user' as const, id: ids.user(tenant, u) });

/** What one log must hold after a call: exactly one record with this result and actor tenant. */
interface Expected {
  tenantId: string;
  result: 'Successful' | 'Failed';
  actorTenantId: string;
}

describe('Partner relationships: audit and bad input', function () {
  let app: TestApp;
  const t: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    for (const p of [
      'fabrikam/megan',
      'fabrikam/pradeep',
      'fabrikam/diego',
      'contoso/alex',
      'contoso/miriam',
      'northwind/nora',
      'woodgrove/wanda',
    ]) {
      const [tenant, u] = p.split('/') as [string, string];
      t[p] = await app.tokenFor(tenant, u);
    }
  });
  after(() => app.close());

  const audit = () => app.store.collection<AuditDoc>(Collections.audit);
  const relationships = () =>
    app.store.collection<RelationshipDoc>(PartnerCollections.relationships);

  /** Runs `call` on an empty audit log and checks the records it left, log by log. */
  async function expectAudit(
    call: () => Promise<CallResult>,
    status: number,
    expected: Expected[],
    actorId: string
  ) {
    await audit().deleteMany({});
    const r = await call();
    assert.equal(r.status, status, r.text);
    const records = await audit().find({}).toArray();
    assert.deepEqual(
      records.map((x) => x.tenantId).sort(),
      expected.map((e) => e.tenantId).sort(),
      `one record per involved log: ${JSON.stringify(records)}`
    );
    for (const e of expected) {
      const rec = records.find((x) => x.tenantId === e.tenantId)!;
      assert.equal(rec.result, e.result);
      assert.equal(rec.actorTenantId, e.actorTenantId);
      assert.equal(rec.actorId, actorId);
      if (e.result === 'Failed')
        assert.equal(rec.detail, r.body.code, 'a Failed record carries the error code');
    }
    // The records are what both audit readers see: each tenant reads only its own log.
    return { r, records };
  }

  const ok = (tenantId: string, actorTenantId: string): Expected => ({
    tenantId,
    result: 'Successful',
    actorTenantId,
  });
  const failed = (tenantId: string, actorTenantId: string): Expected => ({
    tenantId,
    result: 'Failed',
    actorTenantId,
  });

  describe('Every mutating route writes one record per involved log', () => {
    let invitationId = '';
    let roleId = '';
    let assignmentId = '';

    it('When a partner admin adds and removes a tenant manager, then only the partner log records it', async () => {
      const member = user('fabrikam', 'nestor');
      await expectAudit(
        () =>
          app.call('POST', '/api/partner/tenant-managers', {
            token: t['fabrikam/megan'],
            body: { member },
          }),
        201,
        [ok(FAB, FAB)],
        ids.user('fabrikam', 'megan')
      );
      const { records } = await expectAudit(
        () =>
          app.call('DELETE', `/api/partner/tenant-managers/${member.id}`, {
            token: t['fabrikam/megan'],
          }),
        204,
        [ok(FAB, FAB)],
        ids.user('fabrikam', 'megan')
      );
      assert.equal(records[0]!.category, 'TenantManager');
      assert.equal(records[0]!.operation, 'Delete');
    });

    it('When a customer creates an invitation, then its log and the partner log record it', async () => {
      const { r, records } = await expectAudit(
        () =>
          app.call('POST', '/api/customer/invitations', {
            token: t['woodgrove/wanda'],
            body: {
              partnerDomain: 'fabrikam.example',
              expiresInDays: 2,
              scope: { allRooms: true },
              agreeToTerms: true,
            },
          }),
        201,
        [ok(WOODGROVE, WOODGROVE), ok(FAB, WOODGROVE)],
        ids.user('woodgrove', 'wanda')
      );
      invitationId = String(r.body.id);
      assert.ok(
        records.every(
          (x) =>
            x.category === 'PartnerInvitation' &&
            x.operation === 'Create' &&
            x.objectId === invitationId
        )
      );
    });

    it('When the customer withdraws it, then both logs record it', async () => {
      await expectAudit(
        () =>
          app.call('DELETE', `/api/customer/invitations/${invitationId}`, {
            token: t['woodgrove/wanda'],
          }),
        204,
        [ok(WOODGROVE, WOODGROVE), ok(FAB, WOODGROVE)],
        ids.user('woodgrove', 'wanda')
      );
    });

    it('When the partner declines an invitation, then the record stays in both logs though the invitation is gone', async () => {
      const id = String(
        (await relationships().findOne({ tenantId: NORTHWIND, partnerTenantId: FAB }))!._id
      );
      const { records } = await expectAudit(
        () =>
          app.call('POST', `/api/partner/invitations/${id}/decline`, {
            token: t['fabrikam/megan'],
            body: { confirm: true },
          }),
        204,
        [ok(FAB, FAB), ok(NORTHWIND, FAB)],
        ids.user('fabrikam', 'megan')
      );
      assert.ok(records.every((x) => x.operation === 'Delete' && x.objectId === id));
      assert.equal(await relationships().countDocuments({ _id: id }), 0);
    });

    it('When the partner accepts an invitation, then both logs record it', async () => {
      const created = await app.call('POST', '/api/customer/invitations', {
        token: t['northwind/nora'],
        body: {
          partnerDomain: 'fabrikam.example',
          expiresInDays: 2,
          scope: { allRooms: true },
          agreeToTerms: true,
        },
      });
      await expectAudit(
        () =>
          app.call('POST', `/api/partner/invitations/${created.body.id}/accept`, {
            token: t['fabrikam/megan'],
            body: { primaryAdmins: [user('fabrikam', 'pradeep')] },
          }),
        200,
        [ok(FAB, FAB), ok(NORTHWIND, FAB)],
        ids.user('fabrikam', 'megan')
      );
    });

    it('When a Primary admin adds and removes a Primary admin, then both logs record each', async () => {
      const grady = user('fabrikam', 'grady');
      await expectAudit(
        () =>
          app.call('POST', `/api/partner/customers/${CONTOSO}/primary-admins`, {
            token: t['fabrikam/pradeep'],
            body: { member: grady },
          }),
        201,
        [ok(FAB, FAB), ok(CONTOSO, FAB)],
        ids.user('fabrikam', 'pradeep')
      );
      await expectAudit(
        () =>
          app.call('DELETE', `/api/partner/customers/${CONTOSO}/primary-admins/${grady.id}`, {
            token: t['fabrikam/pradeep'],
          }),
        204,
        [ok(FAB, FAB), ok(CONTOSO, FAB)],
        ids.user('fabrikam', 'pradeep')
      );
    });

    it('When the customer changes the scope, then both logs record it', async () => {
      await expectAudit(
        () =>
          app.call('PUT', `/api/customer/partners/${FAB}/scope`, {
            token: t['contoso/alex'],
            body: { allRooms: true },
          }),
        200,
        [ok(CONTOSO, CONTOSO), ok(FAB, CONTOSO)],
        ids.user('contoso', 'alex')
      );
    });

    it('When the customer deletes a partner assignment and a partner role, then both logs record each', async () => {
      roleId = (
        await app.store.collection<RoleDoc>(RoleCollections.roles).insertOne({
          _id: crypto.randomUUID(),
          tenantId: CONTOSO,
          partnerTenantId: FAB,
          name: 'R',
          description: '',
          permissions: [],
          createdAt: new Date(),
          createdBy: 'test',
        })
      ).insertedId;
      assignmentId = (
        await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
          _id: crypto.randomUUID(),
          tenantId: CONTOSO,
          partnerTenantId: FAB,
          roleId,
          members: [],
          scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
          notify: false,
          createdAt: new Date(),
          createdBy: 'test',
        })
      ).insertedId;
      await expectAudit(
        () =>
          app.call('DELETE', `/api/customer/partners/${FAB}/assignments/${assignmentId}`, {
            token: t['contoso/alex'],
          }),
        204,
        [ok(CONTOSO, CONTOSO), ok(FAB, CONTOSO)],
        ids.user('contoso', 'alex')
      );
      await expectAudit(
        () =>
          app.call('DELETE', `/api/customer/partners/${FAB}/roles/${roleId}`, {
            token: t['contoso/alex'],
          }),
        204,
        [ok(CONTOSO, CONTOSO), ok(FAB, CONTOSO)],
        ids.user('contoso', 'alex')
      );
    });

    it('When a partner role is already gone but left assignments behind, then deleting it removes them with the records of both logs; again, 404', async () => {
      const goneRoleId = crypto.randomUUID();
      const assignments = app.store.collection<AssignmentDoc>(AssignmentCollections.assignments);
      for (const n of [1, 2])
        await assignments.insertOne({
          _id: `${goneRoleId}-${n}`,
          tenantId: CONTOSO,
          partnerTenantId: FAB,
          roleId: goneRoleId,
          members: [user(CONTOSO, 'alex')],
          scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
          notify: false,
          createdAt: new Date(),
          createdBy: 'test',
        });
      const remove = () =>
        app.call('DELETE', `/api/customer/partners/${FAB}/roles/${goneRoleId}`, {
          token: t['contoso/alex'],
        });
      const { records } = await expectAudit(
        remove,
        204,
        [ok(CONTOSO, CONTOSO), ok(FAB, CONTOSO)],
        ids.user('contoso', 'alex')
      );
      assert.ok(records.every((r) => r.objectId === goneRoleId && r.operation === 'Delete'));
      assert.equal(await assignments.countDocuments({ roleId: goneRoleId }), 0);
      await expectAudit(
        remove,
        404,
        [failed(CONTOSO, CONTOSO), failed(FAB, CONTOSO)],
        ids.user('contoso', 'alex')
      );
    });

    it('When the partner removes a customer, then both logs record it', async () => {
      await expectAudit(
        () =>
          app.call('POST', `/api/partner/customers/${NORTHWIND}/remove`, {
            token: t['fabrikam/pradeep'],
            body: { confirm: true },
          }),
        204,
        [ok(FAB, FAB), ok(NORTHWIND, FAB)],
        ids.user('fabrikam', 'pradeep')
      );
    });

    it('When the customer removes the partner, then both logs record it', async () => {
      const { records } = await expectAudit(
        () =>
          app.call('POST', `/api/customer/partners/${FAB}/remove`, {
            token: t['contoso/alex'],
            body: { confirm: true },
          }),
        204,
        [ok(CONTOSO, CONTOSO), ok(FAB, CONTOSO)],
        ids.user('contoso', 'alex')
      );
      assert.ok(
        records.every(
          (x) => x.category === 'PartnerRelationship' && x.objectId === `${CONTOSO}/${FAB}`
        )
      );
    });
  });

  describe('Denied attempts leave Failed records', () => {
    before(async () => {
      // Contoso ↔ Fabrikam again, for attempts on an identified relationship.
      await relationships().deleteMany({ tenantId: CONTOSO });
      const inv = await app.call('POST', '/api/customer/invitations', {
        token: t['contoso/alex'],
        body: {
          partnerDomain: 'fabrikam.example',
          expiresInDays: 2,
          scope: { allRooms: true },
          agreeToTerms: true,
        },
      });
      const acc = await app.call('POST', `/api/partner/invitations/${inv.body.id}/accept`, {
        token: t['fabrikam/megan'],
        body: { primaryAdmins: [user('fabrikam', 'pradeep')] },
      });
      assert.equal(acc.status, 200, acc.text);
    });

    it('When a customer employee tries to invite, then a Failed record in the customer log only', async () => {
      await expectAudit(
        () =>
          app.call('POST', '/api/customer/invitations', {
            token: t['contoso/miriam'],
            body: {
              partnerDomain: 'fabrikam.example',
              expiresInDays: 2,
              scope: { allRooms: true },
              agreeToTerms: true,
            },
          }),
        403,
        [failed(CONTOSO, CONTOSO)],
        ids.user('contoso', 'miriam')
      );
    });

    it('When a technician tries to decide an invitation, then a Failed record in the partner log (the invitation stays unread)', async () => {
      await expectAudit(
        () =>
          app.call('POST', '/api/partner/invitations/00000000-0000-4000-8000-000000000001/accept', {
            token: t['fabrikam/diego'],
            body: { primaryAdmins: [user('fabrikam', 'diego')] },
          }),
        403,
        [failed(FAB, FAB)],
        ids.user('fabrikam', 'diego')
      );
    });

    it("When a technician tries to remove a customer, then Failed records in the partner's and the customer's logs", async () => {
      await expectAudit(
        () =>
          app.call('POST', `/api/partner/customers/${CONTOSO}/remove`, {
            token: t['fabrikam/diego'],
            body: { confirm: true },
          }),
        403,
        [failed(FAB, FAB), failed(CONTOSO, FAB)],
        ids.user('fabrikam', 'diego')
      );
    });

    it('When the last Primary admin is removed, then a Failed record in both logs with the code', async () => {
      await expectAudit(
        () =>
          app.call(
            'DELETE',
            `/api/partner/customers/${CONTOSO}/primary-admins/${ids.user('fabrikam', 'pradeep')}`,
            { token: t['fabrikam/pradeep'] }
          ),
        409,
        [failed(FAB, FAB), failed(CONTOSO, FAB)],
        ids.user('fabrikam', 'pradeep')
      );
    });

    it('When a customer acts on a partner it does not have, then a Failed record in its own log only', async () => {
      await expectAudit(
        () =>
          app.call('POST', `/api/customer/partners/${FAB}/remove`, {
            token: t['woodgrove/wanda'],
            body: { confirm: true },
          }),
        404,
        [failed(WOODGROVE, WOODGROVE)],
        ids.user('woodgrove', 'wanda')
      );
    });

    it('When a non-partner acts on partner routes, then a Failed record in its own log', async () => {
      await expectAudit(
        () =>
          app.call('POST', '/api/partner/tenant-managers', {
            token: t['contoso/alex'],
            body: { member: user('contoso', 'miriam') },
          }),
        403,
        [failed(CONTOSO, CONTOSO)],
        ids.user('contoso', 'alex')
      );
    });
  });

  describe("Refused invitation decisions reach the customer's log", () => {
    const megan = ids.user('fabrikam', 'megan');
    const diego = ids.user('fabrikam', 'diego');
    const acceptBy = (
      who: string,
      id: string,
      primaryAdmins: unknown[] = [user('fabrikam', 'pradeep')]
    ) =>
      app.call('POST', `/api/partner/invitations/${id}/accept`, {
        token: t[who],
        body: { primaryAdmins },
      });
    const declineBy = (who: string, id: string) =>
      app.call('POST', `/api/partner/invitations/${id}/decline`, {
        token: t[who],
        body: { confirm: true },
      });

    /** A fresh pending invitation from Woodgrove to Fabrikam. */
    async function woodgroveInvites(): Promise<string> {
      await relationships().deleteMany({ tenantId: WOODGROVE, partnerTenantId: FAB });
      const r = await app.call('POST', '/api/customer/invitations', {
        token: t['woodgrove/wanda'],
        body: {
          partnerDomain: 'fabrikam.example',
          expiresInDays: 2,
          scope: { allRooms: true },
          agreeToTerms: true,
        },
      });
      assert.equal(r.status, 201, r.text);
      return String(r.body.id);
    }

    /** The refusal is in both logs with actor, actor tenant, result and object; the answer names no customer. */
    async function expectRefusal(
      call: () => Promise<CallResult>,
      status: number,
      code: string,
      actorId: string,
      id: string,
      operation: string
    ) {
      const { r, records } = await expectAudit(
        call,
        status,
        [failed(FAB, FAB), failed(WOODGROVE, FAB)],
        actorId
      );
      assert.equal(r.body.code, code);
      assert.ok(!r.text.includes(WOODGROVE), 'the answer does not name the customer');
      for (const rec of records) {
        assert.equal(rec.category, 'PartnerInvitation');
        assert.equal(rec.objectType, 'PartnerInvitation');
        assert.equal(rec.objectId, id);
        assert.equal(rec.operation, operation);
      }
    }

    it("When a technician tries to accept or decline a pending invitation, then 403 and a Failed record in the customer's log too", async () => {
      const id = await woodgroveInvites();
      await expectRefusal(
        () => acceptBy('fabrikam/diego', id),
        403,
        'AUTHZ.FORBIDDEN',
        diego,
        id,
        'Update'
      );
      await expectRefusal(
        () => declineBy('fabrikam/diego', id),
        403,
        'AUTHZ.FORBIDDEN',
        diego,
        id,
        'Delete'
      );
      assert.equal(
        (await relationships().findOne({ _id: id }))?.state,
        'pending',
        'the invitation is untouched'
      );
    });

    it("When an accept names a Primary admin who is not in the partner's directory, then 400 and a Failed record in the customer's log too", async () => {
      const id = await woodgroveInvites();
      await expectRefusal(
        () => acceptBy('fabrikam/megan', id, [user('woodgrove', 'wanda')]),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND',
        megan,
        id,
        'Update'
      );
    });

    it("When accepts and declines arrive after a decline deleted the invitation, then each refusal is in the customer's log", async () => {
      const id = await woodgroveInvites();
      await expectAudit(
        () => declineBy('fabrikam/megan', id),
        204,
        [ok(FAB, FAB), ok(WOODGROVE, FAB)],
        megan
      );
      assert.equal(await relationships().countDocuments({ _id: id }), 0);
      await expectRefusal(
        () => acceptBy('fabrikam/megan', id),
        409,
        'INVITATION.ALREADY_DECIDED',
        megan,
        id,
        'Update'
      );
      await expectRefusal(
        () => declineBy('fabrikam/megan', id),
        409,
        'INVITATION.ALREADY_DECIDED',
        megan,
        id,
        'Delete'
      );
      await expectRefusal(
        () => acceptBy('fabrikam/diego', id),
        403,
        'AUTHZ.FORBIDDEN',
        diego,
        id,
        'Update'
      );
      await expectRefusal(
        () => acceptBy('fabrikam/megan', id, [user('woodgrove', 'wanda')]),
        400,
        'DIRECTORY.MEMBER_NOT_FOUND',
        megan,
        id,
        'Update'
      );
    });

    it("When a decline arrives after an accept, then the refusal is in the customer's log", async () => {
      const id = await woodgroveInvites();
      await expectAudit(
        () => acceptBy('fabrikam/megan', id),
        200,
        [ok(FAB, FAB), ok(WOODGROVE, FAB)],
        megan
      );
      await expectRefusal(
        () => declineBy('fabrikam/megan', id),
        409,
        'INVITATION.ALREADY_DECIDED',
        megan,
        id,
        'Delete'
      );
      await expectRefusal(
        () => declineBy('fabrikam/diego', id),
        403,
        'AUTHZ.FORBIDDEN',
        diego,
        id,
        'Delete'
      );
      await relationships().deleteMany({ tenantId: WOODGROVE, partnerTenantId: FAB });
    });

    it("When an accept and a decline race, then the customer's log holds the winner and the loser", async () => {
      for (let round = 0; round < 5; round++) {
        const id = await woodgroveInvites();
        await audit().deleteMany({});
        const [a, d] = await Promise.all([
          acceptBy('fabrikam/megan', id),
          declineBy('fabrikam/megan', id),
        ]);
        const statuses = [a.status, d.status].sort();
        assert.ok(statuses[0]! < 300 && statuses[1] === 409, `one outcome: ${statuses.join(',')}`);
        const customerLog = await audit().find({ tenantId: WOODGROVE, objectId: id }).toArray();
        assert.deepEqual(
          customerLog.map((x) => x.result).sort(),
          ['Failed', 'Successful'],
          JSON.stringify(customerLog)
        );
        assert.ok(customerLog.every((x) => x.actorId === megan && x.actorTenantId === FAB));
        const failure = customerLog.find((x) => x.result === 'Failed')!;
        assert.equal(failure.detail, 'INVITATION.ALREADY_DECIDED');
      }
      await relationships().deleteMany({ tenantId: WOODGROVE, partnerTenantId: FAB });
    });

    it("When a decision arrives after the customer withdrew the invitation, then 404 as before and the refusal is in the customer's log", async () => {
      const id = await woodgroveInvites();
      const wanda = ids.user('woodgrove', 'wanda');
      await expectAudit(
        () =>
          app.call('DELETE', `/api/customer/invitations/${id}`, { token: t['woodgrove/wanda'] }),
        204,
        [ok(WOODGROVE, WOODGROVE), ok(FAB, WOODGROVE)],
        wanda
      );
      await expectRefusal(
        () => acceptBy('fabrikam/megan', id),
        404,
        'INVITATION.NOT_FOUND',
        megan,
        id,
        'Update'
      );
      await expectRefusal(
        () => declineBy('fabrikam/megan', id),
        404,
        'INVITATION.NOT_FOUND',
        megan,
        id,
        'Delete'
      );
      await expectRefusal(
        () => acceptBy('fabrikam/diego', id),
        403,
        'AUTHZ.FORBIDDEN',
        diego,
        id,
        'Update'
      );
    });

    it('When an invitation id is unknown to the partner, then the refusal stays in its own log only', async () => {
      const other = await woodgroveInvites();
      // Another partner's (or no) invitation: nothing identifies a customer for Fabrikam.
      await relationships().updateOne({ _id: other }, { $set: { partnerTenantId: NORTHWIND } });
      await expectAudit(() => acceptBy('fabrikam/diego', other), 403, [failed(FAB, FAB)], diego);
      await expectAudit(() => declineBy('fabrikam/megan', other), 404, [failed(FAB, FAB)], megan);
      await relationships().deleteMany({ _id: other });
    });
  });

  describe('Bad input gets a 4xx with a code and writes nothing', () => {
    const inviteBody = {
      partnerDomain: 'fabrikam.example',
      expiresInDays: 2,
      scope: { allRooms: true },
      agreeToTerms: true,
    };
    const json = { 'content-type': 'application/json' };
    const op = encodeURIComponent('{"$gt":""}');
    const cases: {
      name: string;
      method: string;
      path: string;
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      status: number;
      code: string;
    }[] = [
      {
        name: 'malformed JSON',
        method: 'POST',
        path: '/api/customer/invitations',
        rawBody: '{"partnerDomain": ',
        headers: json,
        status: 400,
        code: 'REQUEST.MALFORMED_JSON',
      },
      {
        name: 'an unknown field',
        method: 'POST',
        path: '/api/customer/invitations',
        body: { ...inviteBody, tenantId: WOODGROVE },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator as the domain',
        method: 'POST',
        path: '/api/customer/invitations',
        body: { ...inviteBody, partnerDomain: { $gt: '' } },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator as a room id',
        method: 'POST',
        path: '/api/customer/invitations',
        body: { ...inviteBody, scope: { roomIds: [{ $gt: '' }] } },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'a non-JSON body',
        method: 'POST',
        path: '/api/customer/invitations',
        rawBody: 'partnerDomain=x',
        headers: { 'content-type': 'text/plain' },
        status: 415,
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'an operator as the invitation id',
        method: 'POST',
        path: `/api/partner/invitations/${op}/accept`,
        token: 'fabrikam/megan',
        body: { primaryAdmins: [user('fabrikam', 'pradeep')] },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator as a Primary admin id',
        method: 'POST',
        path: `/api/partner/invitations/${'0'.repeat(8)}-0000-4000-8000-000000000000/accept`,
        token: 'fabrikam/megan',
        body: { primaryAdmins: [{ type: 'user', id: { $gt: '' } }] },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator as the member id',
        method: 'POST',
        path: `/api/partner/customers/${CONTOSO}/primary-admins`,
        token: 'fabrikam/pradeep',
        body: { member: { type: 'user', id: { $ne: null } } },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator as the customer id',
        method: 'POST',
        path: `/api/partner/customers/${op}/remove`,
        token: 'fabrikam/pradeep',
        body: { confirm: true },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator as the partner id',
        method: 'DELETE',
        path: `/api/customer/partners/${op}/roles/builtin:primary-admins`,
        token: 'contoso/alex',
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'a truthy string as confirmation',
        method: 'POST',
        path: `/api/customer/partners/${FAB}/remove`,
        token: 'contoso/alex',
        body: { confirm: 'true' },
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an unknown query parameter',
        method: 'GET',
        path: '/api/partner/customers?tenantId=x',
        token: 'fabrikam/megan',
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'an operator in the query',
        method: 'GET',
        path: '/api/customer/invitations?limit[$gt]=1',
        token: 'contoso/alex',
        status: 400,
        code: 'REQUEST.INVALID',
      },
      {
        name: 'no token',
        method: 'POST',
        path: '/api/customer/invitations',
        token: '',
        body: inviteBody,
        status: 401,
        code: 'AUTH.MISSING_TOKEN',
      },
    ];

    const snapshot = async () =>
      Promise.all([
        relationships().countDocuments({}),
        app.store.collection(PartnerCollections.tenantManagers).countDocuments({}),
        audit().countDocuments({}),
      ]);

    for (const c of cases) {
      it(`When the request has ${c.name}, then ${c.status} ${c.code}`, async () => {
        const before = await snapshot();
        const r = await app.call(c.method, c.path, {
          token: c.token === '' ? undefined : t[c.token ?? 'woodgrove/wanda'],
          body: c.body,
          rawBody: c.rawBody,
          headers: c.headers,
        });
        assert.equal(r.status, c.status, r.text);
        assert.equal(r.body.code, c.code);
        assert.deepEqual(await snapshot(), before, 'nothing written, not even an audit record');
      });
    }
  });
});
