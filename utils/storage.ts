/**
 * Every storage item of the extension, in one place.
 * - local:history keeps the last 200 inspections with only the fields the side panel shows.
 * - session:tab-reports holds the verdict of the bounce open in each tab. Session storage lives
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
}

/** Keyed by tab id (as a string: storage keys are JSON object keys). */
export const tabReportsItem = storage.defineItem<Record<string, TabReport>>('session:tab-reports', { fallback: {} });

/**
 * Adds an entry, or updates the one with the same id (see recordEntry). True when the history
 * changed. Callers that may race (the background) run this through one serial queue.
 */
export async function addToHistory(entry: HistoryEntry): Promise<boolean> {
  const { list, changed } = recordEntry(historyFrom(await historyItem.getValue()), entry);
  if (changed) await historyItem.setValue(list);
  return changed;
}

/** Drops the entry with this id, if there is one. True when the history changed. */
export async function forgetInHistory(id: string): Promise<boolean> {
  const { list, changed } = forgetEntry(historyFrom(await historyItem.getValue()), id);
  if (changed) await historyItem.setValue(list);
  return changed;
}

export async function clearHistory(): Promise<void> {
  await historyItem.setValue([]);
}
