/**
 * The heavy half of the content scripts: the classifier (with its MIME parser and tables) and
 * the advice, bundled apart as an ES module (content-scripts/webmail-analyzer.js, built by the
 * hook in wxt.config.ts) and loaded with import() the first time a bounce is open. Ordinary mail
 * never loads it. Plain data in and out: the panel renders what this returns.
 */
import { outcomeOfClassification, type Outcome } from '@/components/verdict-view';
import { classify } from '@/lib/classify/classify';
import { advise } from '@/lib/knowledge';
import type { ClassifyOptions, ClassifyResult, RawInput } from '@/lib/types';

export interface Analysis {
  result: ClassifyResult;
  /** The cards to show (or the message instead of cards), with advice per recipient. */
  outcome: Outcome;
}

export async function analyze(input: RawInput, options?: ClassifyOptions): Promise<Analysis> {
  const result = await classify(input, options);
  return { result, outcome: outcomeOfClassification(result, advise) };
}
