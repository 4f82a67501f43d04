/**
 * A set of phrases found in one pass over a text (Aho–Corasick). The classifier looks for some
 * four hundred phrases in every diagnostic; checking them one indexOf at a time costs
 * phrases × text length, this costs text length plus the matches.
 *
 * Phrases are matched as given (callers lower-case both sides). Each phrase carries a number,
 * its group (a table row); `firstGroup` answers "which is the lowest group with any phrase in
 * this text", which is how the classifier's ordered tables decide; `groups` lists every group
 * found (the knowledge base's provider wordings); `earliest` finds the first phrase in text order.
 */

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Groups and phrases ending here (own and, through fail links, inherited). */
  out: { group: number; phrase: string }[];
}

export class PhraseSet {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  /** Chars that can start a phrase: from the root, anything else is skipped in a tight loop. */
  private readonly starts = new Uint8Array(65536);

  constructor(entries: Iterable<{ group: number; phrase: string }>) {
    for (const { group, phrase } of entries) this.add(group, phrase);
    for (const c of this.nodes[0].next.keys()) this.starts[c] = 1;
    this.link();
  }

  /** The next index at or after `i` whose char can start a phrase (text.length when none). */
  private skip(text: string, i: number): number {
    const starts = this.starts;
    while (i < text.length && starts[text.charCodeAt(i)] === 0) i++;
    return i;
  }

  private add(group: number, phrase: string): void {
    if (!phrase) return;
    let state = 0;
    for (let i = 0; i < phrase.length; i++) {
      const c = phrase.charCodeAt(i);
      let to = this.nodes[state].next.get(c);
      if (to === undefined) {
        to = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        this.nodes[state].next.set(c, to);
      }
      state = to;
    }
    this.nodes[state].out.push({ group, phrase });
  }

  /** Breadth-first failure links; outputs are merged along them. */
  private link(): void {
    const queue: number[] = [];
    for (const to of this.nodes[0].next.values()) queue.push(to);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [c, to] of this.nodes[s].next) {
        let f = this.nodes[s].fail;
        while (f !== 0 && !this.nodes[f].next.has(c)) f = this.nodes[f].fail;
        const candidate = this.nodes[f].next.get(c);
        this.nodes[to].fail = candidate !== undefined && candidate !== to ? candidate : 0;
        this.nodes[to].out = this.nodes[to].out.concat(this.nodes[this.nodes[to].fail].out);
        queue.push(to);
      }
    }
  }

  /** The state after reading char code `c` in `state`, following failure links as needed. */
  private step(state: number, c: number): number {
    const nodes = this.nodes;
    let to = nodes[state].next.get(c);
    while (to === undefined && state !== 0) {
      state = nodes[state].fail;
      to = nodes[state].next.get(c);
    }
    return to ?? 0;
  }

  /**
   * The lowest group with a phrase in `text`, and the first phrase of that group found
   * (in text order); undefined when none occurs.
   */
  firstGroup(text: string): { group: number; phrase: string } | undefined {
    let best: { group: number; phrase: string } | undefined;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      if (state === 0 && (i = this.skip(text, i)) >= text.length) break;
      state = this.step(state, text.charCodeAt(i));
      const out = this.nodes[state].out;
      for (let k = 0; k < out.length; k++) {
        if (!best || out[k].group < best.group) best = out[k];
      }
      if (best && best.group === 0) return best;
    }
    return best;
  }

  /** Every group with a phrase in `text` (each once). Linear in text length plus matches. */
  groups(text: string): Set<number> {
    const found = new Set<number>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      if (state === 0 && (i = this.skip(text, i)) >= text.length) break;
      state = this.step(state, text.charCodeAt(i));
      const out = this.nodes[state].out;
      for (let k = 0; k < out.length; k++) found.add(out[k].group);
    }
    return found;
  }

  /** The phrase that ends first in `text` and where it starts; undefined when none occurs. */
  earliest(text: string): { index: number; phrase: string } | undefined {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      if (state === 0 && (i = this.skip(text, i)) >= text.length) break;
      state = this.step(state, text.charCodeAt(i));
      const out = this.nodes[state].out;
      if (out.length) {
        // Of the phrases ending here, the longest starts first.
        let best = out[0];
        for (const o of out) if (o.phrase.length > best.phrase.length) best = o;
        return { index: i + 1 - best.phrase.length, phrase: best.phrase };
      }
    }
    return undefined;
  }
}

/** A finder for a plain list of phrases: the first one (in text order) that occurs. */
export function phraseFinder(phrases: readonly string[]): (text: string) => string | undefined {
  const set = new PhraseSet(phrases.map((phrase) => ({ group: 0, phrase })));
  return (text) => set.earliest(text)?.phrase;
}
