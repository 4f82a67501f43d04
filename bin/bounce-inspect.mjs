#!/usr/bin/env node
// bounce-inspect: a thin shim over the bundled CLI (dist/cli.mjs). `npm install` (or `npm ci`) builds the bundle
// (the `prepare` script); when it is missing, for instance in a fresh checkout, build it first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = new URL('../dist/cli.mjs', import.meta.url);

if (!existsSync(bundle)) {
  // The build script resolves its entry points from the package root. Its output goes to
  // stderr so that stdout stays clean for --jsonl.
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0 || !existsSync(bundle)) {
    process.stderr.write('bounce-inspect: could not build dist/cli.mjs (run `node scripts/build-cli.mjs` in the package to see why)\n');
    process.exit(1);
  }
}

await import(bundle.href);
