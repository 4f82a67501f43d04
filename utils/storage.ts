/**
 * Every storage item of the extension, in one place.
 * - local:history keeps the last 200 inspections with only the fields the side panel shows.
 * - session:tab-reports holds the verdict of the bounce open in each tab. Session storage lives
 *   in memory and is gone when the browser closes; content scripts cannot read it.
 */
import { storage } from 'wxt/utils/storage';
import type { Classification } from '../lib/types';
import { appendEntry, type HistoryEntry } from './history';
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

export async function addToHistory(entry: HistoryEntry): Promise<void> {
  await historyItem.setValue(appendEntry(historyFrom(await historyItem.getValue()), entry));
}

export async function clearHistory(): Promise<void> {
  await historyItem.setValue([]);
}
