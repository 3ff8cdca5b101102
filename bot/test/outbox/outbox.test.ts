/**
 * The durable outbox against a loopback Bot Connector that answers 429 (Retry-After), 5xx and
 * 403 on cue, and a worker process SIGKILLed mid-delivery: every recipient gets each card exactly
 * once and every copy ends on the newest version. The clock is injected, so waits are instant.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { Store } from '../../src/store/types.ts';
import {
  TeamsCollections,
  type ConversationRefDoc,
  type OutboxDoc,
} from '../../src/data/teams.collections.ts';
import {
  startFakeConnector,
  type FakeConnector,
  type SentActivity,
} from '../support/fake-connector.ts';
import { writeObserved } from '../../src/outbox/outbox.ts';
import { BotConnectorClient } from '../../src/teams/connector-client.ts';
import pino from 'pino';
import { addConversations, buildOutbox, KIND, queueToAll, TENANT } from './outbox-world.ts';

/** A logger at warn level whose lines (JSON) land in `lines`. */
const capture = (lines: string[]) =>
  pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });

const here = path.dirname(fileURLToPath(import.meta.url));

describe('Outbox', () => {
  let dir: string;
  let store: Store;
  let connector: FakeConnector;
  let clock: number;
  const now = () => new Date(clock);
  const advance = (ms: number) => void (clock += ms);

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-outbox-'));
    store = await openEmbeddedStore(dir, { onWarning: () => undefined });
    connector = await startFakeConnector();
    clock = Date.parse('2026-12-04T10:00:00Z');
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const posts = (conv: string) =>
    connector.sent.filter((s) => s.conversationId === conv && s.method === 'POST');
  const lastShown = (conv: string) => {
    const post = posts(conv)[0];
    const updates = connector.sent.filter(
      (s) => s.conversationId === conv && s.method === 'PUT' && s.activityId === post?.activityId
    );
    return (updates.at(-1) ?? post)?.body.text;
  };
  const item = (key: string) =>
    store.collection<OutboxDoc>(TeamsCollections.outbox).findOne({ _id: key });

  it('When the connector answers 429 with Retry-After, then the send waits exactly that long and is delivered once', async () => {
    const { outbox, refs, subjects } = await buildOutbox(store, now);
    const [ref] = await addConversations(refs, connector.url, 1);
    await subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    let throttled = 0;
    connector.script = () =>
      throttled++ < 2
        ? { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'Throttled' } } }
        : undefined;
    await queueToAll(outbox, subjects, [ref!], 's1');
    await outbox.drain();
    assert.equal(posts('a:conv-0').length, 0);
    assert.equal((await item(`s1:${ref}`))!.nextAttemptAt.getTime(), clock + 7_000);
    advance(6_999);
    await outbox.drain();
    assert.equal(connector.requests.length, 1, 'no retry before Retry-After');
    advance(1);
    await outbox.drain();
    advance(7_000);
    await outbox.drain();
    assert.equal(connector.requests.length, 3);
    assert.equal(posts('a:conv-0').length, 1);
    assert.equal((await item(`s1:${ref}`))!.status, 'done');
  });

  it('When the connector answers 412, 502 and 504, then the send is retried with growing backoff; after the last attempt it is a dead letter', async () => {
    const { outbox, refs, subjects } = await buildOutbox(store, now, {
      maxAttempts: 4,
      baseBackoffMs: 1_000,
    });
    const [a, b] = await addConversations(refs, connector.url, 2);
    await subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    const failures: Record<string, number[]> = {
      'a:conv-0': [412, 502, 504],
      'a:conv-1': [500, 502, 503, 504],
    };
    connector.script = ({ conversationId }) => {
      const next = failures[conversationId]?.shift();
      return next ? { status: next } : undefined;
    };
    await queueToAll(outbox, subjects, [a!, b!], 's1');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await outbox.drain();
      const pending = await item(`s1:${a}`);
      if (pending!.status !== 'due') break;
      const wait = pending!.nextAttemptAt.getTime() - clock;
      waits.push(wait);
      advance(wait);
    }
    assert.deepEqual(
      connector.requests.filter((r) => r.conversationId === 'a:conv-0').map((r) => r.status),
      [412, 502, 504, 200]
    );
    assert.equal(posts('a:conv-0').length, 1, 'delivered once after three failures');
    assert.deepEqual(
      waits,
      [1_000, 1_500, 2_500],
      'backoff grows (full jitter, random fixed at 0.5)'
    );
    for (let i = 0; i < 6; i++) {
      advance(60_000);
      await outbox.drain();
    }
    const dead = await item(`s1:${b}`);
    assert.equal(dead!.status, 'dead');
    assert.equal(dead!.attempts, 4);
    assert.match(dead!.lastError!, /^50\d/);
    assert.deepEqual(
      (await outbox.deadLetters()).map((d) => d.key),
      [`s1:${b}`]
    );
    assert.equal(posts('a:conv-1').length, 0);
    // An operator gives it another chance; the connector is healthy again.
    assert.equal(await outbox.retryDead(`s1:${b}`), true);
    await outbox.drain();
    assert.equal(posts('a:conv-1').length, 1);
  });

  it('When the connector answers 403, then the conversation is deactivated and nothing more is sent there', async () => {
    const { outbox, refs, subjects } = await buildOutbox(store, now);
    const [a, b] = await addConversations(refs, connector.url, 2);
    await subjects.insertMany([
      { _id: 's1', tenantId: TENANT, version: 1 },
      { _id: 's2', tenantId: TENANT, version: 1 },
    ]);
    connector.script = ({ conversationId }) =>
      conversationId === 'a:conv-1'
        ? { status: 403, body: { error: { code: 'ConversationBlockedByUser' } } }
        : undefined;
    await queueToAll(outbox, subjects, [a!, b!], 's1');
    await outbox.drain();
    const ref = await store
      .collection<ConversationRefDoc>(TeamsCollections.conversationRefs)
      .findOne({ _id: b! });
    assert.equal(ref!.active, false);
    assert.match(ref!.deactivatedReason!, /403 ConversationBlockedByUser/);
    assert.equal((await item(`s1:${b}`))!.status, 'dead');
    const before = connector.requests.length;
    await queueToAll(outbox, subjects, [a!, b!], 's2');
    await outbox.drain();
    assert.equal(
      connector.requests.length,
      before + 1,
      'only the reachable conversation was called'
    );
    assert.equal(posts('a:conv-0').length, 2);
  });

  it('When a card changes several times while updates are throttled, then each copy is posted once and ends on the newest version, never older', async () => {
    const { outbox, refs, subjects } = await buildOutbox(store, now);
    const refIds = await addConversations(refs, connector.url, 5);
    await subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    await queueToAll(outbox, subjects, refIds, 's1');
    await queueToAll(outbox, subjects, refIds, 's1'); // the same event again: no second card
    await outbox.drain();
    for (let v = 2; v <= 4; v++) {
      await subjects.updateOne({ _id: 's1' }, { $set: { version: v } });
      // Copy 2's updates are throttled for a while.
      connector.script = ({ conversationId, method }) =>
        conversationId === 'a:conv-2' && method === 'PUT'
          ? { status: 429, headers: { 'retry-after': '30' } }
          : undefined;
      await outbox.bump(TENANT, 'test.card', 's1', v);
      await outbox.drain();
    }
    connector.script = null;
    advance(30_000);
    await outbox.drain();
    for (let i = 0; i < 5; i++) {
      const conv = `a:conv-${i}`;
      assert.equal(posts(conv).length, 1, `${conv}: one post`);
      assert.equal(lastShown(conv), 's1 v4', `${conv}: newest version`);
      const versions = connector.sent
        .filter((s: SentActivity) => s.conversationId === conv)
        .map((s) => Number(/v(\d+)/.exec(String(s.body.text))![1]));
      assert.deepEqual(
        versions,
        [...versions].sort((x, y) => x - y),
        `${conv}: versions only grow`
      );
    }
    const throttledCopy = connector.sent
      .filter((s) => s.conversationId === 'a:conv-2')
      .map((s) => s.body.text);
    assert.deepEqual(
      throttledCopy,
      ['s1 v1', 's1 v4'],
      'a throttled copy skips straight to the newest version'
    );
  });

  it('When a click’s answer replaced a copy, then the bump written with the change marks that copy delivered instead of sending it again, unless a worker holds it or it is another message', async () => {
    const { outbox, refs, subjects } = await buildOutbox(store, now);
    const refIds = await addConversations(refs, connector.url, 3);
    await subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    await queueToAll(outbox, subjects, refIds, 's1');
    await outbox.drain();
    const clicked = posts('a:conv-0')[0]!.activityId;
    const key = `s1:${refIds[0]}`;
    /** A change to version v clicked on `activityId` in conversation 0, as one batch. */
    const change = async (v: number, activityId: string) => {
      await subjects.updateOne({ _id: 's1' }, { $set: { version: v } });
      const bump = outbox.bumpWrites(TENANT, 'test.card', 's1', v);
      await writeObserved(store, [outbox.answeredWrite(TENANT, key, activityId, v), ...bump]);
    };
    const putsTo = (conv: string) =>
      connector.sent.filter((s) => s.conversationId === conv && s.method === 'PUT').length;

    await change(2, clicked);
    await outbox.drain();
    assert.equal(putsTo('a:conv-0'), 0, 'the clicked copy is not sent again');
    assert.equal(lastShown('a:conv-1'), 's1 v2');
    assert.equal(lastShown('a:conv-2'), 's1 v2');
    const answered = (await item(key))!;
    assert.equal(answered.status, 'done');
    assert.equal(answered.deliveredVersion, 2);
    assert.equal(answered.targetVersion, 2);

    await change(3, 'another-message');
    await outbox.drain();
    assert.equal(lastShown('a:conv-0'), 's1 v3', 'a click elsewhere leaves the copy to the bump');

    // A worker is delivering the copy meanwhile (its older render may land after the answer).
    await store
      .collection<OutboxDoc>(TeamsCollections.outbox)
      .updateOne(
        { _id: key },
        { $set: { leaseOwner: 'worker:other', leaseUntil: new Date(clock + 60_000) } }
      );
    await change(4, clicked);
    const held = (await item(key))!;
    assert.equal(held.status, 'due', 'bumped like any other copy');
    assert.equal(held.targetVersion, 4);
    assert.equal(held.deliveredVersion, 3);
    advance(61_000); // that worker's lease lapses; another resumes the copy
    await outbox.drain();
    assert.equal(lastShown('a:conv-0'), 's1 v4');
  });

  it('When many cards go to one conversation and one tenant, then the rate limits are never exceeded and nothing is lost', async () => {
    // Small limits (real time: the limiter's own clock) so the test waits about two seconds.
    const limits = {
      perConversation: [{ points: 3, duration: 1 }],
      perTenant: [{ points: 5, duration: 1 }],
    };
    const { outbox, refs, subjects } = await buildOutbox(store, () => new Date(), { limits });
    const refIds = await addConversations(refs, connector.url, 3);
    for (let s = 0; s < 4; s++) {
      await subjects.insertOne({ _id: `s${s}`, tenantId: TENANT, version: 1 });
      await queueToAll(outbox, subjects, refIds, `s${s}`);
    }
    await outbox.drain(30_000, true);
    assert.equal(connector.sent.length, 12, 'every card delivered');
    // The limiter counts in fixed windows: 12 sends at 5 per window need three windows, and each
    // conversation's 4th send falls in its second window. (Lower bounds, whatever the machine.)
    const span = (list: SentActivity[]) => list.at(-1)!.at - list[0]!.at;
    assert.ok(span(connector.sent) >= 1_900, `12 sends spread over ${span(connector.sent)} ms`);
    for (const conv of ['a:conv-0', 'a:conv-1', 'a:conv-2']) {
      const mine = connector.sent.filter((s) => s.conversationId === conv);
      assert.equal(mine.length, 4);
      assert.ok(
        mine[3]!.at - mine[0]!.at >= 900,
        `${conv}: the 4th send waited for the next window`
      );
    }
  });

  /** The worker fixture as a child process; resolves once it prints `started`. */
  const spawnWorker = (...args: string[]) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'fixtures/worker.ts'), dir, String(clock), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const until = (done: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (done()) {
            clearInterval(check);
            resolve();
          }
        }, 5);
        child.once('exit', (code) => {
          clearInterval(check);
          reject(new Error(`worker exited early (${code})`));
        });
      });
    const kill = async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    };
    return { until, kill, output: () => out };
  };

  /** Card s1 queued to `n` conversations, the store closed for a worker process to open. */
  const queueForAWorker = async (n: number) => {
    const { outbox, refs, subjects } = await buildOutbox(store, now);
    const refIds = await addConversations(refs, connector.url, n);
    await subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    await queueToAll(outbox, subjects, refIds, 's1');
    await store.close();
    return refIds;
  };

  it('When the worker process is killed mid-delivery, then a restarted one resumes: everyone gets the card exactly once', async function () {
    this.timeout(60_000);
    await queueForAWorker(40);

    // The connector delivers the first 15 sends, then holds every request open without answering
    // (Teams never shows those). The worker is killed once each of its 4 lanes waits on such a
    // send: a lane claims its next item only after its previous outcome is durable, so every send
    // Teams answered is recorded by then, whatever the machine's speed. (A crash between Teams'
    // answer and that record is the window the next test holds open.)
    let answered = 0;
    connector.script = () => (answered++ < 15 ? undefined : { status: 200, hold: true });
    const worker = spawnWorker('4');
    await worker.until(() => connector.held() === 4);
    await worker.kill();
    assert.equal(connector.sent.length, 15);

    connector.script = null;
    store = await openEmbeddedStore(dir, { onWarning: () => undefined });
    const warnings: string[] = [];
    const restarted = await buildOutbox(store, now, { log: capture(warnings) });
    advance(61_000); // the dead worker's leases lapse
    await restarted.outbox.drain();
    for (let i = 0; i < 40; i++)
      assert.equal(posts(`a:conv-${i}`).length, 1, `conv-${i} exactly once`);
    const items = await store.collection<OutboxDoc>(TeamsCollections.outbox).find({}).toArray();
    assert.ok(items.every((x) => x.status === 'done' && x.deliveredVersion === 1));
    // The 4 sends in flight were never answered: resuming them may (here: does not) duplicate.
    assert.equal(warnings.filter((w) => w.includes('may see this card twice')).length, 4);
  });

  it('When the worker dies after Teams answered a post but before recording it, then the restarted worker posts it again and logs the possible duplicate', async function () {
    this.timeout(60_000);
    const refIds = await queueForAWorker(3);

    const worker = spawnWorker('1', 'stall-after-answer');
    await worker.until(() => worker.output().includes('answered'));
    await worker.kill();
    assert.equal(connector.sent.length, 1);
    const first = connector.sent[0]!.conversationId;

    store = await openEmbeddedStore(dir, { onWarning: () => undefined });
    const warnings: string[] = [];
    const restarted = await buildOutbox(store, now, { log: capture(warnings) });
    advance(61_000);
    await restarted.outbox.drain();
    // Teams has no idempotent post: the card is shown twice there, once everywhere else.
    assert.equal(posts(first).length, 2);
    for (const conv of ['a:conv-0', 'a:conv-1', 'a:conv-2'].filter((c) => c !== first))
      assert.equal(posts(conv).length, 1);
    const key = `s1:${refIds[Number(first.slice('a:conv-'.length))]}`;
    const resumed = warnings.filter((w) => w.includes('may see this card twice'));
    assert.equal(resumed.length, 1);
    assert.equal(JSON.parse(resumed[0]!).key, key);
  });

  it('When a worker stalls past its lease before a send and another worker took the item meanwhile, then it does not send: the card is posted once', async () => {
    const first = await buildOutbox(store, now);
    const second = await buildOutbox(store, now);
    const [ref] = await addConversations(first.refs, connector.url, 1);
    await first.subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    await queueToAll(first.outbox, first.subjects, [ref!], 's1');
    const render = async () => ({ activity: { type: 'message', text: 's1 v1' }, version: 1 });
    // The first worker renders, then stalls (GC, a starved event loop) past its lease; the
    // second worker claims the lapsed item and delivers it before the first one goes on.
    first.outbox.register(KIND, async () => {
      advance(61_000);
      await second.outbox.pump();
      return render();
    });
    await first.outbox.pump();
    assert.equal(posts('a:conv-0').length, 1);
    const x = await item(`s1:${ref}`);
    assert.equal(x!.status, 'done');
    assert.equal(x!.leaseOwner, null);
  });

  it('When a worker’s lease runs short before a send and nobody took the item, then it renews the lease and sends', async () => {
    let leaseAtSend: Date | null | undefined;
    const client = new BotConnectorClient(async () => null, 2_000);
    const { outbox, refs, subjects } = await buildOutbox(store, now, {
      deliverer: {
        post: async (ref, activity) => {
          leaseAtSend = (await item(`s1:${ref._id}`))!.leaseUntil;
          return client.post(ref, activity);
        },
        update: (ref, id, activity) => client.update(ref, id, activity),
      },
    });
    const [ref] = await addConversations(refs, connector.url, 1);
    await subjects.insertOne({ _id: 's1', tenantId: TENANT, version: 1 });
    await queueToAll(outbox, subjects, [ref!], 's1');
    // Rendering took three quarters of the lease (a slow renderer, a starved event loop).
    outbox.register(KIND, async () => {
      advance(45_000);
      return { activity: { type: 'message', text: 's1 v1' }, version: 1 };
    });
    await outbox.pump();
    assert.equal(posts('a:conv-0').length, 1);
    assert.equal(leaseAtSend?.getTime(), clock + 60_000, 'a full lease from the send');
    assert.equal((await item(`s1:${ref}`))!.status, 'done');
  });
});
