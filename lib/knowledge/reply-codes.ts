/**
 * Basic reply codes (RFC 5321): the table, and an explanation from the digits for any other
 * three-digit code.
 */
import { REASONS, type Layer, type Reason } from '../reasons';
import type { ReplyRow } from './schema';
import { REPLY_ROWS } from './tables/reply-table';

export { REPLY_ROWS };

export interface ReplyExplanation {
  /** 'reply.550', or 'reply.derived.599' for a code the RFCs do not list. */
  id: string;
  reply: string;
  title: string;
  meaning: string;
  reason: Reason;
  /** True for 5yz. */
  permanent: boolean;
  layer: Layer;
  registered: boolean;
  source: string;
}

const BY_CODE: ReadonlyMap<string, ReplyRow> = new Map(REPLY_ROWS.map((r) => [r.code, r]));

const FIRST: Readonly<Record<string, { sentence: string; reason: Reason }>> = {
  '2': { sentence: 'A positive reply: the server did what was asked.', reason: 'delivered' },
  '3': { sentence: 'An intermediate reply: the server waits for more from the client.', reason: 'undefined' },
  '4': { sentence: 'A temporary failure: the same request may work later.', reason: 'systemerror' },
  '5': { sentence: 'A permanent failure: the same request will not work as it is.', reason: 'onhold' },
};

const SECOND: Readonly<Record<string, string>> = {
  '0': 'The second digit points to a syntax problem.',
  '1': 'The second digit marks an informational reply.',
  '2': 'The second digit concerns the connection.',
  '5': 'The second digit concerns the mail system.',
};

export function parseReply(reply: string): string | undefined {
  if (typeof reply !== 'string') return undefined;
  const r = reply.trim();
  return /^[2-5][0-9][0-9]$/.test(r) ? r : undefined;
}

/** Explains a basic reply code; undefined for anything that is not one (first digit 2 to 5). */
export function explainReply(reply: string): ReplyExplanation | undefined {
  const code = parseReply(reply);
  if (!code) return undefined;
  const row = BY_CODE.get(code);
  if (row) {
    return { id: row.id, reply: code, title: row.title, meaning: row.meaning, reason: row.reason, permanent: code[0] === '5', layer: row.layer, registered: true, source: row.source };
  }
  const first = FIRST[code[0]];
  const second = SECOND[code[1]] ?? 'The second digit has no defined meaning.';
  return {
    id: `reply.derived.${code}`,
    reply: code,
    title: `Unlisted ${code[0]}xx reply`,
    meaning: `${first.sentence} ${second} RFC 5321 does not list ${code}, so the server's own words explain it.`,
    reason: first.reason,
    permanent: code[0] === '5',
    layer: REASONS[first.reason].layer,
    registered: false,
    source: 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1',
  };
}
