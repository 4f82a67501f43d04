/**
 * What comes back out of storage is checked before it is used: it may have been written by an
 * older version, be cut short, or have been tampered with. Malformed entries are dropped, never
 * allowed to break the side panel. Pure functions (the storage items are in storage.ts).
 */
import { KIND_NAMES, REASONS, type Reason } from '../lib/reasons';
import type { Classification, RecipientVerdict } from '../lib/types';
import type { HistoryEntry, HistoryRecipient } from './history';
import type { TabReport } from './storage';

const KINDS: ReadonlySet<string> = new Set(Object.keys(KIND_NAMES));

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && Object.hasOwn(REASONS, value);
}

function strings(o: Fields, names: readonly string[]): boolean {
  return names.every((n) => typeof o[n] === 'string');
}

/** A time the side panel can show: finite milliseconds that make a valid date. */
function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15;
}

function isHistoryRecipient(value: unknown): value is HistoryRecipient {
  return isObject(value) && strings(value, ['address', 'status', 'reply']) && isReason(value.reason) && typeof value.suppress === 'boolean';
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  return (
    isObject(value) &&
    (value.id === undefined || typeof value.id === 'string') &&
    isTime(value.time) &&
    typeof value.kind === 'string' &&
    KINDS.has(value.kind) &&
    typeof value.host === 'string' &&
    Array.isArray(value.recipients) &&
    value.recipients.every(isHistoryRecipient)
  );
}

/** The stored history, keeping only well-formed entries. */
export function historyFrom(value: unknown): HistoryEntry[] {
  return Array.isArray(value) ? value.filter(isHistoryEntry) : [];
}

const VERDICT_STRINGS = ['recipient', 'action', 'status', 'reply', 'remoteMta', 'diagnostic', 'provider', 'feedback', 'basis'] as const;

function isVerdict(value: unknown): value is RecipientVerdict {
  return (
    isObject(value) &&
    strings(value, VERDICT_STRINGS) &&
    isReason(value.reason) &&
    typeof value.permanent === 'boolean' &&
    typeof value.hard === 'boolean' &&
    Array.isArray(value.providerTokens) &&
    value.providerTokens.every((t) => typeof t === 'string') &&
    Array.isArray(value.evidence) &&
    value.evidence.every((e) => isObject(e) && strings(e, ['source', 'text', 'gave']))
  );
}

/** A classification as the content scripts send it and the side panel shows it. */
export function isClassification(value: unknown): value is Classification {
  return (
    isObject(value) &&
    typeof value.kind === 'string' &&
    KINDS.has(value.kind) &&
    strings(value, ['reportingMta', 'provider', 'subject', 'from']) &&
    isObject(value.original) &&
    strings(value.original, ['subject', 'messageId', 'from', 'to', 'date']) &&
    Array.isArray(value.recipients) &&
    value.recipients.every(isVerdict)
  );
}

function isTabReport(value: unknown): value is TabReport {
  return (
    isObject(value) &&
    isClassification(value.classification) &&
    typeof value.host === 'string' &&
    isTime(value.time) &&
    typeof value.key === 'string' &&
    (value.message === undefined || typeof value.message === 'string') &&
    (value.shown === undefined || isTime(value.shown))
  );
}

/** The stored per-tab reports, keeping only well-formed ones (and tabs with at least one). */
export function tabReportsFrom(value: unknown): Record<string, TabReport[]> {
  const out: Record<string, TabReport[]> = {};
  if (!isObject(value)) return out;
  for (const [tab, reports] of Object.entries(value)) {
    if (!/^\d+$/.test(tab) || !Array.isArray(reports)) continue;
    const kept = reports.filter(isTabReport);
    if (kept.length > 0) out[tab] = kept;
  }
  return out;
}
