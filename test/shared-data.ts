/**
 * The shared data beside the checkout, which the repository does not hold: the labelled corpus
 * (../shared/corpus/sisimai/) and the reference tables (../shared/reference/). Every test that
 * reads it asks here first:
 *
 *   const NO_CORPUS = needShared('corpus', 'the checks against the corpus labels');
 *   it.skipIf(NO_CORPUS)('…', () => { … });   // or describe.skipIf(NO_CORPUS)
 *
 * Without the data, `needShared` says once which tests are skipped and why, and returns that
 * reason (truthy) for `skipIf`; in CI (`CI` set) it throws instead, so the test file fails with
 * the reason rather than losing its checks unnoticed. With the data it returns ''.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './browser/paths';
import { corpusDir } from './corpus/corpus';

export type SharedPart = 'corpus' | 'reference';

/** Where each part lives, and the entries the tests read from it. */
const PARTS: Readonly<Record<SharedPart, { dir: string; needs: readonly string[] }>> = {
  corpus: { dir: corpusDir(ROOT), needs: ['labels.json', 'bsd'] },
  reference: {
    dir: resolve(ROOT, '../shared/reference'),
    needs: ['enhanced-status-codes.json', 'basic-reply-codes.json', 'provider-responses.json'],
  },
};

/** The labelled corpus: labels.json and the bsd/, dos/, mac/ and not/ folders of .eml files. */
export const SHARED_CORPUS = PARTS.corpus.dir;
/** The reference tables the knowledge base is checked against. */
export const SHARED_REFERENCE = PARTS.reference.dir;

/** '' when the part is there, else what is missing and where. */
export function sharedMissing(part: SharedPart): string {
  const { dir, needs } = PARTS[part];
  const absent = needs.filter((name) => !existsSync(join(dir, name)));
  return absent.length === 0 ? '' : `shared ${part} not found at ${dir} (missing ${absent.join(', ')})`;
}

/**
 * '' when `part` is there. Otherwise, locally: warns once, naming `what` (the tests that are
 * skipped: 'the corpus tests'), and returns the reason for `skipIf`; in CI: throws with it.
 */
export function needShared(part: SharedPart, what: string): string {
  const missing = sharedMissing(part);
  if (!missing) return '';
  const where = part === 'corpus' ? '../shared/corpus/sisimai/' : '../shared/reference/';
  if (process.env.CI) throw new Error(`${missing}; CI runs every test, ${what} included: put ${where} next to the checkout`);
  console.warn(`${missing}: skipping ${what} (to run them, put ${where} next to the checkout; README, "Set up")`);
  return missing;
}
