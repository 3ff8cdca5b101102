/** The bot endpoint through real activities over HTTP, replies captured by a loopback connector. */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { startFakeConnector, teamsMessage, type FakeConnector } from '../support/fake-connector.ts';
import { ids } from '../../src/seed/demo-data.ts';

describe('Bot endpoint', () => {
  let app: TestApp;
  let connector: FakeConnector;
  before(async () => {
    [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  });
  after(async () => {
    await Promise.all([app.close(), connector.close()]);
  });

  it('When a Teams user messages the bot, then it replies knowing who they are', async () => {
    const activity = teamsMessage({
      serviceUrl: connector.url,
      tenantId: ids.tenant('fabrikam'),
      aadObjectId: ids.user('fabrikam', 'megan'),
      name: 'Megan Bowen',
      text: 'hello',
    });
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(res.status, 200);
    const [reply] = await connector.waitFor(1);
    assert.match(reply.path, /\/v3\/conversations\/.+\/activities/);
    assert.match(String(reply.body.text), /Signed in as Megan Bowen of Fabrikam Managed Services/);
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
    const anonymous = { ...activity, from: { id: 'webchat-user', name: 'x' }, channelData: {}, conversation: { id: 'c1' } };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(anonymous),
    });
    assert.equal(res.status, 200);
    const sent = await connector.waitFor(before + 1);
    assert.match(String(sent[before].body.text), /could not tell who you are/);
  });
});
