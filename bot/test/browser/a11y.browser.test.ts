/**
 * axe-core over every page view of the tab, as the demo users who between them reach every page,
 * in both languages and the three Teams themes (light, dark, high contrast — chosen here through
 * the system preferences the tab follows in a plain browser: dark mode, forced colours). No
 * serious or critical finding is allowed, nor a wrong heading order.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { nav, tabSuite } from './browser.support.ts';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
);

/** The users who, together, are offered every page of the tab. */
const USERS = ['Alex Wilber', 'Megan Bowen', 'Lee Gu', 'Pradeep Gupta'];

const THEMES: Record<string, BrowserContextOptions> = {
  light: { colorScheme: 'light' },
  dark: { colorScheme: 'dark' },
  contrast: { forcedColors: 'active', colorScheme: 'dark' },
};

const LOCALES = ['en-US', 'fr-FR'] as const;

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe in the page (injected on first use; the context bypasses the tab's CSP for it). */
async function axeFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return (await page.evaluate(`axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as Finding[];
}

/** What must not be found: serious or critical findings, and a skipped heading level. */
const blocking = (f: Finding) =>
  f.impact === 'serious' || f.impact === 'critical' || f.id === 'heading-order';

describe('Tab accessibility (axe-core) in headless Chromium', function () {
  this.timeout(300_000);

  const { signedIn } = tabSuite();

  /** Visits every page the navigation offers and collects the blocking findings per page. */
  async function walk(page: Page, who: string): Promise<string[]> {
    const problems: string[] = [];
    const links = nav(page).getByRole('link');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      await page.evaluate(`window.location.hash = ${JSON.stringify(href.split('?')[0])}`);
      await page.locator('#page-title, main h1').first().waitFor();
      // Let the page's first load settle (spinners gone).
      await page.waitForFunction(`!document.querySelector('main .fui-Spinner')`, undefined, {
        timeout: 15_000,
      });
      for (const f of (await axeFindings(page)).filter(blocking)) {
        const where = f.nodes.map((n) => n.target.join(' ')).join(' | ');
        problems.push(`${who} ${href}: ${f.id} (${f.impact}) ${f.help} — ${where}`);
      }
    }
    return problems;
  }

  it('When every page is opened, then its one h1 is its title, named as its link, first of its headings, and no heading skips a level', async () => {
    const problems: string[] = [];
    for (const who of USERS) {
      // String evaluation (the outline below) needs the page's CSP bypassed, as for axe.
      const page = await signedIn(who, { bypassCSP: true });
      const links = nav(page).getByRole('link');
      await links.first().waitFor();
      const targets = await links.evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href') ?? '', name: a.textContent ?? '' }))
      );
      for (const { href, name } of targets) {
        await page.evaluate(`window.location.hash = ${JSON.stringify(href.split('?')[0])}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForFunction(`!document.querySelector('main .fui-Spinner')`, undefined, {
          timeout: 15_000,
        });
        // The page's outline as a screen reader lists it (open dialogs have their own).
        const outline = (await page.evaluate(`[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
          .filter((h) => !h.closest('[role="dialog"],[role="alertdialog"]'))
          .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent, inMain: !!h.closest('main') }))`)) as {
          level: number;
          text: string;
          inMain: boolean;
        }[];
        const at = `${who} ${href}`;
        const h1 = outline.filter((h) => h.level === 1);
        if (h1.length !== 1) problems.push(`${at}: ${h1.length} h1 (${h1.map((h) => h.text)})`);
        if (outline[0]?.level !== 1 || !outline[0].inMain)
          problems.push(`${at}: the first heading is not the page's h1 (${outline[0]?.text})`);
        // The overview (#/) greets the user by name; every other page is titled as its link.
        const text = h1[0]?.text ?? '';
        const titled = href.split('?')[0] === '#/' ? text.startsWith('Welcome, ') : text === name;
        if (!titled) problems.push(`${at}: h1 "${text}" is not the page's title "${name}"`);
        outline.forEach((h, i) => {
          const before = outline[i - 1];
          if (before && h.level > before.level + 1)
            problems.push(`${at}: h${h.level} "${h.text}" follows h${before.level}`);
        });
      }
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  for (const locale of LOCALES) {
    for (const [theme, options] of Object.entries(THEMES)) {
      it(`When every page is opened in ${locale}, ${theme} theme, then axe finds nothing serious`, async () => {
        const problems: string[] = [];
        for (const who of USERS) {
          const page = await signedIn(who, { locale, bypassCSP: true, ...options });
          // The theme really is the one named: dark and high contrast have a dark page.
          const background = (await page.evaluate(
            `getComputedStyle(document.querySelector('.fui-FluentProvider')).backgroundColor`
          )) as string;
          const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number);
          const light = (r + g + b) / 3 > 200;
          assert.equal(light, theme === 'light', `${theme}: background ${background}`);
          problems.push(...(await walk(page, who)));
          await page.context().close();
        }
        assert.deepEqual(problems, []);
      });
    }
  }
});
