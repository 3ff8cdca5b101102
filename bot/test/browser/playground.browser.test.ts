/**
 * Microsoft 365 Agents Playground (offline Teams-like client) driven in Chromium against the real
 * service: Lee Gu, tenant manager, opens his personal chat, receives Northwind's invitation card,
 * accepts it choosing a Primary admin, and the card shows the outcome. Screenshots of every step
 * are kept in SCREENSHOT_DIR.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.ts';
import {
  PLAYGROUND_SCREENSHOT_DIR as SCREENSHOT_DIR,
  startPlayground,
  type RunningPlayground,
} from './playground.support.ts';
import { CHROMIUM } from './browser.support.ts';
import { playgroundConfig } from '../../src/playground.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

describe('Agents Playground (browser)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let playground: RunningPlayground | undefined;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${String(++step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    app = await startTestApp();
    playground = await startPlayground(app.url, playgroundConfig('lee'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/*', (route) =>
      LOOPBACK.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort()
    );
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await app?.close();
  });

  it('When a tenant manager accepts an invitation from the card choosing a Primary admin, then the card shows the outcome', async () => {
    await page.goto(playground!.url);
    await page.getByText('Personal Chat').first().click();
    // Opening the chat installs the app: the bot welcomes Lee and posts Northwind's invitation.
    const card = page.getByText('Invitation from Northwind Traders').last();
    await card.waitFor({ timeout: 30_000 });
    await shot('invitation-card');
    await page.getByRole('button', { name: 'Accept' }).last().click();
    await page.getByText('Choose at least one Primary admin').last().waitFor();
    await shot('choose-primary-admins');
    // The Playground renders the multi-select Primary admins input as a Fluent combobox.
    // With a Data.Query dataset the Playground lists choices as you type (our application/search).
    await page.getByRole('combobox').last().click();
    await page.keyboard.type('Prad');
    await page.getByRole('option', { name: 'Pradeep Gupta' }).click();
    await page.keyboard.press('Escape');
    await shot('primary-admin-chosen');
    await page.getByRole('button', { name: 'Accept' }).last().click();
    await page
      .getByText(/Accepted by Lee Gu/)
      .last()
      .waitFor({ timeout: 15_000 });
    await shot('accepted');
    const inbox = await app.call('GET', '/api/partner/customers', {
      token: await app.tokenFor('fabrikam', 'pradeep'),
    });
    assert.ok(
      inbox.body.items!.some((c) => c.customerName === 'Northwind Traders'),
      'Pradeep is Primary admin of Northwind'
    );
  });
});
