/**
 * Approval cards end to end (issue #15): real activities over HTTP to /api/messages, proactive
 * posts and updates captured on a loopback Bot Connector. The partner's change is made through the
 * REST API with a real dev-issuer token; the customer decides from the card.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  startFakeConnector,
  teamsExecute,
  teamsInstall,
  teamsSubmit,
  type FakeConnector,
  type TeamsUser,
} from '../support/fake-connector.ts';
import { cardOf, cardText, demoUser, deliveredTo, postActivity } from '../support/bot-world.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { ResourceCollections, type RoomDoc } from '../../src/data/collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { CHANGE_ACTIONS } from '../../src/core/change-control/model.ts';
import { ApprovalVerbs } from '../../src/teams/approval-verbs.ts';

const CONTOSO = ids.tenant('contoso');
const FAB = ids.tenant('fabrikam');
const ROOM = ids.room('contoso', 0);
const ROOM2 = ids.room('contoso', 1);
/** Customer Global admin and Teams Rooms Pro Manager: the approvers. */
const APPROVERS = ['alex', 'isaiah'] as const;
/** Contoso users with the app who may not approve: a Site Lead (no approval right) and an employee. */
const NOT_APPROVERS = ['joni', 'miriam'] as const;

const contoso = (key: string, locale?: string) => demoUser('contoso', key, locale);
const fab = (key: string) => demoUser('fabrikam', key);

/** Copies (posts, then updates) of the card about `subjectId` delivered to a user, in order. */
const copiesTo = (c: FakeConnector, u: TeamsUser, subjectId: string) =>
  deliveredTo(c, u).filter((s) => cardText(cardOf(s)).includes(`"subjectId":"${subjectId}"`));

function latest(c: FakeConnector, u: TeamsUser, subjectId: string) {
  const mine = copiesTo(c, u, subjectId);
  const post = mine.find((s) => s.method === 'POST');
  if (!post) return null;
  const updates = mine.filter((s) => s.method === 'PUT' && s.activityId === post.activityId);
  return cardOf(updates.at(-1) ?? post);
}

describe('Approval cards (issue #15)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: FakeConnector;

  const click = async (u: TeamsUser, data: Record<string, unknown>) => {
    const res = await postActivity(app, teamsExecute(connector.url, u, data));
    // The invoke's HTTP status is the Universal Action response's own status code.
    assert.equal(res.status, res.body.statusCode ?? res.status);
    return res.body as { statusCode: number; type: string; value: Record<string, unknown> };
  };

  const requestRename = async (roomId: string, displayName: string) => {
    const token = await app.tokenFor('fabrikam', 'pradeep');
    const r = await app.call('PATCH', `/api/customers/${CONTOSO}/rooms/${roomId}`, {
      token,
      body: { displayName },
      headers: { 'x-change-justification': 'Ticket 4711' },
    });
    assert.equal(r.status, 202, r.text);
    await app.services.teams.settle();
    return r.body.id as string;
  };

  before(async () => {
    [app, connector] = await Promise.all([
      startTestApp(
        {},
        {
          teams: {
            sweepMs: 3_600_000,
            outbox: {
              limits: {
                perConversation: [{ points: 1000, duration: 1 }],
                perTenant: [{ points: 1000, duration: 1 }],
              },
            },
          },
        }
      ),
      startFakeConnector(),
    ]);
    for (const key of [...APPROVERS, ...NOT_APPROVERS]) {
      assert.equal(
        (await postActivity(app, teamsInstall(connector.url, contoso(key)))).status,
        200
      );
    }
    for (const key of ['pradeep', 'lee']) {
      assert.equal((await postActivity(app, teamsInstall(connector.url, fab(key)))).status, 200);
    }
    // Joni is a Site Lead: rights on rooms, but not the approval right.
    await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
      _id: randomUUID(),
      tenantId: CONTOSO,
      partnerTenantId: null,
      roleId: 'builtin:site-lead',
      members: [{ type: 'user', id: ids.user('contoso', 'joni') }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      notify: false,
      createdAt: new Date(),
      createdBy: ids.user('contoso', 'alex'),
    });
    const alex = await app.tokenFor('contoso', 'alex');
    const controls = {
      changeControl: Object.fromEntries(
        CHANGE_ACTIONS.map((a) => [a, a === 'rooms.modify' ? 'manual' : 'auto'])
      ),
      elevation: { required: ['rooms.downloadKey'], autoApprove: false },
      mfa: { required: false },
    };
    const r = await app.call('PUT', `/api/customer/partners/${FAB}/controls`, {
      token: alex,
      body: controls,
    });
    assert.equal(r.status, 200, r.text);
    await app.services.teams.settle();
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  it('When a partner’s change waits for approval, then exactly the approvers get one card each, with the diff and the reason', async () => {
    const id = await requestRename(ROOM, 'Seattle Huddle 1');
    for (const key of APPROVERS) {
      const copies = copiesTo(connector, contoso(key), id);
      assert.equal(copies.filter((s) => s.method === 'POST').length, 1, `${key} gets one card`);
      const text = cardText(latest(connector, contoso(key), id));
      assert.match(text, /Change request from Fabrikam/);
      assert.match(text, /Seattle Huddle 1/);
      assert.match(text, /Ticket 4711/);
      assert.match(text, /"verb":"change.approve"/);
      assert.match(text, /"refresh"/);
    }
    for (const u of [...NOT_APPROVERS.map((k) => contoso(k)), fab('pradeep'), fab('lee')]) {
      assert.equal(copiesTo(connector, u, id).length, 0, `${u.name} gets no approval card`);
    }
  });

  it('When someone who may not approve clicks Approve, then a typed error comes back and nothing changes', async () => {
    const id = await requestRename(ROOM2, 'Denied click');
    const before = connector.sent.length;
    const data = { verb: ApprovalVerbs.changeApprove, subjectId: id, customerTenantId: CONTOSO };
    for (const u of [contoso('joni'), fab('pradeep')]) {
      const res = await click(u, data);
      assert.equal(res.type, 'application/vnd.microsoft.error');
      assert.ok(res.statusCode === 403 || res.statusCode === 404, String(res.statusCode));
    }
    await app.services.teams.settle();
    assert.equal(connector.sent.length, before, 'no card was updated');
    const req = await app.call('GET', `/api/customers/${CONTOSO}/change-requests/${id}`, {
      token: await app.tokenFor('contoso', 'alex'),
    });
    assert.equal(req.body.status, 'pending');
  });

  it('When an approver clicks Approve, then the change is applied, every copy shows it, and the requester gets a card', async () => {
    const id = await requestRename(ROOM, 'Seattle Focus 1');
    const res = await click(contoso('alex'), {
      verb: ApprovalVerbs.changeApprove,
      subjectId: id,
      customerTenantId: CONTOSO,
    });
    assert.equal(res.statusCode, 200);
    assert.match(cardText(res.value), /Approved by Alex Wilber .* and applied/);
    assert.doesNotMatch(cardText(res.value), /"verb":"change.approve"/);
    const room = await app.store
      .collection<RoomDoc>(ResourceCollections.rooms)
      .findOne({ _id: ROOM });
    assert.equal(room!.displayName, 'Seattle Focus 1');
    await app.services.teams.settle();
    for (const key of APPROVERS) {
      assert.match(
        cardText(latest(connector, contoso(key), id)),
        /and applied/,
        `${key}'s copy is updated`
      );
    }
    const notice = deliveredTo(connector, fab('pradeep')).filter((s) =>
      cardText(cardOf(s)).includes('Your change request was decided')
    );
    assert.equal(notice.length, 1);
    assert.match(cardText(cardOf(notice[0]!)), /Seattle Focus 1/);
    // A second click on a decided card answers with the current state, not an error.
    const again = await click(contoso('isaiah'), {
      verb: ApprovalVerbs.changeApprove,
      subjectId: id,
      customerTenantId: CONTOSO,
    });
    assert.equal(again.statusCode, 200);
    assert.match(cardText(again.value), /and applied/);
  });

  it('When the approval is refused (the room changed since), then the card shows why on every copy, not an error, and nothing is applied', async () => {
    const id = await requestRename(ROOM2, 'Partner wants this');
    const alex = await app.tokenFor('contoso', 'alex');
    const direct = await app.call('PATCH', `/api/customers/${CONTOSO}/rooms/${ROOM2}`, {
      token: alex,
      body: { displayName: 'Customer chose this' },
    });
    assert.equal(direct.status, 200, direct.text);
    const res = await click(contoso('isaiah'), {
      verb: ApprovalVerbs.changeApprove,
      subjectId: id,
      customerTenantId: CONTOSO,
    });
    assert.equal(res.statusCode, 200);
    assert.match(cardText(res.value), /not applied/);
    assert.match(cardText(res.value), /displayName/);
    assert.doesNotMatch(cardText(res.value), /"verb":"change.approve"/);
    await app.services.teams.settle();
    for (const key of APPROVERS) {
      assert.match(cardText(latest(connector, contoso(key), id)), /not applied/, `${key}'s copy`);
    }
    const room = await app.store
      .collection<RoomDoc>(ResourceCollections.rooms)
      .findOne({ _id: ROOM2 });
    assert.equal(room!.displayName, 'Customer chose this');
  });

  it('When an approver rejects from the card (Action.Submit fallback), then a reason is required, and every copy shows the rejection', async () => {
    const id = await requestRename(ROOM, 'Rejected name');
    const noReason = await click(contoso('isaiah'), {
      verb: ApprovalVerbs.changeReject,
      subjectId: id,
      customerTenantId: CONTOSO,
      reason: ' ',
    });
    assert.equal(noReason.type, 'application/vnd.microsoft.error');
    assert.equal(noReason.statusCode, 400);
    const post = copiesTo(connector, contoso('isaiah'), id).find((s) => s.method === 'POST')!;
    const res = await postActivity(
      app,
      teamsSubmit(
        connector.url,
        contoso('isaiah'),
        {
          verb: ApprovalVerbs.changeReject,
          subjectId: id,
          customerTenantId: CONTOSO,
          reason: 'Use the naming standard',
        },
        post.activityId
      )
    );
    assert.equal(res.status, 200);
    await app.services.teams.settle();
    for (const key of APPROVERS) {
      assert.match(
        cardText(latest(connector, contoso(key), id)),
        /Rejected by Isaiah Langer .*Use the naming standard/
      );
    }
    const room = await app.store
      .collection<RoomDoc>(ResourceCollections.rooms)
      .findOne({ _id: ROOM });
    assert.equal(room!.displayName, 'Seattle Focus 1');
    const notice = deliveredTo(connector, fab('pradeep')).filter((s) =>
      cardText(cardOf(s)).includes('Use the naming standard')
    );
    assert.equal(notice.length, 1);
  });

  it('When a partner asks for an elevation, then the approvers get a card; Approve opens the window and End closes it on every copy', async () => {
    const roleId = randomUUID();
    await app.store.collection<RoleDoc>(RoleCollections.roles).insertOne({
      _id: roleId,
      tenantId: CONTOSO,
      partnerTenantId: FAB,
      name: 'Key keeper',
      description: '',
      permissions: ['rooms.view', 'rooms.downloadKey'],
      createdAt: new Date(),
      createdBy: ids.user('fabrikam', 'pradeep'),
    });
    await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
      _id: randomUUID(),
      tenantId: CONTOSO,
      partnerTenantId: FAB,
      roleId,
      members: [{ type: 'user', id: ids.user('fabrikam', 'lee') }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      notify: false,
      createdAt: new Date(),
      createdBy: ids.user('fabrikam', 'pradeep'),
    });
    const lee = await app.tokenFor('fabrikam', 'lee');
    const asked = await app.call('POST', `/api/customers/${CONTOSO}/elevations`, {
      token: lee,
      body: {
        actions: ['rooms.downloadKey'],
        durationMinutes: 60,
        justification: 'Console swap in Seattle',
      },
    });
    assert.equal(asked.status, 201, asked.text);
    const id = asked.body.id as string;
    await app.services.teams.settle();
    for (const key of APPROVERS)
      assert.match(
        cardText(latest(connector, contoso(key), id)),
        /Elevation request from Fabrikam/
      );
    assert.equal(copiesTo(connector, contoso('joni'), id).length, 0);
    const approved = await click(contoso('alex'), {
      verb: ApprovalVerbs.elevationApprove,
      subjectId: id,
      customerTenantId: CONTOSO,
    });
    assert.match(cardText(approved.value), /active until/);
    assert.match(cardText(approved.value), /"verb":"elevation.end"/);
    const key = await app.call('GET', `/api/customers/${CONTOSO}/rooms/${ROOM}/enrollment-key`, {
      token: lee,
    });
    assert.equal(key.status, 200, key.text);
    const ended = await click(contoso('isaiah'), {
      verb: ApprovalVerbs.elevationEnd,
      subjectId: id,
      customerTenantId: CONTOSO,
    });
    assert.match(cardText(ended.value), /Ended on/);
    await app.services.teams.settle();
    for (const k of APPROVERS)
      assert.match(cardText(latest(connector, contoso(k), id)), /Ended on/);
    const refused = await app.call(
      'GET',
      `/api/customers/${CONTOSO}/rooms/${ROOM}/enrollment-key`,
      { token: lee }
    );
    assert.equal(refused.status, 403);
  });
});
