/**
 * Lint for the classifier's own word tables: every phrase can win, none is written twice, and
 * matching works on the normalised (lower-cased, single-spaced) text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSE_ROWS, CONNECTION_ROW, DNS_ROW, normaliseForMatch, WEAK_ROWS, type PhraseRow } from '../../lib/classify/phrases';
import { reasonForStatus } from '../../lib/classify/status-reasons';
import { STATUS_ROWS } from '../../lib/knowledge/enhanced-status';
import { REASON_NAMES } from '../../lib/reasons';

const TIERS: [string, readonly PhraseRow[]][] = [
  ['cause', CAUSE_ROWS],
  ['weak', WEAK_ROWS],
  ['network', [DNS_ROW, CONNECTION_ROW]],
];

describe.each(TIERS)('%s phrases', (_name, rows) => {
  it('are lower-case, trimmed and single-spaced', () => {
    for (const row of rows) for (const p of row.phrases) expect(p, row.id).toBe(p.toLowerCase().replace(/\s+/g, ' '));
  });

  it('have unique row ids', () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('are never shadowed: no phrase contains an earlier (or same-row) phrase, so each can decide', () => {
    const shadowed: string[] = [];
    rows.forEach((row, i) => {
      for (const p of row.phrases) {
        for (const earlier of rows.slice(0, i + 1)) {
          for (const q of earlier.phrases) if (q !== p && p.includes(q)) shadowed.push(`"${p}" (${row.id}) contains "${q}" (${earlier.id})`);
        }
      }
    });
    expect(shadowed).toEqual([]);
  });
});

describe('reasons', () => {
  it('every failure reason can be reached from the words or the status codes', () => {
    const reachable = new Set([...CAUSE_ROWS, ...WEAK_ROWS, DNS_ROW, CONNECTION_ROW].map((r) => r.reason));
    for (const row of STATUS_ROWS) {
      for (const cls of ['4', '5']) {
        const r = reasonForStatus(cls + row.code.slice(1));
        if (r) reachable.add(r);
      }
    }
    // decided by the kind of report or as fallbacks in decide.ts, not by words
    for (const r of ['delivered', 'feedback', 'vacation', 'expired', 'undefined', 'onhold'] as const) reachable.add(r);
    expect(REASON_NAMES.filter((r) => !reachable.has(r))).toEqual([]);
  });
});

describe('normaliseForMatch', () => {
  it('lower-cases and folds every run of white space to one space', () => {
    const unit = fc.constantFrom('A', 'b', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u3000', 'É', '’', '‘', "'");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        expect(normaliseForMatch(s)).toBe(s.toLowerCase().replace(/\s+/g, ' ').replace(/[‘’]/g, "'"));
      }),
      { numRuns: 1000 },
    );
  });
});
