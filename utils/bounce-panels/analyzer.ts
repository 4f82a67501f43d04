/**
 * The heavy half of the content scripts: the classifier (with its MIME parser and tables) and
 * the advice, bundled apart as an ES module (content-scripts/webmail-analyzer.js, built by the
 * hook in wxt.config.ts) and loaded with import() the first time a bounce is open. Ordinary mail
 * never loads it. Plain data in and out: the panel renders what this returns.
 */
import { outcomeOfClassification, type Outcome } from '@/components/verdict-view';
import { classify } from '@/lib/classify/classify';
import { advise } from '@/lib/knowledge';
import { rankProviderRows, providerBySentence } from '@/lib/knowledge/provider-match';
import { readPhrases } from '@/lib/classify/phrases';
import type { ClassifyOptions, ClassifyResult, RawInput } from '@/lib/types';

export interface Analysis {
  result: ClassifyResult;
  /** The cards to show (or the message instead of cards), with advice per recipient. */
  outcome: Outcome;
}

/**
 * The classifier's tables, each built on first use: the phrase automaton (the biggest, some 25 ms
 * on a fast machine), then the provider responses' index and sentences. The loader runs one step
 * per task before the first classification, so that no single task of ours builds them all.
 */
export const warmUpSteps: readonly (() => void)[] = [
  () => void readPhrases('warm up'),
  () => {
    rankProviderRows('warm up');
    providerBySentence('warm up');
  },
];

export async function analyze(input: RawInput, options?: ClassifyOptions): Promise<Analysis> {
  const result = await classify(input, options);
  return { result, outcome: outcomeOfClassification(result, advise) };
}
