/**
 * Background: keeps the verdict of the bounce open in each tab (session storage, for the side
 * panel), records each new bounce once in the history, and opens the side panel on request.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { MatchPattern } from 'wxt/utils/match-patterns';
// The advice module alone: the classifier and postal-mime stay out of this bundle.
import { advise } from '@/lib/knowledge/advice';
import { historyEntry, isWorthRecording, reportKey } from '@/utils/history';
import { onMessages } from '@/utils/messages';
import { serialQueue } from '@/utils/serial';
import { openSidePanel } from '@/utils/side-panel';
import { leftReportedPage, pageHost } from '@/utils/tab-pages';
import { addToHistory, forgetInHistory, tabReportsItem, type TabReport } from '@/utils/storage';
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

async function updateTabReport(tabId: number, report: TabReport | null): Promise<TabReport | undefined> {
  const reports = tabReportsFrom(await tabReportsItem.getValue());
  const previous = reports[tabId];
  if (!report && !previous) return previous;
  const next = { ...reports };
  if (report) next[tabId] = report;
  else delete next[tabId];
  await tabReportsItem.setValue(next);
  return previous;
}

export default defineBackground(() => {
  onMessages({
    reportVerdict({ classification, message }, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !isClassification(classification)) return Promise.resolve({ recorded: false });
      const host = senderHost(sender);
      const key = reportKey(classification);
      // One opened message is one history entry, however often and however well it is read.
      const id = typeof message === 'string' && message.length > 0 && message.length <= MAX_MESSAGE_KEY ? `${host}|${message}` : undefined;
      return serial(async () => {
        const previous = await updateTabReport(tabId, { classification, host, time: Date.now(), key });
        if (id !== undefined) {
          if (!isWorthRecording(classification)) {
            await forgetInHistory(id);
            return { recorded: false };
          }
          return { recorded: await addToHistory(historyEntry(classification, advise, host, Date.now(), id)) };
        }
        if (previous?.key === key || !isWorthRecording(classification)) return { recorded: false };
        return { recorded: await addToHistory(historyEntry(classification, advise, host)) };
      });
    },
    clearVerdict(_data, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return Promise.resolve({ cleared: false });
      return serial(async () => {
        await updateTabReport(tabId, null);
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
    void serial(() => updateTabReport(tabId, null));
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url === undefined && change.status !== 'loading') return;
    // Without the "tabs" permission a tab's URL is hidden on hosts we have no access to: such a
    // page is none of ours (undefined reads as left).
    const url = change.url ?? tab.url;
    void serial(async () => {
      const report = tabReportsFrom(await tabReportsItem.getValue())[tabId];
      if (report && leftReportedPage(report.host, url, covered)) await updateTabReport(tabId, null);
    });
  });
});
