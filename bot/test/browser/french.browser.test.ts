/**
 * French throughout (issue #12): every page of the tab, in fr-FR, as the demo users who together
 * reach every page, with no English left in the visible text — product words and the seeded data
 * people read (roles, ticket titles and history, audit object types). The page text is scanned for
 * English words after removing an allow-list of proper names (people, organisations, rooms, sites,
 * groups, product names).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { nav, tabSuite } from './browser.support.ts';

/** Names that stay as they are in every language. */
const PROPER_NAMES = [
  // Products and protocols.
  'Rooms Partner Hub',
  'Partner Hub',
  'Microsoft Teams Rooms Pro',
  'Teams Rooms Pro',
  'Microsoft Teams',
  'Teams Rooms',
  'Microsoft 365',
  'Microsoft',
  'Teams',
  'Exchange',
  'HDMI',
  'MMR',
  'CSV',
  'UTC',
  // Organisations, people and their groups.
  'Fabrikam Managed Services',
  'Contoso Ltd',
  'Contoso Facilities',
  'Northwind Traders',
  'Woodgrove Bank',
  'MSP Tenant Managers',
  'MSP Help Desk',
  'MSP All Staff',
  'Help desk',
  // Seeded rooms, sites, room groups and update rings.
  'Aurora',
  'Boardroom',
  'Cedar',
  'Delta',
  'Evergreen',
  'Fjord',
  'Granite',
  'Harbor',
  'Seattle',
  'New York',
  'Paris',
  'London',
  'Manchester',
  'US rooms',
  'EMEA rooms',
  'UK offices',
  'Staging',
  'General',
  'Pilot',
  'Executive',
  'Branch rooms',
  'Board rooms',
  'Frankfurt',
  'Madrid',
  'Headquarters',
];

/** Words that only English sentences or labels contain (French never uses them). */
const ENGLISH = [
  'the',
  'and',
  'of',
  'to',
  'with',
  'for',
  'from',
  'by',
  'your',
  'you',
  'this',
  'that',
  'is',
  'are',
  'open',
  'opened',
  'close',
  'closed',
  'save',
  'rooms',
  'room',
  'status',
  'severity',
  'created',
  'admin',
  'admins',
  'lead',
  'tech',
  'settings',
  'ring',
  'rings',
  'customer',
  'customers',
  'unhealthy',
  'disconnected',
  'warning',
  'resolved',
  'acknowledged',
  'healthy',
  'offline',
  'enrolled',
  'onboarding',
  'assignment',
  'assignments',
  'relationship',
  'successful',
  'failed',
  'update',
  'delete',
  'read',
  'added',
  'changed',
  'loading',
  'show',
];

describe('Tab in French (fr-FR) in headless Chromium', function () {
  this.timeout(300_000);

  const { user, signedIn } = tabSuite();

  /** The English words left in the page's visible text, once proper names are removed. */
  async function englishIn(page: Page): Promise<string[]> {
    // Text people typed (notes, a reported issue, a custom role) is shown as written: marked
    // data-authored by the tab, it is left out; everything the product or its seed says is checked.
    let text = (await page.evaluate(`(() => {
      const copy = document.body.cloneNode(true);
      copy.querySelectorAll('[data-authored], script, style').forEach((n) => n.remove());
      const main = copy.querySelector('main');
      const nav = copy.querySelector('nav');
      document.body.appendChild(copy);
      copy.style.position = 'absolute';
      const text = (main ? main.innerText : '') + ' ' + (nav ? nav.innerText : '');
      copy.remove();
      return text;
    })()`)) as string;
    const names = [...PROPER_NAMES, ...people].sort((a, b) => b.length - a.length);
    for (const name of names) text = text.split(name).join(' ');
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    return [...new Set(words.filter((w) => ENGLISH.includes(w)))];
  }

  let people: string[] = [];

  for (const who of ['Alex Wilber', 'Megan Bowen', 'Lee Gu', 'Pradeep Gupta']) {
    it(`When ${who} opens every page in French, then no English is left`, async () => {
      people = [
        'Alex Wilber',
        'Megan Bowen',
        'Lee Gu',
        'Pradeep Gupta',
        'Joni Sherman',
        'Nora Castillo',
        'Isaiah Langer',
        'Miriam Graham',
        'Adele Vance',
        'Lynne Robbins',
        'Diego Siciliani',
        'Grady Archie',
        'Nestor Wilke',
        'Omar Haddad',
        'Wanda Kowalski',
        'Tomás Ruiz',
      ].filter((n) => user(n));
      const page = await signedIn(who, { locale: 'fr-FR', bypassCSP: true });
      const links = nav(page).getByRole('link');
      await links.first().waitFor();
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      const found: string[] = [];
      for (const href of hrefs) {
        await page.evaluate(`window.location.hash = ${JSON.stringify(href)}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForFunction(`!document.querySelector('main .fui-Spinner')`, undefined, {
          timeout: 15_000,
        });
        const english = await englishIn(page);
        if (english.length) found.push(`${href}: ${english.join(', ')}`);
        // A ticket's detail (title, history) is seeded data people read too.
        if (href.startsWith('#/incidents')) {
          const first = page.getByRole('table').getByRole('row').nth(1).getByRole('button');
          if (await first.count()) {
            await first.click();
            await page.getByRole('heading', { level: 3, name: 'Historique' }).waitFor();
            const inPanel = await englishIn(page);
            if (inPanel.length) found.push(`${href} (ticket): ${inPanel.join(', ')}`);
          }
        }
      }
      assert.deepEqual(found, []);
    });
  }
});
