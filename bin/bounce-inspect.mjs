#!/usr/bin/env node
// bounce-inspect: a thin shim over the bundled CLI (dist/cli.mjs). `npm install` (or `npm ci`) builds the bundle
// (the `prepare` script). When it is missing (a fresh checkout), or older than the sources next
// to it (a checkout someone has edited or pulled since), it is built first, so the tool never
// runs code other than what the sources say.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = new URL('../dist/cli.mjs', import.meta.url);

/** Newest modification time of the TypeScript sources under `dir` (0 when there are none). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return ['lib', 'cli'].some((dir) => newestSource(join(root, dir)) > built);
}

if (stale()) {
  const missing = !existsSync(bundle);
  // The build script resolves its entry points from the package root. Its output goes to
  // stderr so that stdout stays clean for --jsonl.
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0 || !existsSync(bundle)) {
    if (missing) {
      process.stderr.write('bounce-inspect: could not build dist/cli.mjs (run `node scripts/build-cli.mjs` in the package to see why)\n');
      process.exit(1);
    }
    process.stderr.write('bounce-inspect: the sources changed but dist/cli.mjs could not be rebuilt; running the older build\n');
  }
}

await import(bundle.href);
