/**
 * Every phrase of the reason tables found in one text, in one pass.
 *
 * decide.ts asks a dozen questions of each recipient's three texts (its diagnostic, its part of
 * the report, the whole explanation): which cause row comes first, is there a DNS phrase, where
 * do the expiry words stand, which SMTP stage is named. One automaton holds the phrases of all
 * those tables, each text is read once, and the questions are answered from the hits.
 */
import { PhraseSet } from '../text/phrase-set';

/** A table: ordered rows of phrases (the first row with a hit wins). */
export type PhraseTable = readonly { readonly phrases: readonly string[] }[];

export interface Hit {
  /** Row of its table. */
  row: number;
  phrase: string;
  start: number;
  end: number;
}

export class HitIndex {
  private readonly tables: PhraseTable[];
  private readonly set: PhraseSet;
  /** Global group → its table and row. */
  private readonly owner: { table: number; row: number }[] = [];

  constructor(tables: readonly PhraseTable[]) {
    this.tables = [...tables];
    const entries: { group: number; phrase: string }[] = [];
    this.tables.forEach((rows, table) =>
      rows.forEach((r, row) => {
        const group = this.owner.length;
        this.owner.push({ table, row });
        for (const phrase of r.phrases) entries.push({ group, phrase });
      }),
    );
    this.set = new PhraseSet(entries);
  }

  /** Reads `text` once (lower-cased and white space folded, like the phrases). */
  read(text: string): TextHits {
    const byTable: (Hit[] | undefined)[] = new Array(this.tables.length);
    if (text) {
      this.set.each(text, (group, start, phrase) => {
        const { table, row } = this.owner[group];
        (byTable[table] ??= []).push({ row, phrase, start, end: start + phrase.length });
      });
    }
    return new TextHits(this.tables, byTable);
  }
}

export class TextHits {
  constructor(
    private readonly tables: readonly PhraseTable[],
    private readonly byTable: readonly (Hit[] | undefined)[],
  ) {}

  private hitsOf(table: PhraseTable): readonly Hit[] {
    const i = this.tables.indexOf(table);
    if (i === -1) throw new Error('table not in this index');
    return this.byTable[i] ?? [];
  }

  /**
   * The first row of `table` with a phrase inside [from, to) of the text, and that row's first
   * phrase in text order (rows `skip` says yes to left out).
   */
  first(table: PhraseTable, from = 0, to = Infinity, skip?: (row: number) => boolean): Hit | undefined {
    let best: Hit | undefined;
    for (const h of this.hitsOf(table)) {
      if (h.start < from || h.end > to || skip?.(h.row)) continue;
      if (!best || h.row < best.row) best = h;
    }
    return best;
  }

  /** Every hit of `table`, in text order. */
  all(table: PhraseTable): readonly Hit[] {
    return this.hitsOf(table);
  }

  /** Where `phrase` of `table` first stands in the text, or -1. */
  firstOccurrence(table: PhraseTable, phrase: string): number {
    for (const h of this.hitsOf(table)) if (h.phrase === phrase) return h.start;
    return -1;
  }

  /** The phrase of `table` that ends first in the text (the longest, on a tie). */
  earliest(table: PhraseTable): Hit | undefined {
    let best: Hit | undefined;
    for (const h of this.hitsOf(table)) {
      if (best && h.end > best.end) break;
      if (!best || h.end - h.start > best.end - best.start) best = h;
    }
    return best;
  }
}
