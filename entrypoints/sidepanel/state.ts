/**
 * Side panel state: which tab it follows, that tab's verdict, and the history, all kept in step
 * with storage. Tests (and a pinned panel) may pass ?tabId=N to follow one tab.
 */
import { computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { HistoryEntry } from '@/utils/history';
import { historyItem, tabReportsItem, type TabReport } from '@/utils/storage';
import { historyFrom, tabReportsFrom } from '@/utils/stored';

export const tabId = signal<number | undefined>(undefined);
export const reports = signal<Record<string, TabReport>>({});
export const history = signal<HistoryEntry[]>([]);
export const loaded = signal(false);

export const currentReport = computed(() => (tabId.value === undefined ? undefined : reports.value[tabId.value]));

/** Follows the active tab of the panel's window (the panel itself is not a tab). */
async function followActiveTab() {
  const win = await browser.windows.getCurrent();
  browser.tabs.onActivated.addListener((info) => {
    if (info.windowId === win.id) tabId.value = info.tabId;
  });
  const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
  tabId.value = tab?.id;
}

async function followTab() {
  const pinned = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(pinned) && pinned > 0) tabId.value = pinned;
  else await followActiveTab();
}

export async function start() {
  // What storage holds is checked before it is shown (stored.ts): a malformed entry is dropped.
  tabReportsItem.watch((value) => (reports.value = tabReportsFrom(value)));
  historyItem.watch((value) => (history.value = historyFrom(value)));
  const [tabReports, entries] = await Promise.all([tabReportsItem.getValue(), historyItem.getValue(), followTab()]);
  reports.value = tabReportsFrom(tabReports);
  history.value = historyFrom(entries);
  loaded.value = true;
}
