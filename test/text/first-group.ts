import type { PhraseSet } from '../../lib/text/phrase-set';

/**
 * The lowest group with a phrase in `text`, and the first phrase of that group found (in text
 * order): how an ordered table decides, answered from PhraseSet.each alone, as a reference.
 */
export function firstGroup(set: PhraseSet, text: string): { group: number; phrase: string } | undefined {
  let best: { group: number; phrase: string } | undefined;
  set.each(text, (group, _start, phrase) => {
    if (best === undefined || group < best.group) best = { group, phrase };
  });
  return best;
}
