/** Shared by the corpus test files: where the corpus is, and a classify() that cannot throw. */
import { classify } from '../../lib';
import type { ClassifyOptions, ClassifyResult, RawInput } from '../../lib';
import { SHARED_CORPUS, needShared } from '../shared-data';

export const CORPUS = SHARED_CORPUS;
/**
 * '' when the corpus is present, else why the corpus tests are skipped. Locally they are skipped
 * without it; in CI that would drop the accuracy thresholds unnoticed, so importing this throws
 * there (test/shared-data.ts).
 */
export const MISSING = needShared('corpus', 'the corpus tests');

/** Classifies; a throw (which the robustness tests report on their own) becomes an error result here. */
export async function classifyOrError(input: RawInput, options?: ClassifyOptions): Promise<ClassifyResult> {
  try {
    return await classify(input, options);
  } catch (err) {
    return { kind: 'error', error: `classify threw: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** How many disagreement rows to print: CORPUS_DISAGREEMENTS=all or a number; 200 by default. */
export function disagreementLimit(): number {
  const value = process.env.CORPUS_DISAGREEMENTS;
  if (value === 'all') return Infinity;
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 0 ? n : 200;
}
