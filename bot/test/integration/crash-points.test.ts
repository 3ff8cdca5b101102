/**
 * Never a partial write, every mutation audited (PRODUCT.md security promises), against a process
 * killed mid-request: the service runs on a store that "dies" after N writes (every later write
 * fails, as after a kill -9; test/support/crashing-store.ts), for every N short of the request's
 * own number of writes. Whatever N, what the request changed is all there, its Successful audit
 * records included, or none of it is: the partner off-boarding (from either side, with the pair's
 * roles and assignments), an invitation accepted (with the purge of leftovers), declined or
 * withdrawn (with its receipt), an invitation sent (replacing an expired one), partner role and
 * Primary admins deletion, custom role create, rename (with its name claims) and delete, role
 * assignment create, update and delete (with the requirement that the custom role they name is
 * there), an enrollment key reset (with the room's key version), a room onboarded (with its first
 * key), changed (its tickets following its groups) and unenrolled, room groups created and
 * changed, update rings created, changed, deleted (their rooms moved) and rooms moved between
 * them, the settings saved, health signals creating, counting, escalating, reopening and clearing
 * a ticket (with the room's health), a ticket change with the bump of the cards readers hold,
 * and change control: the controls saved, a change request
 * asked (with the use of an elevation) and rejected, an elevation asked, approved and ended.
 * Approving a change request is two steps by design (claimed, then applied as the requester and
 * its outcome recorded); a crash between them is reconciled
 * (test/change-control/apply-durability.test.ts). The store is the one the contract suite runs
 * against (MongoDB when MONGODB_URI is set, where a replica set gives the batch its transaction).
 * Also: the assignments a partner role left when it is already gone (deleted with it), a
 * tenant's built-in update rings, made by the system on first use, and a key reset (under Auto)
 * or downloaded in an elevation, with the record of the elevation's use.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { startTestApp, type CallResult, type TestApp } from '../support/harness.ts';
import { crashingStore, type CrashingStore } from '../support/crashing-store.ts';
import { openStoreUnderTest, type StoreUnderTest } from '../store/store-under-test.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { demoRoleIds } from '../../src/seed/roles.seed.ts';
import { Collections, ResourceCollections } from '../../src/data/collections.ts';
import { ResourceExtraCollections } from '../../src/data/resources.collections.ts';
import { PartnerCollections } from '../../src/data/partners.collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import type { Document } from '../../src/store/types.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';
import { ChangeControlCollections } from '../../src/data/change-control.repositories.ts';
import { CHANGE_ACTIONS } from '../../src/core/change-control/model.ts';
import { SEATTLE, grantFabrikamRole } from '../support/resources-fixtures.ts';
import { TeamsCollections } from '../../src/data/teams.collections.ts';
import { INCIDENT_CARD_KIND, incidentCardKey } from '../../src/teams/incident-cards.ts';

const CONTOSO = ids.tenant('contoso');
const NORTHWIND = ids.tenant('northwind');
const EMEA = ids.roomGroup('contoso', 'EMEA rooms');
const RESOURCES = `/api/customers/${CONTOSO}`;
const FAB = ids.tenant('fabrikam');
const ROOM = ids.room('contoso', 1);
const ROLES = `/api/customers/${CONTOSO}/roles`;
const ASSIGNMENTS = `/api/customers/${CONTOSO}/assignments`;
const JONI = { type: 'user', id: ids.user('contoso', 'joni') };
/** A partner role of Contoso's that is gone, its assignments left. */
const GONE_ROLE = '0c0ffee0-0000-4000-8000-00000000dead';

/** The room whose signals the ticket scenarios send: a Healthy one, found at the start. */
let SIGNAL_ROOM = '';

/**
 * What a request of these scenarios may change, restored before each attempt: whole collections,
 * but for the tickets, of which only the signal room's.
 */
const WATCHED = (): [string, Document][] => [
  [PartnerCollections.relationships, {}],
  [PartnerCollections.declineReceipts, {}],
  [RoleCollections.roles, {}],
  [RoleCollections.roleNameClaims, {}],
  [AssignmentCollections.assignments, {}],
  [ResourceExtraCollections.enrollmentKeys, {}],
  [ResourceExtraCollections.settings, {}],
  [ResourceCollections.rooms, {}],
  [ResourceCollections.roomGroups, {}],
  [ResourceCollections.updateRings, {}],
  [TicketCollections.tickets, { roomId: SIGNAL_ROOM }],
  [ChangeControlCollections.controls, {}],
  [ChangeControlCollections.requests, {}],
  [ChangeControlCollections.elevations, {}],
  [TeamsCollections.outbox, { kind: INCIDENT_CARD_KIND }],
  [Collections.audit, {}],
];

type Snapshot = Record<string, Document[]>;

interface Scenario {
  name: string;
  /** Run once before the first attempt (what every attempt then starts from). */
  setup?: (app: TestApp, t: Tokens) => Promise<void>;
  request: (app: TestApp, t: Tokens) => Promise<CallResult>;
  /** Run after the last attempt. */
  teardown?: (app: TestApp) => void;
}

type Tokens = Record<string, string>;

const nameOf = (roles: Document[], id: unknown) =>
  roles.find((r) => r._id === id)?.name ?? (id === demoRoleIds.helpDeskRole ? 'help desk' : id);

/**
 * What the scenarios change, without what differs from one attempt to the next (new ids, times):
 * roles, claims, rooms, keys, groups and rings by name, audit records by log, result and object.
 */
function summary(s: Snapshot) {
  const roles = s[RoleCollections.roles]!;
  const rooms = s[ResourceCollections.rooms]!;
  const roomName = (id: unknown) => rooms.find((r) => r._id === id)?.displayName ?? id;
  const sorted = (xs: string[]) => xs.sort();
  return {
    relationships: sorted(
      s[PartnerCollections.relationships]!.map(
        (r) =>
          `${r.tenantId}/${r.partnerTenantId} ${r.state} ` +
          `${JSON.stringify(r.primaryAdmins)} ${r.primaryAdminsRoleDeleted === true}`
      )
    ),
    receipts: sorted(
      s[PartnerCollections.declineReceipts]!.map(
        (r) => `${r.tenantId} ${r.invitationId} ${r.withdrawn === true}`
      )
    ),
    roles: sorted(roles.map((r) => `${r.tenantId}/${r.partnerTenantId} ${r.name}`)),
    claims: sorted(
      s[RoleCollections.roleNameClaims]!.map((c) => `${c._id} -> ${nameOf(roles, c.roleId)}`)
    ),
    assignments: sorted(
      s[AssignmentCollections.assignments]!.map(
        (a) =>
          `${a.tenantId}/${a.partnerTenantId} ${nameOf(roles, a.roleId)} ` +
          `${JSON.stringify(a.members)} ${a.notify}`
      )
    ),
    keys: sorted(
      s[ResourceExtraCollections.enrollmentKeys]!.map((k) => `${roomName(k._id)} ${k.version}`)
    ),
    rooms: sorted(
      rooms.map((r) => {
        const enrollment = r.enrollment as { keyVersion?: number; status: string } | undefined;
        return (
          `${r.displayName} ${r.health} ${enrollment?.keyVersion} ${enrollment?.status} ` +
          `${r.ringId} ${JSON.stringify(r.groupIds)} ${r.ticketSyncPending === true}`
        );
      })
    ),
    groups: sorted(
      s[ResourceCollections.roomGroups]!.map((g) => `${g.displayName} ${g.description}`)
    ),
    rings: sorted(
      s[ResourceCollections.updateRings]!.map(
        (r) => `${r.displayName} ${r.order} ${r.deferralDays} ${r.builtIn}`
      )
    ),
    settings: sorted(
      s[ResourceExtraCollections.settings]!.map(
        (x) => `${x._id} v${x.version} ${JSON.stringify(x.maintenanceWindow)}`
      )
    ),
    tickets: sorted(
      s[TicketCollections.tickets]!.map(
        (x) =>
          `${x.roomId} ${x.type} ${x.status} ${x.severity} v${x.version} ` +
          `${(x.signal as { count?: number } | undefined)?.count} ${JSON.stringify(x.roomGroupIds)}`
      )
    ),
    controls: sorted(
      s[ChangeControlCollections.controls]!.map(
        (c) => `${c.tenantId}/${c.partnerTenantId} v${c.version} ${JSON.stringify(c.elevation)}`
      )
    ),
    requests: sorted(
      s[ChangeControlCollections.requests]!.map(
        (r) => `${r.tenantId} ${r.action} ${r.objectName} ${r.status} v${r.version}`
      )
    ),
    elevations: sorted(
      s[ChangeControlCollections.elevations]!.map(
        (e) => `${e.tenantId} ${String(e.actions)} ${e.status} v${e.version}`
      )
    ),
    cards: sorted(
      s[TeamsCollections.outbox]!.map((c) => `${c.refId} v${c.targetVersion} ${c.status}`)
    ),
    audit: sorted(
      s[Collections.audit]!.map(
        (a) => `${a.tenantId} ${a.result} ${a.category} ${a.objectType} ${a.operation}`
      )
    ),
  };
}

describe('Crash points: a request killed between any two writes leaves all of its change or none', function () {
  let sut: StoreUnderTest;
  let store: CrashingStore;
  let app: TestApp;
  const t: Tokens = {};

  before(async () => {
    sut = await openStoreUnderTest();
    store = crashingStore(sut.store);
    app = await startTestApp({}, { store });
    for (const p of [
      'contoso/alex',
      'northwind/nora',
      'fabrikam/megan',
      'fabrikam/pradeep',
      'fabrikam/lee',
      'woodgrove/wanda',
    ] as const) {
      const [tenant, user] = p.split('/') as [string, string];
      t[p] = await app.tokenFor(tenant, user);
    }
    const healthy = await app.call(
      'GET',
      `/api/customers/${CONTOSO}/rooms?health=Healthy&limit=1`,
      {
        token: t['contoso/alex'],
      }
    );
    SIGNAL_ROOM = String(healthy.body.items?.[0]?.id);
  });
  after(async () => {
    await app.close();
    await sut.dispose();
  });

  async function snapshot(): Promise<Snapshot> {
    const out: Snapshot = {};
    for (const [name, filter] of WATCHED()) {
      out[name] = await app.store.collection(name).find(filter).toArray();
    }
    return out;
  }

  /** Puts the watched collections back as they were (through the service's store: caches follow). */
  async function restore(s: Snapshot): Promise<void> {
    for (const [name, filter] of WATCHED()) {
      const coll = app.store.collection(name);
      await coll.deleteMany(filter);
      if (s[name]!.length > 0) await coll.insertMany(s[name]! as never[]);
    }
  }

  const pendingNorthwind = async () =>
    String(
      (await app.store
        .collection(PartnerCollections.relationships)
        .findOne({ tenantId: NORTHWIND, partnerTenantId: FAB }))!._id
    );

  /** Data from before off-boarding was one write: a partner role of Northwind's pair. */
  async function leftoverPartnerRole(): Promise<void> {
    const now = new Date();
    await app.store.collection<RoleDoc>(RoleCollections.roles).insertOne({
      _id: 'leftover-role',
      tenantId: NORTHWIND,
      partnerTenantId: FAB,
      name: 'Leftover',
      description: '',
      permissions: ['rooms.view'],
      createdAt: now,
      createdBy: 'test',
    });
    await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
      _id: 'leftover-assignment',
      tenantId: NORTHWIND,
      partnerTenantId: FAB,
      roleId: 'leftover-role',
      members: [{ type: 'user', id: ids.user('fabrikam', 'diego') }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      notify: false,
      createdAt: now,
      createdBy: 'test',
    });
  }

  /** Data from before a role's delete took its assignments along: Contoso's, of a gone role. */
  async function goneRoleAssignments(): Promise<void> {
    for (const n of [1, 2])
      await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
        _id: `gone-role-assignment-${n}`,
        tenantId: CONTOSO,
        partnerTenantId: FAB,
        roleId: GONE_ROLE,
        members: [{ type: 'user', id: ids.user('fabrikam', 'diego') }],
        scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
        notify: false,
        createdAt: new Date(),
        createdBy: 'test',
      });
  }

  let ownRoleId = '';
  async function ownRole(): Promise<void> {
    const r = await app.call('POST', ROLES, {
      token: t['contoso/alex'],
      body: { name: 'Crash test role', permissions: ['rooms.view'] },
    });
    assert.equal(r.status, 201, r.text);
    ownRoleId = String(r.body.id);
  }

  let ownAssignmentId = '';
  /** An assignment of the own role (created first) to Joni, over all rooms. */
  async function ownAssignment(): Promise<void> {
    await ownRole();
    const r = await app.call('POST', ASSIGNMENTS, {
      token: t['contoso/alex'],
      body: { roleId: ownRoleId, members: [JONI], scope: { allRooms: true } },
    });
    assert.equal(r.status, 201, r.text);
    ownAssignmentId = String(r.body.id);
  }

  const signal = (a: TestApp, body: Record<string, unknown>) =>
    a.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(CONTOSO) },
      body: {
        tenantId: CONTOSO,
        roomId: SIGNAL_ROOM,
        type: 'network',
        severity: 'Warning',
        state: 'raised',
        observedAt: new Date().toISOString(),
        ...body,
      },
    });
  /** A live Warning ticket on the signal room (a raised signal). */
  async function warningTicket(a: TestApp): Promise<void> {
    const r = await signal(a, {});
    assert.equal(r.status, 200, r.text);
  }
  /** The signal room's ticket, resolved by its signal clearing. */
  async function resolvedTicket(a: TestApp): Promise<void> {
    await warningTicket(a);
    const r = await signal(a, { state: 'cleared' });
    assert.equal(r.body.outcome, 'resolved', r.text);
  }

  const alex = (method: string, path: string, body?: object) => (a: TestApp) =>
    a.call(method, `${RESOURCES}${path}`, { token: t['contoso/alex'], ...(body ? { body } : {}) });
  /** Created in a setup, for the request to change or delete. */
  const made = { groupId: '', ringId: '' };
  async function create(path: string, body: object): Promise<string> {
    const r = await alex('POST', path, body)(app);
    assert.equal(r.status, 201, r.text);
    return String(r.body.id);
  }
  async function ownGroup(): Promise<void> {
    made.groupId = await create('/room-groups', { displayName: 'Crash test group' });
  }
  /** A custom ring with a room in it. */
  async function ownRing(): Promise<void> {
    made.ringId = await create('/update-rings', {
      displayName: 'Crash test ring',
      order: 6,
      deferralDays: 5,
    });
    const moved = await alex('POST', `/update-rings/${made.ringId}/rooms`, { roomIds: [ROOM] })(
      app
    );
    assert.equal(moved.status, 200, moved.text);
  }
  /** Woodgrove invites the partner. */
  const invite = (a: TestApp, expiresInDays: number) =>
    a.call('POST', '/api/customer/invitations', {
      token: t['woodgrove/wanda'],
      body: {
        partnerDomain: 'fabrikam.example',
        expiresInDays,
        scope: { allRooms: true },
        agreeToTerms: true,
      },
    });
  /** Woodgrove's invitation to the partner, expired (a new one replaces it). */
  async function expiredInvitation(): Promise<void> {
    const r = await invite(app, 1);
    assert.equal(r.status, 201, r.text);
    await app.store
      .collection(PartnerCollections.relationships)
      .updateOne({ _id: String(r.body.id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  }

  // Change control: Lee (Fabrikam) changes and resets keys of Contoso's US rooms; room changes
  // wait for approval, key downloads need an elevation, and the elevation he asked for under it.
  const CONTROLS = `/api/customer/partners/${FAB}/controls`;
  const ELEVATIONS = `/api/customers/${CONTOSO}/elevations`;
  const controls = (elevationFor: string[]) => ({
    changeControl: Object.fromEntries(
      CHANGE_ACTIONS.map((a) => [a, a === 'rooms.modify' ? 'manual' : 'auto'])
    ),
    elevation: { required: elevationFor, autoApprove: false },
    mfa: { required: false },
  });
  async function underControl(a: TestApp): Promise<void> {
    await grantFabrikamRole(a, 'lee', {
      name: 'Crash test keys',
      description: '',
      permissions: ['rooms.view', 'rooms.modify', 'rooms.downloadKey', 'rooms.resetKey'],
    });
    const r = await a.call('PUT', CONTROLS, {
      token: t['contoso/alex'],
      body: controls(['rooms.downloadKey', 'rooms.resetKey']),
    });
    assert.equal(r.status, 200, r.text);
  }
  let elevationId = '';
  async function pendingElevation(a: TestApp): Promise<void> {
    await underControl(a);
    const r = await a.call('POST', ELEVATIONS, {
      token: t['fabrikam/lee'],
      body: {
        actions: ['rooms.resetKey', 'rooms.downloadKey'],
        durationMinutes: 60,
        justification: 'Crash test',
      },
    });
    assert.equal(r.status, 201, r.text);
    elevationId = String(r.body.id);
  }
  async function runningElevation(a: TestApp): Promise<void> {
    await pendingElevation(a);
    const r = await a.call('POST', `${ELEVATIONS}/${elevationId}/approve`, {
      token: t['contoso/alex'],
    });
    assert.equal(r.status, 200, r.text);
  }
  /** Lee renames a Seattle room under Manual (its key resets under his running elevation). */
  const askChange = (a: TestApp) =>
    a.call('PATCH', `/api/customers/${CONTOSO}/rooms/${SEATTLE[0]}`, {
      token: t['fabrikam/lee'],
      body: { displayName: 'Crash test room' },
      headers: { 'x-change-justification': 'Crash test' },
    });
  let requestId = '';
  async function pendingRequest(a: TestApp): Promise<void> {
    await underControl(a);
    const r = await askChange(a);
    assert.equal(r.status, 202, r.text);
    requestId = String(r.body.id);
  }

  /**
   * A recorded issue on the signal room whose card a reader holds (a copy in the outbox, which
   * is held back: a delivery would write in the background).
   */
  let heldTicket = '';
  async function heldCard(a: TestApp): Promise<void> {
    const r = await a.call('POST', `/api/customers/${CONTOSO}/tickets`, {
      token: t['fabrikam/pradeep'],
      body: { roomId: SIGNAL_ROOM, title: 'Held card' },
    });
    assert.equal(r.status, 201, r.text);
    heldTicket = String(r.body.id);
    await a.services.teams.settle();
    a.services.teams.outbox.stop();
    await a.services.teams.outbox.enqueue({
      key: incidentCardKey(heldTicket, 'reader'),
      tenantId: CONTOSO,
      kind: INCIDENT_CARD_KIND,
      subjectId: heldTicket,
      refId: 'reader',
      recipientUserId: null,
      version: 1,
    });
  }

  const confirm = { confirm: true };
  const scenarios: Scenario[] = [
    {
      name: 'the customer removes the partner',
      request: (a) =>
        a.call('POST', `/api/customer/partners/${FAB}/remove`, {
          token: t['contoso/alex'],
          body: confirm,
        }),
    },
    {
      name: 'the partner removes the customer',
      request: (a) =>
        a.call('POST', `/api/partner/customers/${CONTOSO}/remove`, {
          token: t['fabrikam/pradeep'],
          body: confirm,
        }),
    },
    {
      name: 'the partner accepts an invitation (leftover partner roles of the pair purged)',
      setup: leftoverPartnerRole,
      request: async (a) =>
        a.call('POST', `/api/partner/invitations/${await pendingNorthwind()}/accept`, {
          token: t['fabrikam/megan'],
          body: { primaryAdmins: [{ type: 'user', id: ids.user('fabrikam', 'pradeep') }] },
        }),
    },
    {
      name: 'the partner declines an invitation (with its receipt)',
      request: async (a) =>
        a.call('POST', `/api/partner/invitations/${await pendingNorthwind()}/decline`, {
          token: t['fabrikam/megan'],
          body: confirm,
        }),
    },
    {
      name: 'the customer withdraws an invitation (with its receipt)',
      request: async (a) =>
        a.call('DELETE', `/api/customer/invitations/${await pendingNorthwind()}`, {
          token: t['northwind/nora'],
        }),
    },
    {
      name: 'the customer deletes a partner role (with its assignments)',
      request: (a) =>
        a.call('DELETE', `/api/customer/partners/${FAB}/roles/${demoRoleIds.helpDeskRole}`, {
          token: t['contoso/alex'],
        }),
    },
    {
      name: 'the customer deletes a partner role already gone (the assignments it left with it)',
      setup: goneRoleAssignments,
      request: (a) =>
        a.call('DELETE', `/api/customer/partners/${FAB}/roles/${GONE_ROLE}`, {
          token: t['contoso/alex'],
        }),
    },
    {
      name: "the customer deletes the partner's Primary admins role",
      request: (a) =>
        a.call('DELETE', `/api/customer/partners/${FAB}/roles/builtin:primary-admins`, {
          token: t['contoso/alex'],
        }),
    },
    {
      name: 'a custom role is created (with its name claim)',
      request: (a) =>
        a.call('POST', ROLES, {
          token: t['contoso/alex'],
          body: { name: 'Created role', permissions: ['rooms.view'] },
        }),
    },
    {
      name: 'a custom role is renamed (its new name claimed, the old one released)',
      setup: ownRole,
      request: (a) =>
        a.call('PATCH', `${ROLES}/${ownRoleId}`, {
          token: t['contoso/alex'],
          body: { name: 'Renamed role' },
        }),
    },
    {
      name: 'a custom role is deleted (with its name claim)',
      setup: ownRole,
      request: (a) => a.call('DELETE', `${ROLES}/${ownRoleId}`, { token: t['contoso/alex'] }),
    },
    {
      name: 'an assignment of a custom role is created (while the role is there)',
      setup: ownRole,
      request: (a) =>
        a.call('POST', ASSIGNMENTS, {
          token: t['contoso/alex'],
          body: { roleId: ownRoleId, members: [JONI], scope: { allRooms: true }, notify: true },
        }),
    },
    {
      name: 'an assignment is given a built-in role and alerts',
      setup: ownAssignment,
      request: (a) =>
        a.call('PATCH', `${ASSIGNMENTS}/${ownAssignmentId}`, {
          token: t['contoso/alex'],
          body: { roleId: 'builtin:site-tech', notify: true },
        }),
    },
    {
      name: 'an assignment is given another custom role (while that role is there)',
      setup: async () => {
        await ownAssignment();
        const r = await app.call('POST', ROLES, {
          token: t['contoso/alex'],
          body: { name: 'Second crash test role', permissions: ['rooms.view'] },
        });
        assert.equal(r.status, 201, r.text);
        ownRoleId = String(r.body.id);
      },
      request: (a) =>
        a.call('PATCH', `${ASSIGNMENTS}/${ownAssignmentId}`, {
          token: t['contoso/alex'],
          body: { roleId: ownRoleId },
        }),
    },
    {
      name: 'an assignment is deleted',
      setup: ownAssignment,
      request: (a) =>
        a.call('DELETE', `${ASSIGNMENTS}/${ownAssignmentId}`, { token: t['contoso/alex'] }),
    },
    {
      name: "a signal creates a ticket (with its room's health)",
      request: (a) => signal(a, {}),
    },
    {
      name: 'a signal repeats (counted on its ticket)',
      setup: warningTicket,
      request: (a) => signal(a, {}),
    },
    {
      name: "a signal escalates a ticket (with its room's health)",
      setup: warningTicket,
      request: (a) => signal(a, { severity: 'Important' }),
    },
    {
      name: "a signal reopens a resolved ticket (with its room's health)",
      setup: resolvedTicket,
      request: (a) => signal(a, {}),
    },
    {
      name: "a signal clears a ticket (with its room's health)",
      setup: warningTicket,
      request: (a) => signal(a, { state: 'cleared' }),
    },
    {
      name: 'the customer sends an invitation (replacing an expired one)',
      setup: expiredInvitation,
      request: (a) => invite(a, 7),
    },
    {
      name: 'a room is onboarded (with its first enrollment key)',
      request: alex('POST', '/rooms', {
        displayName: 'Crash test room',
        site: 'Redmond',
        country: 'US',
        groupIds: [],
      }),
    },
    {
      name: "a room is renamed and moved to another group (its tickets' groups follow)",
      setup: warningTicket,
      request: (a) =>
        alex('PATCH', `/rooms/${SIGNAL_ROOM}`, { displayName: 'Moved room', groupIds: [EMEA] })(a),
    },
    {
      name: 'a room is unenrolled',
      request: alex('POST', `/rooms/${ROOM}/unenroll`),
    },
    {
      name: 'a room group is created',
      request: alex('POST', '/room-groups', { displayName: 'Created group' }),
    },
    {
      name: 'a room group is renamed',
      setup: ownGroup,
      request: (a) =>
        alex('PATCH', `/room-groups/${made.groupId}`, { displayName: 'Renamed group' })(a),
    },
    {
      name: 'an update ring is created',
      request: alex('POST', '/update-rings', {
        displayName: 'Created ring',
        order: 7,
        deferralDays: 3,
      }),
    },
    {
      name: 'a tenant’s built-in update rings are made on first use (by the system)',
      setup: async (a) => {
        await a.store.collection(ResourceCollections.updateRings).deleteMany({ tenantId: FAB });
      },
      request: (a) =>
        a.call('GET', `/api/customers/${FAB}/update-rings`, { token: t['fabrikam/megan'] }),
    },
    {
      name: 'an update ring is changed',
      setup: ownRing,
      request: (a) => alex('PATCH', `/update-rings/${made.ringId}`, { deferralDays: 9 })(a),
    },
    {
      name: 'rooms are moved to another ring',
      setup: ownRing,
      request: (a) =>
        alex('POST', `/update-rings/${made.ringId}/rooms`, {
          roomIds: [ids.room('contoso', 2), ids.room('contoso', 3)],
        })(a),
    },
    {
      name: 'an update ring is deleted (its rooms moved to General)',
      setup: ownRing,
      request: (a) => alex('DELETE', `/update-rings/${made.ringId}`)(a),
    },
    {
      name: 'the settings are changed',
      request: alex('PATCH', '/settings', { maintenanceWindow: { start: '02:30' } }),
    },
    {
      name: 'a ticket whose card is held changes status (with the bump of its cards)',
      setup: heldCard,
      request: (a) =>
        a.call('PATCH', `/api/customers/${CONTOSO}/tickets/${heldTicket}`, {
          token: t['fabrikam/pradeep'],
          body: { status: 'Acknowledged' },
        }),
      teardown: (a) => a.services.teams.outbox.start(),
    },
    {
      name: "a room's enrollment key is reset (with the room's key version)",
      request: (a) =>
        a.call('POST', `/api/customers/${CONTOSO}/rooms/${ROOM}/enrollment-key/reset`, {
          token: t['contoso/alex'],
        }),
    },
    {
      name: 'the customer saves its controls over a partner',
      request: (a) =>
        a.call('PUT', CONTROLS, { token: t['contoso/alex'], body: controls(['rooms.resetKey']) }),
    },
    {
      name: 'a partner user’s change under Manual becomes a change request',
      setup: underControl,
      request: askChange,
    },
    {
      name: 'a change request is rejected',
      setup: pendingRequest,
      request: (a) =>
        a.call('POST', `/api/customers/${CONTOSO}/change-requests/${requestId}/reject`, {
          token: t['contoso/alex'],
          body: { reason: 'Not now' },
        }),
    },
    {
      name: 'a partner user asks for an elevation',
      setup: underControl,
      request: (a) =>
        a.call('POST', ELEVATIONS, {
          token: t['fabrikam/lee'],
          body: { actions: ['rooms.resetKey'], durationMinutes: 60, justification: 'Crash test' },
        }),
    },
    {
      name: 'an elevation is approved',
      setup: pendingElevation,
      request: (a) =>
        a.call('POST', `${ELEVATIONS}/${elevationId}/approve`, { token: t['contoso/alex'] }),
    },
    {
      name: 'a partner user resets a key under Auto in a running elevation (its use recorded with it)',
      setup: runningElevation,
      request: (a) =>
        a.call('POST', `/api/customers/${CONTOSO}/rooms/${SEATTLE[0]}/enrollment-key/reset`, {
          token: t['fabrikam/lee'],
        }),
    },
    {
      name: 'a partner user downloads a key in a running elevation (its use recorded with the read)',
      setup: runningElevation,
      request: (a) =>
        a.call('GET', `/api/customers/${CONTOSO}/rooms/${SEATTLE[0]}/enrollment-key`, {
          token: t['fabrikam/lee'],
        }),
    },
    {
      name: 'a running elevation is ended',
      setup: runningElevation,
      request: (a) =>
        a.call('POST', `${ELEVATIONS}/${elevationId}/end`, {
          token: t['contoso/alex'],
          body: { reason: 'Done' },
        }),
    },
  ];

  for (const s of scenarios) {
    it(`When ${s.name} and the process dies after any number of its writes, then all of it or none of it is stored, its audit records included`, async () => {
      const start = await snapshot();
      await s.setup?.(app, t);
      const initial = await snapshot();
      try {
        // Uncrashed: what the request does, and how many writes it takes.
        store.recover();
        const done = await s.request(app, t);
        assert.ok(done.status >= 200 && done.status < 300, done.text);
        const writes = store.attempted;
        const after = summary(await snapshot());
        const before = summary(initial);
        assert.notDeepEqual(after, before);
        assert.ok(
          after.audit.length > before.audit.length &&
            after.audit.filter((a) => a.includes(' Successful ')).length >
              before.audit.filter((a) => a.includes(' Successful ')).length,
          'the change is audited'
        );
        for (let n = 0; n < writes; n++) {
          await restore(initial);
          store.crashAfter(n);
          const r = await s.request(app, t);
          store.recover();
          const left = summary(await snapshot());
          const differing = (Object.keys(left) as (keyof typeof left)[]).filter(
            (k) => !isDeepStrictEqual(left[k], before[k]) || !isDeepStrictEqual(left[k], after[k])
          );
          const show = (x: typeof left) =>
            JSON.stringify(Object.fromEntries(differing.map((k) => [k, x[k]])));
          assert.ok(
            isDeepStrictEqual(left, before) || isDeepStrictEqual(left, after),
            `dead after ${n} of ${writes} writes (answer ${r.status}): ${show(left)}\n` +
              `is neither before: ${show(before)}\nnor after: ${show(after)}`
          );
          if (n === 0) assert.deepEqual(left, before, 'no write: nothing changed');
        }
      } finally {
        store.recover();
        await restore(start);
        s.teardown?.(app);
      }
    });
  }
});
