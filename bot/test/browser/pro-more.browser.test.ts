/**
 * More Pro Management pages of the tab in headless Chromium, against the real service and its
 * demo seed: room groups (create, rename, a duplicate name refused), Teams Rooms Pro settings
 * (saved and read back; hidden without MMR settings › View), the report of a partner held to the
 * invitation scope, the confirmed room actions (Reset key, Unenroll) and editing an assignment.
 *
 * One backend for the file; each test touches its own objects (new names, distinct rooms), so
 * order is free: the unenrolled room is in Paris, outside the US rooms the report counts.
 */
import assert from 'node:assert/strict';
import { focusedName, liveRegion, nav, tabSuite } from './browser.support.ts';

describe('Tab room groups, settings, reports, room confirmations and assignments in headless Chromium', function () {
  this.timeout(60_000);

  const session = tabSuite();

  it('When a Contoso Global admin creates and renames a room group, then the list shows it and a taken name is refused', async () => {
    const page = await session.signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Room groups' }).click();
    const table = page.getByRole('table', { name: 'Room groups of Contoso Ltd' });
    // The seeded groups with the number of their rooms.
    await table
      .getByRole('row', { name: /US rooms/ })
      .getByRole('cell', { name: '10', exact: true })
      .waitFor();
    await table
      .getByRole('row', { name: /EMEA rooms/ })
      .getByRole('cell', { name: '3', exact: true })
      .waitFor();

    await page.getByRole('button', { name: 'New room group' }).click();
    const create = page.getByRole('dialog', { name: 'New room group' });
    await create.getByRole('button', { name: 'Save' }).click();
    await create.getByText('Enter a name.').waitFor();
    await create.getByRole('textbox', { name: 'Name' }).fill('Huddle rooms');
    await create.getByRole('textbox', { name: 'Description' }).fill('Small rooms for quick calls');
    await create.getByRole('button', { name: 'Save' }).click();
    await create.waitFor({ state: 'detached' });
    await liveRegion(page).getByText('Room group Huddle rooms created.').waitFor();
    const created = table.getByRole('row', { name: /Huddle rooms/ });
    await created.getByText('Small rooms for quick calls').waitFor();
    await created.getByRole('cell', { name: '0', exact: true }).waitFor();

    await created.getByRole('button', { name: 'Modify Huddle rooms' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Huddle rooms' });
    await edit.getByRole('textbox', { name: 'Name' }).fill('Focus rooms');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await liveRegion(page).getByText('Room group Focus rooms saved.').waitFor();
    await table
      .getByRole('row', { name: /Focus rooms/ })
      .getByRole('cell', { name: '0', exact: true })
      .waitFor();
    // The list reloads in place: focus is back on the row's button, not lost to the page.
    assert.equal(await focusedName(page), 'Modify Focus rooms');
    assert.equal(await table.getByRole('row', { name: /Huddle rooms/ }).count(), 0);

    // A name another group holds: the service refuses (ROOM_GROUP.NAME_TAKEN), shown on the name.
    await page.getByRole('button', { name: 'New room group' }).click();
    const duplicate = page.getByRole('dialog', { name: 'New room group' });
    const name = duplicate.getByRole('textbox', { name: 'Name' });
    await name.fill('EMEA rooms');
    await duplicate.getByRole('button', { name: 'Save' }).click();
    await duplicate.getByText('Another room group already has this name.').waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await duplicate.getByRole('button', { name: 'Cancel' }).click();
    await duplicate.waitFor({ state: 'detached' });
    // (The list may be re-rendering after the dialog; wait for it before counting.)
    await table
      .getByRole('row', { name: /EMEA rooms/ })
      .first()
      .waitFor();
    assert.equal(await table.getByRole('row', { name: /EMEA rooms/ }).count(), 1);
  });

  it('When a Contoso Global admin saves a Teams Rooms Pro setting, then it persists; a Site Lead cannot reach the page', async () => {
    const page = await session.signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Teams Rooms Pro settings' }).click();
    const form = page.getByRole('form', { name: 'Teams Rooms Pro settings' });
    // The seed saved Contoso's settings: weekend window of 240 minutes, weekly digest on.
    await form.getByText(/^Last saved /).waitFor();
    const duration = form.getByRole('spinbutton', { name: /Duration \(minutes\)/ });
    const digest = form.getByRole('switch', { name: 'Weekly health digest' });
    const day = (name: string) => form.getByRole('checkbox', { name, exact: true });
    assert.equal(await duration.inputValue(), '240');
    assert.equal(await digest.isChecked(), true);
    assert.equal(await day('Sunday').isChecked(), true);
    assert.equal(await day('Monday').isChecked(), false);

    // Out of range: the form says so and sends nothing.
    await duration.fill('10');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Enter a whole number of minutes from 30 to 720.').waitFor();

    await duration.fill('90');
    await digest.uncheck();
    await day('Sunday').uncheck();
    await day('Monday').check();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await liveRegion(page).getByText('Settings saved.').waitFor();
    assert.equal(
      await form.getByText('Enter a whole number of minutes from 30 to 720.').count(),
      0
    );

    await page.reload();
    const reloaded = page.getByRole('form', { name: 'Teams Rooms Pro settings' });
    await reloaded.getByText(/^Last saved /).waitFor();
    assert.equal(
      await reloaded.getByRole('spinbutton', { name: /Duration \(minutes\)/ }).inputValue(),
      '90'
    );
    assert.equal(
      await reloaded.getByRole('switch', { name: 'Weekly health digest' }).isChecked(),
      false
    );
    assert.equal(
      await reloaded.getByRole('checkbox', { name: 'Sunday', exact: true }).isChecked(),
      false
    );
    assert.equal(
      await reloaded.getByRole('checkbox', { name: 'Monday', exact: true }).isChecked(),
      true
    );
    assert.equal(
      await reloaded.getByRole('checkbox', { name: 'Saturday', exact: true }).isChecked(),
      true
    );

    // Joni (Site Lead on Seattle rooms) holds no MMR settings › View: no link, and the address
    // alone shows the overview, never the form.
    const joni = await session.signedIn('Joni Sherman');
    await nav(joni).getByRole('link', { name: 'Rooms', exact: true }).waitFor();
    assert.equal(
      await nav(joni).getByRole('link', { name: 'Teams Rooms Pro settings' }).count(),
      0
    );
    await joni.goto(`${session.url()}/#/settings?customer=${session.user('Alex Wilber').tenantId}`);
    await joni.getByRole('heading', { level: 1, name: 'Welcome, Joni Sherman' }).waitFor();
    assert.equal(await joni.getByRole('form', { name: 'Teams Rooms Pro settings' }).count(), 0);
    assert.equal(await joni.getByRole('button', { name: 'Save settings' }).count(), 0);
  });

  it('When a partner Primary admin held to US rooms opens Reports, then the health counts cover only those 10 rooms', async () => {
    const page = await session.signedIn('Pradeep Gupta');
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const health = page.getByRole('table', { name: 'Room health (10 rooms)' });
    await health.getByRole('row').nth(1).waitFor();
    const rows = (await health.getByRole('row').all()).slice(1);
    const counts = await Promise.all(rows.map((r) => r.getByRole('cell').allTextContents()));
    assert.deepEqual(
      counts.map(([label]) => label),
      ['Healthy', 'Warning', 'Important', 'Offline']
    );
    assert.equal(
      counts.reduce((sum, [, n]) => sum + Number(n), 0),
      10,
      'the counts add up to the US rooms'
    );
    // Contoso has 13 rooms; the three Paris rooms stay outside Fabrikam's scope.
    assert.equal(await page.getByRole('table', { name: /Room health \(13 rooms\)/ }).count(), 0);
    await page
      .getByRole('table', { name: 'Incident activity' })
      .getByRole('row', { name: /Last 7 days/ })
      .waitFor();
  });

  /** Opens Rooms as `displayName` and the pane of the first room whose name matches `site`. */
  async function openRoom(displayName: string, site: RegExp) {
    const page = await session.signedIn(displayName);
    await nav(page).getByRole('link', { name: 'Rooms', exact: true }).click();
    const table = page.getByRole('table', { name: 'Rooms of Contoso Ltd' });
    const open = table.getByRole('button', { name: site }).first();
    const name = (await open.textContent())!;
    await open.click();
    const detail = page.getByRole('region', { name });
    await detail.getByText('Key version').waitFor();
    /** The value the pane's facts list under `term`. */
    const fact = (term: string) =>
      detail
        .locator('dt')
        .filter({ hasText: new RegExp(`^${term}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .textContent();
    return { page, table, name, detail, fact };
  }

  it('When a Contoso Global admin resets a room key, then the pane shows the new key version', async () => {
    const { page, name, detail, fact } = await openRoom('Alex Wilber', /^Details of New York /);
    const keyVersion = () => fact('Key version');
    assert.equal(await keyVersion(), '1');

    // Cancel changes nothing.
    await detail.getByRole('button', { name: 'Reset key' }).click();
    let confirm = page.getByRole('alertdialog', { name: `Reset the enrollment key of ${name}?` });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await keyVersion(), '1');
    assert.equal(await focusedName(page), 'Reset key', 'focus returns to the opener');

    await detail.getByRole('button', { name: 'Reset key' }).click();
    confirm = page.getByRole('alertdialog', { name: `Reset the enrollment key of ${name}?` });
    await confirm.getByText(/A new random key replaces the current one/).waitFor();
    await confirm.getByRole('button', { name: 'Reset key' }).click();
    await confirm.waitFor({ state: 'detached' });
    await liveRegion(page).getByText(`Enrollment key of ${name} reset (version 2).`).waitFor();
    assert.equal(await keyVersion(), '2');
  });

  it('When a Contoso Global admin unenrolls a room, then it shows Unenrolled, offers no Unenroll and focus goes to the pane title', async () => {
    const { page, table, name, detail, fact } = await openRoom('Alex Wilber', /^Details of Paris /);
    const enrollment = () => fact('Enrollment');
    assert.equal(await enrollment(), 'Enrolled');

    await detail.getByRole('button', { name: 'Unenroll' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Unenroll ${name}?` });
    await confirm.getByText(/The room stops being monitored/).waitFor();
    await confirm.getByRole('button', { name: 'Unenroll' }).click();
    await confirm.waitFor({ state: 'detached' });
    await liveRegion(page).getByText(`${name} unenrolled.`).waitFor();
    assert.equal(await enrollment(), 'Unenrolled');
    assert.equal(await detail.getByRole('button', { name: 'Unenroll' }).count(), 0);
    // The opener is gone: focus lands on the pane's title, not on the page's body.
    await page.waitForFunction(
      `document.activeElement && document.activeElement.tagName !== 'BODY'`
    );
    assert.equal(await focusedName(page), name);
    // The list says the same.
    await table
      .getByRole('row', { name: new RegExp(name) })
      .getByText('Unenrolled')
      .waitFor();
  });

  it('When a Contoso Global admin edits an assignment, then the table shows its new scope and alerts', async () => {
    const page = await session.signedIn('Alex Wilber');
    await nav(page).getByRole('link', { name: 'Roles' }).click();
    const assignments = page.getByRole('table', { name: 'Assignments in Contoso Ltd' });
    const row = assignments
      .getByRole('row', { name: /Site Lead/ })
      .filter({ hasText: 'Joni Sherman' });
    await row.getByText('6 rooms', { exact: true }).waitFor();
    await row.getByText('On', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Modify the assignment of Site Lead' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assignment of Site Lead' });
    await dialog
      .getByRole('toolbar', { name: 'Chosen members' })
      .getByText('Joni Sherman')
      .waitFor();
    const alerts = dialog.getByRole('switch', { name: /incident alerts/i });
    assert.equal(await alerts.isChecked(), true);
    await alerts.uncheck();
    await dialog.getByRole('checkbox', { name: 'EMEA rooms' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(page).getByText('Assignment saved.').waitFor();
    await row.getByText('1 room group, 6 rooms', { exact: true }).waitFor();
    await row.getByText('Off', { exact: true }).waitFor();
    assert.equal(
      await focusedName(page),
      'Modify the assignment of Site Lead',
      'focus returns to the opener'
    );
  });
});
