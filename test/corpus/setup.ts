/** Shared by the corpus test files: where the corpus is, and a classify() that cannot throw. */
import { fileURLToPath } from 'node:url';
import { classify } from '../../lib';
import type { ClassifyOptions, ClassifyResult, RawInput } from '../../lib';
import { corpusDir, corpusMissing } from './corpus';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = corpusDir(repoRoot);
/** '' when the corpus is present, else why the corpus tests are skipped. */
export const MISSING = corpusMissing(CORPUS);
// Locally the corpus tests are skipped without the corpus; in CI that would drop the accuracy
// thresholds unnoticed, so it is an error there.
if (MISSING && process.env.CI) throw new Error(`${MISSING}; CI needs ../shared/corpus/sisimai next to the checkout`);
if (MISSING) console.warn(MISSING);

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
