#!/usr/bin/env node
/**
 * The service compiled to JavaScript, for `npm start` and the http and teams benches (the tests
 * keep running the TypeScript through tsx). Each module is compiled on its own by esbuild (types
 * stripped, no bundling, no `keepNames` wrappers, no source maps) into `bot/dist/`, mirroring
 * `bot/` (`bot/src/main.ts` -> `bot/dist/src/main.js`), with relative `.ts` imports rewritten to
 * `.js`; packages stay imports of node_modules. Only what the entry points reach is compiled,
 * found import by import. `bot/dist/manifest.json` lists the files it was built from with their
 * modification times: the build runs again when it is missing, or when one of them (or
 * package-lock.json, or this script) changed or is gone.
 *
 * `node scripts/build-service.mjs [--force]` builds when stale; `ensureServiceBuilt()` is what
 * start.mjs calls (bot/bench/run.ts runs this script).
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const botDir = path.join(root, 'bot');
export const SERVICE_DIST = path.join(botDir, 'dist');
/** The compiled entry point of the service (`npm start`). */
export const SERVICE_MAIN = path.join(SERVICE_DIST, 'src', 'main.js');
const manifestFile = path.join(SERVICE_DIST, 'manifest.json');

/** What `npm start` and the benches run. */
export const SERVICE_ENTRIES = ['src/main.ts', 'bench/run.ts'];
/** Files next to the entries' modules that they read at run time (copied as they are). */
const ASSETS = ['bench/http-load.mjs'];

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : null);
/** Besides the sources: the lock file names esbuild's version; this script, how the build is made. */
const ALSO = ['../package-lock.json', '../scripts/build-service.mjs'];

/**
 * True when bot/dist is missing, or when a file it was built from (a source, an asset, the lock
 * file or this script) is gone or has another modification time than when it was built.
 */
export function serviceStale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return true;
  }
  if (manifest.entries?.join() !== SERVICE_ENTRIES.join() || !manifest.built) return true;
  return Object.entries(manifest.built).some(([f, t]) => mtime(path.join(botDir, f)) !== t);
}

/** Compiles the modules the entries reach, one by one, into bot/dist. */
export async function buildService() {
  const { build } = await import('esbuild');
  rmSync(SERVICE_DIST, { recursive: true, force: true });
  const seen = new Set(SERVICE_ENTRIES.map((e) => path.join(botDir, e)));
  let pending = [...seen];
  const perFile = {
    name: 'per-file',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        const file = path.resolve(args.resolveDir, args.path);
        if (!seen.has(file)) {
          seen.add(file);
          pending.push(file);
        }
        return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      });
    },
  };
  while (pending.length > 0) {
    const entryPoints = pending;
    pending = [];
    await build({
      entryPoints,
      outdir: SERVICE_DIST,
      outbase: botDir,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      plugins: [perFile],
    });
  }
  for (const asset of ASSETS)
    copyFileSync(path.join(botDir, asset), path.join(SERVICE_DIST, asset));
  const sources = [...seen].map((f) => path.relative(botDir, f)).sort();
  const built = Object.fromEntries(
    [...sources, ...ASSETS, ...ALSO].map((f) => [f, mtime(path.join(botDir, f))])
  );
  writeFileSync(manifestFile, `${JSON.stringify({ entries: SERVICE_ENTRIES, built }, null, 2)}\n`);
  return sources.length;
}

/** Builds bot/dist when it is missing or stale. */
export async function ensureServiceBuilt() {
  if (!serviceStale()) return;
  const started = Date.now();
  const n = await buildService();
  process.stdout.write(
    `> built the service: ${n} modules into bot/dist in ${Date.now() - started} ms\n`
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--force')) await buildService();
  else await ensureServiceBuilt();
}
