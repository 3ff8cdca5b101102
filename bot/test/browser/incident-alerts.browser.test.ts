/**
 * The tab's side of incident alerts, in headless Chromium: the "Open in the tab" link of an
 * incident card (the tab's address in a browser) opens the ticket; Assign to me shows the assignee
 * and its history; "Alerts in Teams" on the Incidents page saves the reader's preference and lists
 * (and ends) the organisation's subscribed conversations.
 */
import assert from 'node:assert/strict';
import { liveRegion, tabSuite } from './browser.support.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { subscriptionId } from '../../src/core/alerts/alerts.model.ts';
import { ticketLink } from '../../src/teams/incident-cards.ts';

const CONTOSO = ids.tenant('contoso');
const FABRIKAM = ids.tenant('fabrikam');

describe('Incident alerts in the tab (browser)', function () {
  this.timeout(120_000);
  const session = tabSuite();

  it('When a technician follows a card’s Open in the tab link and assigns the ticket to himself, then the tab shows him as assignee', async () => {
    const app = session.app();
    const token = await app.tokenFor('fabrikam', 'diego');
    const list = await app.call(
      'GET',
      `/api/customers/${CONTOSO}/tickets?roomId=${ids.room('contoso', 0)}`,
      { token }
    );
    const ticket = list.body.items![0]!;
    const page = await session.signedIn('Diego Siciliani');
    // The card's link, as the bot builds it without a Teams app id (local runs).
    const link = ticketLink(session.url(), undefined, { id: String(ticket.id), tenantId: CONTOSO });
    assert.ok(link.startsWith(`${session.url()}/#/incidents?customer=${CONTOSO}&ticket=`));
    await page.goto(link);
    const panel = page.getByRole('region', { name: /Front of room display disconnected/ });
    await panel.getByText('Assigned to: Nobody yet').waitFor();
    await panel.getByRole('button', { name: 'Assign to me' }).click();
    await liveRegion(page).getByText('The ticket is assigned to you.').waitFor();
    await panel.getByText('Assigned to: Diego Siciliani').waitFor();
    await panel.getByText(/Assigned to Diego Siciliani/).waitFor(); // the history
    assert.equal(
      await panel.getByRole('button', { name: 'Assign to me' }).count(),
      0,
      'no button once it is his'
    );
  });

  it('When a technician chooses his alerts and ends a channel’s subscription in the tab, then both take effect', async () => {
    const app = session.app();
    const refId = 'conversation:19:noc@thread.tacv2';
    await app.services.alerts.subscriptions.add({
      id: subscriptionId(refId, CONTOSO),
      tenantId: FABRIKAM,
      conversationRefId: refId,
      conversationKind: 'channel',
      conversationName: 'NOC',
      customerTenantId: CONTOSO,
      subscribedBy: {
        id: ids.user('fabrikam', 'diego'),
        tenantId: FABRIKAM,
        name: 'Diego Siciliani',
      },
      createdAt: new Date(),
    });
    const page = await session.signedIn('Grady Archie');
    await page.goto(`${session.url()}/#/incidents?customer=${CONTOSO}`);
    const section = page.getByRole('region', { name: 'Alerts in Teams' });
    await section.getByRole('combobox', { name: 'My incident alerts' }).selectOption('all');
    await liveRegion(page).getByText('Your alert preference is saved.').waitFor();
    const pref = await app.call('GET', '/api/me/alerts', {
      token: await app.tokenFor('fabrikam', 'grady'),
    });
    assert.deepEqual(pref.body, { mode: 'all', chosen: true });
    const table = section.getByRole('table', { name: 'Conversations receiving incident alerts' });
    await table
      .getByRole('row', { name: /NOC \(Channel\).*Contoso Ltd.*Diego Siciliani/ })
      .waitFor();
    // A subscription gets Important incidents by default; the tab sets it to every severity.
    const severity = table.getByRole('combobox', {
      name: 'Which of Contoso Ltd’s incidents NOC is alerted about',
    });
    assert.equal(await severity.inputValue(), 'Important');
    await severity.selectOption('Warning');
    await liveRegion(page).getByText('The conversation’s alerts are saved.').waitFor();
    const listed = await app.call('GET', '/api/alert-subscriptions', {
      token: await app.tokenFor('fabrikam', 'grady'),
    });
    assert.equal(listed.body.items![0]!.minSeverity, 'Warning');
    await table.getByRole('button', { name: 'Stop Contoso Ltd’s alerts in NOC' }).click();
    await liveRegion(page).getByText('The conversation no longer receives these alerts.').waitFor();
    await section
      .getByText('No channel or group chat of your organisation receives these alerts.')
      .waitFor();
  });
});
