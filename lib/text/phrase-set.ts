/**
 * A set of phrases found in one pass over a text (Aho–Corasick). The classifier looks for some
 * four hundred phrases in every diagnostic; checking them one indexOf at a time costs
 * phrases × text length, this costs text length plus the matches.
 *
 * Phrases are matched as given (callers lower-case both sides). Each phrase carries a number,
 * its group (a table row). `each` reports every occurrence in one pass (the classifier's
 * ordered tables are answered from it in text-hits.ts); `groups` lists every group found (the
 * knowledge base's provider wordings).
 */

interface Out {
  group: number;
  phrase: string;
}

/**
 * Built once per table: the trie's goto and failure functions are folded into one dense table
 * (a deterministic automaton), so reading a character is one array load. Its columns are the
 * table's own alphabet (the distinct characters of its phrases, some dozens): a character no
 * phrase has sends the automaton back to its start.
 */
export class PhraseSet {
  /** Column of each ASCII char (0: in no phrase). */
  private readonly ascii = new Uint16Array(128);
  /** Column of each other char that some phrase has. */
  private readonly other = new Map<number, number>();
  private readonly width: number;
  /** delta[state * width + column]: the next state. */
  private readonly delta: Uint16Array | Int32Array;
  /** Phrases ending at each state (own and, through failure links, inherited); null when none. */
  private readonly outs: (Out[] | null)[];

  constructor(entries: Iterable<{ group: number; phrase: string }>) {
    const list: Out[] = [];
    let used = 0;
    let chars = 0;
    for (const { group, phrase } of entries) {
      if (!phrase) continue;
      list.push({ group, phrase });
      chars += phrase.length;
      for (let i = 0; i < phrase.length; i++) {
        const c = phrase.charCodeAt(i);
        if (c < 128 ? this.ascii[c] === 0 : !this.other.has(c)) {
          if (c < 128) this.ascii[c] = ++used;
          else this.other.set(c, ++used);
        }
      }
    }
    const width = (this.width = used + 1);
    // The trie's goto table (0: no child; the start state is nobody's child), and each state's
    // children as a list (first child, next sibling, the child's column).
    const table = new Int32Array((chars + 1) * width);
    const firstChild = new Int32Array(chars + 1);
    const nextSibling = new Int32Array(chars + 1);
    const columnOf = new Int32Array(chars + 1);
    // The phrases ending at each state (most states end none).
    const own = new Map<number, Out[]>();
    let n = 1;
    for (const entry of list) {
      let state = 0;
      const phrase = entry.phrase;
      for (let i = 0; i < phrase.length; i++) {
        const col = this.column(phrase.charCodeAt(i));
        const at = state * width + col;
        if (table[at] === 0) {
          const child = n++;
          table[at] = child;
          columnOf[child] = col;
          nextSibling[child] = firstChild[state];
          firstChild[state] = child;
        }
        state = table[at];
      }
      const ending = own.get(state);
      if (ending) ending.push(entry);
      else own.set(state, [entry]);
    }
    const fail = new Int32Array(n);
    const outs: (Out[] | null)[] = new Array(n).fill(null);
    // Breadth first, turning the goto table into the automaton in place: a state's failure
    // state is finished before the state itself, so the state's row starts as a copy of that
    // row (one native copy, not a loop over the alphabet) and its own children are put back.
    const queue = new Int32Array(n);
    let tail = 1;
    for (let qi = 0; qi < tail; qi++) {
      const s = queue[qi];
      const row = s * width;
      if (s !== 0) {
        const f = fail[s];
        const inherited = outs[f];
        const ending = own.get(s);
        outs[s] = ending ? (inherited ? ending.concat(inherited) : ending) : inherited;
        table.copyWithin(row, f * width, f * width + width);
      }
      for (let child = firstChild[s]; child !== 0; child = nextSibling[child]) {
        const at = row + columnOf[child];
        // (The row holds the failure state's transitions now: where the child fails to.)
        fail[child] = s === 0 ? 0 : table[at];
        table[at] = child;
        queue[tail++] = child;
      }
    }
    this.delta = n < 65536 ? Uint16Array.from(table.subarray(0, n * width)) : table.slice(0, n * width);
    this.outs = outs;
  }

  /** The column of char code `c` (0 when no phrase has it). */
  private column(c: number): number {
    return c < 128 ? this.ascii[c] : this.other.size > 0 ? (this.other.get(c) ?? 0) : 0;
  }

  /** The state after reading char code `c` in `state`: one table load. */
  private next(state: number, c: number): number {
    const col = this.column(c);
    return col === 0 ? 0 : this.delta[state * this.width + col];
  }

  /** Every group with a phrase in `text` (each once). Linear in text length plus matches. */
  groups(text: string): Set<number> {
    const found = new Set<number>();
    this.each(text, (group) => found.add(group));
    return found;
  }

  /**
   * Calls `visit` for every occurrence of every phrase, in the order they end in the text, with
   * the phrase's group and where it starts. Linear in text length plus occurrences.
   */
  each(text: string, visit: (group: number, start: number, phrase: string) => void): void {
    for (let i = 0, state = 0; i < text.length; i++) {
      state = this.next(state, text.charCodeAt(i));
      const out = this.outs[state];
      if (out !== null) for (let k = 0; k < out.length; k++) visit(out[k].group, i + 1 - out[k].phrase.length, out[k].phrase);
    }
  }
}

/**
 * A finder for a plain list of phrases: the first one in the text (the leftmost; of several
 * starting there, the first listed). A literal alternation, which the engine runs natively:
 * linear in the text, and faster than a scan in script for this one question.
 */
export function phraseFinder(phrases: readonly string[]): (text: string) => string | undefined {
  const re = literalAlternation(phrases);
  return (text) => re.exec(text)?.[0];
}

/** One regular expression matching any of `phrases` as plain text (no quantifiers: linear). */
export function literalAlternation(phrases: readonly string[], flags = '', anchored = false): RegExp {
  const alternatives = phrases.filter((p) => p).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const body = alternatives.length ? alternatives.join('|') : '(?!)';
  return new RegExp(anchored ? `^(?:${body})` : body, flags);
}
