/**
 * Manual change control end to end (issue #15), in Chromium: Contoso puts Rooms › Modify of its
 * partner under Manual approval; Pradeep Gupta (Fabrikam, Primary admin of Contoso) renames a room
 * in the tab and is told it waits for approval; Alex Wilber (Contoso's Global admin) gets the
 * approval card in the Microsoft 365 Agents Playground and approves it there; Pradeep then sees
 * the change request applied in Contoso's detail pane and the room renamed. Under Manual for every
 * action, the settings, room groups, roles (the wizard included) and assignments pages each say
 * the change was sent for approval. Screenshots of every step are kept in SCREENSHOT_DIR.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { startPlayground, type RunningPlayground } from './playground.support.ts';
import {
  focusedName,
  liveRegion,
  nav,
  openIsolatedPage,
  sharedBrowser,
  signInHelpers,
} from './browser.support.ts';
import { demoTenants, ids } from '../../src/seed/demo-data.ts';
import { CHANGE_ACTIONS } from '../../src/core/change-control/model.ts';
import { ResourceCollections, type RoomDoc } from '../../src/data/collections.ts';
import { ResourceExtraCollections } from '../../src/data/resources.collections.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';
import { RoleCollections, type RoleDoc } from '../../src/data/roles.repository.ts';
import { grantFabrikamRole } from '../support/resources-fixtures.ts';
import {
  AssignmentCollections,
  type AssignmentDoc,
} from '../../src/data/assignments.repository.ts';
import { randomUUID } from 'node:crypto';

const SCREENSHOT_DIR = path.join(tmpdir(), 'rph-change-approval-screenshots');

/** Contoso's controls over Fabrikam: Manual for `manual`, Auto for the other actions. */
const controlsWith = (manual: readonly string[]) => ({
  changeControl: Object.fromEntries(
    CHANGE_ACTIONS.map((a) => [a, manual.includes(a) ? 'manual' : 'auto'])
  ),
  elevation: { required: [], autoApprove: false },
  mfa: { required: false },
});

/** Opens the Rooms page and the first room's details; its name. */
async function openFirstRoom(page: Page): Promise<string> {
  await nav(page).getByRole('link', { name: 'Rooms', exact: true }).click();
  const open = page
    .getByRole('table', { name: 'Rooms of Contoso Ltd' })
    .getByRole('button', { name: /^Details of / })
    .first();
  const name = (await open.textContent())!;
  await open.click();
  return name;
}

/** The reason field a change under Manual approval asks for, inside a dialog or form. */
const why = (within: Locator) =>
  within.getByRole('textbox', { name: /^Why this change \(shown to the approver\)/ });

/** The Playground signed in as Contoso's Global admin (it wants five more users; padded). */
function contosoPlaygroundConfig(): string {
  const contoso = demoTenants.find((t) => t.key === 'contoso')!;
  const yaml = (
    u: { key: string; displayName: string; upn: string },
    indent: string,
    dash: boolean,
    id = ids.user('contoso', u.key)
  ) => {
    const [givenName, ...rest] = u.displayName.split(' ');
    // Quoted: YAML would read a name like "Guest 1"'s surname as a number.
    const q = (v: string) => JSON.stringify(v);
    const lines = [
      `id: ${q(`user-${u.key}`)}`,
      `name: ${q(u.displayName)}`,
      `userPrincipleName: ${q(u.upn)}`,
      `aadObjectId: ${q(id)}`,
      `givenName: ${q(givenName!)}`,
      `surname: ${q(rest.join(' ') || givenName!)}`,
      `email: ${q(u.upn)}`,
    ];
    return lines
      .map((l, i) => `${indent}${dash && i === 0 ? '- ' : dash ? '  ' : ''}${l}`)
      .join('\n');
  };
  const alex = contoso.users.find((u) => u.key === 'alex')!;
  const others = contoso.users.filter((u) => u.key !== 'alex');
  const padding = [1, 2].map((n) => ({
    key: `guest${n}`,
    displayName: `Guest ${n}`,
    upn: `guest${n}@contoso.example`,
  }));
  return [
    'version: "0.1.1"',
    `tenantId: ${ids.tenant('contoso')}`,
    'bot:',
    '  id: 28:rooms-partner-hub',
    '  name: Rooms Partner Hub',
    'currentUser:',
    yaml(alex, '  ', false),
    'users:',
    ...others.map((u) => yaml(u, '  ', true)),
    ...padding.map((u, i) => yaml(u, '  ', true, `00000000-0000-4000-8000-00000000000${i + 1}`)),
    'personalChat:',
    '  id: __PERSONAL_CHAT_ID__',
    'groupChat:',
    '  id: __GROUP_CHAT_ID__',
    '  name: Contoso operations',
    'team:',
    '  id: team-contoso',
    '  name: Contoso',
    `  aadGroupId: ${ids.group('contoso', 'facilities')}`,
    '  channels:',
    '    - id: channel-general',
    '      name: General',
    '',
  ].join('\n');
}

describe('Manual change approval from the Agents Playground (browser)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let playground: RunningPlayground | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let step = 0;
  const shot = async (page: Page, name: string) => {
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${String(++step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  /** Alex (Contoso's Global admin) sets Contoso's controls over Fabrikam. */
  const setControls = async (body: ReturnType<typeof controlsWith>) => {
    const set = await app.call('PUT', `/api/customer/partners/${ids.tenant('fabrikam')}/controls`, {
      token: await app.tokenFor('contoso', 'alex'),
      body,
    });
    assert.equal(set.status, 200, set.text);
  };

  before(async function () {
    this.timeout(180_000);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await sharedBrowser(); // builds the tab first if needed
    app = await startTestApp();
    await setControls(controlsWith(['rooms.modify']));
    playground = await startPlayground(app.url, contosoPlaygroundConfig());
  });

  after(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await playground?.stop();
    await app?.close();
  });

  it('When a partner renames a room in the tab, then the customer approves it from the card and the partner sees it applied', async () => {
    const browser = await sharedBrowser();
    // Alex opens his personal chat in the Playground: that installs the app for him.
    const chat = await openIsolatedPage(browser, contexts, pageErrors, {
      viewport: { width: 1400, height: 1000 },
    });
    await chat.goto(playground!.url);
    await chat.getByText('Personal Chat').first().click();
    // The install activity reached the bot (the conversation reference is kept) before the change.
    let installed = false;
    for (let i = 0; i < 300 && !installed; i++) {
      const ref = await app.services.teams.refs.forUser(
        ids.tenant('contoso'),
        ids.user('contoso', 'alex')
      );
      installed = ref?.active === true;
      if (!installed) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(installed, 'opening the personal chat installed the app for Alex');
    await shot(chat, 'playground-alex');

    // Pradeep renames a room in the tab.
    const { signedIn } = await signInHelpers(browser, app.url, contexts, pageErrors);
    const tab = await signedIn('Pradeep Gupta');
    await nav(tab).getByRole('link', { name: 'Rooms' }).click();
    const table = tab.getByRole('table', { name: 'Rooms of Contoso Ltd' });
    const open = table.getByRole('button', { name: /^Details of / }).first();
    const name = (await open.textContent())!;
    await open.click();
    const detail = tab.getByRole('region', { name });
    await detail.getByRole('button', { name: 'Modify' }).click();
    const dialog = tab.getByRole('dialog', { name: `Modify ${name}` });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`${name} (approved)`);
    await why(dialog).fill('New room naming scheme');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(tab)
      .getByText(`${name}: the change was sent to the customer for approval.`)
      .waitFor();
    await shot(tab, 'tab-sent-for-approval');
    const room = await app.store
      .collection<RoomDoc>(ResourceCollections.rooms)
      .findOne({ displayName: name });
    assert.ok(room, 'the room still has its old name');

    // Alex gets the approval card in the Playground and approves it there.
    await chat
      .getByText('Change request from Fabrikam Managed Services')
      .last()
      .waitFor({ timeout: 30_000 });
    await chat.getByText(`${name} (approved)`).last().waitFor();
    await shot(chat, 'approval-card');
    await chat.getByRole('button', { name: 'Approve' }).last().click();
    await chat
      .getByText(/Approved by Alex Wilber .* and applied\./)
      .last()
      .waitFor({ timeout: 15_000 });
    await shot(chat, 'approved-card');

    // Pradeep sees it applied: in Contoso's detail pane and in the room list.
    await nav(tab).getByRole('link', { name: 'Tenants' }).click();
    await tab
      .getByRole('table', { name: 'Tenants' })
      .getByRole('link', { name: 'Contoso Ltd' })
      .click();
    const requests = tab.getByRole('table', { name: 'Your change requests' });
    await requests
      .getByRole('row', {
        name: new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*Applied`),
      })
      .waitFor({ timeout: 15_000 });
    await shot(tab, 'tab-applied');
    await nav(tab).getByRole('link', { name: 'Rooms' }).click();
    await tab
      .getByRole('table', { name: 'Rooms of Contoso Ltd' })
      .getByRole('button', { name: `Details of ${name} (approved)` })
      .waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('When the customer requires MFA, then the tab answers the claims challenge by signing in again and the key downloads', async () => {
    const alex = await app.tokenFor('contoso', 'alex');
    const controls = {
      changeControl: Object.fromEntries(CHANGE_ACTIONS.map((a) => [a, 'auto'])),
      elevation: { required: [], autoApprove: false },
      mfa: { required: true },
    };
    const set = await app.call('PUT', `/api/customer/partners/${ids.tenant('fabrikam')}/controls`, {
      token: alex,
      body: controls,
    });
    assert.equal(set.status, 200, set.text);
    // Lee holds Rooms › View and Download key in Contoso (a "Key keeper" role).
    const roleId = randomUUID();
    await app.store.collection<RoleDoc>(RoleCollections.roles).insertOne({
      _id: roleId,
      tenantId: ids.tenant('contoso'),
      partnerTenantId: ids.tenant('fabrikam'),
      name: 'Key keeper',
      description: '',
      permissions: ['rooms.view', 'rooms.downloadKey'],
      createdAt: new Date(),
      createdBy: ids.user('fabrikam', 'pradeep'),
    });
    await app.store.collection<AssignmentDoc>(AssignmentCollections.assignments).insertOne({
      _id: randomUUID(),
      tenantId: ids.tenant('contoso'),
      partnerTenantId: ids.tenant('fabrikam'),
      roleId,
      members: [{ type: 'user', id: ids.user('fabrikam', 'lee') }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      notify: false,
      createdAt: new Date(),
      createdBy: ids.user('fabrikam', 'pradeep'),
    });
    const browser = await sharedBrowser();
    const { signedIn } = await signInHelpers(browser, app.url, contexts, pageErrors);
    const tab = await signedIn('Lee Gu');
    const tokenNow = () =>
      tab.evaluate(
        `JSON.parse(sessionStorage.getItem('rooms-partner-hub.dev-session')).accessToken`
      ) as Promise<string>;
    const claimsOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
        amr?: string[];
        acrs?: string[];
      };
    assert.ok(
      !claimsOf(await tokenNow()).amr?.includes('mfa'),
      'the first sign-in has no second factor'
    );

    const name = await openFirstRoom(tab);
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('region', { name }).getByRole('button', { name: 'Download key' }).click(),
    ]);
    assert.ok(await download.path());
    await liveRegion(tab)
      .getByText(/^Enrollment key saved as /)
      .waitFor();
    await shot(tab, 'tab-mfa-download');
    const stepped = claimsOf(await tokenNow());
    assert.ok(stepped.amr?.includes('mfa'), 'the session now holds the stepped-up token');
    assert.deepEqual(stepped.acrs, ['c1']);
    assert.deepEqual(pageErrors, []);
  });

  it('When the customer sets Manual in the Partners view, then the partner’s next change waits and the customer rejects it there with a reason', async () => {
    const browser = await sharedBrowser();
    const { signedIn } = await signInHelpers(browser, app.url, contexts, pageErrors);
    const tab = await signedIn('Alex Wilber');
    await nav(tab).getByRole('link', { name: 'Partners' }).click();
    const card = tab.getByRole('region', { name: 'Fabrikam Managed Services' });
    await card
      .getByRole('switch', {
        name: 'Manual approval of Role management › Modify for Fabrikam Managed Services',
      })
      .click();
    await card.getByRole('button', { name: 'Save controls' }).click();
    await liveRegion(tab).getByText('Controls for Fabrikam Managed Services saved.').waitFor();
    // The card's summary line follows the saved per-action controls.
    await card
      .getByText('Change control: Manual approval of Role management › Modify', { exact: true })
      .waitFor();
    const controls = await app.call(
      'GET',
      `/api/partner/customers/${ids.tenant('contoso')}/controls`,
      { token: await app.tokenFor('fabrikam', 'pradeep') }
    );
    assert.equal((controls.body.changeControl as Record<string, string>)['roles.modify'], 'manual');

    // Pradeep creates a partner role: it waits for Alex.
    const pradeep = await app.tokenFor('fabrikam', 'pradeep');
    const asked = await app.call('POST', `/api/customers/${ids.tenant('contoso')}/roles`, {
      token: pradeep,
      body: { name: 'Holiday desk', permissions: ['rooms.view'] },
      headers: { 'x-change-justification': 'Holiday freeze' },
    });
    assert.equal(asked.status, 202, asked.text);
    await tab.reload();
    const waiting = tab.getByRole('table', { name: 'Waiting for your approval' });
    const row = waiting.getByRole('row', { name: /Holiday freeze/ });
    await row.getByRole('textbox', { name: 'Reason for rejecting' }).fill('Not during the audit');
    await shot(tab, 'partners-approvals');
    await row.getByRole('button', { name: /^Reject / }).click();
    await liveRegion(tab)
      .getByText(/rejected\.$/)
      .waitFor();
    // The decided row is gone: focus goes to the page title, not lost to the document body.
    const title = tab.getByRole('heading', { level: 1, name: 'Partners' });
    for (
      let i = 0;
      i < 50 && !(await title.evaluate((h) => h === h.ownerDocument.activeElement));
      i++
    )
      await tab.waitForTimeout(100);
    assert.equal(await focusedName(tab), 'Partners');
    const after = await app.call(
      'GET',
      `/api/customers/${ids.tenant('contoso')}/change-requests/${asked.body.id}`,
      { token: pradeep }
    );
    assert.equal(after.body.status, 'rejected');
    assert.equal((after.body.decision as { reason: string }).reason, 'Not during the audit');
    const roles = await app.call('GET', `/api/customers/${ids.tenant('contoso')}/roles`, {
      token: pradeep,
    });
    assert.ok(
      !roles.body.items!.some((r) => r.name === 'Holiday desk'),
      'a rejected change is never applied'
    );
    assert.deepEqual(pageErrors, []);
  });

  it('When a partner user’s elevation is running, then they end it early from the customer’s detail pane', async () => {
    const contoso = ids.tenant('contoso');
    const set = await app.call('PUT', `/api/customer/partners/${ids.tenant('fabrikam')}/controls`, {
      token: await app.tokenFor('contoso', 'alex'),
      body: {
        changeControl: Object.fromEntries(CHANGE_ACTIONS.map((a) => [a, 'auto'])),
        elevation: { required: ['rooms.downloadKey'], autoApprove: true },
        mfa: { required: false },
      },
    });
    assert.equal(set.status, 200, set.text);
    await grantFabrikamRole(
      app,
      'lee',
      { name: 'Key reader', description: '', permissions: ['rooms.view', 'rooms.downloadKey'] },
      { allRooms: true, roomIds: [], roomGroupIds: [] }
    );
    const lee = await app.tokenFor('fabrikam', 'lee');
    const asked = await app.call('POST', `/api/customers/${contoso}/elevations`, {
      token: lee,
      body: { actions: ['rooms.downloadKey'], durationMinutes: 60, justification: 'Console swap' },
    });
    assert.equal(asked.status, 201, asked.text);
    assert.equal(asked.body.status, 'active');

    const browser = await sharedBrowser();
    const { signedIn } = await signInHelpers(browser, app.url, contexts, pageErrors);
    const tab = await signedIn('Lee Gu');
    await nav(tab).getByRole('link', { name: 'Tenants' }).click();
    await tab
      .getByRole('table', { name: 'Tenants' })
      .getByRole('link', { name: 'Contoso Ltd' })
      .click();
    const row = tab
      .getByRole('table', { name: 'Elevations' })
      .getByRole('row', { name: /Console swap/ });
    await row.getByRole('button', { name: 'End now' }).click();
    await liveRegion(tab).getByText('Elevation ended.').waitFor();
    await row.getByText('Ended').waitFor();
    await shot(tab, 'tab-elevation-ended');
    const after = await app.call('GET', `/api/customers/${contoso}/elevations/${asked.body.id}`, {
      token: lee,
    });
    assert.equal(after.body.status, 'ended');
    assert.deepEqual(pageErrors, []);
  });

  it('When every change action is under Manual, then the settings, room groups, roles and assignments pages each say the change was sent for approval and nothing changes', async () => {
    const contoso = ids.tenant('contoso');
    const fabrikam = ids.tenant('fabrikam');
    const relationships = app.store.collection<RelationshipDoc>(PartnerCollections.relationships);
    // Settings are tenant-wide: Contoso widens Fabrikam's scope, and Diego gets a role for them.
    const { scope } = (await relationships.findOne({
      tenantId: contoso,
      partnerTenantId: fabrikam,
    }))!;
    await relationships.updateOne(
      { tenantId: contoso, partnerTenantId: fabrikam },
      { $set: { scope: { allRooms: true, roomIds: [], roomGroupIds: [] } } }
    );
    await grantFabrikamRole(
      app,
      'diego',
      {
        name: 'Configurator',
        description: 'Groups and settings',
        permissions: [
          'rooms.view',
          'roomGroups.view',
          'roomGroups.modify',
          'settings.view',
          'settings.modify',
        ],
      },
      { allRooms: true, roomIds: [], roomGroupIds: [] }
    );
    const set = await app.call('PUT', `/api/customer/partners/${fabrikam}/controls`, {
      token: await app.tokenFor('contoso', 'alex'),
      body: {
        changeControl: Object.fromEntries(CHANGE_ACTIONS.map((a) => [a, 'manual'])),
        elevation: { required: [], autoApprove: false },
        mfa: { required: false },
      },
    });
    assert.equal(set.status, 200, set.text);
    const snapshot = async () =>
      Promise.all(
        [
          ResourceCollections.roomGroups,
          ResourceExtraCollections.settings,
          RoleCollections.roles,
          AssignmentCollections.assignments,
        ].map((name) =>
          app.store
            .collection(name)
            .find({ tenantId: contoso }, { sort: { _id: 1 } })
            .toArray()
        )
      );
    const before = await snapshot();
    const alex = await app.tokenFor('contoso', 'alex');
    /** The pending change requests of Contoso, as "action objectType". */
    const pending = async () => {
      const r = await app.call('GET', `/api/customers/${contoso}/change-requests?status=pending`, {
        token: alex,
      });
      assert.equal(r.status, 200, r.text);
      return (r.body.items as { action: string; objectType: string }[])
        .map((x) => `${x.action} ${x.objectType}`)
        .sort();
    };
    const waitingAssignments = async () =>
      (await pending()).filter((x) => x === 'roles.modify Assignment').length;
    const browser = await sharedBrowser();
    const { signedIn } = await signInHelpers(browser, app.url, contexts, pageErrors);
    const sentForApproval = (page: Page, name: string) =>
      liveRegion(page).getByText(`${name}: the change was sent to the customer for approval.`);

    // Diego saves the Teams Rooms Pro settings, then describes a room group.
    const diego = await signedIn('Diego Siciliani');
    await nav(diego).getByRole('link', { name: 'Teams Rooms Pro settings' }).click();
    const form = diego.getByRole('form', { name: 'Teams Rooms Pro settings' });
    await form.getByText(/^Last saved /).waitFor();
    await form.getByRole('switch', { name: 'Weekly health digest' }).click();
    await why(form).fill('Digest on Mondays');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await sentForApproval(diego, 'Teams Rooms Pro settings').waitFor();
    await shot(diego, 'settings-sent-for-approval');

    await nav(diego).getByRole('link', { name: 'Room groups' }).click();
    await diego
      .getByRole('table', { name: 'Room groups of Contoso Ltd' })
      .getByRole('button', { name: 'Modify US rooms' })
      .click();
    const group = diego.getByRole('dialog', { name: 'Edit US rooms' });
    await group.getByRole('textbox', { name: 'Description' }).fill('Rooms in the US');
    await why(group).fill('Clearer description');
    await group.getByRole('button', { name: 'Save' }).click();
    await group.waitFor({ state: 'detached' });
    await sentForApproval(diego, 'US rooms').waitFor();
    await shot(diego, 'room-group-sent-for-approval');

    // Pradeep runs the role wizard: the new role waits, so the wizard stops without assigning it.
    const pradeep = await signedIn('Pradeep Gupta');
    await nav(pradeep).getByRole('link', { name: 'Roles' }).click();
    await pradeep.getByRole('button', { name: 'New custom role' }).click();
    const wizard = pradeep.getByRole('dialog', { name: 'New custom role' });
    const next = wizard.getByRole('button', { name: 'Next' });
    await wizard.getByRole('textbox', { name: 'Name' }).fill('Night shift');
    await next.click();
    await wizard
      .getByRole('group', { name: 'Rooms', exact: true })
      .getByRole('checkbox', { name: 'View', exact: true })
      .check();
    await next.click();
    await wizard.getByRole('radio', { name: 'Assign the role now' }).waitFor();
    await next.click();
    await wizard.getByRole('combobox', { name: /Members/ }).fill('Grady');
    await pradeep.getByRole('option', { name: /Grady Archie/ }).click();
    await next.click();
    await wizard.getByRole('radio', { name: 'Chosen room groups and rooms' }).check();
    await wizard.getByRole('checkbox', { name: 'US rooms' }).check();
    await next.click();
    await why(wizard).fill('Night shift cover');
    await wizard.getByRole('button', { name: 'Create role' }).click();
    await wizard.waitFor({ state: 'detached' });
    await liveRegion(pradeep)
      .getByText(
        'Role Night shift was sent to the customer for approval. Assign it once it is approved.'
      )
      .waitFor();
    await shot(pradeep, 'wizard-sent-for-approval');
    const roles = pradeep.getByRole('table', { name: 'Roles in Contoso Ltd' });
    assert.equal(await roles.getByRole('row', { name: /Night shift/ }).count(), 0);

    // Changing a role, adding an assignment and deleting one each wait too.
    await roles.getByRole('button', { name: 'Modify Help desk' }).click();
    const role = pradeep.getByRole('dialog', { name: 'Edit Help desk' });
    await role.getByRole('textbox', { name: 'Description' }).fill('Tickets only');
    await why(role).fill('Scope down');
    await role.getByRole('button', { name: 'Save' }).click();
    await role.waitFor({ state: 'detached' });
    await sentForApproval(pradeep, 'Help desk').waitFor();

    await pradeep.getByRole('button', { name: 'New assignment' }).click();
    const assignment = pradeep.getByRole('dialog', { name: 'New assignment' });
    await assignment.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Help desk' });
    await assignment.getByRole('combobox', { name: /Members/ }).fill('Grady');
    await pradeep.getByRole('option', { name: /Grady Archie/ }).click();
    await assignment.getByRole('radio', { name: 'Chosen room groups and rooms' }).check();
    await assignment.getByRole('checkbox', { name: 'US rooms' }).check();
    await why(assignment).fill('Grady covers the US');
    await assignment.getByRole('button', { name: 'Save' }).click();
    await assignment.waitFor({ state: 'detached' });
    await sentForApproval(pradeep, 'Help desk').waitFor();
    assert.equal(await waitingAssignments(), 1);

    await pradeep
      .getByRole('table', { name: 'Assignments in Contoso Ltd' })
      .getByRole('button', { name: 'Delete the assignment of Help desk' })
      .first()
      .click();
    const confirm = pradeep.getByRole('alertdialog', {
      name: 'Delete this assignment of Help desk?',
    });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'detached' });
    await sentForApproval(pradeep, 'Help desk').waitFor();
    assert.equal(await waitingAssignments(), 2);
    await shot(pradeep, 'roles-sent-for-approval');

    assert.deepEqual(await pending(), [
      'roles.modify Assignment', // created
      'roles.modify Assignment', // deleted
      'roles.modify Role', // created by the wizard
      'roles.modify Role', // changed
      'roomGroups.modify RoomGroup',
      'settings.modify RoomsProSettings',
    ]);
    assert.deepEqual(await snapshot(), before, 'nothing changed while they wait');
    await relationships.updateOne(
      { tenantId: contoso, partnerTenantId: fabrikam },
      { $set: { scope } }
    );
    assert.deepEqual(pageErrors, []);
  });

  it('When a partner modifies a room under Manual approval, then the dialog asks why (required, keyboard reachable), sends it, and the customer’s approver reads it; the customer’s own users are not asked', async () => {
    const contoso = ids.tenant('contoso');
    await setControls(controlsWith(['rooms.modify']));
    const browser = await sharedBrowser();
    const { signedIn } = await signInHelpers(browser, app.url, contexts, pageErrors);
    const openModify = async (page: Page) => {
      const name = await openFirstRoom(page);
      await page.getByRole('region', { name }).getByRole('button', { name: 'Modify' }).click();
      return { name, dialog: page.getByRole('dialog', { name: `Modify ${name}` }) };
    };

    const pradeep = await signedIn('Pradeep Gupta');
    const { name, dialog } = await openModify(pradeep);
    const field = why(dialog);
    await field.waitFor();
    await dialog.getByText('Contoso Ltd approves this change before it applies').waitFor();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`${name} (west wing)`);
    // Saving without a reason is refused on the field, which takes the focus.
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Tell the approver why you make this change.').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    for (
      let i = 0;
      i < 50 && !(await field.evaluate((e) => e === e.ownerDocument.activeElement));
      i++
    )
      await pradeep.waitForTimeout(50);
    assert.match(String(await focusedName(pradeep)), /^Why this change/);
    await shot(pradeep, 'justification-required');
    const reason = 'Moved to the west wing — facilities ticket #4711';
    await pradeep.keyboard.type(reason);
    await dialog.getByText('Tell the approver why you make this change.').waitFor({
      state: 'detached',
    });
    // The keyboard reaches Save from the field.
    await pradeep.keyboard.press('Tab');
    assert.equal(await focusedName(pradeep), 'Cancel');
    await pradeep.keyboard.press('Tab');
    assert.equal(await focusedName(pradeep), 'Save');
    await pradeep.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await liveRegion(pradeep)
      .getByText(`${name}: the change was sent to the customer for approval.`)
      .waitFor();

    const alex = await app.tokenFor('contoso', 'alex');
    const listed = await app.call('GET', `/api/customers/${contoso}/change-requests`, {
      token: alex,
    });
    const asked = (listed.body.items as { objectName: string; justification: string }[]).find(
      (r) => r.objectName === name && r.justification === reason
    );
    assert.ok(asked, 'the change request carries the reason as typed');

    // Pradeep sees it with his request, Alex with the request waiting for him.
    await nav(pradeep).getByRole('link', { name: 'Tenants' }).click();
    await pradeep
      .getByRole('table', { name: 'Tenants' })
      .getByRole('link', { name: 'Contoso Ltd' })
      .click();
    await pradeep
      .getByRole('table', { name: 'Your change requests' })
      .getByRole('row', { name: new RegExp(reason) })
      .waitFor();
    const customer = await signedIn('Alex Wilber');
    await nav(customer).getByRole('link', { name: 'Partners' }).click();
    await customer
      .getByRole('table', { name: 'Waiting for your approval' })
      .getByRole('row', { name: new RegExp(reason) })
      .waitFor();
    await shot(customer, 'justification-for-the-approver');

    // The customer's own change is never gated: no reason is asked.
    const own = await openModify(customer);
    await own.dialog.getByRole('textbox', { name: 'Name' }).waitFor();
    assert.equal(await why(own.dialog).count(), 0);
    await own.dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(pageErrors, []);
  });
});
