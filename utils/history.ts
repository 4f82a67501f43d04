/**
 * The inspection history: what one entry keeps (only what the side panel shows and exports),
 * counts for the charts, and the CSV export. Pure functions; the storage item is in storage.ts.
 */
import { plural, reasonLabel } from '../components/labels';
import { KIND_NAMES, type Reason } from '../lib/reasons';
import type { Advice, Classification, Kind, RecipientVerdict } from '../lib/types';

export const HISTORY_LIMIT = 200;

export interface HistoryRecipient {
  address: string;
  status: string;
  reply: string;
  reason: Reason;
  suppress: boolean;
}

export interface HistoryEntry {
  /**
   * Which opened message this entry is about (see messageKey), when it came from a webmail page:
   * every reading of that message (page text, then "Show original"; a reload; a second tab)
   * updates this one entry. Entries from the popup have none.
   */
  id?: string;
  /** Milliseconds since the epoch: when the message was first inspected. */
  time: number;
  kind: Kind;
  /** Where it was inspected: a webmail host name, or 'popup'. */
  host: string;
  recipients: HistoryRecipient[];
}

/** Only real reports go into the history: not "not a bounce", not out-of-office replies. */
export function isWorthRecording(c: Classification): boolean {
  return c.kind !== 'not-bounce' && c.kind !== 'autoreply' && c.recipients.length > 0;
}

export function historyEntry(
  c: Classification,
  advise: (verdict: RecipientVerdict) => Advice,
  host: string,
  time = Date.now(),
  id?: string,
): HistoryEntry {
  return {
    ...(id ? { id } : {}),
    time,
    kind: c.kind,
    host,
    recipients: c.recipients.map((v) => ({
      address: v.recipient,
      status: v.status,
      reply: v.reply,
      reason: v.reason,
      suppress: advise(v).suppress,
    })),
  };
}

/**
 * Bytes the stored history may take: half of the 10 MB extension storage holds. An entry keeps up
 * to 1,000 recipients (a few hundred kB), so 200 of them can pass the quota, and then every write
 * of the history fails: one mail to a thousand dead addresses, or a few dozen forged reports,
 * would stop the history for good. The oldest entries give way instead.
 */
export const HISTORY_BYTES = 5 * 1024 * 1024;

const encoder = new TextEncoder();

/** The newest entries whose JSON fits in `budget` bytes; the newest is always kept. */
export function withinBytes(list: readonly HistoryEntry[], budget = HISTORY_BYTES): HistoryEntry[] {
  let total = 2; // the brackets of the stored array
  for (let i = 0; i < list.length; i++) {
    total += encoder.encode(JSON.stringify(list[i])).length + 1;
    if (total > budget) return list.slice(0, Math.max(1, i));
  }
  return [...list];
}

/** Newest first, at most HISTORY_LIMIT entries and HISTORY_BYTES bytes. */
export function appendEntry(list: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return withinBytes([entry, ...list].slice(0, HISTORY_LIMIT));
}

/** JSON with every object's keys in sorted order: storage hands objects back with their keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The same entry, whatever the order of its keys (a field added later is compared too). */
function sameEntry(a: HistoryEntry, b: HistoryEntry): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Records an entry: one with an id that the history already holds replaces that entry where it
 * stands, keeping the time it was first inspected (a better reading of the same message, or the
 * same message opened again); any other is added as the newest. `changed` is false when the
 * history already said exactly this.
 */
export function recordEntry(list: readonly HistoryEntry[], entry: HistoryEntry): { list: HistoryEntry[]; changed: boolean } {
  const at = entry.id === undefined ? -1 : list.findIndex((e) => e.id === entry.id);
  if (at < 0) return { list: appendEntry(list, entry), changed: true };
  const updated = { ...entry, time: list[at].time };
  if (sameEntry(updated, list[at])) return { list: [...list], changed: false };
  // A better reading may name more recipients: the list is kept within its bytes again.
  return { list: withinBytes(list.map((e, i) => (i === at ? updated : e))), changed: true };
}

/** Drops the entry of one message (a better reading found it is not a bounce after all). */
export function forgetEntry(list: readonly HistoryEntry[], id: string): { list: HistoryEntry[]; changed: boolean } {
  const kept = list.filter((e) => e.id !== id);
  return { list: kept, changed: kept.length !== list.length };
}

/** Longest webmail id kept as it is in a key; a longer one (a whole URL) is fingerprinted. */
const MAX_ID_LENGTH = 200;

/**
 * A short fingerprint of a text: two 32-bit FNV-1a hashes (of the text and of the text read
 * backwards), as hex. Not for security, only to tell one opened message from another when the
 * webmail's own id is positional or missing.
 */
export function textFingerprint(text: string): string {
  let forward = 0x811c9dc5;
  let backward = 0x811c9dc5;
  for (let i = 0, j = text.length - 1; i < text.length; i++, j--) {
    forward = Math.imul(forward ^ text.charCodeAt(i), 0x01000193);
    backward = Math.imul(backward ^ text.charCodeAt(j), 0x01000193);
  }
  return (forward >>> 0).toString(16).padStart(8, '0') + (backward >>> 0).toString(16).padStart(8, '0');
}

/**
 * The key of one opened webmail message: the app's id for it and a fingerprint of its text. The
 * text makes positional ids ('gmail:0') tell messages apart; both stay the same across the page
 * text and "Show original" readings, re-opening and reloading.
 */
export function messageKey(webmailId: string, text: string): string {
  // A fallback id may hold a whole URL: keep the key short.
  const id = webmailId.length <= MAX_ID_LENGTH ? webmailId : textFingerprint(webmailId);
  return `${id}#${textFingerprint(text)}`;
}


/** "Bounce", "Delay notice": the label of one entry's kind. */
export function kindLabel(kind: Kind): string {
  const [one] = KIND_NAMES[kind] ?? [kind];
  return one.charAt(0).toUpperCase() + one.slice(1);
}

/**
 * "2 bounces, 1 delay notice, 4 recipients.": each kind counted under its own name (a delay is
 * not a bounce), then the recipients of all of them.
 */
export function historySummary(list: readonly HistoryEntry[]): string {
  const byKind = new Map<Kind, number>();
  let recipients = 0;
  for (const entry of list) {
    byKind.set(entry.kind, (byKind.get(entry.kind) ?? 0) + 1);
    recipients += entry.recipients.length;
  }
  const parts = (Object.keys(KIND_NAMES) as Kind[])
    .filter((kind) => byKind.has(kind))
    .map((kind) => plural(byKind.get(kind)!, ...KIND_NAMES[kind]));
  return `${[...parts, plural(recipients, 'recipient')].join(', ')}.`;
}

export interface Count {
  label: string;
  count: number;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 && at < address.length - 1 ? address.slice(at + 1) : '(no address)';
}

/**
 * Recipients counted by reason (in plain words, see reasonLabel) or by recipient domain, most
 * frequent first; the tail folds into "Other".
 */
export function countRecipients(list: readonly HistoryEntry[], by: 'reason' | 'domain', top = 8): Count[] {
  const counts = new Map<string, number>();
  for (const entry of list) {
    for (const r of entry.recipients) {
      const key = by === 'reason' ? reasonLabel(r.reason) : domainOf(r.address);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const sorted = [...counts].map(([label, count]) => ({ label, count }));
  sorted.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  if (sorted.length <= top) return sorted;
  const other = sorted.slice(top - 1).reduce((sum, c) => sum + c.count, 0);
  return [...sorted.slice(0, top - 1), { label: 'Other', count: other }];
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV cell: defused against spreadsheet formula injection, quoted when needed (RFC 4180). */
export function csvCell(value: string): string {
  const safe = value.length > 0 && FORMULA_START.has(value[0]) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = ['time', 'host', 'kind', 'recipient', 'status', 'reply', 'reason', 'suppress'];

/** One row per recipient, oldest first, CRLF line ends, as spreadsheets expect. */
export function historyCsv(list: readonly HistoryEntry[]): string {
  const rows = [CSV_HEADER];
  for (const entry of [...list].reverse()) {
    const time = new Date(entry.time).toISOString();
    for (const r of entry.recipients) {
      rows.push([time, entry.host, entry.kind, r.address, r.status, r.reply, r.reason, String(r.suppress)]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A short fingerprint so the same report seen twice in a tab is recorded once. */
export function reportKey(c: Classification): string {
  const recipients = c.recipients.map((v) => `${v.recipient}|${v.status}|${v.reason}`).join(';');
  return `${c.kind}|${c.original.messageId}|${c.subject}|${recipients}`;
}
