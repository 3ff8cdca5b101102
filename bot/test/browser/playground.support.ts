/**
 * The Microsoft 365 Agents Playground as the browser tests run it: its CLI started in a temporary
 * folder holding the given `.m365agentsplayground.yml`, against the service's bot endpoint, on a
 * free loopback port; `stop()` ends it and removes the folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAYGROUND_CONFIG } from '../../src/playground.ts';

/** Where the Playground tests keep their screenshots. */
export const PLAYGROUND_SCREENSHOT_DIR = path.join(tmpdir(), 'rph-playground-screenshots');

const root = fileURLToPath(new URL('../../../', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

export interface RunningPlayground {
  /** The Playground's own web page. */
  url: string;
  stop(): Promise<void>;
}

export async function startPlayground(
  serviceUrl: string,
  config: string
): Promise<RunningPlayground> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'rph-playground-'));
  writeFileSync(path.join(cwd, PLAYGROUND_CONFIG), config);
  const port = await freePort();
  const cli = path.join(root, 'node_modules/@microsoft/m365agentsplayground/cli.js');
  const playground = spawn(
    process.execPath,
    [
      cli,
      'start',
      '-e',
      `${serviceUrl}/api/messages`,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(port),
    ],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(cwd, 'pg.log'),
      },
    }
  );
  const stop = async () => {
    if (playground.exitCode === null && playground.signalCode === null) {
      playground.kill('SIGTERM');
      await new Promise((r) => playground.once('exit', r));
    }
    rmSync(cwd, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Playground did not start: ${out}`)), 30_000);
      playground.stdout!.on('data', (c) => {
        out += String(c);
        if (out.includes(`Listening on ${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      });
      playground.once('exit', (code) => reject(new Error(`Playground exited (${code}): ${out}`)));
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://localhost:${port}/`, stop };
}
