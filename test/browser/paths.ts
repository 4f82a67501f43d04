import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_DIR = join(ROOT, '.output/chrome-mv3');
export const FIREFOX_DIR = join(ROOT, '.output/firefox-mv2');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');
/** The labelled corpus, read-only, beside the repository. */
export const CORPUS_DIR = resolve(ROOT, '../shared/corpus/sisimai');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
