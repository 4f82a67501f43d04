/**
 * Finds and reads the labelled development corpus, which lives outside the repository in
 * ../shared/corpus/sisimai (read-only). Used by the tests that read the corpus and by
 * scripts/bench.ts; tests ask test/shared-data.ts whether it is there (`needShared`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Label } from './score';

export function corpusDir(repoRoot: string): string {
  return resolve(repoRoot, '../shared/corpus/sisimai');
}

/** A reason to skip corpus tests, or '' when the corpus is there. */
export function corpusMissing(dir: string): string {
  return existsSync(join(dir, 'labels.json')) && existsSync(join(dir, 'bsd'))
    ? ''
    : `corpus not found at ${dir} (expected labels.json and bsd/): corpus tests skipped`;
}

export function loadLabels(dir: string): Label[] {
  return JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
}

/** The .eml files of one corpus folder ('bsd', 'dos', 'mac', 'not'), sorted. */
export function listMessages(dir: string, folder: string): string[] {
  const path = join(dir, folder);
  if (!existsSync(path)) return [];
  return readdirSync(path).filter((f) => f.endsWith('.eml')).sort();
}

export function readMessage(dir: string, folder: string, file: string): Uint8Array {
  return readFileSync(join(dir, folder, file));
}
