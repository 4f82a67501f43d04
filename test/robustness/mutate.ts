/**
 * Mutations of real messages for property-based tests: byte flips, truncation, duplicated and
 * removed lines, and stray or altered MIME boundaries. Positions are taken modulo the size.
 */
import fc from 'fast-check';

export type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate-line'; line: number; times: number }
  | { op: 'remove-line'; line: number }
  | { op: 'insert-boundary'; line: number; boundary: string; closing: boolean }
  | { op: 'rename-boundaries'; boundary: string };

const boundaryText = fc.string({ unit: 'grapheme-ascii', maxLength: 70 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('remove-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('insert-boundary' as const), line: fc.nat(), boundary: boundaryText, closing: fc.boolean() }),
  fc.record({ op: fc.constant('rename-boundaries' as const), boundary: boundaryText }),
);

export function applyMutations(message: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = message;
  for (const m of mutations) bytes = applyOne(bytes, m);
  return bytes;
}

function applyOne(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = bytes.slice();
      copy[m.at % copy.length] = m.byte;
      return copy;
    }
    case 'truncate':
      return bytes.slice(0, m.at % (bytes.length + 1));
    case 'duplicate-line':
      return editLines(bytes, (lines) => {
        if (lines.length === 0) return lines;
        const i = m.line % lines.length;
        return [...lines.slice(0, i + 1), ...Array<string>(m.times).fill(lines[i]), ...lines.slice(i + 1)];
      });
    case 'remove-line':
      return editLines(bytes, (lines) => lines.filter((_, i) => i !== m.line % Math.max(1, lines.length)));
    case 'insert-boundary':
      return editLines(bytes, (lines) => {
        const i = m.line % (lines.length + 1);
        return [...lines.slice(0, i), `--${m.boundary}${m.closing ? '--' : ''}`, ...lines.slice(i)];
      });
    case 'rename-boundaries': {
      // Declares a new boundary in every Content-Type, leaving the delimiter lines as they were.
      const text = latin1(bytes).replace(/boundary="?[^";\r\n]{0,200}"?/gi, `boundary="${m.boundary}"`);
      return fromLatin1(text);
    }
  }
}

function editLines(bytes: Uint8Array, edit: (lines: string[]) => string[]): Uint8Array {
  return fromLatin1(edit(latin1(bytes).split('\n')).join('\n'));
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
