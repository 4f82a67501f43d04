/**
 * A multi-pattern substring index (Aho-Corasick) over the provider rows' texts: one linear pass
 * over a diagnostic finds every row text it contains, instead of one indexOf per text.
 */
export class TextIndex {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ids that end at each state, including those reached through failure links. */
  private readonly out: number[][] = [[]];

  constructor(readonly patterns: readonly string[]) {
    patterns.forEach((p, id) => {
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let to = this.next[state].get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[state].set(c, to);
        }
        state = to;
      }
      this.out[state].push(id);
    });
    // Breadth-first: failure links and merged outputs.
    const queue: number[] = [];
    for (const to of this.next[0].values()) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q];
      for (const [c, to] of this.next[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const g = this.next[f].get(c);
        this.fail[to] = g !== undefined && g !== to ? g : 0;
        if (this.out[this.fail[to]].length > 0) this.out[to] = this.out[to].concat(this.out[this.fail[to]]);
        queue.push(to);
      }
    }
  }

  /** Ids of the patterns that occur in the text (each once). Linear in text length plus hits. */
  find(text: string): Set<number> {
    const found = new Set<number>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.next[state].get(c);
      while (to === undefined && state !== 0) {
        state = this.fail[state];
        to = this.next[state].get(c);
      }
      state = to ?? 0;
      const o = this.out[state];
      for (let k = 0; k < o.length; k++) found.add(o[k]);
    }
    return found;
  }
}
