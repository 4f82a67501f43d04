/**
 * Background: keeps the verdicts of the bounces open in each tab (session storage, for the side
 * panel), records each bounce once in the history, and opens the side panel on request.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { MatchPattern } from 'wxt/utils/match-patterns';
// The advice module alone: the classifier and postal-mime stay out of this bundle.
import { advise } from '@/lib/knowledge/advice';
import { historyEntry, isWorthRecording, reportKey, type HistoryEntry } from '@/utils/history';
import { MAX_OPEN_BOUNCES, onMessages, type OpenBounce } from '@/utils/messages';
import { serialQueue } from '@/utils/serial';
import { openSidePanel } from '@/utils/side-panel';
import { leftReportedPage, pageHost } from '@/utils/tab-pages';
import { addToHistory, tabReportsItem, updateHistory, type TabReport } from '@/utils/storage';
import { isClassification, tabReportsFrom } from '@/utils/stored';

function senderHost(sender: Browser.runtime.MessageSender): string {
  return pageHost(sender.url);
}

/** Whether one of our content scripts runs on a URL (the manifest's match patterns). */
function coveredByContentScripts(): (url: string) => boolean {
  const patterns: MatchPattern[] = [];
  for (const script of browser.runtime.getManifest().content_scripts ?? []) {
    for (const match of script.matches ?? []) {
      try {
        patterns.push(new MatchPattern(match));
      } catch {
        // A pattern this parser does not know: it covers nothing here.
      }
    }
  }
  return (url) => patterns.some((p) => p.includes(url));
}

/** A message key is a webmail id and a fingerprint (history.ts messageKey); longer ones are not ours. */
const MAX_MESSAGE_KEY = 1000;

/** Storage updates of all tabs, one after another (read-modify-write must not interleave). */
const serial = serialQueue();

/** Sets (or, with an empty list, drops) the reports of one tab; returns what it held before. */
async function updateTabReports(tabId: number, reports: TabReport[]): Promise<TabReport[]> {
  const all = tabReportsFrom(await tabReportsItem.getValue());
  const previous = all[tabId] ?? [];
  if (reports.length === 0 && previous.length === 0) return previous;
  const next = { ...all };
  if (reports.length > 0) next[tabId] = reports;
  else delete next[tabId];
  await tabReportsItem.setValue(next);
  return previous;
}

function validMessage(message: unknown): string | undefined {
  return typeof message === 'string' && message.length > 0 && message.length <= MAX_MESSAGE_KEY ? message : undefined;
}

/**
 * What a tab now shows, in page order, and what that means for the history: every report
 * of an opened message updates that message's one entry (or drops it, once a better reading finds
 * no bounce); a report without a message key is recorded when the tab did not show it already.
 */
async function reportBounces(tabId: number, host: string, bounces: readonly OpenBounce[]): Promise<boolean> {
  const now = Date.now();
  const previous = tabReportsFrom(await tabReportsItem.getValue())[tabId] ?? [];
  const reports: TabReport[] = bounces.map(({ classification, message, shown }) => {
    const key = reportKey(classification);
    const known = validMessage(message);
    const before = previous.find((p) => (known ? p.message === known : !p.message && p.key === key));
    return { classification, host, time: before?.time ?? now, key, ...(known ? { message: known } : {}), ...(typeof shown === 'number' && Number.isFinite(shown) ? { shown } : {}) };
  });
  await updateTabReports(tabId, reports);
  const record: HistoryEntry[] = [];
  const forget: string[] = [];
  for (const report of reports) {
    const id = report.message === undefined ? undefined : `${host}|${report.message}`;
    // One opened message is one history entry, however often and however well it is read.
    if (id !== undefined && !isWorthRecording(report.classification)) forget.push(id);
    else if (id !== undefined) record.push(historyEntry(report.classification, advise, host, now, id));
    else if (isWorthRecording(report.classification) && !previous.some((p) => !p.message && p.key === report.key)) {
      record.push(historyEntry(report.classification, advise, host, now));
    }
  }
  return updateHistory(record, forget);
}

export default defineBackground(() => {
  onMessages({
    reportBounces({ reports }, sender) {
      const tabId = sender.tab?.id;
      const valid = Array.isArray(reports) && reports.length <= MAX_OPEN_BOUNCES && reports.every((r) => isClassification(r?.classification));
      if (tabId === undefined || !valid) return Promise.resolve({ recorded: false });
      const host = senderHost(sender);
      return serial(async () => ({ recorded: await reportBounces(tabId, host, reports) }));
    },
    recordInspected({ classification }, sender) {
      // From the popup only: a page of the extension itself, not a content script in a web page.
      const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) === true;
      if (!fromExtensionPage || !isClassification(classification) || !isWorthRecording(classification)) return Promise.resolve({ recorded: false });
      return serial(async () => ({ recorded: await addToHistory(historyEntry(classification, advise, 'popup')) }));
    },
    clearVerdict(_data, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return Promise.resolve({ cleared: false });
      return serial(async () => {
        await updateTabReports(tabId, []);
        return { cleared: true };
      });
    },
    openSidePanel(_data, sender) {
      // No await before open(): the user gesture must still be alive.
      return openSidePanel({ tabId: sender.tab?.id }).then((opened) => ({ opened }));
    },
  });

  // A tab that closes, or goes where no script of ours can say "no bounce here", loses its report.
  const covered = coveredByContentScripts();
  browser.tabs.onRemoved.addListener((tabId) => {
    void serial(() => updateTabReports(tabId, []));
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url === undefined && change.status !== 'loading') return;
    // Without the "tabs" permission a tab's URL is hidden on hosts we have no access to: such a
    // page is none of ours (undefined reads as left).
    const url = change.url ?? tab.url;
    void serial(async () => {
      const [report] = tabReportsFrom(await tabReportsItem.getValue())[tabId] ?? [];
      if (report && leftReportedPage(report.host, url, covered)) await updateTabReports(tabId, []);
    });
  });
});
