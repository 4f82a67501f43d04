/**
 * Recognising providers and their responses in a diagnostic text.
 *
 * detectProvider: host names and markers, plus provider tokens (S3150, AS(201806281), TSS04,
 * p=NoSuchUser, ...), found in one pass of a phrase automaton (PhraseSet) with character checks
 * around each hit. providerBySentence: a provider's own long sentences, one native search.
 *
 * matchProviderResponse: the best non-marker provider row for a text. Precedence is explicit and
 * does not depend on table order:
 *   1. code agreement with the reply/status found in the message (status exact or in range +6,
 *      same class and subject +2, same class +1, other class -4; reply exact +3, same class +1,
 *      other class -3), plus +2 when the row's provider is the one recognised in the text;
 *   2. then the longest matched text (a more specific wording beats a shorter one it contains);
 *   3. then an exact provider token (S3150 over S3140 when both share the same wording);
 *   4. a remaining tie goes to the earlier row; the table tests fail if any row's own sample
 *      ends in such a tie, so this never decides a documented response.
 */
import type { Reason } from '../reasons';
import type { ProviderId } from '../types';
import { PROVIDER_ROWS } from './providers';
import type { ProviderRow } from './schema';
import { endsAtEdge, extractTokens, SCAN_LIMIT, startsAtEdge, TOKEN_NEEDLES, TokenReader, tokenProvider } from './provider-tokens';
import { PhraseSet, phraseFinder } from '../text/phrase-set';
import { joinContinuations } from '../text/smtp-text';

export { extractTokens };

export interface ProviderMatch {
  id: string;
  provider: ProviderId;
  reason: Reason;
  permanent: boolean;
  /** Provider tokens found in the text, canonical case. */
  tokens: string[];
  status?: string;
  reply?: string;
}

export interface DetectedProvider {
  provider: ProviderId;
  tokens: string[];
}

/**
 * Host names and markers, in precedence order: the mailbox provider that answered comes before a
 * filter or blocklist it mentions. `edge` markers must start at a name boundary ("me.com" is not
 * "acme.com").
 */
const MARKERS: readonly { readonly provider: ProviderId; readonly texts: readonly string[]; readonly edge?: true }[] = [
  { provider: 'google', texts: ['gsmtp', '.google.com', 'googlemail.com', 'gcdp'] },
  { provider: 'microsoft', texts: ['protection.outlook.com', 'outlook.com', 'hotmail.com', 'office365.com', 'exchangelabs.com', 'messaging.microsoft.com', 'sender.office.com', 'storedrv.', 'resolver.adr.', 'resolver.rst.'] },
  { provider: 'microsoft', texts: ['live.com', 'msn.com'], edge: true },
  { provider: 'yahoo', texts: ['yahoodns.net', 'yahoo.com', 'yahooinc.com', 'verizon.net'] },
  { provider: 'yahoo', texts: ['aol.com'], edge: true },
  { provider: 'apple', texts: ['icloud.com', 'me.com', 'mac.com'], edge: true },
  { provider: 'amazon', texts: ['amazonses.com'] },
  { provider: 'comcast', texts: ['comcast.net'] },
  { provider: 'cox', texts: ['cox.net'], edge: true },
  { provider: 'spectrum', texts: ['charter.net', 'spectrum.net', 'rr.com'], edge: true },
  { provider: 'godaddy', texts: ['secureserver.net'] },
  { provider: 'gmx', texts: ['gmx.net', 'gmx.com', 'gmx.de', 'web.de'], edge: true },
  { provider: 'mailru', texts: ['mail.ru'], edge: true },
  { provider: 'yandex', texts: ['yandex.'] },
  { provider: 'zoho', texts: ['zoho.com', 'zohomail.'] },
  { provider: 'proton', texts: ['protonmail.ch', 'proton.me', 'mail system at protonmail'] },
  { provider: 'tencent', texts: ['tencent'] },
  { provider: 'tencent', texts: ['qq.com'], edge: true },
  { provider: 'netease', texts: ['163.com', '126.com', 'yeah.net', 'netease'], edge: true },
  { provider: 'orange', texts: ['orange.fr', 'wanadoo.fr', 'laposte.net'] },
  { provider: 'telekom', texts: ['t-online.de'], edge: true },
  // Telekom's greeting refusals name a contact address, often elided in what is pasted; this
  // wording of theirs remains.
  { provider: 'telekom', texts: ['ask your postmaster for help or to contact'] },
  { provider: 'mimecast', texts: ['mimecast'] },
  { provider: 'proofpoint', texts: ['pphosted.com', 'proofpoint'] },
  { provider: 'barracuda', texts: ['barracuda'] },
  { provider: 'sophos', texts: ['xgemail_', 'hydra.sophos.com'] },
  { provider: 'spamhaus', texts: ['spamhaus'] },
  { provider: 'cloudmark', texts: ['cloudmark'] },
];

/** Every marker text, with its provider's position in MARKERS. */
const MARKER_TEXTS = MARKERS.flatMap((m, index) => m.texts.map((text) => ({ text, index, edge: m.edge === true })));
/**
 * Token needles (groups 0 to TOKEN_NEEDLES.length - 1) and marker texts (the groups after) in
 * one automaton: one pass over a text finds both.
 */
const PROVIDER_SIGNS = new PhraseSet([
  ...TOKEN_NEEDLES.map((phrase, group) => ({ group, phrase })),
  ...MARKER_TEXTS.map(({ text }, i) => ({ group: TOKEN_NEEDLES.length + i, phrase: text })),
]);

/** The provider named by host names, markers or tokens in a lower-cased text, and its tokens. */
export function detectProvider(lowerText: string): DetectedProvider {
  if (typeof lowerText !== 'string') return { provider: '', tokens: [] };
  const s = lowerText.length > SCAN_LIMIT ? lowerText.slice(0, SCAN_LIMIT) : lowerText;
  // One pass for tokens and markers; of the markers, the earliest provider in MARKERS order wins.
  const reader = new TokenReader(s);
  let best = MARKERS.length;
  PROVIDER_SIGNS.each(s, (group, start) => {
    if (group < TOKEN_NEEDLES.length) return reader.at(group, start);
    const { text, index, edge } = MARKER_TEXTS[group - TOKEN_NEEDLES.length];
    if (index >= best) return;
    if (edge && !(startsAtEdge(s, start) && endsAtEdge(s, start + text.length))) return;
    best = index;
  });
  const tokens = reader.tokens;
  // A provider's own token (S3150, TSS04, AUP#I-1310) names who wrote the reply; a host name
  // may be another party's (the sender's address, a filter the reply mentions).
  for (const t of tokens) {
    const byToken = tokenProvider(t);
    if (byToken) return { provider: byToken, tokens };
  }
  return { provider: best < MARKERS.length ? MARKERS[best].provider : '', tokens };
}

function parseStatus(status: string): [number, number, number] | undefined {
  const p = status.split('.');
  if (p.length !== 3) return undefined;
  const n = p.map(Number);
  return n.every((x) => Number.isInteger(x)) ? [n[0], n[1], n[2]] : undefined;
}

function statusScore(row: ProviderRow, status: string | undefined): number {
  if (!status || (!row.status && !row.statusRange)) return 0;
  const got = parseStatus(status);
  if (!got) return 0;
  if (row.status === status) return 6;
  if (row.statusRange) {
    const lo = parseStatus(row.statusRange[0])!;
    const hi = parseStatus(row.statusRange[1])!;
    if (got[0] === lo[0] && got[1] === lo[1] && got[2] >= lo[2] && got[2] <= hi[2]) return 6;
  }
  const own = parseStatus(row.status ?? row.statusRange![0])!;
  if (own[0] !== got[0]) return -4;
  return own[1] === got[1] ? 2 : 1;
}

function replyScore(row: ProviderRow, reply: string | undefined): number {
  if (!reply || !row.reply) return 0;
  if (row.reply === reply) return 3;
  return row.reply[0] === reply[0] ? 1 : -3;
}

interface Hit {
  /** Length of the longest matched text; 0 when only a token matched. */
  length: number;
  /** An exact provider token of the row was found. */
  token: boolean;
}

const TOKEN_ROWS: ReadonlyMap<string, number[]> = (() => {
  const m = new Map<string, number[]>();
  PROVIDER_ROWS.forEach((row, r) => {
    if (row.marker) return;
    for (const t of row.tokens ?? []) m.set(t, [...(m.get(t) ?? []), r]);
  });
  return m;
})();

function rowsOfToken(token: string): readonly number[] {
  return TOKEN_ROWS.get(token) ?? [];
}

/** Every row text in one substring index; built on first use. */
let INDEX: { index: PhraseSet; texts: string[]; rowsOf: number[][] } | undefined;

function textIndex(): { index: PhraseSet; texts: string[]; rowsOf: number[][] } {
  if (!INDEX) {
    const ids = new Map<string, number>();
    const rowsOf: number[][] = [];
    PROVIDER_ROWS.forEach((row, r) => {
      if (row.marker) return;
      for (const t of row.texts) {
        let id = ids.get(t);
        if (id === undefined) {
          id = rowsOf.length;
          ids.set(t, id);
          rowsOf.push([]);
        }
        rowsOf[id].push(r);
      }
    });
    const texts = [...ids.keys()];
    INDEX = { index: new PhraseSet(texts.map((phrase, group) => ({ group, phrase }))), texts, rowsOf };
  }
  return INDEX;
}

/** How a candidate row matches the text, or undefined when its other conditions fail. */
function confirm(row: ProviderRow, s: string, found: DetectedProvider, length: number): Hit | undefined {
  const token = row.tokens !== undefined && row.tokens.some((t) => found.tokens.includes(t));
  if (length === 0 && !token) return undefined;
  if (row.all) for (const t of row.all) if (!s.includes(t)) return undefined;
  if (row.unless) for (const t of row.unless) if (s.includes(t)) return undefined;
  if (row.re && !row.re.test(s)) return undefined;
  if (row.needsProvider && found.provider !== row.provider) return undefined;
  return { length, token };
}

export interface ScoredRow {
  row: ProviderRow;
  score: number;
  /** Longest matched text. */
  length: number;
  /** An exact provider token matched. */
  token: boolean;
}

function better(a: ScoredRow, b: ScoredRow): number {
  return b.score - a.score || b.length - a.length || Number(b.token) - Number(a.token);
}

/** Strictly better by the documented precedence (a full tie gives false). */
export function outranks(a: ScoredRow, b: ScoredRow): boolean {
  return better(a, b) < 0;
}

/** Every matching non-marker row, best first (the order documented at the top of this file). */
export function rankProviderRows(lowerText: string, hints: { reply?: string; status?: string } = {}, found?: DetectedProvider): ScoredRow[] {
  const s = joinContinuations(lowerText.length > SCAN_LIMIT ? lowerText.slice(0, SCAN_LIMIT) : lowerText);
  const det = found ?? detectProvider(s);
  // Candidates: rows with a text in the input (one pass), or with a token found in it.
  const { index, texts, rowsOf } = textIndex();
  const lengths = new Map<number, number>();
  for (const id of index.groups(s)) {
    const len = texts[id].length;
    for (const r of rowsOf[id]) if ((lengths.get(r) ?? 0) < len) lengths.set(r, len);
  }
  for (const t of det.tokens) for (const r of rowsOfToken(t)) if (!lengths.has(r)) lengths.set(r, 0);
  const out: ScoredRow[] = [];
  for (const [r, length] of [...lengths].sort((a, b) => a[0] - b[0])) {
    const row = PROVIDER_ROWS[r];
    const hit = confirm(row, s, det, length);
    if (!hit) continue;
    const score = statusScore(row, hints.status) + replyScore(row, hints.reply) + (det.provider !== '' && det.provider === row.provider ? 2 : 0);
    out.push({ row, score, length: hit.length, token: hit.token });
  }
  // Array.prototype.sort is stable, so a full tie keeps table order (rule 4).
  return out.sort(better);
}

/**
 * A row text this long is a provider's own sentence, not words any server might use (Postfix's
 * "recipient address rejected: access denied" is 41 characters). Rows whose words are generic
 * are marked needsProvider, and links may be quoted by anyone: neither counts.
 */
const SENTENCE = 44;

/** Each provider's own sentences, to the provider; built on first use. */
let SENTENCES: { find: (text: string) => string | undefined; provider: ReadonlyMap<string, ProviderId> } | undefined;

/**
 * The provider whose own sentence stands in a lower-cased, unfolded text ('' when none): it
 * names who answered when no host name or token does. It says nothing of what the words mean.
 */
export function providerBySentence(lowerText: string): ProviderId {
  if (!SENTENCES) {
    const owners = new Map<string, Set<ProviderId>>();
    for (const row of PROVIDER_ROWS) {
      if (row.marker || row.needsProvider) continue;
      for (const t of row.texts) if (t.length >= SENTENCE && !t.includes('http')) owners.set(t, (owners.get(t) ?? new Set()).add(row.provider));
    }
    // A sentence two providers share names neither.
    const provider = new Map([...owners].filter(([, p]) => p.size === 1).map(([t, p]) => [t, [...p][0]] as const));
    SENTENCES = { find: phraseFinder([...provider.keys()]), provider };
  }
  const text = SENTENCES.find(lowerText.length > SCAN_LIMIT ? lowerText.slice(0, SCAN_LIMIT) : lowerText);
  return text ? (SENTENCES.provider.get(text) ?? '') : '';
}

/** Permanence: the class of the real reply wins, unless the row knows its codes understate or overstate it. */
export function rowPermanence(row: ProviderRow, hints: { reply?: string; status?: string }): boolean {
  const ownClass = row.status?.[0] ?? row.reply?.[0];
  if (ownClass && (ownClass === '5') !== row.permanent) return row.permanent;
  const actual = hints.status?.[0] ?? hints.reply?.[0];
  if (actual === '5') return true;
  if (actual === '4') return false;
  return row.permanent;
}

/** The best non-marker provider row whose texts or tokens occur in the lower-cased text. */
export function matchProviderResponse(lowerText: string, hints: { reply?: string; status?: string } = {}): ProviderMatch | undefined {
  if (typeof lowerText !== 'string' || lowerText.length === 0) return undefined;
  const found = detectProvider(lowerText);
  const best = rankProviderRows(lowerText, hints, found)[0];
  if (!best) return undefined;
  const { row } = best;
  const match: ProviderMatch = {
    id: row.id,
    provider: row.provider,
    reason: row.reason,
    permanent: rowPermanence(row, hints),
    tokens: found.tokens,
  };
  if (row.status) match.status = row.status;
  if (row.reply) match.reply = row.reply;
  return match;
}

/** Rows that carry this token (exact, canonical case), markers excluded. */
/** Rows by id, built on first use. */
let BY_ID: Map<string, ProviderRow> | undefined;

/** The row with this id (a verdict's providerRow), if there is one. */
export function providerRowById(id: string): ProviderRow | undefined {
  BY_ID ??= new Map(PROVIDER_ROWS.map((row) => [row.id, row]));
  return BY_ID.get(id);
}

export function providerRowsForToken(token: string): ProviderRow[] {
  return PROVIDER_ROWS.filter((r) => !r.marker && r.tokens?.includes(token));
}

/** Rows whose own status (or range) is exactly this code, markers excluded. */
export function providerRowsForStatus(status: string): ProviderRow[] {
  return PROVIDER_ROWS.filter((r) => !r.marker && statusScore(r, status) === 6);
}
