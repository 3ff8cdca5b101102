/**
 * The bot endpoint through real activities over HTTP, replies captured by a loopback connector:
 * identity, authentication, install / uninstall, and every chat command in English and French.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  startFakeConnector,
  teamsInstall,
  teamsMessage,
  type FakeConnector,
} from '../support/fake-connector.ts';
import { cardOf, cardText, demoUser, deliveredTo, postActivity } from '../support/bot-world.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { TeamsCollections, type ConversationRefDoc } from '../../src/data/teams.collections.ts';

describe('Bot endpoint', () => {
  let app: TestApp;
  let connector: FakeConnector;
  before(async () => {
    [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  });
  after(async () => {
    await Promise.all([app.close(), connector.close()]);
  });

  const say = async (userKey: string, text: string, locale = 'en-US') => {
    const u = demoUser('fabrikam', userKey, locale);
    const before = deliveredTo(connector, u).length;
    const res = await postActivity(app, teamsMessage({ serviceUrl: connector.url, ...u, text }));
    assert.equal(res.status, 200);
    for (let i = 0; i < 100 && deliveredTo(connector, u).length <= before; i++)
      await new Promise((r) => setTimeout(r, 20));
    const reply = deliveredTo(connector, u)[before];
    assert.ok(reply, `a reply to "${text}"`);
    return cardText(cardOf(reply)) + String(reply.body.text ?? '');
  };

  it('When a Teams user says hello, then the bot answers with the help card, not silence', async () => {
    const reply = await say('megan', 'hello');
    assert.match(reply, /I did not understand \\"hello\\"/);
    assert.match(reply, /invitations/);
    assert.match(reply, /whoami/);
  });

  it('When an activity carries no Entra identity, then the bot says so instead of guessing', async () => {
    const before = connector.sent.length;
    const activity = teamsMessage({
      serviceUrl: connector.url,
      tenantId: ids.tenant('fabrikam'),
      aadObjectId: ids.user('fabrikam', 'megan'),
      name: 'x',
      text: 'hi',
    });
    const anonymous = {
      ...activity,
      from: { id: 'webchat-user', name: 'x' },
      channelData: {},
      conversation: { id: 'c1' },
    };
    const res = await postActivity(app, anonymous);
    assert.equal(res.status, 200);
    const sent = await connector.waitFor(before + 1);
    assert.match(String(sent[before]!.body.text), /could not tell who you are/);
  });

  const commands: [string, string, string, RegExp][] = [
    ['en-US', 'help', 'lee', /What I can do/],
    ['fr-FR', 'aide', 'lee', /Ce que je sais faire/],
    ['en-US', 'whoami', 'lynne', /Lynne Robbins.*Fabrikam Managed Services.*Tenant manager/],
    ['fr-FR', 'quisuisje', 'lynne', /Qui suis-je.*Lynne Robbins.*Gestionnaire de locataires/],
    ['en-US', 'whoami', 'megan', /Megan Bowen.*Global admin/],
    ['en-US', 'invitations', 'lee', /Invitations.*Northwind Traders/],
    ['fr-FR', 'invitations', 'lee', /Invitations.*Northwind Traders.*Expiration/],
    [
      'en-US',
      'invitations',
      'nestor',
      /Only Global admins, Teams Rooms Pro Managers and tenant managers handle invitations/,
    ],
    ['fr-FR', 'invitations', 'nestor', /Vous n’êtes pas autorisé/],
    ['en-US', 'customers', 'pradeep', /Your customers.*Contoso Ltd.*Primary admins/],
    ['fr-FR', 'clients', 'pradeep', /Vos clients.*Contoso Ltd.*Administrateurs principaux/],
    ['en-US', 'customers', 'diego', /Contoso Ltd.*Help desk/],
    ['en-US', 'customers', 'nestor', /You hold no role in any customer yet/],
    ['fr-FR', 'n’importe quoi', 'nestor', /Je n’ai pas compris/],
  ];
  for (const [locale, text, who, expected] of commands) {
    it(`When ${who} types "${text}" (${locale}), then the card answers in that language`, async () => {
      assert.match(await say(who, text, locale), expected);
    });
  }

  it('When the app is installed, re-installed and removed, then the personal conversation reference follows', async () => {
    const u = demoUser('fabrikam', 'nestor');
    const refs = app.store.collection<ConversationRefDoc>(TeamsCollections.conversationRefs);
    const id = `personal:${u.tenantId}:${u.aadObjectId}`;
    assert.equal((await postActivity(app, teamsInstall(connector.url, u, 'add'))).status, 200);
    const saved = await refs.findOne({ _id: id });
    assert.equal(saved?.active, true);
    assert.equal(saved?.serviceUrl, connector.url);
    assert.equal(saved?.user?.id, `29:${u.aadObjectId}`);
    assert.equal((await postActivity(app, teamsInstall(connector.url, u, 'remove'))).status, 200);
    const removed = await refs.findOne({ _id: id });
    assert.equal(removed?.active, false);
    assert.equal(removed?.deactivatedReason, 'uninstalled');
    const moved = `${connector.url}moved/`;
    assert.equal((await postActivity(app, teamsInstall(moved, u, 'add-upgrade'))).status, 200);
    const back = await refs.findOne({ _id: id });
    assert.equal(back?.active, true);
    assert.equal(back?.serviceUrl, moved);
  });

  it('When the bot is added to a channel and later removed, then the channel reference is kept, then deactivated', async () => {
    const u = demoUser('fabrikam', 'megan');
    const refs = app.store.collection<ConversationRefDoc>(TeamsCollections.conversationRefs);
    const channel = {
      ...teamsInstall(connector.url, u),
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:rooms-partner-hub' }],
      conversation: {
        id: '19:ops@thread.tacv2;messageid=123',
        conversationType: 'channel',
        tenantId: u.tenantId,
      },
    };
    assert.equal((await postActivity(app, channel)).status, 200);
    const saved = await refs.findOne({ _id: 'conversation:19:ops@thread.tacv2' });
    assert.equal(saved?.kind, 'channel');
    assert.equal(saved?.userId, null);
    assert.equal(saved?.active, true);
    const removed = {
      ...channel,
      type: 'installationUpdate',
      action: 'remove',
      membersAdded: undefined,
    };
    assert.equal((await postActivity(app, removed)).status, 200);
    assert.equal((await refs.findOne({ _id: 'conversation:19:ops@thread.tacv2' }))?.active, false);
  });
});

describe('Bot endpoint with an app id', () => {
  let app: TestApp;
  let connector: FakeConnector;
  before(async () => {
    [app, connector] = await Promise.all([
      startTestApp({
        MICROSOFT_APP_ID: '00000000-0000-4000-8000-00000000b07a',
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      }),
      startFakeConnector(),
    ]);
  });
  after(async () => {
    await Promise.all([app.close(), connector.close()]);
  });

  it('When an activity arrives without Bot Framework authentication, then it gets 401 and touches nothing', async () => {
    const u = demoUser('fabrikam', 'lee');
    const refs = app.store.collection<ConversationRefDoc>(TeamsCollections.conversationRefs);
    for (const activity of [
      teamsInstall(connector.url, u),
      teamsMessage({ serviceUrl: connector.url, ...u, text: 'invitations' }),
    ]) {
      assert.equal((await postActivity(app, activity)).status, 401);
      assert.equal(
        (await postActivity(app, activity, { authorization: 'Bearer not-a-token' })).status,
        401
      );
    }
    assert.equal(await refs.countDocuments({}), 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(connector.requests.length, 0);
  });
});
