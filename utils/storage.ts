/**
 * Every storage item of the extension, in one place.
 * - local:history keeps the last 200 inspections with only the fields the side panel shows.
 * - session:tab-reports holds the verdicts of the bounces open in each tab. Session storage lives
 *   in memory and is gone when the browser closes; content scripts cannot read it.
 */
import { storage } from 'wxt/utils/storage';
import type { Classification } from '../lib/types';
import { forgetEntry, recordEntry, type HistoryEntry } from './history';
import { historyFrom } from './stored';

export const historyItem = storage.defineItem<HistoryEntry[]>('local:history', { fallback: [], version: 1 });

export interface TabReport {
  classification: Classification;
  host: string;
  time: number;
  /** Fingerprint of the report (see reportKey), to record each bounce once per tab. */
  key: string;
  /** The opened message it is about (history.ts messageKey), when the content script knows it. */
  message?: string;
  /** The one of the tab's reports that the side panel shows first (see OpenBounce). */
  shown?: number;
}

/**
 * Keyed by tab id (as a string: storage keys are JSON object keys): the bounces open in that tab,
 * in page order, one of them `shown` (see the reportBounces message).
 */
export const tabReportsItem = storage.defineItem<Record<string, TabReport[]>>('session:tab-reports', { fallback: {} });

/**
 * Adds an entry, or updates the one with the same id (see recordEntry). True when the history
 * changed. Callers that may race (the background) run this through one serial queue.
 */
export async function addToHistory(entry: HistoryEntry): Promise<boolean> {
  const { list, changed } = recordEntry(historyFrom(await historyItem.getValue()), entry);
  if (changed) await historyItem.setValue(list);
  return changed;
}

/**
 * Records several entries (see recordEntry) and drops the ones with the ids in `forget`, in one
 * read and one write. True when the history changed.
 */
export async function updateHistory(entries: readonly HistoryEntry[], forget: readonly string[] = []): Promise<boolean> {
  let list = historyFrom(await historyItem.getValue());
  let changed = false;
  for (const id of forget) {
    const next = forgetEntry(list, id);
    list = next.list;
    changed ||= next.changed;
  }
  for (const entry of entries) {
    const next = recordEntry(list, entry);
    list = next.list;
    changed ||= next.changed;
  }
  if (changed) await historyItem.setValue(list);
  return changed;
}

export async function clearHistory(): Promise<void> {
  await historyItem.setValue([]);
}
