/**
 * A ticket change and the bump of the cards readers hold are one write: the ticket store's batch
 * carries the outbox update that brings every copy to the version the change leaves, so one wait
 * for the disk covers both and a crash keeps both or neither (crash-points.test.ts,
 * card-bump-durability.test.ts). The copies are then updated in place as before. A repeated
 * signal counting between a change's read and its write (it raises the card version without a
 * new ticket version) makes the change be computed again, so the bump names the version that
 * counts both. Watched through a layer around the service's own store that records every write.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  startFakeConnector,
  teamsExecute,
  teamsInstall,
  type FakeConnector,
} from '../support/fake-connector.ts';
import { demoUser, latestIncidentCopy, personalOf, postActivity } from '../support/bot-world.ts';
import { recording, type Recorded } from '../support/recording-store.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';
import { IncidentVerbs } from '../../src/teams/incident-verbs.ts';
import { TeamsCollections, type OutboxDoc } from '../../src/data/teams.collections.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';
import { INCIDENT_CARD_KIND, cardVersionOf } from '../../src/teams/incident-cards.ts';
import type { BatchWrite } from '../../src/store/types.ts';

const CONTOSO = ids.tenant('contoso');
const OUTBOX = TeamsCollections.outbox;

describe('Card bumps written with their ticket change', function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: FakeConnector;
  const rec: Recorded = { batches: [], single: [] };
  const diego = demoUser('fabrikam', 'diego');

  before(async () => {
    const [a, c] = await Promise.all([
      startTestApp({}, { wrapStore: (s) => recording(s, rec) }),
      startFakeConnector(),
    ]);
    app = a;
    connector = c;
    assert.equal((await postActivity(app, teamsInstall(c.url, diego))).status, 200);
  });
  after(() => Promise.all([app.close(), connector.close()]));

  const signal = async (room: number, severity = 'Important') => {
    const r = await app.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(CONTOSO) },
      body: {
        tenantId: CONTOSO,
        roomId: ids.room('contoso', room),
        type: 'camera',
        severity,
        state: 'raised',
        observedAt: new Date().toISOString(),
      },
    });
    assert.equal(r.status, 200, r.text);
    return String(r.body.ticketId);
  };
  /** A signal's ticket whose card Diego holds (delivered). */
  const heldTicket = async (room: number) => {
    const id = await signal(room);
    await app.services.teams.settle();
    assert.ok(latestIncidentCopy(connector, personalOf(diego), id), 'Diego holds the card');
    return id;
  };
  const copies = (id: string) =>
    app.store
      .collection<OutboxDoc>(OUTBOX)
      .find({ tenantId: CONTOSO, kind: INCIDENT_CARD_KIND, subjectId: id })
      .toArray();
  const ticket = async (id: string) => (await app.services.tickets.tickets.get(CONTOSO, id))!;
  /** The writes `run` made: the ticket batches, and the outbox's own bumps. */
  const writesOf = async (run: () => Promise<void>) => {
    await app.services.teams.settle();
    const [b, s] = [rec.batches.length, rec.single.length];
    await run();
    return {
      ticketBatches: rec.batches
        .slice(b)
        .filter((x) => x[0]?.collection === TicketCollections.tickets),
      // Bumps of their own, alone or as a batch of outbox writes (the deliveries that follow
      // write each copy they claim, one write at a time).
      outboxBumps: [
        ...rec.single.slice(s).filter((w) => w.collection === OUTBOX && w.method === 'updateMany'),
        ...rec.batches.slice(b).filter((x) => x[0]?.collection === OUTBOX),
      ],
    };
  };
  /** The versions a batch bumps the cards to (each bump is a write per copy state). */
  const bumpsIn = (batch: BatchWrite[]) => [
    ...new Set(
      batch.flatMap((w) =>
        w.collection === OUTBOX && 'updateMany' in w
          ? [(w.updateMany.update as { $set: { targetVersion: number } }).$set.targetVersion]
          : []
      )
    ),
  ];
  const versionIn = (card: unknown) => Number(/"version":(\d+)/.exec(JSON.stringify(card))?.[1]);

  it('When a ticket is changed from a card, through the REST API or with a note, then each change and the bump of its cards are one write, and the copy is updated in place', async () => {
    const id = await heldTicket(1);
    const token = await app.tokenFor('fabrikam', 'diego');
    const path = `/api/customers/${CONTOSO}/tickets/${id}`;
    const changes: [string, () => Promise<void>][] = [
      [
        'a card click',
        async () => {
          const t = await ticket(id);
          const r = await postActivity(
            app,
            teamsExecute(connector.url, diego, {
              verb: IncidentVerbs.status,
              ticketId: id,
              customerTenantId: CONTOSO,
              version: t.version,
              status: 'Acknowledged',
            })
          );
          assert.equal(r.status, 200);
          assert.match(JSON.stringify(r.body), /Status changed/);
        },
      ],
      [
        'a PATCH',
        async () => {
          const r = await app.call('PATCH', path, { token, body: { status: 'InProgress' } });
          assert.equal(r.status, 200, r.text);
        },
      ],
      [
        'a note',
        async () => {
          const r = await app.call('POST', `${path}/notes`, { token, body: { text: 'On it' } });
          assert.equal(r.status, 201, r.text);
        },
      ],
    ];
    for (const [what, change] of changes) {
      const { ticketBatches, outboxBumps } = await writesOf(change);
      const now = await ticket(id);
      assert.equal(ticketBatches.length, 1, `${what}: one write`);
      assert.deepEqual(bumpsIn(ticketBatches[0]!), [cardVersionOf(now)], `${what}: its bump`);
      assert.deepEqual(outboxBumps, [], `${what}: no bump of its own`);
      await app.services.teams.settle();
      for (const copy of await copies(id)) assert.equal(copy.deliveredVersion, cardVersionOf(now));
      const card = latestIncidentCopy(connector, personalOf(diego), id);
      assert.equal(versionIn(card), now.version, `${what}: the held copy shows the change`);
    }
  });

  /**
   * The batches `run` writes while a repeat of the signal in `room` lands right after the first
   * read through `tickets[method]` that `isTheRead` picks (as if it came between that read and the
   * write that follows it); the reads after it, the repeat's own included, are left alone.
   */
  const withRepeatAfterRead = async (
    method: 'get' | 'findLive',
    isTheRead: (args: unknown[]) => boolean,
    room: number,
    run: () => Promise<void>
  ) => {
    const tickets = app.services.tickets.tickets;
    const original = tickets[method] as (...args: unknown[]) => Promise<unknown>;
    let landed = false;
    tickets[method] = (async (...args: unknown[]) => {
      const t = await original.apply(tickets, args);
      if (!landed && isTheRead(args)) {
        landed = true;
        await signal(room);
      }
      return t;
    }) as never;
    try {
      return await writesOf(run);
    } finally {
      tickets[method] = original as never;
    }
  };
  /**
   * The repeat's own write and the write it made unmet both named the card version before it
   * counted; the last write names the version counting it, and every copy is delivered at it.
   */
  const assertBumpedPastTheRepeat = async (id: string, ticketBatches: BatchWrite[][]) => {
    const v = cardVersionOf(await ticket(id));
    assert.deepEqual(ticketBatches.map(bumpsIn), [[v - 1], [v - 1], [v]]);
    await app.services.teams.settle();
    for (const copy of await copies(id)) assert.equal(copy.deliveredVersion, v);
  };

  it('When a repeated signal counts between the read of a change and its write, then the change is computed again and its cards are bumped to the version counting both', async () => {
    const id = await heldTicket(3);
    const before = await ticket(id);
    const { ticketBatches } = await withRepeatAfterRead(
      'get',
      (args) => args[1] === id,
      3,
      async () => {
        const r = await app.call('PATCH', `/api/customers/${CONTOSO}/tickets/${id}`, {
          token: await app.tokenFor('fabrikam', 'diego'),
          body: { status: 'Acknowledged' },
        });
        assert.equal(r.status, 200, r.text);
      }
    );
    const now = await ticket(id);
    assert.equal(now.signal!.count, before.signal!.count + 1);
    assert.equal(now.version, before.version + 1);
    await assertBumpedPastTheRepeat(id, ticketBatches);
  });

  it('When a repeat counts between another repeat’s read and its write, then the later write finds the count moved, counts again, and its bump names the version counting both', async () => {
    const id = await heldTicket(4);
    const before = await ticket(id);
    const { ticketBatches } = await withRepeatAfterRead(
      'findLive',
      () => true,
      4,
      async () => {
        await signal(4);
      }
    );
    const now = await ticket(id);
    assert.equal(now.signal!.count, before.signal!.count + 2, 'both repeats counted');
    assert.equal(now.version, before.version, 'a repeat keeps the ticket version');
    await assertBumpedPastTheRepeat(id, ticketBatches);
  });
});
