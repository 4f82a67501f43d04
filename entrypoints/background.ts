/**
 * Background: keeps the verdict of the bounce open in each tab (session storage, for the side
 * panel), records each new bounce once in the history, and opens the side panel on request.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
// The advice module alone: the classifier and postal-mime stay out of this bundle.
import { advise } from '@/lib/knowledge/advice';
import { historyEntry, isWorthRecording, reportKey } from '@/utils/history';
import { onMessages } from '@/utils/messages';
import { serialQueue } from '@/utils/serial';
import { openSidePanel } from '@/utils/side-panel';
import { addToHistory, tabReportsItem, type TabReport } from '@/utils/storage';
import { isClassification, tabReportsFrom } from '@/utils/stored';

function senderHost(sender: Browser.runtime.MessageSender): string {
  try {
    const url = new URL(sender.url ?? '');
    return url.protocol === 'https:' ? url.hostname : 'extension';
  } catch {
    return 'unknown';
  }
}

/** Storage updates of all tabs, one after another (read-modify-write must not interleave). */
const serial = serialQueue();

async function updateTabReport(tabId: number, report: TabReport | null): Promise<TabReport | undefined> {
  const reports = tabReportsFrom(await tabReportsItem.getValue());
  const previous = reports[tabId];
  const next = { ...reports };
  if (report) next[tabId] = report;
  else delete next[tabId];
  await tabReportsItem.setValue(next);
  return previous;
}

export default defineBackground(() => {
  onMessages({
    reportVerdict({ classification }, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !isClassification(classification)) return Promise.resolve({ recorded: false });
      const host = senderHost(sender);
      const key = reportKey(classification);
      return serial(async () => {
        const previous = await updateTabReport(tabId, { classification, host, time: Date.now(), key });
        if (previous?.key === key || !isWorthRecording(classification)) return { recorded: false };
        await addToHistory(historyEntry(classification, advise, host));
        return { recorded: true };
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

  browser.tabs.onRemoved.addListener((tabId) => {
    void updateTabReport(tabId, null);
  });
});
