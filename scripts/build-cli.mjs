// Bundles the Node entry points (the command line tool and the benchmark) into dist/.
// Runs on `npm install` (the `prepare` script), so `bounce-inspect` works with no further step.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'cli/main.ts',
  bench: 'scripts/bench.ts',
};

const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
