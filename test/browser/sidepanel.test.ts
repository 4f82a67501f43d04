/**
 * The side panel in a real Chromium with the production build. A page of the extension stands in
 * for a content script: it reports a verdict through the message protocol, as Gmail's and
 * Outlook's content scripts do, and the panel (opened in a tab with ?tabId=) follows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classification, RecipientVerdict } from '../../lib/types';
import { SHARED_CORPUS, needShared } from '../shared-data';
import { launch, openExtensionPage, runAxe, screenshots, type Extension } from './harness';

/**
 * The last three side panel tests run only with the corpus (test/shared-data.ts): the first of
 * them records two corpus bounces from the popup, and the other two build on that history.
 */
const NO_CORPUS = needShared('corpus', 'the side panel history tests that start from corpus bounces');

const EMPTY_TEXT = 'Open a bounce in Gmail or Outlook on the web and its verdict shows here.';

function recipient(overrides: Partial<RecipientVerdict>): RecipientVerdict {
  return {
    recipient: '',
    action: 'failed',
    status: '',
    reply: '550',
    remoteMta: 'mx.example.net',
    diagnostic: '',
    reason: 'userunknown',
    permanent: true,
    hard: true,
    provider: '',
    providerTokens: [],
    feedback: '',
    basis: 'the words "user unknown"',
    statusImplied: false,
    evidence: [],
    ...overrides,
  };
}

const HOSTILE = '=HYPERLINK("https://evil.example")@example.net';
const bounce: Classification = {
  kind: 'bounce',
  reportingMta: 'mx.example.org',
  provider: '',
  subject: 'Undelivered Mail Returned to Sender',
  from: 'MAILER-DAEMON@example.org',
  original: { subject: 'Quarterly report', messageId: '<q1@example.org>', from: 'me@example.org', to: '', date: '' },
  recipients: [
    recipient({
      recipient: 'kijitora@example.jp',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <kijitora@example.jp>: Recipient address rejected: User unknown',
      evidence: [{ source: 'delivery-status', text: 'Status: 5.1.1', gave: 'status' }],
    }),
    recipient({ recipient: 'neko@example.com', status: '5.7.26', reason: 'authfailure', hard: false }),
    recipient({ recipient: HOSTILE.toLowerCase(), status: '5.1.1' }),
  ],
};

let ext: Extension;
let sender: Page;
let tabId: number;

type Chrome = { runtime: { sendMessage(m: unknown): Promise<unknown> }; tabs: { getCurrent(): Promise<{ id: number }> } };

/** Sends one protocol message from the sender tab, as a content script would. */
function send(type: string, data: unknown) {
  return sender.evaluate(
    ([type, data]) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type, data }),
    [type, data] as const,
  );
}

beforeAll(async () => {
  ext = await launch();
  sender = await openExtensionPage(ext, 'popup.html');
  tabId = await sender.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.tabs.getCurrent().then((tab) => tab.id),
  );
});
afterAll(async () => {
  await ext?.close();
});

const openPanel = () => openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`, { width: 380, height: 760 });

describe('side panel', () => {
  it('says plainly that no bounce is open, and that the history is empty', async () => {
    const panel = await openPanel();
    await panel.getByText(EMPTY_TEXT).waitFor();
    expect(await panel.getByTestId('history-summary').textContent()).toMatch(/^No bounces inspected yet/);
    // It says 200 of what.
    expect(await panel.getByTestId('history-summary').textContent()).toContain('The last 200 inspected reports are kept on this device only.');
    await screenshots(panel, 'sidepanel-empty');
    expect(await runAxe(panel)).toEqual([]);
    await panel.close();
  });

  it('shows the verdict a content script reports, and records it in the history once', async () => {
    const panel = await openPanel();
    await panel.getByText(EMPTY_TEXT).waitFor();
    expect(await send('reportBounces', { reports: [{ classification: bounce }] })).toEqual({ recorded: true });
    expect(await send('reportBounces', { reports: [{ classification: bounce }] })).toEqual({ recorded: false });
    // One bounce open: no choice of bounces to offer.
    expect(await panel.getByTestId('open-bounces').count()).toBe(0);

    // The two unknown users share a verdict, so they share a card that lists both addresses.
    const cards = panel.getByTestId('verdict');
    await cards.nth(1).waitFor();
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(['5.1.1', '5.7.26']);
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-suppress')))).toEqual(['true', 'false']);
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-count')))).toEqual(['2', '1']);
    expect(await panel.getByTestId('summary').textContent()).toBe('3 recipients · 2 to suppress · 1 policy block');
    // Text from the email stays text.
    expect(await cards.nth(0).getByTestId('members').locator('li').allTextContents()).toEqual([
      'kijitora@example.jp',
      HOSTILE.toLowerCase(),
    ]);
    expect(await panel.locator('a[href*="evil.example"]').count()).toBe(0);
    expect(await panel.getByTestId('current').textContent()).toContain('Quarterly report');

    expect(await panel.getByTestId('history-summary').textContent()).toMatch(/^1 bounce, 3 recipients\./);
    expect(await panel.getByTestId('history-entry').count()).toBe(1);
    const byReason = panel.locator('figure', { hasText: 'Recipients by reason' });
    expect(await byReason.locator('li').allTextContents()).toEqual(['The mailbox does not exist: 2', 'SPF, DKIM or DMARC checks failed: 1']);
    const entry = await panel.getByTestId('history-entry').innerText();
    expect(entry).toContain('· Bounce');
    expect(entry).toContain('550 5.7.26 · SPF, DKIM or DMARC checks failed');
    expect(entry).not.toMatch(/userunknown|authfailure/);
    const byDomain = panel.locator('figure', { hasText: 'Recipients by domain' });
    expect(await byDomain.locator('li').count()).toBe(3);

    await screenshots(panel, 'sidepanel');
    await panel.emulateMedia({ colorScheme: 'dark' });
    await screenshots(panel, 'sidepanel-dark');
    expect(await runAxe(panel)).toEqual([]);
    await panel.close();
  });

  it('fits a side panel at 200% zoom (180 px across) without scrolling sideways', async () => {
    const panel = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`, { width: 180, height: 600 });
    await panel.getByTestId('verdict').nth(1).waitFor();
    await panel.getByTestId('history-entry').first().waitFor();
    // Before: the panel kept 300 px, and a card's facts kept their label and value side by side.
    const { scrollWidth, clientWidth } = await panel.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await panel.close();
  });

  it('exports the history as CSV with quoting and formula cells defused', async () => {
    const panel = await openPanel();
    await panel.getByTestId('history-entry').first().waitFor();
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bounce-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(rows[0]).toBe('time,host,kind,recipient,status,reply,reason,suppress');
    expect(rows.slice(1, 4).map((row) => row.replace(/^[^,]+,/, ''))).toEqual([
      'extension,bounce,kijitora@example.jp,5.1.1,550,userunknown,true',
      'extension,bounce,neko@example.com,5.7.26,550,authfailure,false',
      `extension,bounce,"'=hyperlink(""https://evil.example"")@example.net",5.1.1,550,userunknown,true`,
    ]);
    await panel.close();
  });

  it('clears the history only after confirmation, and follows the tab when its bounce closes', async () => {
    const panel = await openPanel();
    await panel.getByTestId('history-entry').first().waitFor();
    await panel.getByRole('button', { name: 'Clear history…' }).click();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    expect(await panel.getByTestId('history-entry').count()).toBe(1);

    await panel.getByRole('button', { name: 'Clear history…' }).click();
    await panel.getByRole('group', { name: 'Delete all 1 entry from this device?' }).waitFor();
    // Focus moves to "Delete history", so Enter confirms.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe('Delete history');
    await panel.keyboard.press('Enter');
    await panel.getByText(/^No bounces inspected yet/).waitFor();
    expect(await panel.getByTestId('history-entry').count()).toBe(0);

    expect(await send('clearVerdict', {})).toEqual({ cleared: true });
    await panel.getByText(EMPTY_TEXT).waitFor();
    await panel.close();
  });

  it('opens from a click in the popup, and from a click that sends openSidePanel', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    const button = popup.getByRole('button', { name: 'Open side panel' });
    await button.waitFor();
    // The popup knows its window before the click; once the panel is open, the popup closes.
    await expect.poll(() => popup.evaluate(() => document.readyState)).toBe('complete');
    await popup.waitForTimeout(200);
    const closed = popup.waitForEvent('close', { timeout: 5_000 });
    await button.click();
    await closed;

    // A click handler that messages the background, as the in-page panel's button does.
    // (This checks the plumbing: Playwright's evaluate already counts as a user gesture, so a
    // missing-gesture refusal cannot be provoked here.)
    await sender.evaluate(() => {
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      document.body.addEventListener('click', () => {
        chrome.runtime.sendMessage({ type: 'openSidePanel', data: {} }).then((reply) => {
          document.body.dataset.reply = JSON.stringify(reply);
        });
      });
    });
    await sender.mouse.click(5, 5);
    await expect.poll(() => sender.evaluate(() => document.body.dataset.reply)).toBe('{"opened":true}');
  });

  it.skipIf(NO_CORPUS)('keeps bounces pasted or dropped into the popup in the history, but not typed codes', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    const query = popup.getByTestId('query');
    await query.fill('550 5.1.1');
    await popup.getByTestId('verdict').first().waitFor();
    // A paste, as the browser reports it to the page.
    await query.evaluate((area: HTMLTextAreaElement, text) => {
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, readFileSync(join(SHARED_CORPUS, 'bsd', 'rhost-google-02.eml'), 'latin1'));
    await popup.locator('[data-testid="verdict"][data-reason="userunknown"] details').waitFor();
    await popup.locator('input[type=file]').setInputFiles(join(SHARED_CORPUS, 'bsd', 'rhost-google-03.eml'));
    await popup.locator('[data-testid="verdict"][data-status="5.7.26"]').waitFor();

    const panel = await openPanel();
    await panel.getByTestId('history-entry').nth(1).waitFor();
    const entries = await panel.getByTestId('history-entry').allTextContents();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/popup · Bounce.*5\.7\.26/);
    expect(entries[1]).toMatch(/popup · Bounce.*5\.1\.1/);
    await popup.close();
    await panel.close();
  });

  it.skipIf(NO_CORPUS)('counts a delay notice apart from bounces and labels it as one', async () => {
    const panel = await openPanel();
    await panel.getByTestId('history-entry').nth(1).waitFor();
    const delay: Classification = {
      ...bounce,
      kind: 'delay',
      subject: 'Delivery Status Notification (Delay)',
      recipients: [
        recipient({ recipient: 'mike@example.net', action: 'delayed', status: '4.2.2', reply: '452', reason: 'mailboxfull', permanent: false, hard: false }),
      ],
    };
    expect(await send('reportBounces', { reports: [{ classification: delay }] })).toEqual({ recorded: true });
    await expect.poll(() => panel.getByTestId('history-entry').count()).toBe(3);
    // Two bounces from the popup before, one delay notice now.
    expect(await panel.getByTestId('history-summary').textContent()).toMatch(/^2 bounces, 1 delay notice, 3 recipients\./);
    const newest = await panel.getByTestId('history-entry').first().innerText();
    expect(newest).toContain('· Delay notice');
    expect(newest).toContain("452 4.2.2 · The recipient's mailbox is full");
    await screenshots(panel, 'sidepanel-history-delay');
    expect(await runAxe(panel)).toEqual([]);
    await panel.close();
  });

  it.skipIf(NO_CORPUS)('records each bounce open in the tab once, shows the one the page asks for, and the others on request', async () => {
    const panel = await openPanel();
    await panel.getByTestId('history-entry').nth(2).waitFor();
    const one = (address: string, status: string): Classification => ({
      ...bounce,
      original: { ...bounce.original, messageId: `<${address}>` },
      recipients: [recipient({ recipient: address, status })],
    });
    const grace = { classification: one('grace@example.net', '5.1.1'), message: 'msg-f:62#aa' };
    const heidi = { classification: one('heidi@example.net', '5.7.1'), message: 'msg-f:63#bb' };
    // A thread with two bounces: the newest is shown until a panel's details are clicked.
    expect(await send('reportBounces', { reports: [grace, { ...heidi, shown: 0 }] })).toEqual({ recorded: true });
    await expect.poll(() => panel.getByTestId('history-entry').count()).toBe(5);
    const current = panel.getByTestId('current');
    const buttons = current.getByTestId('open-bounces').getByRole('button');
    const pressed = () => buttons.evaluateAll((els) => els.map((el) => el.getAttribute('aria-pressed')));
    await expect.poll(() => buttons.allTextContents()).toEqual(['grace@example.net', 'heidi@example.net']);
    expect(await pressed()).toEqual(['false', 'true']);
    expect(await current.getByTestId('verdict').getAttribute('data-status')).toBe('5.7.1');

    // The other one, from the side panel; focus stays on the button pressed.
    await buttons.nth(0).click();
    await current.locator('[data-testid="verdict"][data-status="5.1.1"]').waitFor();
    expect(await pressed()).toEqual(['true', 'false']);
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe('grace@example.net');
    await screenshots(panel, 'sidepanel-two-open');
    expect(await runAxe(panel)).toEqual([]);

    // A click on heidi's details in the page shows hers again; nothing new to record.
    expect(await send('reportBounces', { reports: [grace, { ...heidi, shown: Date.now() }] })).toEqual({ recorded: false });
    await current.locator('[data-testid="verdict"][data-status="5.7.1"]').waitFor();
    expect(await pressed()).toEqual(['false', 'true']);
    expect(await panel.getByTestId('history-entry').count()).toBe(5);
    await panel.close();
  });
});
