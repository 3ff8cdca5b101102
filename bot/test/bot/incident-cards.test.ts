/**
 * Incident alert cards end to end (PRODUCT.md flow 14): room health signals posted to the real
 * signal endpoint, real activities over HTTP to /api/messages (clicks, commands, a team channel),
 * the bot's proactive posts and updates captured on a loopback Bot Connector, and changes made in
 * the tab through the REST API with real dev-issuer tokens.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  startFakeConnector,
  teamsChannelActivity,
  teamsExecute,
  teamsInstall,
  teamsMessage,
  teamsSubmit,
  type FakeConnector,
  type SentActivity,
  type TeamsUser,
} from '../support/fake-connector.ts';
import {
  cardOf,
  cardText,
  demoUser,
  incidentCardsIn,
  isIncidentCardPost,
  latestIncidentCopy,
  personalOf,
  postActivity,
} from '../support/bot-world.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { demoRoleIds } from '../../src/seed/roles.seed.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';
import { IncidentVerbs } from '../../src/teams/incident-verbs.ts';

const CONTOSO = ids.tenant('contoso');
const FABRIKAM = ids.tenant('fabrikam');
const SEATTLE = [0, 1, 2, 3, 4, 5].map((n) => ids.room('contoso', n));
const NEW_YORK = [6, 7, 8, 9].map((n) => ids.room('contoso', n));
const CHANNEL = {
  id: '19:contoso-incidents@thread.tacv2',
  name: 'Contoso incidents',
  teamName: 'Fabrikam MSP',
};

const fab = (key: string, locale?: string) => demoUser('fabrikam', key, locale);
const con = (key: string, locale?: string) => demoUser('contoso', key, locale);

interface World {
  app: TestApp;
  connector: FakeConnector;
}

type Card = Record<string, unknown>;
type InvokeAnswer = {
  statusCode: number;
  type: string;
  value: Card & { code?: string; message?: string };
};

describe('Incident alert cards', function () {
  this.timeout(60_000);
  let w: World;
  const everyone = (): [string, TeamsUser][] => [
    ['diego', fab('diego')],
    ['grady', fab('grady')],
    ['pradeep', fab('pradeep')],
    ['nestor', fab('nestor')],
    ['lee', fab('lee')],
    ['joni', con('joni', 'fr-FR')],
    ['miriam', con('miriam')],
    ['alex', con('alex')],
  ];
  const user = (key: string) => everyone().find(([k]) => k === key)![1];

  const signal = async (room: string, type: string, severity = 'Important', state = 'raised') => {
    const res = await w.app.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(CONTOSO) },
      body: {
        tenantId: CONTOSO,
        roomId: room,
        type,
        severity,
        state,
        observedAt: new Date().toISOString(),
      },
    });
    assert.equal(res.status, 200, res.text);
    await w.app.services.teams.settle();
    return res.body as { outcome: string; ticketId: string };
  };
  const click = async (u: TeamsUser, data: Record<string, unknown>, replyToId?: string) => {
    const res = await postActivity(w.app, teamsExecute(w.connector.url, u, data, replyToId));
    return res.body as InvokeAnswer;
  };
  const say = async (u: TeamsUser, text: string) => {
    const before = w.connector.sent.length;
    const res = await postActivity(
      w.app,
      teamsMessage({ serviceUrl: w.connector.url, ...u, text })
    );
    assert.equal(res.status, 200);
    const reply = w.connector.sent.slice(before).find((s) => s.conversationId === personalOf(u));
    return cardText(reply ? cardOf(reply) : null);
  };
  /** Proactive posts of the ticket's card (replies to commands and notices are not cards). */
  const posts = (conversationId: string, ticketId: string) =>
    w.connector.sent.filter((s) => isIncidentCardPost(s, conversationId, ticketId));
  const copyOf = (key: string, ticketId: string) =>
    latestIncidentCopy(w.connector, personalOf(user(key)), ticketId);
  const channelCopy = (ticketId: string) => latestIncidentCopy(w.connector, CHANNEL.id, ticketId);
  const versionIn = (card: unknown) => Number(/"version":(\d+)/.exec(cardText(card))?.[1]);
  const api = async (method: string, path: string, who: [string, string], body?: unknown) =>
    w.app.call(method, path, {
      token: await w.app.tokenFor(who[0], who[1]),
      ...(body !== undefined ? { body } : {}),
    });
  const ticketApi = (id: string) => `/api/customers/${CONTOSO}/tickets/${id}`;
  const data = (
    verb: string,
    ticketId: string,
    version: number,
    extra: Record<string, unknown> = {}
  ) => ({
    verb,
    ticketId,
    customerTenantId: CONTOSO,
    version,
    ...extra,
  });

  /** The Action.Submit fallback of a status change, from `key`'s copy as it is now. */
  const submitStatus = (key: string, ticketId: string, status: string, replyToId?: string) =>
    postActivity(
      w.app,
      teamsSubmit(
        w.connector.url,
        user(key),
        data(IncidentVerbs.status, ticketId, versionIn(copyOf(key, ticketId)), { status }),
        replyToId
      )
    );

  before(async () => {
    const [app, connector] = await Promise.all([
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
    w = { app, connector };
    for (const [, u] of everyone()) {
      assert.equal((await postActivity(app, teamsInstall(connector.url, u))).status, 200);
    }
    // Contoso makes Miriam Site Tech of the Seattle rooms.
    const site = await api('POST', `/api/customers/${CONTOSO}/assignments`, ['contoso', 'alex'], {
      roleId: 'builtin:site-tech',
      members: [{ type: 'user', id: ids.user('contoso', 'miriam') }],
      scope: { roomIds: SEATTLE },
      notify: true,
    });
    assert.equal(site.status, 201, site.text);
    // Alex (Contoso's Global admin, who sees every room anyway) asks for alerts of every room
    // through an assignment with notify on; Pradeep (Fabrikam's Primary admin: US rooms) adds
    // himself to the Help desk role on the US rooms with notify on. Only a notifying assignment
    // asks for alerts (PRODUCT.md §2).
    const alexAlerts = await api(
      'POST',
      `/api/customers/${CONTOSO}/assignments`,
      ['contoso', 'alex'],
      {
        roleId: 'builtin:site-tech',
        members: [{ type: 'user', id: ids.user('contoso', 'alex') }],
        scope: { allRooms: true },
        notify: true,
      }
    );
    assert.equal(alexAlerts.status, 201, alexAlerts.text);
    alexAssignment = String(alexAlerts.body.id);
    const pradeepAlerts = await api(
      'POST',
      `/api/customers/${CONTOSO}/assignments`,
      ['fabrikam', 'pradeep'],
      {
        roleId: demoRoleIds.helpDeskRole,
        members: [{ type: 'user', id: ids.user('fabrikam', 'pradeep') }],
        scope: { roomIds: [...SEATTLE, ...NEW_YORK] },
        notify: true,
      }
    );
    assert.equal(pradeepAlerts.status, 201, pradeepAlerts.text);
    // Grady turns his alerts off.
    assert.match(await say(fab('grady'), 'alerts off'), /now off/);
    // Diego subscribes a Fabrikam channel to Contoso's alerts.
    const diego = fab('diego');
    await postActivity(
      app,
      teamsChannelActivity(connector.url, diego, CHANNEL, {
        type: 'installationUpdate',
        action: 'add',
      })
    );
    const before = connector.sent.length;
    const sub = await postActivity(
      app,
      teamsChannelActivity(connector.url, diego, CHANNEL, {
        type: 'message',
        text: '<at>Rooms Partner Hub</at> subscribe warning',
      })
    );
    assert.equal(sub.status, 200);
    assert.match(
      cardText(connector.sent.slice(before).map(cardOf)),
      /now receives Contoso Ltd’s incident alerts \(every severity/
    );
    await app.services.teams.settle();
  });

  after(async () => {
    await Promise.all([w.app.close(), w.connector.close()]);
  });

  let camera: string;
  let firstVersion: number;
  let alexAssignment: string;
  let warningId: string;

  it('When a signal raises an incident, then exactly the users and channels whose access covers the room are alerted, once each', async () => {
    const r = await signal(SEATTLE[2]!, 'camera');
    assert.equal(r.outcome, 'created');
    camera = r.ticketId;
    for (const key of ['diego', 'pradeep', 'joni', 'miriam', 'alex']) {
      assert.equal(posts(personalOf(user(key)), camera).length, 1, `${key} gets exactly one card`);
    }
    for (const key of ['grady', 'nestor', 'lee']) {
      assert.equal(
        incidentCardsIn(w.connector, personalOf(user(key)), camera).length,
        0,
        `${key} gets nothing`
      );
    }
    assert.equal(posts(CHANNEL.id, camera).length, 1, 'the subscribed channel gets one card');

    const diego = cardText(copyOf('diego', camera));
    for (const expected of [
      'Important incident: Camera',
      'Contoso Ltd',
      'Seattle',
      'Open',
      'Nobody yet',
      'Recommended action',
      'First seen',
      'Last seen',
      'Assign to me',
      'Acknowledge',
      'Add note',
      'Open in the tab',
      `#/incidents?customer=${CONTOSO}&ticket=${camera}`,
    ]) {
      assert.ok(diego.includes(expected), `Diego's card mentions ${expected}`);
    }
    assert.ok(
      diego.includes(`"userIds":["29:${ids.user('fabrikam', 'diego')}"]`),
      'refresh names the reader'
    );
    assert.ok(!diego.includes(IncidentVerbs.close), 'a signal ticket offers no Close');
    assert.match(
      cardText(copyOf('joni', camera)),
      /Incident important : Caméra/,
      'Joni reads French'
    );
    const channel = cardText(channelCopy(camera));
    assert.ok(!channel.includes(IncidentVerbs.assign), 'the channel copy is read-only');
    assert.ok(channel.includes(IncidentVerbs.refresh), 'each channel member gets their own view');
    firstVersion = versionIn(copyOf('diego', camera));
  });

  it('When rooms outside someone’s scope raise incidents, then they are not alerted', async () => {
    const paris = await signal(ids.room('contoso', 12), 'camera');
    for (const key of ['diego', 'pradeep', 'joni', 'miriam']) {
      assert.equal(
        incidentCardsIn(w.connector, personalOf(user(key)), paris.ticketId).length,
        0,
        `${key}: Paris is outside their scope`
      );
    }
    assert.equal(
      incidentCardsIn(w.connector, CHANNEL.id, paris.ticketId).length,
      0,
      'the channel follows its subscriber’s scope'
    );
    assert.equal(
      posts(personalOf(user('alex')), paris.ticketId).length,
      1,
      'the customer’s Global admin sees every room'
    );

    const newYork = await signal(NEW_YORK[1]!, 'microphone');
    assert.equal(
      posts(personalOf(user('pradeep')), newYork.ticketId).length,
      1,
      'the Primary admin covers the US rooms'
    );
    assert.equal(
      incidentCardsIn(w.connector, personalOf(user('diego')), newYork.ticketId).length,
      0,
      'the help desk covers Seattle only'
    );

    const warning = await signal(SEATTLE[4]!, 'network', 'Warning');
    warningId = warning.ticketId;
    assert.equal(
      incidentCardsIn(w.connector, personalOf(user('diego')), warning.ticketId).length,
      0,
      'Warnings are not alerted by default'
    );
    assert.equal(
      posts(CHANNEL.id, warning.ticketId).length,
      1,
      'a subscribed channel gets every severity'
    );
  });

  it('When someone escalates a Warning to Important in the tab, then those who want Important alerts get it now, and the channel’s copy is updated in place', async () => {
    const patched = await api('PATCH', ticketApi(warningId), ['fabrikam', 'pradeep'], {
      severity: 'Important',
    });
    assert.equal(patched.status, 200, patched.text);
    await w.app.services.teams.settle();
    assert.equal(
      posts(personalOf(user('diego')), warningId).length,
      1,
      'Diego is alerted by the escalation'
    );
    assert.match(cardText(copyOf('diego', warningId)), /Important incident: Network/);
    assert.equal(posts(CHANNEL.id, warningId).length, 1, 'the channel keeps its one card');
    assert.match(cardText(channelCopy(warningId)), /Important incident: Network/);
    assert.equal(
      incidentCardsIn(w.connector, personalOf(user('grady')), warningId).length,
      0,
      'alerts off stay off'
    );
  });

  it('When the same signal repeats, then nobody is alerted again and every copy shows the count and last-seen time', async () => {
    const sentBefore = w.connector.sent.filter((s) => s.method === 'POST').length;
    assert.equal((await signal(SEATTLE[2]!, 'camera')).outcome, 'repeated');
    assert.equal((await signal(SEATTLE[2]!, 'camera')).outcome, 'repeated');
    assert.equal(
      w.connector.sent.filter((s) => s.method === 'POST').length,
      sentBefore,
      'no new post'
    );
    for (const key of ['diego', 'pradeep', 'alex'])
      assert.match(cardText(copyOf(key, camera)), /3 signals/, `${key}'s copy counts 3`);
    assert.match(cardText(copyOf('joni', camera)), /3 signaux/);
    assert.match(cardText(channelCopy(camera)), /3 signals/);
  });

  it('When a technician assigns the ticket to himself from the card, then the API, the tab and every copy show him', async () => {
    const diego = fab('diego');
    const version = versionIn(copyOf('diego', camera));
    const res = await click(diego, data(IncidentVerbs.assign, camera, version));
    assert.equal(res.statusCode, 200);
    assert.equal(res.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(res.value), /Assigned to you/);
    assert.ok(
      !cardText(res.value).includes(IncidentVerbs.assign),
      'Assign to me is gone for the assignee'
    );
    const ticket = await api('GET', ticketApi(camera), ['fabrikam', 'diego']);
    assert.deepEqual(ticket.body.assignee, {
      id: ids.user('fabrikam', 'diego'),
      tenantId: FABRIKAM,
      name: 'Diego Siciliani',
    });
    await w.app.services.teams.settle();
    for (const key of ['diego', 'pradeep', 'joni', 'miriam', 'alex']) {
      assert.match(
        cardText(copyOf(key, camera)),
        /Diego Siciliani/,
        `${key}'s copy names the assignee`
      );
    }
    assert.match(cardText(channelCopy(camera)), /Diego Siciliani/);
    assert.ok(
      cardText(copyOf('pradeep', camera)).includes(IncidentVerbs.assign),
      'others may still take it over'
    );
  });

  it('When he acknowledges, adds a note and moves it to In progress from the card, then every copy follows', async () => {
    const diego = fab('diego');
    let res = await click(
      diego,
      data(IncidentVerbs.acknowledge, camera, versionIn(copyOf('diego', camera)))
    );
    assert.match(cardText(res.value), /Acknowledged/);
    await w.app.services.teams.settle();
    res = await click(
      diego,
      data(IncidentVerbs.note, camera, versionIn(copyOf('diego', camera)), {
        note: 'Camera USB cable loose; on my way.',
      })
    );
    assert.match(cardText(res.value), /Note added/);
    // The Action.Submit fallback reaches the same code.
    await w.app.services.teams.settle();
    const submitted = await submitStatus('diego', camera, 'InProgress');
    assert.equal(submitted.status, 200);
    await w.app.services.teams.settle();
    const ticket = await api('GET', ticketApi(camera), ['contoso', 'alex']);
    assert.equal(ticket.body.status, 'InProgress');
    assert.equal(
      (ticket.body.notes as { text: string }[]).at(-1)!.text,
      'Camera USB cable loose; on my way.'
    );
    for (const key of ['diego', 'pradeep', 'miriam', 'alex']) {
      const text = cardText(copyOf(key, camera));
      assert.match(text, /In progress/, `${key}'s copy is In progress`);
      assert.match(text, /Camera USB cable loose/, `${key}'s copy shows the note`);
    }
    assert.match(cardText(copyOf('joni', camera)), /En cours/);
    assert.match(cardText(channelCopy(camera)), /Camera USB cable loose/);
  });

  it('When someone changes a ticket from the copy in their personal chat, then the outbox does not send that copy again (the answer replaced it); other copies, the channel’s included, follow', async () => {
    const live = (await signal(SEATTLE[5]!, 'signIn')).ticketId;
    const miriam = con('miriam');
    const diego = fab('diego');
    const [hers] = posts(personalOf(miriam), live);
    const [his] = posts(personalOf(diego), live);
    const [channel] = posts(CHANNEL.id, live);
    assert.ok(hers && his && channel, 'Miriam, Diego and the channel hold the card');
    /** Updates of one copy (its message) since `since`. */
    const updatesOf = (copy: SentActivity, since: number) =>
      w.connector.sent
        .slice(since)
        .filter(
          (s) =>
            s.method === 'PUT' &&
            s.conversationId === copy.conversationId &&
            s.activityId === copy.activityId
        );
    const lastUpdate = (copy: SentActivity, since: number) =>
      cardText(cardOf(updatesOf(copy, since).at(-1)!));
    const copies = () => w.app.services.teams.outbox.itemsOf(CONTOSO, 'incident.card', live);

    // Action.Execute on her copy: her answer is the new card; Diego's and the channel's follow.
    let since = w.connector.sent.length;
    const version = versionIn(copyOf('miriam', live));
    const acked = await click(
      miriam,
      data(IncidentVerbs.acknowledge, live, version),
      hers.activityId
    );
    assert.match(cardText(acked), /Acknowledged/);
    await w.app.services.teams.settle();
    assert.deepEqual(updatesOf(hers, since), [], 'her copy is not sent again');
    assert.match(lastUpdate(his, since), /Acknowledged/, 'Diego’s copy follows');
    assert.match(lastUpdate(channel, since), /Acknowledged/, 'the channel’s copy follows');
    const afterAck = await copies();
    const herItem = afterAck.find((i) => i.refId === `personal:${CONTOSO}:${miriam.aadObjectId}`)!;
    assert.equal(herItem.status, 'done');
    for (const item of afterAck)
      assert.equal(item.deliveredVersion, herItem.deliveredVersion, 'every copy at one version');
    assert.equal(versionIn(acked), versionIn(copyOf('diego', live)));

    // A click on another card of the ticket in her chat (not her copy): her copy follows.
    since = w.connector.sent.length;
    const status = { status: 'InProgress' };
    const elsewhere = await click(
      miriam,
      data(IncidentVerbs.status, live, versionIn(acked), status),
      randomUUID()
    );
    assert.match(cardText(elsewhere), /Status changed/);
    await w.app.services.teams.settle();
    assert.equal(updatesOf(hers, since).length, 1, 'her copy is brought up to date');
    assert.match(lastUpdate(hers, since), /In progress/);

    // In a channel the answer is the clicker’s own view: the channel’s copy still follows.
    since = w.connector.sent.length;
    const inChannel = teamsExecute(
      w.connector.url,
      diego,
      data(IncidentVerbs.note, live, versionIn(elsewhere), { note: 'Badge reader rebooted.' }),
      channel.activityId
    );
    const noted = await postActivity(
      w.app,
      teamsChannelActivity(w.connector.url, diego, CHANNEL, {
        type: inChannel.type,
        name: inChannel.name,
        value: inChannel.value,
        replyToId: channel.activityId,
      })
    );
    assert.match(cardText(noted.body), /Note added/);
    assert.match(cardText(noted.body), /Badge reader rebooted/, 'the answer shows the note');
    await w.app.services.teams.settle();
    assert.match(lastUpdate(channel, since), /Badge reader rebooted/);
    assert.match(lastUpdate(hers, since), /Badge reader rebooted/);

    // The Action.Submit fallback on her copy: the bot replaces the message itself, once.
    since = w.connector.sent.length;
    const submitted = await submitStatus('miriam', live, 'Resolved', hers.activityId);
    assert.equal(submitted.status, 200);
    await w.app.services.teams.settle();
    assert.equal(updatesOf(hers, since).length, 1, 'replaced by the answer only');
    assert.match(lastUpdate(hers, since), /Resolved/);
    assert.match(lastUpdate(his, since), /Resolved/);
    const ticket = await api('GET', ticketApi(live), ['contoso', 'alex']);
    assert.equal(ticket.body.status, 'Resolved');
    for (const item of await copies()) {
      assert.equal(item.status, 'done');
      assert.equal(item.deliveredVersion, item.targetVersion);
    }
  });

  it('When he types tickets and ticket <id>, then he gets his open tickets, assigned ones first, and the ticket’s card', async () => {
    const list = await say(fab('diego'), 'tickets');
    const assigned = list.indexOf('Assigned to you');
    const others = list.indexOf('Other open tickets');
    assert.ok(assigned >= 0 && others > assigned, 'assigned first, then the others');
    assert.ok(
      list.indexOf(camera) > assigned && list.indexOf(camera) < others,
      'the camera ticket is his'
    );
    const one = await say(fab('diego'), `ticket ${camera}`);
    assert.match(one, /Important incident: Camera/);
    assert.match(await say(fab('nestor'), `ticket ${camera}`), /No such ticket/);
  });

  it('When someone clicks on a card that changed since it was shown, then nothing changes and the current card comes back with a short message', async () => {
    const res = await click(fab('pradeep'), data(IncidentVerbs.acknowledge, camera, firstVersion));
    assert.equal(res.statusCode, 200);
    assert.match(cardText(res.value), /Someone changed this ticket meanwhile/);
    assert.match(cardText(res.value), /In progress/);
    assert.equal(
      (await api('GET', ticketApi(camera), ['contoso', 'alex'])).body.status,
      'InProgress'
    );
  });

  it('When the ticket is resolved in the tab meanwhile, then a click from an older card is not applied and every copy drops its actions', async () => {
    const before = versionIn(copyOf('diego', camera));
    const patched = await api('PATCH', ticketApi(camera), ['fabrikam', 'pradeep'], {
      status: 'Resolved',
    });
    assert.equal(patched.status, 200, patched.text);
    const res = await click(
      fab('diego'),
      data(IncidentVerbs.status, camera, before, { status: 'Open' })
    );
    assert.match(cardText(res.value), /Someone changed this ticket meanwhile/);
    assert.equal(
      (await api('GET', ticketApi(camera), ['contoso', 'alex'])).body.status,
      'Resolved'
    );
    await w.app.services.teams.settle();
    for (const key of ['diego', 'pradeep', 'miriam', 'alex']) {
      const copy = copyOf(key, camera)!;
      assert.match(cardText(copy), /Resolved/);
      const actions = (copy.actions as Card[]).map((a) => a.type);
      assert.deepEqual(actions, ['Action.OpenUrl'], `${key}'s copy keeps only Open in the tab`);
    }
  });

  it('When the signal comes back after the ticket was resolved, then the ticket reopens, every copy says so, and holders get a short notice', async () => {
    const r = await signal(SEATTLE[2]!, 'camera');
    assert.equal(r.outcome, 'reopened');
    assert.equal(r.ticketId, camera, 'the same ticket, for life');
    for (const key of ['diego', 'pradeep', 'miriam', 'alex']) {
      assert.equal(posts(personalOf(user(key)), camera).length, 1, `${key} still has one card`);
      const notices = w.connector.sent.filter(
        (x) =>
          x.conversationId === personalOf(user(key)) && cardText(cardOf(x)).includes('Reopened:')
      );
      assert.equal(notices.length, 1, `${key} gets one notice`);
      assert.match(cardText(copyOf(key, camera)), /"value":"Open"/, `${key}'s copy is Open again`);
    }
    assert.match(
      cardText(
        w.connector.sent.filter((x) => x.conversationId === personalOf(user('joni'))).map(cardOf)
      ),
      /Rouvert :/
    );
  });

  it('When a recorded issue is closed from the card, then every copy says it is closed', async () => {
    const recorded = await api('POST', `/api/customers/${CONTOSO}/tickets`, ['contoso', 'joni'], {
      roomId: SEATTLE[5],
      title: 'Table microphone missing',
      highImpact: true,
      justification: 'Board meeting tomorrow',
    });
    assert.equal(recorded.status, 201, recorded.text);
    const id = String(recorded.body.id);
    await w.app.services.teams.settle();
    assert.equal(posts(personalOf(user('diego')), id).length, 1, 'a recorded issue alerts too');
    const card = cardText(copyOf('diego', id));
    assert.ok(card.includes(IncidentVerbs.close), 'a recorded issue offers Close');
    const res = await click(
      fab('diego'),
      data(IncidentVerbs.close, id, versionIn(copyOf('diego', id)), { closeReason: 'Duplicate' })
    );
    assert.match(cardText(res.value), /Ticket closed/);
    await w.app.services.teams.settle();
    for (const key of ['diego', 'pradeep', 'joni', 'alex']) {
      const copy = copyOf(key, id)!;
      assert.match(
        cardText(copy),
        /Closed .*\(Duplicate\)|Fermé .*\(Doublon\)/,
        `${key}'s copy says closed`
      );
      assert.deepEqual(
        (copy.actions as Card[]).map((a) => a.type),
        ['Action.OpenUrl']
      );
    }
  });

  it('When a channel is subscribed and then unsubscribed, then its alerts start and stop; personal chat is refused', async () => {
    const pradeep = fab('pradeep');
    const ops = {
      id: '19:contoso-ops@thread.tacv2',
      name: 'Contoso ops',
      teamName: 'Fabrikam MSP',
    };
    const inChannel = async (text: string) => {
      const before = w.connector.sent.length;
      await postActivity(
        w.app,
        teamsChannelActivity(w.connector.url, pradeep, ops, {
          type: 'message',
          text: `<at>Rooms Partner Hub</at> ${text}`,
        })
      );
      return cardText(
        w.connector.sent
          .slice(before)
          .filter((x) => x.conversationId === ops.id)
          .map(cardOf)
      );
    };
    assert.match(
      await inChannel('subscribe'),
      /now receives Contoso Ltd’s incident alerts \(Important only/
    );
    assert.match(await inChannel('subscribe'), /already receives Contoso Ltd’s/);
    assert.match(
      await inChannel('subscriptions'),
      /receives the incident alerts of Contoso Ltd \(Important only\)/
    );
    const warning = await signal(NEW_YORK[2]!, 'osVersion', 'Warning');
    assert.equal(
      incidentCardsIn(w.connector, ops.id, warning.ticketId).length,
      0,
      'a subscription starts at Important, like a person'
    );
    assert.match(
      await inChannel('subscribe Contoso warning'),
      /now receives Contoso Ltd’s incident alerts \(every severity/
    );
    assert.match(
      await inChannel('subscriptions'),
      /receives the incident alerts of Contoso Ltd \(every severity\)/
    );
    const warning2 = await signal(NEW_YORK[3]!, 'appVersion', 'Warning');
    assert.equal(posts(ops.id, warning2.ticketId).length, 1, 'now Warnings reach it too');
    const first = await signal(NEW_YORK[2]!, 'camera');
    assert.equal(
      posts(ops.id, first.ticketId).length,
      1,
      'the channel follows Pradeep’s scope (US rooms)'
    );
    assert.match(await inChannel('unsubscribe'), /no longer receives Contoso Ltd’s/);
    const second = await signal(NEW_YORK[3]!, 'camera');
    assert.equal(
      incidentCardsIn(w.connector, ops.id, second.ticketId).length,
      0,
      'no alert after unsubscribing'
    );
    assert.match(await say(pradeep, 'subscribe'), /Subscribe a team channel or a group chat/);
    const audit = await w.app.store
      .collection<{ _id: string; tenantId: string; operation: string; result: string }>('auditLog')
      .find({ tenantId: CONTOSO, objectType: 'AlertSubscription' })
      .toArray();
    assert.deepEqual(audit.map((a) => `${a.operation} ${a.result}`).sort(), [
      'Create Successful',
      'Create Successful',
      'Delete Successful',
      'Update Successful',
      'Update Successful',
    ]);
  });

  it('When someone without rights clicks, then a typed error answers and the card stays as it was', async () => {
    const live = (await signal(SEATTLE[3]!, 'speaker')).ticketId;
    const copiesBefore = incidentCardsIn(w.connector, personalOf(user('diego')), live).length;
    const res = await click(fab('nestor'), data(IncidentVerbs.assign, live, 1));
    assert.equal(res.statusCode, 404);
    assert.equal(res.type, 'application/vnd.microsoft.error');
    assert.equal(res.value.code, 'CUSTOMER.NOT_FOUND', 'he holds nothing in Contoso');
    await w.app.services.teams.settle();
    assert.equal(
      incidentCardsIn(w.connector, personalOf(user('diego')), live).length,
      copiesBefore,
      'no copy was touched'
    );
  });

  it('When the customer narrows the partner’s scope, then the technician’s next click is refused', async () => {
    const live = (await signal(SEATTLE[1]!, 'display')).ticketId;
    const version = versionIn(copyOf('diego', live));
    assert.ok(version > 0, 'Diego has the card');
    const narrowed = await api(
      'PUT',
      `/api/customer/partners/${FABRIKAM}/scope`,
      ['contoso', 'alex'],
      { roomIds: NEW_YORK }
    );
    assert.equal(narrowed.status, 200, narrowed.text);
    const res = await click(fab('diego'), data(IncidentVerbs.assign, live, version));
    assert.equal(res.type, 'application/vnd.microsoft.error');
    assert.equal(res.value.code, 'TICKET.NOT_FOUND');
    const ticket = await api('GET', ticketApi(live), ['contoso', 'alex']);
    assert.equal(ticket.body.assignee, undefined, 'nothing was applied');
    // His own view no longer shows the ticket's details.
    const refreshed = await click(fab('diego'), data(IncidentVerbs.refresh, live, version));
    assert.match(cardText(refreshed.value), /no longer available/);
    // And a new incident in Seattle no longer reaches him or his channel.
    const next = await signal(SEATTLE[0]!, 'hdmiIngest');
    assert.equal(incidentCardsIn(w.connector, personalOf(user('diego')), next.ticketId).length, 0);
    assert.equal(incidentCardsIn(w.connector, CHANNEL.id, next.ticketId).length, 0);
    assert.equal(
      posts(personalOf(user('joni')), next.ticketId).length,
      1,
      'the customer’s own Site Lead still is'
    );
  });

  it('When an assignment’s notify flag is off, then its members are not alerted, though they still see the ticket', async () => {
    const off = await api(
      'PATCH',
      `/api/customers/${CONTOSO}/assignments/${alexAssignment}`,
      ['contoso', 'alex'],
      { notify: false }
    );
    assert.equal(off.status, 200, off.text);
    const quiet = await signal(ids.room('contoso', 12), 'microphone');
    assert.equal(
      incidentCardsIn(w.connector, personalOf(user('alex')), quiet.ticketId).length,
      0,
      'Alex asks for no alerts any more'
    );
    const seen = await api('GET', ticketApi(quiet.ticketId), ['contoso', 'alex']);
    assert.equal(seen.status, 200, 'his access is unchanged');
    const on = await api(
      'PATCH',
      `/api/customers/${CONTOSO}/assignments/${alexAssignment}`,
      ['contoso', 'alex'],
      { notify: true }
    );
    assert.equal(on.status, 200, on.text);
    const loud = await signal(ids.room('contoso', 12), 'display');
    assert.equal(posts(personalOf(user('alex')), loud.ticketId).length, 1, 'and on again');
  });

  it('When a recipient loses the right between the incident and the send, then the engine stops their card at send time', async () => {
    const teams = w.app.services.teams;
    // The fan-out runs, but nothing is delivered yet.
    teams.outbox.stop();
    const sentBefore = w.connector.sent.length;
    const res = await w.app.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(CONTOSO) },
      body: {
        tenantId: CONTOSO,
        roomId: SEATTLE[5],
        type: 'speaker',
        severity: 'Important',
        state: 'raised',
        observedAt: new Date().toISOString(),
      },
    });
    assert.equal(res.status, 200, res.text);
    const ticketId = String(res.body.ticketId);
    await teams.incidentCards.fanOutPending();
    const queued = await teams.outbox.itemsOf(CONTOSO, 'incident.card', ticketId);
    const joniRef = queued.find((i) => i.recipientUserId === ids.user('contoso', 'joni'));
    assert.ok(joniRef, 'Joni was in the audience when the incident arrived');
    // Contoso ends Joni's Site Lead assignment before her card goes out.
    const removed = await api(
      'DELETE',
      `/api/customers/${CONTOSO}/assignments/${demoRoleIds.joniSiteLeadAssignment}`,
      ['contoso', 'alex']
    );
    assert.equal(removed.status, 204, removed.text);
    teams.outbox.start(50);
    await teams.settle();
    assert.deepEqual(
      w.connector.sent
        .slice(sentBefore)
        .filter((s) => s.conversationId === personalOf(user('joni'))),
      [],
      'Joni is sent nothing at all'
    );
    assert.equal(posts(personalOf(user('miriam')), ticketId).length, 1, 'Miriam still is');
  });

  it('When bringing the other copies up to date is slow, then the clicker’s answer does not wait for it, and the copies follow', async () => {
    const live = (await signal(SEATTLE[0]!, 'microphone')).ticketId;
    const version = versionIn(copyOf('miriam', live));
    const outbox = w.app.services.teams.outbox;
    const bump = outbox.bump.bind(outbox);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    outbox.bump = async (...args) => {
      await gate;
      return bump(...args);
    };
    try {
      const res = await click(con('miriam'), data(IncidentVerbs.acknowledge, live, version));
      assert.match(cardText(res.value), /Acknowledged/, 'answered while the copies wait');
    } finally {
      release();
      outbox.bump = bump;
    }
    await w.app.services.teams.settle();
    assert.match(cardText(copyOf('miriam', live)), /Acknowledged/, 'her copy follows');
  });
});
