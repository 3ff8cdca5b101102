/**
 * The tab as its users meet it (issue #12), in headless Chromium against the real service and its
 * demo seed (the tests run in order: the Tenants test needs the Northwind invitation still
 * pending, the next one declines it): the skip link keeps the page, every mutation confirms itself visibly, Incidents keeps
 * its filters in the address, the portal's Tenants / Roles / Customer-dropdown parity.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { focusedName, liveRegion, nav, tabSuite } from './browser.support.ts';

const TAB_ASSETS = fileURLToPath(new URL('../../../tab/dist/assets/', import.meta.url));

/** A visible Fluent toast holding `text` (the visible half of a confirmation). */
const toast = (page: Page, text: string | RegExp) => page.locator('.fui-Toast', { hasText: text });

/** The ticket titles of the Incidents table, in order. */
async function ticketTitles(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Incidents' });
  await table.getByRole('row').nth(1).waitFor();
  return table.getByRole('row').locator('td:first-child').allTextContents();
}

/** Waits until `read` returns something `ok` accepts (the list reloads asynchronously). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !ok(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('Tab experience (issue #12) in headless Chromium', function () {
  this.timeout(60_000);

  const session = tabSuite();
  const { user, signedIn } = session;

  it('When the skip link is used on a page, then focus moves to the content and the page stays', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Rooms', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Rooms' }).waitFor();
    const before = page.url();
    assert.match(before, /#\/rooms\?customer=/);

    await page.getByRole('link', { name: 'Skip to main content' }).focus();
    await page.keyboard.press('Enter');

    assert.equal(page.url(), before, 'the address still names the page');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main-content');
    await page.getByRole('heading', { level: 1, name: 'Rooms' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1, name: /^Welcome/ }).count(), 0);
  });

  it('When a tenant manager opens Tenants, then pending invitations are listed beside customers with a status and their role', async () => {
    const page = await signedIn('Lynne Robbins');
    await nav(page).getByRole('link', { name: 'Tenants' }).click();
    const table = page.getByRole('table', { name: 'Tenants' });
    await table.getByRole('columnheader', { name: 'Status' }).waitFor();
    const contoso = table.getByRole('row', { name: /Contoso Ltd/ });
    await contoso.getByText('Active', { exact: true }).waitFor();
    await contoso.getByText('Tenant manager', { exact: true }).waitFor();
    const northwind = table.getByRole('row', { name: /Northwind Traders/ });
    await northwind.getByText('Pending', { exact: true }).waitFor();
    await northwind.getByRole('link', { name: /^Open the invitation from / }).click();
    await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();

    // A partner's Global admin: "Your role" says so.
    const megan = await signedIn('Megan Bowen');
    await nav(megan).getByRole('link', { name: 'Tenants' }).click();
    const row = megan
      .getByRole('table', { name: 'Tenants' })
      .getByRole('row', { name: /Contoso Ltd/ });
    await row.getByText('Global admin', { exact: true }).waitFor();
  });

  it('When a tenant manager declines an invitation, then a visible confirmation says so and is announced', async () => {
    const page = await signedIn('Lee Gu');
    await nav(page).getByRole('link', { name: 'Invitations' }).click();
    const row = page.getByRole('table', { name: 'Invitations' }).getByRole('row', {
      name: /Northwind Traders/,
    });
    await row
      .getByRole('button', { name: 'Decline the invitation from Northwind Traders' })
      .click();
    const dialog = page.getByRole('alertdialog', {
      name: 'Decline the invitation from Northwind Traders?',
    });
    await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const message = 'Invitation from Northwind Traders declined.';
    const shown = toast(page, message);
    await shown.waitFor({ state: 'visible' });
    assert.ok(await shown.isVisible(), 'the confirmation is on screen');
    await liveRegion(page).getByText(message).waitFor();
  });

  it('When a ticket gets a note, then a visible confirmation follows; a refused change shows a visible error', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    const table = page.getByRole('table', { name: 'Incidents' });
    const first = table.getByRole('row').nth(1).getByRole('button');
    const title = (await first.textContent())!;
    await first.click();
    const panel = page.getByRole('region', { name: title });
    await panel
      .getByRole('textbox', { name: /New note/ })
      .fill('Called the site; display replaced.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await toast(page, 'Note added.').waitFor({ state: 'visible' });
    await liveRegion(page).getByText('Note added.').waitFor();

    // The service refuses the next change: the reason shows in an error bar beside the form.
    await page.route('**/api/customers/*/tickets/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 409,
            json: {
              code: 'TICKET.VERSION_CONFLICT',
              message: 'Someone changed this ticket first.',
            },
          })
        : route.continue()
    );
    const severity = panel.getByRole('combobox', { name: 'Severity' });
    const current = await severity.inputValue();
    await severity.selectOption(current === 'Important' ? 'Warning' : 'Important');
    await panel.getByRole('button', { name: 'Save' }).click();
    const bar = panel.locator('.fui-MessageBar', { hasText: 'Someone changed this ticket first.' });
    await bar.waitFor({ state: 'visible' });
  });

  it('When Incidents is filtered by room, then the filter is in the address and survives a reload', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    const titles = await ticketTitles(page);
    // Titles read as people write them, not "display signal — …".
    for (const t of titles) assert.doesNotMatch(t, /\bsignal —/, t);

    const rooms = page.getByRole('combobox', { name: 'Room' });
    await eventually(
      () => rooms.locator('option').count(),
      (n) => n > 1
    );
    const table = page.getByRole('table', { name: 'Incidents' });
    const firstRoom = (await table.getByRole('row').nth(1).locator('td').nth(1).textContent())!;
    await rooms.selectOption({ label: firstRoom });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const roomColumn = () => table.getByRole('row').locator('td:nth-child(2)').allTextContents();
    const filtered = await eventually(
      roomColumn,
      (cells) => cells.length > 0 && cells.every((c) => c === firstRoom)
    );
    assert.ok(filtered.length > 0 && filtered.every((c) => c === firstRoom), filtered.join(', '));
    assert.match(page.url(), /[?&]room=[0-9a-f-]+/);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    const again = await eventually(
      roomColumn,
      (cells) => cells.length > 0 && cells.every((c) => c === firstRoom)
    );
    assert.deepEqual(again, filtered);
    await eventually(
      () => rooms.inputValue(),
      (v) => v !== ''
    );
    assert.equal(await rooms.locator('option:checked').textContent(), firstRoom);
  });

  it('When the all-tickets view is on, then it survives a reload and the sidebar names no single customer', async () => {
    const page = await signedIn('Pradeep Gupta');
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    await ticketTitles(page);
    const customer = page.getByRole('combobox', { name: 'Customer' }).first();
    assert.equal(await customer.textContent(), 'Contoso Ltd');

    await page.getByRole('switch', { name: 'Enable all tickets view' }).check();
    await page.getByRole('columnheader', { name: 'Customer' }).waitFor();
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('Important');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(
      () => Promise.resolve(page.url()),
      (u) => /severity=Important/.test(u)
    );
    assert.match(page.url(), /[?&]all=1/);
    assert.equal(await customer.textContent(), 'All customers');

    await page.reload();
    await page.getByRole('columnheader', { name: 'Customer' }).waitFor();
    assert.equal(
      await page.getByRole('switch', { name: 'Enable all tickets view' }).isChecked(),
      true
    );
    assert.equal(await page.getByRole('combobox', { name: 'Severity' }).inputValue(), 'Important');
    assert.equal(await customer.textContent(), 'All customers');
    const severities = await page
      .getByRole('table', { name: 'Incidents' })
      .getByRole('row')
      .locator('td:nth-child(4)')
      .allTextContents();
    assert.ok(
      severities.length > 0 && severities.every((s) => s === 'Important'),
      severities.join()
    );
  });

  it('When Incidents is opened 1024 px wide, then nothing scrolls sideways', async () => {
    const page = await signedIn('Pradeep Gupta', { viewport: { width: 1024, height: 768 } });
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    await ticketTitles(page);
    await page.getByRole('switch', { name: 'Enable all tickets view' }).check();
    await page.getByRole('columnheader', { name: 'Customer' }).waitFor();
    const widths = (await page.evaluate(
      `[document.documentElement.scrollWidth, document.documentElement.clientWidth,
        document.getElementById('main-content').scrollWidth, document.getElementById('main-content').clientWidth]`
    )) as number[];
    assert.ok(widths[0]! <= widths[1]!, `page ${widths[0]} > ${widths[1]}`);
    assert.ok(widths[2]! <= widths[3]!, `main ${widths[2]} > ${widths[3]}`);
  });

  it('When a link names a ticket, then Incidents opens that ticket', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    const table = page.getByRole('table', { name: 'Incidents' });
    const second = table.getByRole('row').nth(2).getByRole('button');
    const title = (await second.textContent())!;
    await second.click();
    await page.getByRole('region', { name: title }).waitFor();
    const link = page.url();
    assert.match(link, /[?&]ticket=[0-9a-f-]+/);

    const other = await signedIn('Alex Wilber');
    await other.goto(link);
    await other.getByRole('region', { name: title }).waitFor();
    assert.equal(await focusedName(other), title);
    assert.ok(user('Alex Wilber'));
  });

  it('When a partner Global admin signs in, then no customer pages are offered for the partner itself', async () => {
    const page = await signedIn('Megan Bowen');
    await nav(page).getByRole('link', { name: 'Tenants' }).waitFor();
    for (const link of ['Rooms', 'Room groups', 'Update rings', 'Incidents', 'Reports', 'Roles']) {
      assert.equal(await nav(page).getByRole('link', { name: link, exact: true }).count(), 0, link);
    }
    assert.equal(await nav(page).getByRole('combobox', { name: 'Customer' }).count(), 0);
    assert.equal(await page.getByText('Fabrikam Managed Services (your organisation)').count(), 0);
  });

  it('When a person has one customer, then the dropdown shows it and Overview names the same customer', async () => {
    const page = await signedIn('Alex Wilber');
    const dropdown = nav(page).getByRole('combobox', { name: 'Customer' });
    await dropdown.waitFor();
    assert.equal(await dropdown.textContent(), 'Contoso Ltd (your organisation)');
    assert.equal(await page.getByText('Choose a customer').count(), 0);
    const rooms = nav(page).getByRole('link', { name: 'Rooms', exact: true });
    assert.match(
      (await rooms.getAttribute('href'))!,
      new RegExp(`customer=${user('Alex Wilber').tenantId}`)
    );
  });

  it('When a Primary admin opens Settings › Roles, then they add and remove Primary admins there', async () => {
    const page = await signedIn('Pradeep Gupta');
    await nav(page).getByRole('link', { name: 'Roles', exact: true }).click();
    const section = page.getByRole('region', { name: 'Primary admins: members' });
    const members = section.getByRole('table', { name: 'Members of Primary admins' });
    await members.getByRole('row', { name: /Pradeep Gupta/ }).waitFor();

    await section.getByRole('combobox', { name: /Add a Primary admin/ }).fill('Grady');
    await page.getByRole('option', { name: /Grady Archie/ }).click();
    await section.getByRole('button', { name: 'Add', exact: true }).click();
    await members.getByRole('row', { name: /Grady Archie/ }).waitFor();
    await toast(page, 'Grady Archie is now a Primary admin.').waitFor({ state: 'visible' });

    await members.getByRole('button', { name: 'Remove Grady Archie' }).click();
    const dialog = page.getByRole('alertdialog', {
      name: 'Remove Grady Archie from the Primary admins?',
    });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await toast(page, 'Grady Archie is no longer a Primary admin.').waitFor({ state: 'visible' });
    assert.equal(await members.getByRole('row', { name: /Grady Archie/ }).count(), 0);
  });

  it('When Chromium loads the tab, then every script arrives compressed and no source map exists', async () => {
    const encodings = new Map<string, string | undefined>();
    const sizes = new Map<string, number>();
    const page = await signedIn('Alex Wilber');
    page.on('response', (response) => {
      if (!response.url().endsWith('.js')) return;
      encodings.set(response.url(), response.headers()['content-encoding']);
      sizes.set(response.url(), Number(response.headers()['content-length']));
    });
    await page.reload();
    await nav(page).waitFor();
    assert.ok(encodings.size > 0, 'scripts were loaded');
    // Files under 1 KB (the bundler's runtime) are not worth compressing.
    for (const [url, encoding] of encodings) {
      if (encoding || sizes.get(url)! >= 1024) assert.match(encoding ?? 'none', /^(br|gzip)$/, url);
    }
    assert.ok([...encodings.values()].some(Boolean), 'the large scripts are compressed');
    assert.deepEqual(
      readdirSync(TAB_ASSETS).filter((f) => f.endsWith('.map')),
      []
    );
  });

  it('When Reports opens, then each block has a chart whose bars match the numbers of its table', async () => {
    const page = await signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    const health = page.getByRole('region', { name: /^Room health/ });
    const chart = health.getByRole('img', { name: /^Room health/ });
    await chart.waitFor();
    const table = health.getByRole('table');
    const cells = await table.getByRole('row').locator('td').allTextContents();
    const fromTable: [string, number][] = [];
    for (let i = 0; i < cells.length; i += 2) fromTable.push([cells[i]!, Number(cells[i + 1])]);
    const name = (await chart.getAttribute('aria-label'))!;
    for (const [label, n] of fromTable)
      assert.ok(name.includes(`${label} ${n}`), `${label} ${n} in "${name}"`);
    const drawn = await chart
      .locator('rect[data-value]')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
    assert.deepEqual(
      drawn,
      fromTable.map(([, n]) => n).filter((n) => n > 0)
    );
    assert.ok(
      (await page.getByRole('img').count()) >= 4,
      'health, severity, type and activity charts'
    );
  });

  it('When colours are forced (Windows contrast themes), then ticket links still look like links and the current page stands out', async () => {
    const page = await signedIn('Alex Wilber', { forcedColors: 'active', colorScheme: 'dark' });
    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    const link = page
      .getByRole('table', { name: 'Incidents' })
      .getByRole('row')
      .nth(1)
      .getByRole('button');
    await link.waitFor();
    // String expressions: no DOM types in this Node-typed project.
    const style = (selector: string, prop: string) =>
      page.evaluate(
        `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${prop}`
      );
    const look = [
      await style('table[aria-label="Incidents"] tbody tr button', 'textDecorationLine'),
    ];
    assert.equal(look[0], 'underline');
    const current = nav(page).getByRole('link', { name: 'Incidents' });
    assert.equal(await current.getAttribute('aria-current'), 'page');
    const fg = await style('nav a[aria-current="page"]', 'color');
    const bg = await style('nav a[aria-current="page"]', 'backgroundColor');
    assert.notEqual(fg, bg, 'the current page has its own readable colours');
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the current page is highlighted');
  });
});
