/**
 * Opening the side panel: Chrome's sidePanel API or Firefox's sidebarAction. Both need a user
 * action, so call these straight from a click (or a message sent from one), with no await before.
 */
import { browser } from 'wxt/browser';

interface FirefoxSidebar {
  sidebarAction?: { open(): Promise<void> };
}

function firefoxSidebar() {
  return (browser as unknown as FirefoxSidebar).sidebarAction;
}

export function canOpenSidePanel(): boolean {
  return Boolean(browser.sidePanel?.open ?? firefoxSidebar()?.open);
}

export async function openSidePanel(target: { tabId?: number; windowId?: number }): Promise<boolean> {
  try {
    if (browser.sidePanel?.open) {
      if (target.tabId !== undefined) await browser.sidePanel.open({ tabId: target.tabId });
      else if (target.windowId !== undefined) await browser.sidePanel.open({ windowId: target.windowId });
      else return false;
      return true;
    }
    const sidebar = firefoxSidebar();
    if (sidebar) {
      await sidebar.open();
      return true;
    }
  } catch {
    // No user gesture, or the window is gone: the caller says so.
  }
  return false;
}
