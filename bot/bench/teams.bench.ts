/**
 * Teams bot costs, side by side in one run (3 and 4: incident alert cards):
 * 1. An Action.Execute accept round trip (invoke over HTTP → use case → card reply) against an
 *    invoke the bot does not handle (the same server, adapter and HTTP path; botbuilder answers 501).
 * 2. 1,000 card sends to 200 conversations through the outbox, the loopback connector answering 10%
 *    of requests 429 (Retry-After: 1 s), against the floor Teams' rate limits allow (50/s per tenant),
 *    with lost and duplicated counts.
 * 3. An Action.Execute ticket update round trip (a status change from an incident card: invoke →
 *    use case, authorized and audited → the clicker's card) against the same bare invoke.
 * 4. One incident fanned out to 500 users (250 partner technicians, 250 customer Site Techs) and
 *    50 subscribed channels under Teams' real rate limits, from the signal's arrival until the
 *    last card is delivered, against the floor those limits allow (50/s per tenant), with lost
 *    and duplicated counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp } from '../test/support/harness.ts';
import { startFakeConnector, teamsExecute, teamsInstall } from '../test/support/fake-connector.ts';
import {
  demoUser,
  invitationCardsTo,
  isIncidentCardPost,
  personalOf,
  postActivity,
} from '../test/support/bot-world.ts';
import { ids } from '../src/seed/demo-data.ts';
import { Verbs } from '../src/teams/verbs.ts';
import { openEmbeddedStore } from '../src/store/embedded/index.ts';
import { TeamsCollections, type OutboxDoc } from '../src/data/teams.collections.ts';
import { TEAMS_RATE_LIMITS } from '../src/outbox/outbox.ts';
import { addConversations, buildOutbox, TENANT } from '../test/outbox/outbox-world.ts';
import { IncidentVerbs } from '../src/teams/incident-verbs.ts';
import { devIngestKey } from '../src/auth/ingest-keys.ts';
import { demoId } from '../src/seed/demo-id.ts';
import {
  Collections,
  type DirectoryGroupDoc,
  type DirectoryUserDoc,
} from '../src/data/collections.ts';
import { AssignmentCollections, type AssignmentDoc } from '../src/data/assignments.repository.ts';
import { subscriptionId } from '../src/core/alerts/alerts.model.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * CPU time of the whole process (ms): both ends of a request are in it, and so is any background
 * work overlapping it (such as the outbox bringing other copies of a card up to date).
 */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function logCpu(log: (line: string) => void, what: string, clicks: number[], echoes: number[]) {
  const [a, b] = [median(clicks), median(echoes)];
  log(
    `CPU per request (median): ${what} ${a.toFixed(2)} ms, bare invoke ${b.toFixed(2)} ms, ratio ${(a / b).toFixed(1)}×`
  );
}

export async function roundTrips(log: (line: string) => void): Promise<void> {
  const [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  try {
    const lee = demoUser('fabrikam', 'lee');
    await postActivity(app, teamsInstall(connector.url, lee));
    const wanda = await app.tokenFor('woodgrove', 'wanda');
    const fabrikam = ids.tenant('fabrikam');
    const primary = `user:${ids.user('fabrikam', 'pradeep')}`;
    const accept: number[] = [];
    const echo: number[] = [];
    const acceptCpu: number[] = [];
    const echoCpu: number[] = [];
    const rounds = 30;
    for (let i = 0; i < rounds + 3; i++) {
      const created = await app.call('POST', '/api/customer/invitations', {
        token: wanda,
        body: {
          partnerDomain: 'fabrikam.example',
          expiresInDays: 7,
          changeControl: 'auto',
          scope: { allRooms: true },
          agreeToTerms: true,
        },
      });
      const id = String(created.body.id);
      // Lee accepts from the copy the invitation brought him, as Teams sends it (once his
      // conversation's rate limit lets it through).
      const deadline = Date.now() + 60_000;
      let copy = invitationCardsTo(connector, lee, id)[0];
      while (!copy && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        copy = invitationCardsTo(connector, lee, id)[0];
      }
      if (!copy) throw new Error('the invitation did not reach Lee');
      let c = cpuMs();
      let t = performance.now();
      const r = await postActivity(
        app,
        teamsExecute(
          connector.url,
          lee,
          {
            verb: Verbs.accept,
            invitationId: id,
            primaryAdmins: primary,
          },
          copy.activityId
        )
      );
      const acceptMs = performance.now() - t;
      const acceptCpuMs = cpuMs() - c;
      if (r.status !== 200 || !JSON.stringify(r.body).includes('Accepted by'))
        throw new Error('accept failed');
      c = cpuMs();
      t = performance.now();
      const e = await postActivity(app, {
        ...teamsExecute(connector.url, lee, {}),
        name: 'bench/echo',
      });
      const echoMs = performance.now() - t;
      const echoCpuMs = cpuMs() - c;
      if (e.status !== 501) throw new Error(`echo answered ${e.status}`);
      if (i >= 3) {
        accept.push(acceptMs);
        echo.push(echoMs);
        acceptCpu.push(acceptCpuMs);
        echoCpu.push(echoCpuMs);
      }
      await app.call('POST', `/api/customer/partners/${fabrikam}/remove`, {
        token: wanda,
        body: { confirm: true },
      });
    }
    const a = median(accept);
    const b = median(echo);
    log(`Action.Execute accept round trip: median ${a.toFixed(1)} ms (${rounds} rounds)`);
    log(`unhandled invoke (same server):   median ${b.toFixed(1)} ms`);
    log(`ratio accept / bare invoke:       ${(a / b).toFixed(1)}×`);
    logCpu(log, 'accept', acceptCpu, echoCpu);
  } finally {
    await Promise.all([app.close(), connector.close()]);
  }
}

async function throttledSends(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rph-bench-outbox-'));
  const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
  const connector = await startFakeConnector();
  try {
    const { outbox, refs, subjects } = await buildOutbox(store, () => new Date(), {
      concurrency: 16,
    });
    const conversations = 200;
    const perConversation = 5;
    const refIds = await addConversations(refs, connector.url, conversations);
    let n = 0;
    connector.script = () =>
      ++n % 10 === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined;
    for (let s = 0; s < perConversation; s++) {
      await subjects.insertOne({ _id: `s${s}`, tenantId: TENANT, version: 1 });
    }
    const started = performance.now();
    for (let s = 0; s < perConversation; s++) {
      for (const refId of refIds) {
        await outbox.enqueue({
          key: `s${s}:${refId}`,
          tenantId: TENANT,
          kind: 'test.card',
          subjectId: `s${s}`,
          refId,
          recipientUserId: refId,
          version: 1,
        });
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
    const notDone = await store
      .collection<OutboxDoc>(TeamsCollections.outbox)
      .countDocuments({ status: { $ne: 'done' } });
    const tenantRate =
      TEAMS_RATE_LIMITS.perTenant[0]!.points / TEAMS_RATE_LIMITS.perTenant[0]!.duration;
    const floor = total / tenantRate;
    log(
      `${total} card sends to ${conversations} conversations, 10% answered 429 (Retry-After 1 s):`
    );
    log(
      `  ${elapsed.toFixed(1)} s; floor at ${tenantRate}/s per tenant: ${floor.toFixed(1)} s; ratio ${(elapsed / floor).toFixed(2)}×`
    );
    log(
      `  requests ${connector.requests.length} (429: ${connector.requests.length - connector.sent.length}), delivered ${connector.sent.length}, lost ${lost}, duplicated ${duplicated}, not done ${notDone}`
    );
  } finally {
    await store.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function ticketRoundTrips(log: (line: string) => void): Promise<void> {
  const [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  try {
    const diego = demoUser('fabrikam', 'diego');
    await postActivity(app, teamsInstall(connector.url, diego));
    const contoso = ids.tenant('contoso');
    const signal = await app.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(contoso) },
      body: {
        tenantId: contoso,
        roomId: ids.room('contoso', 2),
        type: 'camera',
        severity: 'Important',
        state: 'raised',
        observedAt: new Date().toISOString(),
      },
    });
    const ticketId = String(signal.body.ticketId);
    // Diego clicks the copy the alert brought him, as Teams sends it (naming the card's message).
    await app.services.teams.settle();
    const copy = connector.sent.find((s) => isIncidentCardPost(s, personalOf(diego), ticketId));
    if (!copy) throw new Error('the alert did not reach Diego');
    // Around the state machine: Open → Acknowledged → In progress → Resolved → Open → …
    const next: Record<string, string> = {
      Open: 'Acknowledged',
      Acknowledged: 'InProgress',
      InProgress: 'Resolved',
      Resolved: 'Open',
    };
    let status = 'Open';
    let version = 1;
    const update: number[] = [];
    const echo: number[] = [];
    const rest: number[] = [];
    const updateCpu: number[] = [];
    const echoCpu: number[] = [];
    const token = await app.tokenFor('fabrikam', 'diego');
    const rounds = 40;
    for (let i = 0; i < rounds + 4; i++) {
      status = next[status]!;
      let c = cpuMs();
      let t = performance.now();
      const r = await postActivity(
        app,
        teamsExecute(
          connector.url,
          diego,
          {
            verb: IncidentVerbs.status,
            ticketId,
            customerTenantId: contoso,
            version,
            status,
          },
          copy.activityId
        )
      );
      const updateMs = performance.now() - t;
      const updateCpuMs = cpuMs() - c;
      if (r.status !== 200 || !JSON.stringify(r.body).includes('Status changed'))
        throw new Error(`ticket update failed: ${JSON.stringify(r.body).slice(0, 300)}`);
      version = Number(/"version":(\d+)/.exec(JSON.stringify(r.body))![1]);
      c = cpuMs();
      t = performance.now();
      const e = await postActivity(app, {
        ...teamsExecute(connector.url, diego, {}),
        name: 'bench/echo',
      });
      const echoMs = performance.now() - t;
      const echoCpuMs = cpuMs() - c;
      if (e.status !== 501) throw new Error(`echo answered ${e.status}`);
      // The same kind of change through the REST API (what the tab does), for scale.
      status = next[status]!;
      t = performance.now();
      const p = await app.call('PATCH', `/api/customers/${contoso}/tickets/${ticketId}`, {
        token,
        body: { status },
      });
      const restMs = performance.now() - t;
      if (p.status !== 200) throw new Error(`PATCH answered ${p.status}`);
      version = Number(p.body.version);
      if (i >= 4) {
        update.push(updateMs);
        echo.push(echoMs);
        rest.push(restMs);
        updateCpu.push(updateCpuMs);
        echoCpu.push(echoCpuMs);
      }
    }
    const a = median(update);
    const b = median(echo);
    log(`same change through the REST API (PATCH): median ${median(rest).toFixed(1)} ms`);
    log(
      `Action.Execute ticket update round trip: median ${a.toFixed(1)} ms (${rounds} status changes)`
    );
    log(`unhandled invoke (same server):          median ${b.toFixed(1)} ms`);
    log(`ratio ticket update / bare invoke:       ${(a / b).toFixed(1)}× (target ≤ 2×)`);
    logCpu(log, 'ticket update', updateCpu, echoCpu);
  } finally {
    await Promise.all([app.close(), connector.close()]);
  }
}

/** 500 readers and 50 channels of one incident, under Teams' real rate limits. */
export async function incidentFanOut(log: (line: string) => void): Promise<void> {
  const [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  try {
    const store = app.services.store;
    const fabrikam = ids.tenant('fabrikam');
    const contoso = ids.tenant('contoso');
    const perSide = 250;
    const now = new Date();
    const users = (tenant: string, side: string) =>
      Array.from({ length: perSide }, (_, i) => ({
        id: demoId(`bench:${side}:user:${i}`),
        tenant,
      }));
    const technicians = users(fabrikam, 'fabrikam');
    const siteTechs = users(contoso, 'contoso');
    for (const u of [...technicians, ...siteTechs]) {
      await store.collection<DirectoryUserDoc>(Collections.users).insertOne({
        _id: u.id,
        tenantId: u.tenant,
        displayName: `Bench ${u.id.slice(0, 8)}`,
        userPrincipalName: `${u.id.slice(0, 8)}@bench.example`,
        isGlobalAdmin: false,
      });
    }
    // The partner's technicians join the Help desk group (Contoso's Seattle rooms); the customer's
    // get a Site Tech assignment on every room.
    await store
      .collection<DirectoryGroupDoc>(Collections.groups)
      .updateOne(
        { _id: ids.group('fabrikam', 'help-desk'), tenantId: fabrikam },
        { $push: { memberIds: { $each: technicians.map((u) => u.id) } } }
      );
    const benchGroup = demoId('bench:contoso:site-techs');
    await store.collection<DirectoryGroupDoc>(Collections.groups).insertOne({
      _id: benchGroup,
      tenantId: contoso,
      displayName: 'Bench Site Techs',
      memberIds: siteTechs.map((u) => u.id),
    });
    await store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
      _id: demoId('bench:contoso:site-tech-assignment'),
      tenantId: contoso,
      partnerTenantId: null,
      roleId: 'builtin:site-tech',
      members: [{ type: 'group', id: benchGroup }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      notify: true,
      createdAt: now,
      createdBy: 'bench',
    });
    const refs = app.services.teams.refs;
    for (const u of [...technicians, ...siteTechs]) {
      await refs.save({
        tenantId: u.tenant,
        kind: 'personal',
        userId: u.id,
        conversationId: `a:${u.id}`,
        serviceUrl: connector.url,
        channelId: 'msteams',
        bot: { id: '28:rooms-partner-hub' },
        user: { id: `29:${u.id}` },
        locale: 'en-US',
      });
    }
    const channels = 50;
    for (let i = 0; i < channels; i++) {
      const tenant = i % 2 === 0 ? fabrikam : contoso;
      const subscriber = i % 2 === 0 ? technicians[0]! : siteTechs[0]!;
      const refId = await refs.save({
        tenantId: tenant,
        kind: 'channel',
        userId: null,
        conversationId: `19:bench-${i}@thread.tacv2`,
        serviceUrl: connector.url,
        channelId: 'msteams',
        bot: { id: '28:rooms-partner-hub' },
        user: null,
        locale: 'en-US',
      });
      await app.services.alerts.subscriptions.add({
        id: subscriptionId(refId, contoso),
        tenantId: tenant,
        conversationRefId: refId,
        conversationKind: 'channel',
        conversationName: `Bench ${i}`,
        customerTenantId: contoso,
        subscribedBy: { id: subscriber.id, tenantId: tenant, name: 'Bench' },
        createdAt: now,
      });
    }
    // The demo users with the app would be alerted too; this bench counts the 550 above only.
    const expected = new Set([
      ...[...technicians, ...siteTechs].map((u) => `a:${u.id}`),
      ...Array.from({ length: channels }, (_, i) => `19:bench-${i}@thread.tacv2`),
    ]);
    const perTenant = { [fabrikam]: perSide + channels / 2, [contoso]: perSide + channels / 2 };
    const started = performance.now();
    const signal = await app.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(contoso) },
      body: {
        tenantId: contoso,
        roomId: ids.room('contoso', 2),
        type: 'camera',
        severity: 'Important',
        state: 'raised',
        observedAt: new Date().toISOString(),
      },
    });
    if (signal.status !== 200) throw new Error(`signal answered ${signal.status}`);
    const ticketId = String(signal.body.ticketId);
    // The loop reads only what arrived since it last looked (the bench must not load the server).
    const delivered: typeof connector.sent = [];
    let seen = 0;
    const collect = () => {
      for (; seen < connector.sent.length; seen++) {
        const s = connector.sent[seen]!;
        if (expected.has(s.conversationId) && JSON.stringify(s.body).includes(ticketId))
          delivered.push(s);
      }
    };
    const deadline = Date.now() + 120_000;
    const outbox = store.collection<OutboxDoc>(TeamsCollections.outbox);
    let queuedAt = 0;
    let firstAt = 0;
    let lastCount = 0;
    while (delivered.length < expected.size && Date.now() < deadline) {
      collect();
      if (!firstAt && delivered.length > 0) firstAt = performance.now();
      if (!queuedAt && performance.now() - lastCount > 100) {
        lastCount = performance.now();
        if (
          (await outbox.countDocuments({ tenantId: contoso, subjectId: ticketId })) >= expected.size
        )
          queuedAt = lastCount;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = (performance.now() - started) / 1000;
    const since = (t: number) => (t ? ((t - started) / 1000).toFixed(2) : '?');
    await app.services.teams.settle();
    const posts = new Map<string, number>();
    collect();
    for (const s of delivered)
      if (s.method === 'POST') posts.set(s.conversationId, (posts.get(s.conversationId) ?? 0) + 1);
    const lost = [...expected].filter((c) => !posts.has(c)).length;
    const duplicated = [...posts.values()].filter((n) => n > 1).length;
    const tenantRate =
      TEAMS_RATE_LIMITS.perTenant[0]!.points / TEAMS_RATE_LIMITS.perTenant[0]!.duration;
    const floor = Math.max(...Object.values(perTenant)) / tenantRate;
    log(
      `one incident to ${perSide * 2} users and ${channels} channels (two tenants, ${perSide + channels / 2} cards each), Teams' limits:`
    );
    log(
      `  signal → last card delivered ${elapsed.toFixed(2)} s; floor at ${tenantRate}/s per tenant: ${floor.toFixed(2)} s; ratio ${(elapsed / floor).toFixed(2)}× (target ≤ 1.15×)`
    );
    if (process.env.BENCH_TIMELINE) {
      const t0 = delivered[0]!.at;
      const buckets = new Map<number, number>();
      for (const d of delivered)
        buckets.set(
          Math.floor((d.at - t0) / 250),
          (buckets.get(Math.floor((d.at - t0) / 250)) ?? 0) + 1
        );
      log(
        `  per 250 ms: ${[...buckets.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([k, v]) => `${k}:${v}`)
          .join(' ')}`
      );
    }
    log(`  first card after ${since(firstAt)} s, every card queued after ${since(queuedAt)} s`);
    log(`  delivered ${posts.size} of ${expected.size}, lost ${lost}, duplicated ${duplicated}`);
  } finally {
    await Promise.all([app.close(), connector.close()]);
  }
}

export async function runTeamsBench(log: (line: string) => void): Promise<void> {
  await roundTrips(log);
  await throttledSends(log);
  await ticketRoundTrips(log);
  await incidentFanOut(log);
}
