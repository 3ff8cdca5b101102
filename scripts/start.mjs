#!/usr/bin/env node
/**
 * `npm start`: installs what is missing, builds the tab, then runs the service on the embedded
 * store with demo data (bot + tab + API on one port, PORT or 3978).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePackages, ensureTabBuilt } from './ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensurePackages();
ensureTabBuilt();
const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_NO_WARNINGS: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
