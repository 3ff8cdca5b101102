/**
 * Invitation cards end to end (PRODUCT.md flow 13): real activities over HTTP to /api/messages,
 * the bot's proactive posts and updates captured on a loopback Bot Connector. Decisions made in
 * the tab are made through the REST API with real dev-issuer tokens.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  startFakeConnector,
  teamsExecute,
  teamsInstall,
  teamsSearch,
  teamsSubmit,
  type FakeConnector,
  type TeamsUser,
} from '../support/fake-connector.ts';
import {
  cardText,
  demoUser,
  deliveredTo,
  invitationCardsTo,
  latestCopy,
  postActivity,
} from '../support/bot-world.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { Verbs } from '../../src/teams/verbs.ts';
import { DIRECTORY_DATASET } from '../../src/teams/cards/invitation.card.ts';

const FABRIKAM = ids.tenant('fabrikam');
const HANDLERS = ['megan', 'adele', 'lee', 'lynne'] as const;
const OTHERS = ['diego', 'grady', 'nestor', 'pradeep'] as const;

interface World {
  app: TestApp;
  connector: FakeConnector;
  offsetMs: number;
}

async function startWorld(): Promise<World> {
  const world = { offsetMs: 0 } as World;
  const now = () => new Date(Date.now() + world.offsetMs);
  [world.app, world.connector] = await Promise.all([
    // Rate limits are the outbox tests' subject; here the fake clock runs ahead of the limiter's.
    startTestApp(
      {},
      {
        teams: {
          now,
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
  world.app.services.partners.now = now;
  // Everyone at Fabrikam has the app.
  for (const key of [...HANDLERS, ...OTHERS]) {
    const res = await postActivity(
      world.app,
      teamsInstall(world.connector.url, demoUser('fabrikam', key))
    );
    assert.equal(res.status, 200);
  }
  await world.app.services.teams.settle();
  return world;
}

async function invite(
  w: World,
  customer: string,
  admin: string,
  expiresInDays = 14
): Promise<string> {
  const token = await w.app.tokenFor(customer, admin);
  const res = await w.app.call('POST', '/api/customer/invitations', {
    token,
    body: {
      partnerDomain: 'fabrikam.example',
      expiresInDays,
      changeControl: 'auto',
      scope: { allRooms: true },
      agreeToTerms: true,
    },
  });
  assert.equal(res.status, 201, res.text);
  await w.app.services.teams.settle();
  return String(res.body.id);
}

const click = async (w: World, u: TeamsUser, data: Record<string, unknown>, replyToId?: string) => {
  const res = await postActivity(w.app, teamsExecute(w.connector.url, u, data, replyToId));
  assert.equal(res.status, res.body.statusCode ?? res.status);
  return res.body as { statusCode: number; type: string; value: Record<string, unknown> };
};

const fab = (key: string, locale?: string) => demoUser('fabrikam', key, locale);

describe('Invitation cards', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await Promise.all([w.app.close(), w.connector.close()]);
  });

  it('When the app is installed, then the pending invitations go to those who may decide them', () => {
    const northwind = ids.tenant('northwind');
    for (const key of HANDLERS) {
      assert.ok(
        deliveredTo(w.connector, fab(key)).some((s) => cardText(s.body).includes(northwind)),
        `${key} has Northwind's card`
      );
    }
    for (const key of OTHERS) {
      assert.ok(
        !deliveredTo(w.connector, fab(key)).some((s) => cardText(s.body).includes(northwind)),
        `${key} has no card`
      );
    }
  });

  it('When a customer invites the partner, then exactly the allowed users get one card each (group membership counted)', async () => {
    const id = await invite(w, 'woodgrove', 'wanda');
    for (const key of HANDLERS) {
      const cards = invitationCardsTo(w.connector, fab(key), id);
      assert.equal(cards.length, 1, `${key} gets exactly one card`);
      const text = cardText(cards[0]!.body);
      for (const expected of [
        'Woodgrove Bank',
        'woodgrovebank.example',
        ids.tenant('woodgrove'),
        'All rooms',
        'automatic approval',
        'Wanda Kowalski',
        'left)',
        'Action.Execute',
        'Action.Submit',
      ]) {
        assert.ok(text.includes(expected), `${key}'s card mentions ${expected}`);
      }
      assert.ok(
        text.includes(`"userIds":["29:${ids.user('fabrikam', key)}"]`),
        'refresh names the holder'
      );
    }
    for (const key of OTHERS)
      assert.equal(invitationCardsTo(w.connector, fab(key), id).length, 0, `${key} gets nothing`);
    // Nobody gets it twice, however often the fan-out runs.
    await w.app.services.teams.settle();
    assert.equal(invitationCardsTo(w.connector, fab('lee'), id).length, 1);
  });

  it('When a tenant manager accepts from the card choosing a Primary admin, then every copy says who accepted', async () => {
    const id = (
      await w.app.call('GET', '/api/partner/invitations', {
        token: await w.app.tokenFor('fabrikam', 'lee'),
      })
    ).body.items!.find((i) => i.customerName === 'Woodgrove Bank')!.id as string;
    const lee = fab('lee');
    const step = await click(w, lee, { verb: Verbs.acceptStart, invitationId: id });
    assert.equal(step.type, 'application/vnd.microsoft.card.adaptive');
    const picker = cardText(step.value);
    assert.ok(
      picker.includes('Input.ChoiceSet') &&
        picker.includes('Data.Query') &&
        picker.includes(DIRECTORY_DATASET)
    );
    assert.ok(
      picker.includes(`user:${ids.user('fabrikam', 'pradeep')}`),
      'static choices list the directory'
    );

    const search = await postActivity(
      w.app,
      teamsSearch(w.connector.url, lee, DIRECTORY_DATASET, 'prad')
    );
    assert.equal(search.status, 200);
    assert.deepEqual((search.body.value as { results: unknown[] }).results, [
      { title: 'Pradeep Gupta', value: `user:${ids.user('fabrikam', 'pradeep')}` },
    ]);

    // Accepted from his copy (Teams names its message): the answer replaces that copy.
    const [copy] = invitationCardsTo(w.connector, lee, id);
    const before = w.connector.sent.length;
    const done = await click(
      w,
      lee,
      {
        verb: Verbs.accept,
        invitationId: id,
        primaryAdmins: `user:${ids.user('fabrikam', 'pradeep')}`,
      },
      copy!.activityId
    );
    assert.equal(done.statusCode, 200);
    assert.match(cardText(done.value), /Accepted by Lee Gu/);
    const customers = await w.app.call('GET', '/api/partner/customers', {
      token: await w.app.tokenFor('fabrikam', 'pradeep'),
    });
    assert.ok(
      customers.body.items!.some((c) => c.customerName === 'Woodgrove Bank'),
      'Pradeep is Primary admin of Woodgrove'
    );
    await w.app.services.teams.settle();
    assert.deepEqual(
      w.connector.sent.slice(before).filter((s) => s.activityId === copy!.activityId),
      [],
      'his copy is not sent again'
    );
    for (const key of HANDLERS.filter((k) => k !== 'lee'))
      assert.match(
        cardText(latestCopy(w.connector, fab(key), id)),
        /Accepted by Lee Gu/,
        `${key}'s copy`
      );
  });

  it('When someone who may not choose Primary admins searches the directory from a card, then the search is refused', async () => {
    const res = await postActivity(
      w.app,
      teamsSearch(w.connector.url, fab('nestor'), DIRECTORY_DATASET, 'a')
    );
    assert.equal(res.status, 403);
    assert.equal(res.body.type, 'application/vnd.microsoft.error');
    assert.equal((res.body.value as { code: string }).code, 'AUTHZ.FORBIDDEN');
    const unknown = await postActivity(
      w.app,
      teamsSearch(w.connector.url, fab('lee'), 'customers.everything', 'a')
    );
    assert.equal(unknown.status, 400);
  });

  it('When accepting without a Primary admin, then the click is refused with a typed error and nothing changes', async () => {
    const id = (
      await w.app.call('GET', '/api/partner/invitations', {
        token: await w.app.tokenFor('fabrikam', 'lee'),
      })
    ).body.items![0]!.id as string;
    const res = await click(w, fab('lee'), {
      verb: Verbs.accept,
      invitationId: id,
      primaryAdmins: '',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.type, 'application/vnd.microsoft.error');
    assert.equal(res.value.code, 'REQUEST.INVALID');
  });

  it('When a tenant manager declines in French, then the card asks for confirmation first and every copy says who declined', async () => {
    const id = (
      await w.app.call('GET', '/api/partner/invitations', {
        token: await w.app.tokenFor('fabrikam', 'lynne'),
      })
    ).body.items!.find((i) => i.customerName === 'Northwind Traders')!.id as string;
    const lynne = fab('lynne', 'fr-FR');
    const confirm = await click(w, lynne, { verb: Verbs.declineStart, invitationId: id });
    assert.match(cardText(confirm.value), /Refuser l’invitation de Northwind Traders \?/);
    assert.equal(
      (
        await w.app.call('GET', '/api/partner/invitations', {
          token: await w.app.tokenFor('fabrikam', 'lynne'),
        })
      ).body.items!.length,
      1,
      'nothing declined yet'
    );
    // The Action.Submit fallback reaches the same code: the card message is updated in place.
    const before = w.connector.sent.length;
    const res = await postActivity(
      w.app,
      teamsSubmit(
        w.connector.url,
        lynne,
        { verb: Verbs.decline, invitationId: id },
        'card-activity-1'
      )
    );
    assert.equal(res.status, 200);
    // The answer replaced the clicked message before the turn ended (the other copies' updates
    // may land around it).
    const reply = w.connector.sent.slice(before).find((s) => s.activityId === 'card-activity-1')!;
    assert.equal(reply.method, 'PUT');
    assert.match(cardText(reply.body), /Refusée par Lynne Robbins/);
    await w.app.services.teams.settle();
    for (const key of HANDLERS) {
      // Each copy speaks its holder's language (Lynne's chat is in French now).
      const expected = key === 'lynne' ? /Refusée par Lynne Robbins/ : /Declined by Lynne Robbins/;
      assert.match(cardText(latestCopy(w.connector, fab(key), id)), expected, `${key}'s copy`);
    }
  });
});

describe('Invitation cards: races, revoked rights, stale clicks and deadlines', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await Promise.all([w.app.close(), w.connector.close()]);
  });

  it('When two holders accept from their copies at once, then exactly one wins and both copies end showing it', async () => {
    const id = await invite(w, 'woodgrove', 'wanda');
    const pradeep = `user:${ids.user('fabrikam', 'pradeep')}`;
    const [a, b] = await Promise.all([
      click(w, fab('lee'), { verb: Verbs.accept, invitationId: id, primaryAdmins: pradeep }),
      click(w, fab('megan'), { verb: Verbs.accept, invitationId: id, primaryAdmins: pradeep }),
    ]);
    assert.equal(a.statusCode, 200);
    assert.equal(b.statusCode, 200);
    const winners = [cardText(a.value), cardText(b.value)].map(
      (t) => /Accepted by (Lee Gu|Megan Bowen)/.exec(t)?.[1]
    );
    assert.ok(winners[0] && winners[0] === winners[1], 'both answers name the same winner');
    const audit = await w.app.store
      .collection('auditLog')
      .find({ tenantId: FABRIKAM, objectId: id, result: 'Successful', operation: 'Update' })
      .toArray();
    assert.equal(audit.length, 1, 'one accept succeeded');
    await w.app.services.teams.settle();
    for (const key of ['lee', 'megan'])
      assert.match(
        cardText(latestCopy(w.connector, fab(key), id)),
        new RegExp(`Accepted by ${winners[0]}`)
      );
  });

  it('When a card accept races a decline in the tab, then one outcome wins and every copy shows it', async () => {
    const id = await invite(w, 'woodgrove', 'wanda');
    const token = await w.app.tokenFor('fabrikam', 'lynne');
    const [card, tab] = await Promise.all([
      click(w, fab('lee'), {
        verb: Verbs.accept,
        invitationId: id,
        primaryAdmins: `user:${ids.user('fabrikam', 'pradeep')}`,
      }),
      w.app.call('POST', `/api/partner/invitations/${id}/decline`, {
        token,
        body: { confirm: true },
      }),
    ]);
    const accepted = /Accepted by Lee Gu/.test(cardText(card.value));
    const declined = /Declined by Lynne Robbins/.test(cardText(card.value));
    assert.ok(accepted !== declined, 'the card shows exactly one outcome');
    assert.equal(tab.status, accepted ? 409 : 204);
    await w.app.services.teams.settle();
    const outcome = accepted ? /Accepted by Lee Gu/ : /Declined by Lynne Robbins/;
    for (const key of HANDLERS)
      assert.match(cardText(latestCopy(w.connector, fab(key), id)), outcome, `${key}'s copy`);
  });

  it('When a holder lost the right since the card was sent, then the click is refused and the card stays as it was', async () => {
    const id = await invite(w, 'woodgrove', 'wanda');
    const megan = await w.app.tokenFor('fabrikam', 'megan');
    const removed = await w.app.call(
      'DELETE',
      `/api/partner/tenant-managers/${ids.user('fabrikam', 'lee')}`,
      { token: megan }
    );
    assert.equal(removed.status, 204);
    const lee = fab('lee');
    const sentBefore = deliveredTo(w.connector, lee).length;
    for (const verb of [Verbs.accept, Verbs.acceptStart, Verbs.decline]) {
      const res = await click(w, lee, {
        verb,
        invitationId: id,
        primaryAdmins: `user:${ids.user('fabrikam', 'lee')}`,
      });
      assert.equal(res.statusCode, 403, verb);
      assert.equal(res.type, 'application/vnd.microsoft.error');
      assert.equal(res.value.code, 'AUTHZ.FORBIDDEN');
    }
    // A refresh (Universal Actions) shows him the read-only card.
    const view = await click(w, lee, { verb: Verbs.refresh, invitationId: id });
    assert.match(
      cardText(view.value),
      /Only Global admins, Teams Rooms Pro Managers and tenant managers can decide/
    );
    assert.ok(!cardText(view.value).includes(Verbs.acceptStart));
    await w.app.services.teams.settle();
    assert.equal(deliveredTo(w.connector, lee).length, sentBefore, 'his copy was not touched');
    const inbox = await w.app.call('GET', '/api/partner/invitations', { token: megan });
    assert.ok(
      inbox.body.items!.some((i) => i.id === id),
      'still pending'
    );
  });

  it('When someone clicks a card that was decided elsewhere, then it shows the current state, not an error', async () => {
    const id = await invite(w, 'woodgrove', 'wanda');
    const accepted = await w.app.call('POST', `/api/partner/invitations/${id}/accept`, {
      token: await w.app.tokenFor('fabrikam', 'megan'),
      body: { primaryAdmins: [{ type: 'user', id: ids.user('fabrikam', 'pradeep') }] },
    });
    assert.equal(accepted.status, 200);
    for (const verb of [Verbs.declineStart, Verbs.decline, Verbs.accept]) {
      const res = await click(w, fab('lynne'), {
        verb,
        invitationId: id,
        primaryAdmins: `user:${ids.user('fabrikam', 'lynne')}`,
      });
      assert.equal(res.statusCode, 200, verb);
      assert.match(cardText(res.value), /Accepted by Megan Bowen/);
    }
    await w.app.services.teams.settle();
    for (const key of HANDLERS)
      assert.match(cardText(latestCopy(w.connector, fab(key), id)), /Accepted by Megan Bowen/);
  });

  it('When the customer withdraws the invitation, then every copy says so', async () => {
    const id = await invite(w, 'woodgrove', 'wanda');
    const res = await w.app.call('DELETE', `/api/customer/invitations/${id}`, {
      token: await w.app.tokenFor('woodgrove', 'wanda'),
    });
    assert.equal(res.status, 204);
    await w.app.services.teams.settle();
    for (const key of HANDLERS)
      assert.match(cardText(latestCopy(w.connector, fab(key), id)), /Withdrawn by the customer/);
  });

  it('When the deadline nears, then copies count down, each holder gets one reminder at 3 days and at 1 day, and expired cards say so', async () => {
    const id = await invite(w, 'woodgrove', 'wanda', 5);
    const cards = w.app.services.teams.invitationCards;
    const reminders = (key: string) =>
      invitationCardsTo(w.connector, fab(key), id).filter((s) =>
        cardText(s.body).includes('Reminder')
      );
    w.offsetMs = 2.5 * 86_400_000;
    await cards.sweep();
    await cards.sweep();
    await w.app.services.teams.settle();
    for (const key of HANDLERS) {
      assert.equal(reminders(key).length, 1, `${key}: one 3-day reminder`);
      assert.match(cardText(reminders(key)[0]!.body), /expires in 3 days/);
      assert.match(cardText(latestCopy(w.connector, fab(key), id)), /2 days left/);
    }
    w.offsetMs = 4.5 * 86_400_000;
    await cards.sweep();
    await w.app.services.teams.settle();
    for (const key of HANDLERS) {
      assert.equal(reminders(key).length, 2, `${key}: then a 1-day reminder`);
      assert.match(cardText(latestCopy(w.connector, fab(key), id)), /1[12] hours left/);
    }
    w.offsetMs = 5.5 * 86_400_000;
    const late = await click(w, fab('lee'), {
      verb: Verbs.accept,
      invitationId: id,
      primaryAdmins: `user:${ids.user('fabrikam', 'lee')}`,
    });
    assert.equal(late.statusCode, 200);
    assert.match(cardText(late.value), /Expired/);
    await cards.sweep();
    await w.app.services.teams.settle();
    for (const key of HANDLERS) {
      assert.match(
        cardText(latestCopy(w.connector, fab(key), id)),
        /Expired .* Ask the customer to invite you again/
      );
      assert.equal(reminders(key).length, 2, 'no reminder after expiry');
    }
  });
});
