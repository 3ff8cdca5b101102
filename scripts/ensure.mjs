#!/usr/bin/env node
/**
 * Set-up that the README's two commands do for themselves on a fresh machine:
 * - npm packages (npm ci when node_modules is missing or older than package-lock.json),
 * - the built tab (vite build when tab/dist is missing or older than the tab's sources),
 * - with --browser: Chromium from Debian (apt-get) for the browser tests.
 * Uses only Node built-ins, so it runs before anything is installed.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => {
  process.stdout.write(`> ${cmd}\n`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
};
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

/** Newest modification time under `dir` (files only). */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : mtime(p));
  }
  return t;
}

export function ensurePackages() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || mtime(marker) < mtime(path.join(root, 'package-lock.json'))) {
    run('npm ci --no-audit --no-fund');
  }
}

export function ensureTabBuilt() {
  const index = path.join(root, 'tab', 'dist', 'index.html');
  const sources = Math.max(
    newest(path.join(root, 'tab', 'src')),
    // The tab bundles the core's shared rules (ticket transitions, limits, catalogues).
    newest(path.join(root, 'bot', 'src', 'core')),
    mtime(path.join(root, 'tab', 'index.html')),
    mtime(path.join(root, 'tab', 'vite.config.ts'))
  );
  if (!existsSync(index) || mtime(index) < sources) run('npm run build -w tab');
}

export const CHROMIUM = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  try {
    run(`${sudo}apt-get update -q`);
    run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium`);
  } catch {
    throw new Error(
      `Chromium is needed for the browser tests and could not be installed. Install it with: apt-get install -y chromium`
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensurePackages();
  if (process.argv.includes('--tab')) ensureTabBuilt();
  if (process.argv.includes('--browser')) ensureChromium();
}
