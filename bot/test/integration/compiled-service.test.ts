/**
 * `npm start` and the teams and http benches run the service compiled to JavaScript
 * (scripts/build-service.mjs: bot/dist, built when missing or stale). The compiled service starts
 * on the embedded store with demo data, answers, serves the tab and stops on SIGTERM; the build
 * runs again only when a source it was built from changed. The tests themselves run through tsx.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../store/store-under-test.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = () =>
  execFileSync(process.execPath, ['scripts/build-service.mjs'], { cwd: root, encoding: 'utf8' });
const MAIN = path.join(root, 'bot/dist/src/main.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('The compiled service (npm start)', function () {
  this.timeout(120_000);

  it('When a source the build was made from changes, then the next start builds again; otherwise it does not', () => {
    build();
    assert.ok(existsSync(MAIN));
    assert.equal(build(), '', 'nothing to build');
    const source = path.join(root, 'bot/src/log.ts');
    const { atime, mtime } = statSync(source);
    try {
      const later = new Date(Date.now() + 60_000);
      utimesSync(source, later, later);
      assert.match(build(), /built the service: \d+ modules/);
      assert.equal(build(), '');
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it('When the compiled service is started, then it answers, serves the tab and stops on SIGTERM', async () => {
    build();
    const { dir, remove } = await tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (let i = 0; i < 200 && !health?.ok; i++) {
        health = await fetch(`${url}/healthz`).catch(() => undefined);
        if (!health?.ok) await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(health?.status, 200);
      assert.equal(((await health!.json()) as { status: string }).status, 'ok');
      const tab = await fetch(`${url}/`);
      assert.equal(tab.status, 200);
      assert.match(await tab.text(), /<div id="root"|<script/);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
      await remove();
    }
  });
});
