import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir } from '../corpus/corpus';

/** The repository root: the nearest folder above this module with a wxt.config.ts (works when bundled too). */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'wxt.config.ts'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '../..');
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const CHROME_DIR = join(ROOT, '.output/chrome-mv3');
export const FIREFOX_DIR = join(ROOT, '.output/firefox-mv2');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');
/** The labelled corpus, read-only, beside the repository (tests ask test/shared-data.ts whether it is there). */
export const CORPUS_DIR = corpusDir(ROOT);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
