/**
 * Side panel state: which tab it follows, the verdicts of the bounces open in that tab (and which
 * of them is shown), and the history, all kept in step with storage. Tests (and a pinned panel)
 * may pass ?tabId=N to follow one tab.
 */
import { computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { HistoryEntry } from '@/utils/history';
import { historyItem, tabReportsItem, type TabReport } from '@/utils/storage';
import { historyFrom, tabReportsFrom } from '@/utils/stored';

export const tabId = signal<number | undefined>(undefined);
export const reports = signal<Record<string, TabReport[]>>({});
export const history = signal<HistoryEntry[]>([]);
export const loaded = signal(false);

/** Which report of a tab is which: its message, or its fingerprint when it has none. */
export const reportId = (report: TabReport) => report.message ?? report.key;

/** The bounces open in the followed tab, in page order. */
export const openReports = computed(() => (tabId.value === undefined ? [] : (reports.value[tabId.value] ?? [])));
/** The report the page asks to show: whose details were clicked last, else the newest. */
const pageShown = computed(() => openReports.value.find((r) => r.shown !== undefined) ?? openReports.value.at(-1));
/** The report picked in the side panel among several, until the page asks to show another. */
export const picked = signal<string | undefined>(undefined);
/** The report shown: the one picked here, else the one the page asks to show. */
export const currentReport = computed(() => openReports.value.find((r) => reportId(r) === picked.value) ?? pageShown.value);

/** Which report the page asks to show, and since which click. */
const pageChoice = () => (pageShown.value ? `${reportId(pageShown.value)}|${pageShown.value.shown ?? ''}` : '');

/** New reports from storage; a click on a panel's details in the page wins over a pick here. */
function setReports(value: Record<string, TabReport[]>) {
  const before = pageChoice();
  reports.value = value;
  if (pageChoice() !== before) picked.value = undefined;
}

/** Follows the active tab of the panel's window (the panel itself is not a tab). */
async function followActiveTab() {
  const win = await browser.windows.getCurrent();
  browser.tabs.onActivated.addListener((info) => {
    if (info.windowId !== win.id) return;
    tabId.value = info.tabId;
    picked.value = undefined;
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
  tabReportsItem.watch((value) => setReports(tabReportsFrom(value)));
  historyItem.watch((value) => (history.value = historyFrom(value)));
  const [tabReports, entries] = await Promise.all([tabReportsItem.getValue(), historyItem.getValue(), followTab()]);
  setReports(tabReportsFrom(tabReports));
  history.value = historyFrom(entries);
  loaded.value = true;
}
