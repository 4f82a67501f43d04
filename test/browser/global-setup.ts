/**
 * vitest globalSetup: makes sure .output/ holds a fresh production build before the tests that
 * drive Chromium (test/browser/ and test/e2e/), once for the whole run.
 * Skipped when the run is filtered to other folders (e.g. `vitest run test/lib`), or with
 * BI_SKIP_BUILD=1.
 */
import { ensureBuilt } from './build';

/** Whether this run includes the real-browser suites. */
function runsBrowserTests(argv: readonly string[]): boolean {
  const runIndex = argv.findIndex((arg) => arg === 'run' || arg.endsWith('vitest') || arg.endsWith('vitest.mjs'));
  const filters = argv.slice(runIndex + 1).filter((arg) => !arg.startsWith('-') && arg !== 'run');
  return filters.length === 0 || filters.some((f) => f.includes('browser') || f.includes('e2e'));
}

export default function setup() {
  if (process.env.BI_SKIP_BUILD === '1' || !runsBrowserTests(process.argv)) return;
  ensureBuilt((line) => console.log(line));
}
