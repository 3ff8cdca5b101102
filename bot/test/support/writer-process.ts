/**
 * A child process that writes and is killed with SIGKILL mid-write (the durability tests): it
 * prints a line per acknowledged write, so the parent knows what must survive the crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface Writer {
  child: ChildProcess;
  lines: string[];
  /** Resolves once a printed line satisfies `pred`. */
  waitFor(pred: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** SIGKILLs the child and resolves once it exited and its output is drained. */
  kill(): Promise<void>;
}

/** Runs `script` (TypeScript, through tsx) with `args` from the repository root. */
export function startWriterProcess(script: string, args: string[]): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    lines,
    waitFor: (pred, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (pred(lines)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`writer did not get there in time; stderr:\n${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        child.once('exit', () => setTimeout(check, 50));
        check();
      }),
    kill: async () => {
      child.kill('SIGKILL');
      await closed;
    },
  };
}

/**
 * Runs `script` on a data directory until it printed `ready` and then `count` lines starting
 * with `prefix ` (acknowledged writes), then SIGKILLs it: answers every line it printed.
 */
export async function writeUntilKilled(
  script: string,
  dir: string,
  prefix: string,
  count: number
): Promise<string[]> {
  const w = startWriterProcess(script, [dir]);
  await w.waitFor((lines) => lines.includes('ready'), 60_000);
  await w.waitFor(
    (lines) => lines.filter((l) => l.startsWith(`${prefix} `)).length >= count,
    60_000
  );
  await w.kill();
  return w.lines;
}
