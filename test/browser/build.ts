/**
 * Builds the production extension (Chrome MV3 and Firefox) when the sources are newer than the
 * last build. Used by global-setup.ts, so a vitest run builds at most once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_DIR, FIREFOX_DIR, ROOT } from './paths';

const SOURCES = ['entrypoints', 'components', 'utils', 'lib', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function builtAt(dir: string): number {
  const manifest = join(dir, 'manifest.json');
  return existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
}

export function isBuildStale(): boolean {
  const sources = Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))));
  return Math.min(builtAt(CHROME_DIR), builtAt(FIREFOX_DIR)) < sources;
}

export function ensureBuilt(log: (line: string) => void = () => {}): void {
  if (!isBuildStale()) return;
  log('Building the extension (wxt build, chrome-mv3 and firefox-mv2)…');
  const wxt = join(ROOT, 'node_modules/.bin/wxt');
  for (const args of [['build'], ['build', '-b', 'firefox']]) {
    execFileSync(wxt, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  }
}
