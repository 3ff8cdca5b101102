#!/usr/bin/env node
/**
 * `npm start`: installs what is missing, builds the tab and the service (compiled to JavaScript
 * in bot/dist, see build-service.mjs: no TypeScript compiled at run time), then runs the service
 * on the embedded store with demo data (bot + tab + API on one port, PORT or 3978).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePackages, ensureTabBuilt } from './ensure.mjs';
import { ensureServiceBuilt, SERVICE_MAIN } from './build-service.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensurePackages();
ensureTabBuilt();
await ensureServiceBuilt();
const child = spawn(process.execPath, [SERVICE_MAIN], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_NO_WARNINGS: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
