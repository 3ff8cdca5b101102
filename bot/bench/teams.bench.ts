/**
 * Teams bot costs, side by side in one run:
 * 1. An Action.Execute accept round trip (invoke over HTTP → use case → card reply) against an
 *    invoke the bot does not handle (the same server, adapter and HTTP path; botbuilder answers 501).
 * 2. 1,000 card sends to 200 conversations through the outbox, the loopback connector answering 10%
 *    of requests 429 (Retry-After: 1 s), against the floor Teams' rate limits allow (50/s per tenant),
 *    with lost and duplicated counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp } from '../test/support/harness.ts';
import { startFakeConnector, teamsExecute, teamsInstall } from '../test/support/fake-connector.ts';
import { demoUser, postActivity } from '../test/support/bot-world.ts';
import { ids } from '../src/seed/demo-data.ts';
import { Verbs } from '../src/teams/verbs.ts';
import { openEmbeddedStore } from '../src/store/embedded/index.ts';
import { TeamsCollections, type OutboxDoc } from '../src/data/teams.collections.ts';
import { TEAMS_RATE_LIMITS } from '../src/outbox/outbox.ts';
import { addConversations, buildOutbox, TENANT } from '../test/outbox/outbox-world.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function roundTrips(log: (line: string) => void): Promise<void> {
  const [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  try {
    const lee = demoUser('fabrikam', 'lee');
    await postActivity(app, teamsInstall(connector.url, lee));
    const wanda = await app.tokenFor('woodgrove', 'wanda');
    const fabrikam = ids.tenant('fabrikam');
    const primary = `user:${ids.user('fabrikam', 'pradeep')}`;
    const accept: number[] = [];
    const echo: number[] = [];
    const rounds = 30;
    for (let i = 0; i < rounds + 3; i++) {
      const created = await app.call('POST', '/api/customer/invitations', {
        token: wanda,
        body: { partnerDomain: 'fabrikam.example', expiresInDays: 7, changeControl: 'auto', scope: { allRooms: true }, agreeToTerms: true },
      });
      const id = String(created.body.id);
      let t = performance.now();
      const r = await postActivity(app, teamsExecute(connector.url, lee, { verb: Verbs.accept, invitationId: id, primaryAdmins: primary }));
      const acceptMs = performance.now() - t;
      if (r.status !== 200 || !JSON.stringify(r.body).includes('Accepted by')) throw new Error('accept failed');
      t = performance.now();
      const e = await postActivity(app, { ...teamsExecute(connector.url, lee, {}), name: 'bench/echo' });
      const echoMs = performance.now() - t;
      if (e.status !== 501) throw new Error(`echo answered ${e.status}`);
      if (i >= 3) {
        accept.push(acceptMs);
        echo.push(echoMs);
      }
      await app.call('POST', `/api/customer/partners/${fabrikam}/remove`, { token: wanda, body: { confirm: true } });
    }
    const a = median(accept);
    const b = median(echo);
    log(`Action.Execute accept round trip: median ${a.toFixed(1)} ms (${rounds} rounds)`);
    log(`unhandled invoke (same server):   median ${b.toFixed(1)} ms`);
    log(`ratio accept / bare invoke:       ${(a / b).toFixed(1)}×`);
  } finally {
    await Promise.all([app.close(), connector.close()]);
  }
}

async function throttledSends(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rph-bench-outbox-'));
  const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
  const connector = await startFakeConnector();
  try {
    const { outbox, refs, subjects } = await buildOutbox(store, () => new Date(), { concurrency: 16 });
    const conversations = 200;
    const perConversation = 5;
    const refIds = await addConversations(refs, connector.url, conversations);
    let n = 0;
    connector.script = () => (++n % 10 === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined);
    for (let s = 0; s < perConversation; s++) {
      await subjects.insertOne({ _id: `s${s}`, tenantId: TENANT, version: 1 });
    }
    const started = performance.now();
    for (let s = 0; s < perConversation; s++) {
      for (const refId of refIds) {
        await outbox.enqueue({ key: `s${s}:${refId}`, tenantId: TENANT, kind: 'test.card', subjectId: `s${s}`, refId, recipientUserId: refId, version: 1 });
      }
    }
    await outbox.drain(600_000, true);
    const elapsed = (performance.now() - started) / 1000;
    const total = conversations * perConversation;
    const perKey = new Map<string, number>();
    for (const sent of connector.sent) {
      const key = `${sent.conversationId}|${String(sent.body.text)}`;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    const duplicated = [...perKey.values()].filter((c) => c > 1).length;
    const lost = total - perKey.size;
    const notDone = await store.collection<OutboxDoc>(TeamsCollections.outbox).countDocuments({ status: { $ne: 'done' } });
    const tenantRate = TEAMS_RATE_LIMITS.perTenant[0]!.points / TEAMS_RATE_LIMITS.perTenant[0]!.duration;
    const floor = total / tenantRate;
    log(`${total} card sends to ${conversations} conversations, 10% answered 429 (Retry-After 1 s):`);
    log(`  ${elapsed.toFixed(1)} s; floor at ${tenantRate}/s per tenant: ${floor.toFixed(1)} s; ratio ${(elapsed / floor).toFixed(2)}×`);
    log(`  requests ${connector.requests.length} (429: ${connector.requests.length - connector.sent.length}), delivered ${connector.sent.length}, lost ${lost}, duplicated ${duplicated}, not done ${notDone}`);
  } finally {
    await store.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runTeamsBench(log: (line: string) => void): Promise<void> {
  await roundTrips(log);
  await throttledSends(log);
}
