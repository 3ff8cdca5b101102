/**
 * An alerting ticket change (an issue recorded, an escalation to Important, a reopen) and the
 * Teams alert job that fans it out are one write: the ticket store's batch carries the job, so
 * one wait for the disk covers both and a crash keeps both or neither. A change that is refused,
 * or that writes nothing, stores no job either. Watched through a layer around the service's own
 * store that records every write (the embedded store or MongoDB, as the suite runs).
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { demoId } from '../../src/seed/demo-id.ts';
import type { BatchWrite } from '../../src/store/types.ts';
import { recording, type Recorded } from '../support/recording-store.ts';
import { TeamsCollections } from '../../src/data/teams.collections.ts';
import { TicketCollections, type TicketDoc } from '../../src/data/tickets.collections.ts';
import { StoreTicketRepository } from '../../src/data/tickets.repositories.ts';
import { Collections } from '../../src/data/collections.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';

const CONTOSO = ids.tenant('contoso');
const TICKETS = `/api/customers/${CONTOSO}/tickets`;
const JOBS = TeamsCollections.incidentAlertJobs;
/** Seeded Contoso ticket 6 is on an EMEA room, outside Pradeep's scope. */
const EMEA_TICKET = demoId('ticket:contoso:6');

/** The job ids a batch upserts. */
const jobsIn = (batch: BatchWrite[]): string[] =>
  batch.flatMap((w) =>
    w.collection === JOBS && 'updateOne' in w ? [String(w.updateOne.filter._id)] : []
  );

describe('Alert jobs written with their ticket change', function () {
  this.timeout(60_000);
  let app: TestApp;
  const rec: Recorded = { batches: [], single: [] };
  let pradeep: string;
  let miriam: string;

  before(async () => {
    app = await startTestApp({}, { wrapStore: (s) => recording(s, rec) });
    pradeep = await app.tokenFor('fabrikam', 'pradeep');
    miriam = await app.tokenFor('contoso', 'miriam');
  });
  after(() => app.close());

  /** What `run` wrote: the batches and the single writes of the alert jobs collection. */
  const writesOf = async (run: () => Promise<void>) => {
    await app.services.teams.settle();
    const [b, s] = [rec.batches.length, rec.single.length];
    await run();
    return {
      batches: rec.batches.slice(b),
      jobWrites: rec.single
        .slice(s)
        .filter((w) => w.collection === JOBS && w.method !== 'updateMany'),
    };
  };
  const ticketBatches = (batches: BatchWrite[][]) =>
    batches.filter((b) => b[0]?.collection === TicketCollections.tickets);
  const jobIds = async () =>
    (await app.store.collection(JOBS).find({}).toArray()).map((j) => j._id).sort();

  it('When an issue is recorded, then the ticket and its alert job are one write, and the job is fanned out as before', async () => {
    let id = '';
    const { batches, jobWrites } = await writesOf(async () => {
      const r = await app.call('POST', TICKETS, {
        token: pradeep,
        body: { roomId: ids.room('contoso', 1), title: 'Projector flickers' },
      });
      assert.equal(r.status, 201, r.text);
      id = String(r.body.id);
    });
    const [write, ...others] = ticketBatches(batches);
    assert.equal(others.length, 0, 'one write of the ticket');
    assert.ok(write!.some((w) => 'insertOne' in w && w.insertOne.document._id === id));
    assert.deepEqual(jobsIn(write!), [`${id}:created:1`]);
    assert.deepEqual(jobWrites, [], 'no second write of the job');
    // The fan-out runs the job and removes it, as it did when the job was written on its own.
    await app.services.teams.settle();
    assert.deepEqual(await jobIds(), []);
  });

  it('When a ticket is escalated to Important and reopened, then each change and its alert job are one write; other changes and notes store no job', async () => {
    const r = await app.call('POST', TICKETS, {
      token: pradeep,
      body: { roomId: ids.room('contoso', 2), title: 'Camera offline' },
    });
    const id = String(r.body.id);
    const path = `${TICKETS}/${id}`;
    const change = async (body: object, version: number, job?: string) => {
      const { batches, jobWrites } = await writesOf(async () => {
        const res = await app.call('PATCH', path, { token: pradeep, body });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.version, version);
      });
      const [write, ...others] = ticketBatches(batches);
      assert.equal(others.length, 0);
      assert.deepEqual(jobsIn(write!), job ? [`${id}:${job}:${version}`] : []);
      assert.deepEqual(jobWrites, []);
    };
    await change({ severity: 'Important' }, 2, 'escalated');
    await change({ status: 'Resolved' }, 3);
    await change({ status: 'Open' }, 4, 'reopened');
    await change({ severity: 'Warning' }, 5);
    const { batches, jobWrites } = await writesOf(async () => {
      const res = await app.call('POST', `${path}/notes`, { token: pradeep, body: { text: 'ok' } });
      assert.equal(res.status, 201, res.text);
    });
    assert.deepEqual(ticketBatches(batches).flatMap(jobsIn), []);
    assert.deepEqual(jobWrites, []);
  });

  it('When health signals create, count, escalate, clear and reopen a ticket, then each change is one write with its audit record and the alert job of the version it gives the ticket', async () => {
    const room = ids.room('contoso', 4);
    const send = async (body: object, outcome: string, job?: (id: string) => string) => {
      let ticketId = '';
      const { batches, jobWrites } = await writesOf(async () => {
        const r = await app.call('POST', '/api/signals', {
          headers: { 'x-ingest-key': devIngestKey(CONTOSO) },
          body: {
            tenantId: CONTOSO,
            roomId: room,
            type: 'proximitySensor',
            severity: 'Warning',
            state: 'raised',
            observedAt: new Date().toISOString(),
            ...body,
          },
        });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.outcome, outcome);
        ticketId = String(r.body.ticketId);
      });
      const [write, ...others] = ticketBatches(batches);
      assert.equal(others.length, 0, `${outcome}: one write of the ticket`);
      assert.equal(
        write!.filter((w) => w.collection === Collections.audit).length,
        1,
        `${outcome}: its audit record in the same write`
      );
      assert.deepEqual(jobsIn(write!), job ? [job(ticketId)] : [], outcome);
      assert.deepEqual(jobWrites, [], `${outcome}: no second write of the job`);
      return ticketId;
    };
    const id = await send({}, 'created', (t) => `${t}:created:1`);
    await send({}, 'repeated');
    await send({ severity: 'Important' }, 'escalated', () => `${id}:escalated:2`);
    await send({ state: 'cleared' }, 'resolved');
    await send({}, 'reopened', () => `${id}:reopened:4`);
    const ticket = (await app.services.tickets.tickets.get(CONTOSO, id))!;
    assert.deepEqual(
      [ticket.version, ticket.severity, ticket.status, ticket.signal?.count],
      [4, 'Important', 'Open', 4]
    );
  });

  it('When a change is refused (no access, out of scope, unchanged), then no alert job is written', async () => {
    const r = await app.call('POST', TICKETS, {
      token: pradeep,
      body: { roomId: ids.room('contoso', 3), title: 'Display dark' },
    });
    const id = String(r.body.id);
    await app.services.teams.settle();
    const before = await jobIds();
    const { batches, jobWrites } = await writesOf(async () => {
      const patch = (token: string, ticket: string, body: object) =>
        app.call('PATCH', `${TICKETS}/${ticket}`, { token, body });
      const refused = [
        await patch(miriam, id, { severity: 'Important' }),
        await patch(pradeep, EMEA_TICKET, { severity: 'Important' }),
        await patch(pradeep, id, { severity: 'Warning' }),
        await patch(pradeep, id, { status: 'Open' }),
        await app.call('POST', TICKETS, {
          token: pradeep,
          body: { roomId: ids.room('contoso', 15), title: 'Out of scope' },
        }),
      ];
      assert.deepEqual(
        refused.map((x) => x.status),
        [404, 404, 409, 409, 404]
      );
    });
    assert.deepEqual(ticketBatches(batches), [], 'no ticket write');
    assert.deepEqual(jobWrites, []);
    assert.deepEqual(await jobIds(), before);
  });

  it('When the ticket store is given a change whose compare-and-set fails, or an insert of a taken key, then neither the change nor its side writes are stored', async () => {
    const tickets = app.services.tickets.tickets;
    assert.ok(tickets instanceof StoreTicketRepository);
    const current = (await tickets.get(CONTOSO, demoId('ticket:contoso:0')))!;
    const side = (id: string): BatchWrite => ({
      collection: JOBS,
      updateOne: {
        filter: { _id: id, tenantId: CONTOSO },
        update: { $setOnInsert: { ticketId: current.id, kind: 'escalated', done: false } },
        upsert: true,
      },
    });
    const at = new Date();
    const lost = await tickets.updateIf(
      CONTOSO,
      current.id,
      { version: current.version + 7 },
      {
        set: { severity: current.severity === 'Important' ? 'Warning' : 'Important' },
        history: [],
        at,
      },
      { sideWrites: [side('lost-cas')] }
    );
    assert.equal(lost, null);
    // The key the seeded ticket holds (a live signal's, or its own): taken.
    const stored = await app.store
      .collection<TicketDoc>(TicketCollections.tickets)
      .findOne({ _id: current.id, tenantId: CONTOSO });
    const taken = await tickets.insert({ ...current, id: 'a-new-ticket-id' }, stored!.signalKey, {
      sideWrites: [side('taken-key')],
    });
    assert.equal(taken, false);
    const jobs = app.store.collection(JOBS);
    assert.equal(await jobs.findOne({ _id: 'lost-cas', tenantId: CONTOSO }), null);
    assert.equal(await jobs.findOne({ _id: 'taken-key', tenantId: CONTOSO }), null);
    assert.equal(
      await app.store
        .collection(TicketCollections.tickets)
        .findOne({ _id: 'a-new-ticket-id', tenantId: CONTOSO }),
      null
    );
    assert.equal((await tickets.get(CONTOSO, current.id))!.version, current.version);
  });
});
