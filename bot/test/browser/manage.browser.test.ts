/**
 * The management pages of the tab in headless Chromium, against the real service and its demo
 * seed: the partner's invitation inbox and Tenants, the customer's Partners and Audit log, pages
 * offered by right, a keyboard-only dialog, French names.
 *
 * The tests share one backend and run in order: the French inbox check needs the seeded Northwind
 * invitation still pending; the accept test then turns it into a relationship, which the Northwind
 * audit test reads back.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { focusedName, liveRegion, nav, tabSuite } from './browser.support.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';

/** Management links of the navigation, for the "not offered" check. */
const MANAGEMENT_PAGES = ['Invitations', 'Tenants', 'Tenant managers', 'Partners', 'Audit log'];

describe('Tab management pages in headless Chromium', function () {
  this.timeout(60_000);

  const session = tabSuite();
  const { user, signedIn } = session;

  it('When the browser prefers French, then the inbox uses the French names', async () => {
    const page = await signedIn('Lee Gu', { locale: 'fr-FR' });
    await nav(page).getByRole('link', { name: 'Locataires' }).waitFor();
    await nav(page).getByRole('link', { name: 'Invitations' }).click();

    await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
    const table = page.getByRole('table', { name: 'Invitations' });
    await table.getByRole('columnheader', { name: 'Périmètre' }).waitFor();
    const row = table.getByRole('row', { name: /Northwind Traders/ });
    await row.getByText('En attente').waitFor();
    await row.getByText('Toutes les salles').waitFor();
    await row.getByRole('button', { name: 'Accepter l’invitation de Northwind Traders' }).waitFor();

    await row.getByRole('button', { name: 'Refuser l’invitation de Northwind Traders' }).click();
    const dialog = page.getByRole('alertdialog', {
      name: 'Refuser l’invitation de Northwind Traders ?',
    });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Cancelled: the invitation is still pending.
    await row.getByText('En attente').waitFor();
  });

  it('When a tenant manager accepts Northwind with a Primary admin, then Northwind is a Tenant', async () => {
    const page = await signedIn('Lee Gu');
    await nav(page).getByRole('link', { name: 'Invitations' }).click();
    const row = page.getByRole('table', { name: 'Invitations' }).getByRole('row', {
      name: /Northwind Traders/,
    });
    await row.getByRole('button', { name: 'Accept the invitation from Northwind Traders' }).click();

    const dialog = page.getByRole('dialog', {
      name: 'Accept the invitation from Northwind Traders',
    });
    // Accepting without a Primary admin is refused in the form.
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await dialog.getByText('Choose at least one Primary admin.').waitFor();

    await dialog.getByRole('combobox', { name: /Primary admins/ }).fill('Pradeep');
    await page.getByRole('option', { name: /Pradeep Gupta/ }).click();
    await dialog
      .getByRole('toolbar', { name: 'Chosen Primary admins' })
      .getByText('Pradeep Gupta')
      .waitFor();
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await liveRegion(page)
      .getByText(
        'Invitation from Northwind Traders accepted. Northwind Traders is now in your Tenants list.'
      )
      .waitFor();
    await page.getByText('No pending invitations.').waitFor();

    await nav(page).getByRole('link', { name: 'Tenants' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
    await page.getByRole('link', { name: 'Northwind Traders' }).click();
    const detail = page.getByRole('region', { name: 'Northwind Traders' });
    const admins = detail.getByRole('region', { name: 'Primary admins' });
    await admins
      .getByRole('table', { name: 'Members of Primary admins' })
      .getByText('Pradeep Gupta')
      .waitFor();
    // The detail is deep-linked: the address names the customer.
    assert.match(page.url(), new RegExp(`#/tenants\\?customer=${user('Nora Castillo').tenantId}$`));
  });

  it('When the Northwind Global admin opens the audit log, then the accept is there and exports', async () => {
    const page = await signedIn('Nora Castillo');
    await nav(page).getByRole('link', { name: 'Partners' }).click();
    await page.getByRole('region', { name: 'Fabrikam Managed Services' }).waitFor();

    await nav(page).getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit records' });
    const accept = table.getByRole('row', { name: /Partner invitation/ }).first();
    await accept.getByText('Successful').waitFor();
    await accept.getByText('Fabrikam Managed Services').waitFor();
    // Names, kept in the record when it was written; the ids on demand.
    await accept.getByText('Lee Gu', { exact: true }).waitFor();
    assert.equal(await accept.getByText(user('Lee Gu').userId).count(), 0);
    await page.getByRole('switch', { name: 'Show ids' }).check();
    await accept.getByText(new RegExp(user('Lee Gu').userId)).waitFor();

    // Filtering on another category leaves nothing.
    await page.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Ticket' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No records match these filters.').waitFor();

    // The export is fetched with the bearer token and saved from a Blob.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: 'Clear' })
        .click()
        .then(() => page.getByRole('button', { name: 'Export CSV' }).click()),
    ]);
    assert.match(download.suggestedFilename(), /^audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    assert.match(csv.split('\r\n')[0]!, /^at,category,objectType,objectId,operation,result/);
    assert.ok(csv.includes(`PartnerInvitation,PartnerInvitation`), csv);
  });

  it('When a Contoso Global admin opens Partners, then Fabrikam shows with its scope and roles', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Partners' }).click();
    const fabrikam = page.getByRole('region', { name: 'Fabrikam Managed Services' });
    await fabrikam
      .getByRole('button', { name: 'Change scope of Fabrikam Managed Services' })
      .waitFor();
    const roles = fabrikam.getByRole('table', { name: 'Roles of Fabrikam Managed Services' });
    await roles.getByRole('row', { name: /Primary admins/ }).waitFor();
    const assignments = fabrikam.getByRole('table', {
      name: 'Assignments of Fabrikam Managed Services',
    });
    await assignments.getByRole('row', { name: /Pradeep Gupta/ }).waitFor();
    // A customer organisation is not a partner: no partner pages.
    assert.equal(await nav(page).getByRole('link', { name: 'Invitations' }).count(), 0);
  });

  it('When a technician without rights signs in, then no management page is offered', async () => {
    const page = await signedIn('Diego Siciliani');
    await page.getByRole('heading', { level: 1, name: 'Welcome, Diego Siciliani' }).waitFor();
    for (const name of MANAGEMENT_PAGES) {
      assert.equal(await nav(page).getByRole('link', { name, exact: true }).count(), 0, name);
    }
    // A deep link to a page the caller may not use lands on the overview instead.
    await page.goto(`${session.url()}/#/audit`);
    await page.getByRole('heading', { level: 1, name: 'Welcome, Diego Siciliani' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Audit log' }).count(), 0);
  });

  it('When a Primary admin opens Rooms, then only rooms in scope show, filterable by health', async () => {
    const page = await signedIn('Pradeep Gupta');
    await nav(page).getByRole('link', { name: 'Rooms' }).click();
    const table = page.getByRole('table', { name: 'Rooms of Contoso Ltd' });
    await table.getByRole('row').nth(1).waitFor();
    // Pradeep's scope is the 'US rooms' group: the EMEA rooms of Contoso are not listed.
    const sites = await table
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.slice(1).map((r) => (r as { cells: { textContent: string }[] }).cells[1]!.textContent)
      );
    assert.ok(sites.length > 0);
    assert.ok(
      sites.every((site) => /\(US\)$/.test(site)),
      sites.join(', ')
    );

    const health = (await table.getByRole('row').nth(1).getByRole('cell').nth(2).textContent())!;
    await page.getByRole('combobox', { name: 'Health' }).selectOption({ label: health });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The live region may still hold the first load's count: wait for the filtered table itself.
    const healthColumn = () =>
      table
        .getByRole('row')
        .evaluateAll((rows) =>
          rows
            .slice(1)
            .map((r) => (r as { cells: { textContent: string }[] }).cells[2]!.textContent)
        );
    let shown = await healthColumn();
    for (let i = 0; i < 100 && !(shown.length > 0 && shown.every((h) => h === health)); i++) {
      await page.waitForTimeout(100);
      shown = await healthColumn();
    }
    assert.ok(shown.length > 0 && shown.every((h) => h === health), shown.join(', '));
  });

  it('When "Enable all tickets view" is on, then a ticket takes a note and a new status', async () => {
    const page = await signedIn('Pradeep Gupta');
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('switch', { name: 'Enable all tickets view' }).check();
    const table = page.getByRole('table', { name: 'Incidents' });
    await table.getByRole('columnheader', { name: 'Customer' }).waitFor();

    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Open' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const first = table.getByRole('row').nth(1);
    await first.getByText('Contoso Ltd').waitFor();
    const title = (await first.getByRole('button').textContent())!;
    await first.getByRole('button').click();

    const detail = page.getByRole('region', { name: title });
    assert.equal(await focusedName(page), title);
    await detail.getByRole('textbox', { name: 'New note' }).fill('Checked the cabling on site.');
    await detail.getByRole('button', { name: 'Add note' }).click();
    await detail.getByText('Checked the cabling on site.').waitFor();
    // The note is saved once its box is emptied; only then is the panel ready for the next change.
    // An empty box disables "Add note" (a locator, not waitForFunction: the CSP forbids eval).
    await detail
      .getByRole('button', { name: 'Add note' })
      .and(page.locator('[aria-disabled="true"]'))
      .waitFor();

    await detail.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Acknowledged' });
    await detail.getByRole('button', { name: 'Save' }).click();
    await liveRegion(page).getByText('Ticket updated.').waitFor();
    await table
      .getByRole('row', { name: new RegExp(title) })
      .getByText('Acknowledged')
      .waitFor();
  });

  it('When using the keyboard only, then Add partner shows the service error and returns focus', async () => {
    const page = await signedIn('Alex Wilber');
    await page.goto(`${session.url()}/#/partners`);
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
    await page.getByRole('button', { name: 'Add partner' }).waitFor();
    // Focus sits on the page title after navigation; the next stop is the page's action.
    await page.getByRole('heading', { level: 1, name: 'Partners' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Add partner');
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Add partner' });
    await dialog.waitFor();
    await page.keyboard.type('unknown-partner.example');

    /** Tabs forward until the focused element's name matches, at most 20 stops. */
    async function tabTo(name: RegExp): Promise<void> {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        if (name.test(String(await focusedName(page)))) return;
      }
      assert.fail(`no focus stop named ${name}`);
    }
    await tabTo(/I agree to the terms/);
    await page.keyboard.press('Space');
    await tabTo(/^Send invitation$/);
    await page.keyboard.press('Enter');

    await dialog
      .getByText(/No eligible partner uses the domain unknown-partner\.example/)
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedName(page), 'Add partner');
  });

  it('When a Contoso Global admin widens the scope, then it takes effect and can be narrowed back', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Partners' }).click();
    const fabrikam = page.getByRole('region', { name: 'Fabrikam Managed Services' });
    await fabrikam.getByText('Scope: US rooms').waitFor();

    const change = async (group: string, checked: boolean) => {
      await fabrikam
        .getByRole('button', { name: 'Change scope of Fabrikam Managed Services' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Scope of Fabrikam Managed Services' });
      await dialog.getByRole('checkbox', { name: group }).setChecked(checked);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await liveRegion(page).getByText('Scope of Fabrikam Managed Services changed.').waitFor();
    };
    await change('EMEA rooms', true);
    await fabrikam.getByText(/^Scope: (EMEA rooms, US rooms|US rooms, EMEA rooms)$/).waitFor();
    // Put the seeded scope back for whoever runs next on this backend.
    await change('EMEA rooms', false);
    await fabrikam.getByText('Scope: US rooms').waitFor();
  });

  // Last: the ticket it opens is the newest, which the tests above do not expect.
  it('When the room health monitor opened a ticket, then the audit log names it, not an unknown person', async () => {
    const tenantId = user('Nora Castillo').tenantId;
    const roomId = ids.room('northwind', 0);
    const raised = await session.app().call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(tenantId) },
      body: {
        tenantId,
        roomId,
        type: 'network',
        severity: 'Warning',
        state: 'raised',
        observedAt: new Date().toISOString(),
      },
    });
    assert.equal(raised.status, 200, raised.text);

    const page = await signedIn('Nora Castillo');
    await nav(page).getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit records' });
    const ticket = table.getByRole('row', { name: /Ticket/ }).first();
    await ticket.getByText('Room health monitor', { exact: true }).waitFor();
    assert.equal(await table.getByText('Unknown person').count(), 0);
  });
});
