/**
 * Never a partial write, every mutation audited (PRODUCT.md security promises), against a process
 * killed mid-request: the service runs on a store that "dies" after N writes (every later write
 * fails, as after a kill -9; test/support/crashing-store.ts), for every N short of the request's
 * own number of writes. Whatever N, what the request changed is all there, its Successful audit
 * records included, or none of it is: the partner off-boarding (from either side, with the pair's
 * roles and assignments), an invitation accepted (with the purge of leftovers), declined or
 * withdrawn (with its receipt), partner role and Primary admins deletion, custom role create,
 * rename (with its name claims) and delete, an enrollment key reset (with the room's key
 * version), and a ticket change with the bump of the cards readers hold. The store is the one the contract suite runs against (MongoDB when MONGODB_URI is
 * set, where a replica set gives the batch its transaction).
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
import { TeamsCollections } from '../../src/data/teams.collections.ts';
import { INCIDENT_CARD_KIND, incidentCardKey } from '../../src/teams/incident-cards.ts';

const CONTOSO = ids.tenant('contoso');
const NORTHWIND = ids.tenant('northwind');
const FAB = ids.tenant('fabrikam');
const ROOM = ids.room('contoso', 1);
const ROLES = `/api/customers/${CONTOSO}/roles`;

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
  [ResourceCollections.rooms, {}],
  [TicketCollections.tickets, { roomId: SIGNAL_ROOM }],
  [TeamsCollections.outbox, { kind: INCIDENT_CARD_KIND }],
  [Collections.audit, {}],
];

type Snapshot = Record<string, Document[]>;

interface Scenario {
  name: string;
  /** Run once before the first attempt (what every attempt then starts from). */
  setup?: (app: TestApp, t: Tokens) => Promise<void>;
  request: (app: TestApp, t: Tokens) => Promise<CallResult>;
  /**
   * The audit records are written after the change (signal ingestion: not yet in the change's
   * write), so only the change itself is all or nothing.
   */
  auditApart?: true;
  /** Run after the last attempt. */
  teardown?: (app: TestApp) => void;
}

type Tokens = Record<string, string>;

const nameOf = (roles: Document[], id: unknown) =>
  roles.find((r) => r._id === id)?.name ?? (id === demoRoleIds.helpDeskRole ? 'help desk' : id);

/**
 * What the scenarios change, without what differs from one attempt to the next (new ids, times):
 * roles and claims by name, audit records by log, result and object.
 */
function summary(s: Snapshot) {
  const roles = s[RoleCollections.roles]!;
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
        (a) => `${a.tenantId}/${a.partnerTenantId} ${nameOf(roles, a.roleId)}`
      )
    ),
    keys: sorted(s[ResourceExtraCollections.enrollmentKeys]!.map((k) => `${k._id} ${k.version}`)),
    rooms: sorted(
      s[ResourceCollections.rooms]!.map(
        (r) =>
          `${r._id} ${r.health} ` +
          `${(r.enrollment as { keyVersion?: number } | undefined)?.keyVersion}`
      )
    ),
    tickets: sorted(
      s[TicketCollections.tickets]!.map(
        (x) => `${x.roomId} ${x.type} ${x.status} ${x.severity} v${x.version}`
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

  let ownRoleId = '';
  async function ownRole(): Promise<void> {
    const r = await app.call('POST', ROLES, {
      token: t['contoso/alex'],
      body: { name: 'Crash test role', permissions: ['rooms.view'] },
    });
    assert.equal(r.status, 201, r.text);
    ownRoleId = String(r.body.id);
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
      name: "a signal escalates a ticket (with its room's health)",
      setup: warningTicket,
      request: (a) => signal(a, { severity: 'Important' }),
      auditApart: true,
    },
    {
      name: "a signal clears a ticket (with its room's health)",
      setup: warningTicket,
      request: (a) => signal(a, { state: 'cleared' }),
      auditApart: true,
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
  ];

  for (const s of scenarios) {
    const what = s.auditApart ? '' : ', its audit records included';
    it(`When ${s.name} and the process dies after any number of its writes, then all of it or none of it is stored${what}`, async () => {
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
          if (s.auditApart) {
            left.audit = before.audit;
            after.audit = before.audit;
          }
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
