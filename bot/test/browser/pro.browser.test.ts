/**
 * The Pro Management and role pages of the tab in headless Chromium, against the real service and
 * its demo seed: the custom-role wizard on both sides (a customer's Global admin, a partner's
 * Primary admin held to the invitation scope), room actions by right (a Site Lead modifies a room
 * and downloads its key; a help-desk technician sees no action), and update rings.
 *
 * One backend for the file; each test touches its own objects (new names), so order is free.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { focusedName, liveRegion, nav, tabSuite } from './browser.support.ts';

describe('Tab Pro Management and role pages in headless Chromium', function () {
  this.timeout(60_000);

  const session = tabSuite();

  /** Opens Settings › Roles; `wizard()` then opens the custom-role wizard. */
  async function openRoles(page: Page) {
    await nav(page).getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Roles' }).waitFor();
    return {
      roles: page.getByRole('table', { name: 'Roles in Contoso Ltd' }),
      wizard: async () => {
        await page.getByRole('button', { name: 'New custom role' }).click();
        return page.getByRole('dialog', { name: 'New custom role' });
      },
    };
  }

  it('When a Contoso Global admin runs the wizard, then the custom role exists and is assigned', async () => {
    const page = await session.signedIn('Alex Wilber');
    const { roles, wizard } = await openRoles(page);
    await roles
      .getByRole('row', { name: /MMR Admin/ })
      .getByText('Built-in', { exact: true })
      .waitFor();
    // Built-in roles offer no edit or delete.
    assert.equal(await roles.getByRole('button', { name: 'Delete MMR Admin' }).count(), 0);
    const dialog = await wizard();

    const next = dialog.getByRole('button', { name: 'Next' });
    await next.click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Room helpers');
    await next.click();

    await dialog.getByRole('heading', { name: 'Step 2 of 6: Permissions' }).waitFor();
    const rooms = dialog.getByRole('group', { name: 'Rooms', exact: true });
    for (const name of ['View', 'Modify', 'Download key']) {
      await rooms.getByRole('checkbox', { name, exact: true }).check();
    }
    await next.click();
    await dialog.getByRole('radio', { name: 'Assign the role now' }).waitFor();
    await dialog.getByRole('switch', { name: 'Send incident alerts to the members' }).check();
    await next.click();

    await dialog.getByRole('combobox', { name: /Members/ }).fill('Miriam');
    await page.getByRole('option', { name: /Miriam Graham/ }).click();
    await dialog
      .getByRole('toolbar', { name: 'Chosen members' })
      .getByText('Miriam Graham')
      .waitFor();
    await next.click();

    await dialog.getByRole('radio', { name: 'Chosen room groups and rooms' }).check();
    await dialog.getByRole('checkbox', { name: 'EMEA rooms' }).check();
    await next.click();
    await dialog.getByText('Rooms: View, Modify, Download key').waitFor();
    await dialog.getByRole('button', { name: 'Create role' }).click();
    await dialog.waitFor({ state: 'detached' });

    await liveRegion(page).getByText('Role Room helpers created and assigned.').waitFor();
    await roles
      .getByRole('row', { name: /Room helpers/ })
      .getByText('Custom', { exact: true })
      .waitFor();
    const assignment = page
      .getByRole('table', { name: 'Assignments in Contoso Ltd' })
      .getByRole('row', { name: /Room helpers/ });
    await assignment.getByText('Miriam Graham').waitFor();
    await assignment.getByText('1 room group').waitFor();
    await assignment.getByText('On').waitFor();
  });

  it('When a Primary admin of Contoso assigns a role, then only rooms in the invitation scope are allowed', async () => {
    const page = await session.signedIn('Pradeep Gupta');
    const { roles, wizard } = await openRoles(page);
    await roles
      .getByRole('row', { name: /Primary admins/ })
      .getByText('Built-in', { exact: true })
      .waitFor();
    await roles
      .getByRole('row', { name: /Help desk/ })
      .getByText('Custom', { exact: true })
      .waitFor();
    const dialog = await wizard();

    const next = dialog.getByRole('button', { name: 'Next' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Seattle visitors');
    await next.click();
    const rooms = dialog.getByRole('group', { name: 'Rooms', exact: true });
    // Primary admins do not hold Reset key: it cannot be given.
    assert.equal(await rooms.getByRole('checkbox', { name: 'Reset key' }).isDisabled(), true);
    await rooms.getByRole('checkbox', { name: 'View', exact: true }).check();
    await next.click();
    await next.click();
    await dialog.getByRole('combobox', { name: /Members/ }).fill('Grady');
    await page.getByRole('option', { name: /Grady Archie/ }).click();
    await next.click();

    // Only what Contoso gave Fabrikam is offered: US rooms, never EMEA rooms.
    await dialog.getByRole('checkbox', { name: 'US rooms' }).waitFor();
    assert.equal(await dialog.getByRole('checkbox', { name: 'EMEA rooms' }).count(), 0);
    // All rooms is wider than the invitation scope: the service refuses, the wizard says why.
    await dialog.getByRole('radio', { name: 'All rooms' }).check();
    await next.click();
    await dialog.getByRole('button', { name: 'Create role' }).click();
    await dialog
      .getByText(/The scope goes beyond what this customer gave your organisation/)
      .waitFor();
    await dialog.getByRole('heading', { name: 'Step 5 of 6: Scope' }).waitFor();

    await dialog.getByRole('radio', { name: 'Chosen room groups and rooms' }).check();
    await dialog.getByRole('checkbox', { name: 'US rooms' }).check();
    await next.click();
    await dialog.getByRole('button', { name: 'Create role' }).click();
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(page).getByText('Role Seattle visitors created and assigned.').waitFor();
    // The first attempt created the role once; the retry only added the assignment.
    await roles
      .getByRole('row', { name: /Seattle visitors/ })
      .first()
      .waitFor();
    assert.equal(await roles.getByRole('row', { name: /Seattle visitors/ }).count(), 1);
    await page
      .getByRole('table', { name: 'Assignments in Contoso Ltd' })
      .getByRole('row', { name: /Seattle visitors/ })
      .getByText('Grady Archie')
      .waitFor();
  });

  it('When a Site Lead opens a room, then they modify it and download its key', async () => {
    const page = await session.signedIn('Joni Sherman');
    await nav(page).getByRole('link', { name: 'Rooms' }).click();
    const table = page.getByRole('table', { name: 'Rooms of Contoso Ltd' });
    const open = table.getByRole('button', { name: /^Details of / }).first();
    const name = (await open.textContent())!;
    await open.click();
    const detail = page.getByRole('region', { name });
    assert.equal(await focusedName(page), name);
    // A Site Lead holds no Reset key.
    assert.equal(await detail.getByRole('button', { name: 'Reset key' }).count(), 0);

    await detail.getByRole('button', { name: 'Modify' }).click();
    const dialog = page.getByRole('dialog', { name: `Modify ${name}` });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`${name} (renamed)`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(page).getByText(`${name} (renamed) saved.`).waitFor();
    await table.getByRole('button', { name: `Details of ${name} (renamed)` }).waitFor();

    const renamed = page.getByRole('region', { name: `${name} (renamed)` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      renamed.getByRole('button', { name: 'Download key' }).click(),
    ]);
    const key = JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(typeof key.key, 'string');
    assert.ok((key.key as string).length > 0);
    await liveRegion(page)
      .getByText(/^Enrollment key saved as /)
      .waitFor();
  });

  it('When a technician without room rights opens a room, then no action is offered', async () => {
    const page = await session.signedIn('Diego Siciliani');
    await nav(page).getByRole('link', { name: 'Rooms' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rooms' }).waitFor();
    const open = page.getByRole('button', { name: /^Details of / }).first();
    const name = (await open.textContent())!;
    await open.click();
    const detail = page.getByRole('region', { name });
    await detail.getByText('Key version').waitFor();
    for (const action of ['Modify', 'Download key', 'Reset key', 'Unenroll']) {
      assert.equal(await detail.getByRole('button', { name: action }).count(), 0, action);
    }
    assert.equal(await page.getByRole('button', { name: 'Onboard room' }).count(), 0);
    for (const link of ['Roles', 'Update rings', 'Room groups', 'Teams Rooms Pro settings']) {
      assert.equal(await nav(page).getByRole('link', { name: link }).count(), 0, link);
    }
  });

  it('When a help-desk technician records an issue on a healthy room, then it turns Important and the ticket is listed', async () => {
    const page = await session.signedIn('Diego Siciliani');
    await nav(page).getByRole('link', { name: 'Rooms' }).click();
    const table = page.getByRole('table', { name: 'Rooms of Contoso Ltd' });
    await table.getByRole('row').nth(1).waitFor();
    await page.getByRole('combobox', { name: 'Health' }).selectOption({ label: 'Healthy' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const healthColumn = () =>
      table
        .getByRole('row')
        .evaluateAll((rows) =>
          rows
            .slice(1)
            .map((r) => (r as { cells: { textContent: string }[] }).cells[2]!.textContent)
        );
    for (let i = 0; i < 100 && !(await healthColumn()).every((h) => h === 'Healthy'); i++)
      await page.waitForTimeout(100);
    const open = table.getByRole('button', { name: /^Details of / }).first();
    const name = (await open.textContent())!;
    await open.click();
    const detail = page.getByRole('region', { name });

    await detail.getByRole('button', { name: 'Record an issue' }).click();
    const dialog = page.getByRole('dialog', { name: `Record an issue on ${name}` });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Touch panel frozen');
    await dialog.getByRole('checkbox', { name: 'High impact' }).check();
    await dialog.getByRole('button', { name: 'Record' }).click();
    await dialog.getByText('A high-impact issue needs a justification.').waitFor();
    await dialog.getByRole('textbox', { name: /Why is it high impact/ }).fill('Board meeting at 9');
    await dialog.getByRole('button', { name: 'Record' }).click();
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(page)
      .getByText(new RegExp(`^Issue recorded on ${name}`))
      .waitFor();
    assert.equal(await focusedName(page), 'Record an issue', 'focus returns to the opener');
    await detail.getByText('Important', { exact: true }).waitFor();

    await nav(page).getByRole('link', { name: 'Incidents' }).click();
    const incidents = page.getByRole('table', { name: 'Incidents' });
    await incidents
      .getByRole('row', { name: /Touch panel frozen/ })
      .getByText('Reported by the customer')
      .waitFor();
  });

  it('When a Contoso Global admin opens Update rings, then built-ins show and a custom ring is created', async () => {
    const page = await session.signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Update rings' }).click();
    const table = page.getByRole('table', { name: 'Update rings of Contoso Ltd' });
    for (const ring of ['Staging', 'General', 'Executive']) {
      await table
        .getByRole('row', { name: new RegExp(ring) })
        .getByText('Built-in', { exact: true })
        .waitFor();
    }
    assert.equal(await table.getByRole('button', { name: 'Delete General' }).count(), 0);

    await page.getByRole('button', { name: 'New ring' }).click();
    const dialog = page.getByRole('dialog', { name: 'New update ring' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Wave 2');
    await dialog.getByRole('spinbutton', { name: /Order/ }).fill('5');
    await dialog.getByRole('spinbutton', { name: /Deferral/ }).fill('21');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(page).getByText('Ring Wave 2 created.').waitFor();
    const row = table.getByRole('row', { name: /Wave 2/ });
    await row.getByText('Custom', { exact: true }).waitFor();
    await row.getByText('21 days').waitFor();
  });

  it('When the browser prefers French, then Settings › Roles uses the French names', async () => {
    const page = await session.signedIn('Alex Wilber', { locale: 'fr-FR' });
    await nav(page).getByRole('link', { name: 'Rôles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rôles' }).waitFor();
    const roles = page.getByRole('table', { name: 'Rôles chez Contoso Ltd' });
    // Built-in roles are named in French too.
    await roles
      .getByRole('row', { name: /Responsable de site/ })
      .getByText('Intégré', { exact: true })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Affectations' }).waitFor();
    await page.getByRole('button', { name: 'Nouveau rôle personnalisé' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau rôle personnalisé' });
    await dialog.getByRole('heading', { name: 'Étape 1 sur 6 : Général' }).waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Focus returns to the button that opened the wizard.
    assert.equal(await focusedName(page), 'Nouveau rôle personnalisé');
  });
});
