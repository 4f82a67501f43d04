/**
 * Gmail and Outlook on the web, end to end: the production build in Chromium on fake webmail
 * pages (fake-webmail.ts). Checks the in-page panel's attributes for each saved layout, no panel
 * on ordinary mail, following navigation, the hand-over to the side panel, Trusted Types, and
 * that no request leaves for any host but the mail hosts.
 * Verdict values are the intended ones (real codes in the fixtures); they depend on the classifier.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../browser/build';
import { launch, openExtensionPage, runAxe, screenshotPath, type Extension } from '../browser/harness';
import * as G from '../../lib/webmail/gmail-selectors';
import * as O from '../../lib/webmail/outlook-selectors';
import { gmailConversation, htmlPage } from '../webmail/markup';
import { fixture, GMAIL_CSP, navigate, panelShown, recordViolations, selectorsInPage, serveWebmail, violations, type Traffic } from './fake-webmail';

/** The few extension APIs evaluated in the service worker below. */
declare const chrome: {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  storage: {
    session: { get(key: string): Promise<Record<string, unknown>> };
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};

const PANEL = 'bounce-inspector-panel';
/** Any alternative of a selector list, as one CSS selector for locators. */
const anyOf = (selector: readonly string[]) => `:is(${selector.join(', ')})`;
const GMAIL_THREAD = 'https://mail.google.com/mail/u/0/?fixture=';
const GMAIL_HASH = '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs';
const OWA = 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1h?fixture=';

interface Expected {
  state: string;
  status: string;
  reply: string;
  reason: string;
  recipients: string;
}
const bounce = (status: string, reply: string, reason: string): Expected => ({ state: 'bounce', status, reply, reason, recipients: '1' });

let ext: Extension;
let traffic: Traffic;

beforeAll(async () => {
  ensureBuilt();
  ext = await launch();
  traffic = await serveWebmail(ext.context);
  await recordViolations(ext.context);
});
afterEach(async () => {
  // A failed test leaves its page open; close it so it cannot confuse the next one.
  await Promise.all(ext.context.pages().filter((p) => p.url().startsWith('https://')).map((p) => p.close()));
});
afterAll(async () => {
  await ext?.close();
});

/**
 * Requests each page made, extension files included (the analyzer module is one). A file of the
 * extension's is asked for at its dynamic URL (use_dynamic_url) and redirected: counted once.
 */
const requests = new WeakMap<Page, string[]>();
const ANALYZER = 'content-scripts/webmail-analyzer.js';

async function open(url: string): Promise<Page> {
  const p = await ext.context.newPage();
  const seen: string[] = [];
  requests.set(p, seen);
  p.on('request', (request) => {
    if (!request.redirectedFrom()) seen.push(request.url());
  });
  await p.goto(url);
  return p;
}

const requested = (p: Page, part: string) => (requests.get(p) ?? []).some((url) => url.includes(part));

/** The panels' attributes, in page order, once `count` panels have a verdict. */
async function panels(p: Page, count: number): Promise<Record<string, string | null>[]> {
  if (count > 0) await panelShown(p, p.locator(`${PANEL}[data-state]`).nth(count - 1));
  return p.locator(PANEL).evaluateAll((hosts) =>
    hosts.map((el) => ({
      state: el.getAttribute('data-state'),
      status: el.getAttribute('data-status'),
      reply: el.getAttribute('data-reply'),
      reason: el.getAttribute('data-reason'),
      recipients: el.getAttribute('data-recipients'),
    })),
  );
}

/** Waits long enough for a panel that should not come (two check cycles and a classification). */
async function settle(p: Page): Promise<void> {
  await p.waitForTimeout(600);
}

describe('Gmail', () => {
  it.each<[string, Expected]>([
    ['gmail/address-not-found', bounce('5.1.1', '550', 'userunknown')],
    ['gmail/message-blocked', bounce('5.7.26', '550', 'authfailure')],
    ['gmail/delivery-incomplete', { state: 'delay', status: '4.2.2', reply: '452', reason: 'mailboxfull', recipients: '1' }],
    ['gmail/legacy-permanent-failure', bounce('5.1.1', '550', 'userunknown')],
    ['gmail/third-party-bounce', bounce('5.2.2', '552', 'mailboxfull')],
  ])('%s: one panel with the verdict', async (name, expected) => {
    const p = await open(GMAIL_THREAD + name + GMAIL_HASH);
    await panelShown(p, p.locator(PANEL).first());
    // Shown before the body it explains, inside the message.
    const placed = `${anyOf(G.message)} ${PANEL} + ${anyOf(G.messageBody)}`;
    expect(await p.locator(placed).count(), `a body right after the panel, inside a message (${placed}); ${await selectorsInPage(p)}`).toBe(1);
    await expect.poll(() => panels(p, 1), { timeout: 10_000 }).toEqual([expected]);
    expect(await violations(p)).toEqual([]);
    await p.close();
  });

  it('reads the raw source through Show original when Gmail gives it', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(p, p.locator(`${PANEL}[data-source="original"]`));
    expect(requested(p, ANALYZER)).toBe(true);
    expect(traffic.mail).toContain('https://mail.google.com/mail/u/0/?ik=a1b2c3d4e5&view=om&permmsgid=msg-f%3A1781000000000000011');
    await p.close();
  });

  it("warns of a report whose sender failed DMARC at Gmail, once Show original says so, and keeps the address", async () => {
    const p = await open(GMAIL_THREAD + 'gmail/forged-address-not-found' + GMAIL_HASH);
    const panel = p.locator(`${PANEL}[data-source="original"]`);
    await panelShown(p, panel);
    await expect.poll(() => panel.getByTestId('dmarc').innerText(), { timeout: 10_000 }).toContain('its sender, googlemail.com, failed DMARC');
    const card = panel.getByTestId('verdict').first();
    expect(await card.innerText()).toContain('its sender could not be verified (DMARC)');
    expect(await panel.getByRole('button', { name: /addresses to suppress/i }).count()).toBe(0);
    await p.close();
  });

  it('falls back to the page text when Show original fails', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/message-blocked' + GMAIL_HASH);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    await expect.poll(() => traffic.mail.some((u) => u.includes('permmsgid=msg-f%3A1781000000000000021'))).toBe(true);
    await settle(p);
    expect(await p.locator(PANEL).getAttribute('data-source')).toBe('page');
    await p.close();
  });

  it('gives each bounce of a thread its own panel, and none to the original message', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/thread-two-bounces' + GMAIL_HASH);
    await expect
      .poll(() => panels(p, 2), { timeout: 10_000 })
      .toEqual([bounce('5.1.1', '550', 'userunknown'), bounce('5.7.1', '554', 'blocked')]);
    const ids = await p.locator(PANEL).evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-message-id')));
    expect(ids).toEqual(['msg-f:1781000000000000062', 'msg-f:1781000000000000063']);
    await p.close();
  });

  it('shows no panel on an ordinary message, and loads and fetches nothing for it', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/ordinary' + GMAIL_HASH);
    await settle(p);
    expect(await p.locator(PANEL).count()).toBe(0);
    expect(requested(p, ANALYZER)).toBe(false);
    expect(requested(p, 'view=om')).toBe(false);
    await p.close();
  });

  it('follows navigation from message to message', async () => {
    const p = await open(`${GMAIL_THREAD}gmail/ordinary&then=gmail/address-not-found,gmail/thread-two-bounces,gmail/ordinary${GMAIL_HASH}`);
    await settle(p);
    expect(await p.locator(PANEL).count()).toBe(0);

    await navigate(p, '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpAA', 0);
    await panelShown(p, p.locator(`${PANEL}[data-message-id="msg-f:1781000000000000011"]`));
    expect(await p.locator(PANEL).count()).toBe(1);

    await navigate(p, '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpBB', 1);
    await expect
      .poll(() => p.locator(PANEL).evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-message-id'))), { timeout: 10_000 })
      .toEqual(['msg-f:1781000000000000062', 'msg-f:1781000000000000063']);

    await navigate(p, '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpCC', 2);
    await expect.poll(() => p.locator(PANEL).count(), { timeout: 10_000 }).toBe(0);
    expect(await violations(p)).toEqual([]);
    // Three panels, one download of their stylesheet.
    expect((requests.get(p) ?? []).filter((url) => url.includes('content-scripts/gmail.css'))).toHaveLength(1);
    await p.close();
  });

  it('keeps nothing of the bounces it has left: no old message, panel or listener stays alive', async () => {
    const ids = ['msg-f:1781000000000000021', 'msg-f:1781000000000000011'];
    const p = await open(`${GMAIL_THREAD}gmail/address-not-found&then=gmail/message-blocked,gmail/address-not-found${GMAIL_HASH}`);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Performance.enable');
    /** Live DOM nodes and event listeners (all worlds, ours included) after a full garbage collection. */
    const alive = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (name: string) => metrics.find((m) => m.name === name)!.value;
      return { nodes: value('Nodes'), listeners: value('JSEventListeners') };
    };
    // Each step opens the other bounce as the app does: new URL, a new reading pane, a new panel.
    const steps = async (count: number, from: number) => {
      for (let i = from; i < from + count; i++) {
        await navigate(p, `#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkR${String(i).padStart(5, '0')}`, i % 2);
        await panelShown(p, p.locator(`${PANEL}[data-message-id="${ids[i % 2]}"][data-state]`));
      }
    };
    await steps(4, 0);
    const before = await alive();
    await steps(20, 4);
    const after = await alive();
    const paneNodes = await p.evaluate((alternatives) => {
      let pane: Element | null = null;
      for (const alternative of alternatives) if (!pane) pane = document.querySelector(alternative);
      const walker = document.createTreeWalker(pane!);
      let n = 0;
      while (walker.nextNode()) n++;
      return n;
    }, G.readingPane);
    // Before the fix every step kept its reading pane (through the panel's anchor) and a listener
    // or two: twenty panes and some forty listeners more.
    expect(after.nodes - before.nodes).toBeLessThan(paneNodes);
    expect(after.listeners - before.listeners).toBeLessThanOrEqual(2);
    await cdp.detach();
    await p.close();
  });

  it('drops the panel when the app hides the bounce and goes back to the list', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    // As Gmail does: the thread view stays in the page, hidden; only the URL (hash) changes.
    const hidden = await p.evaluate((alternatives) => {
      let n = 0;
      for (const alternative of alternatives) for (const message of Array.from(document.querySelectorAll<HTMLElement>(alternative))) (message.style.display = 'none'), n++;
      location.hash = '#inbox';
      return n;
    }, G.message);
    expect(hidden, `messages hidden; ${await selectorsInPage(p)}`).toBeGreaterThan(0);
    await expect.poll(() => p.locator(PANEL).count(), { timeout: 10_000 }).toBe(0);
    await p.close();
  });

  it('hands the verdict to the side panel', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    await p.locator(PANEL).getByRole('button', { name: 'Details and history' }).click();
    const tabId = await ext.worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.url === url)!.id!;
    }, p.url());
    const reported = async () =>
      ext.worker.evaluate(async (id) => {
        const { 'tab-reports': reports } = await chrome.storage.session.get('tab-reports');
        return (reports as Record<string, { classification: { recipients: { recipient: string }[] } }[]> | undefined)?.[id]
          ?.flatMap((report) => report.classification.recipients.map((r) => r.recipient));
      }, tabId);
    await expect.poll(reported, { timeout: 10_000 }).toEqual(['alice@example.net']);
    const side = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
    await expect.poll(() => side.getByTestId('current').innerText(), { timeout: 10_000 }).toContain('alice@example.net');
    await side.close();
    await p.close();
  });

  it('follows the page theme, not the system setting', async () => {
    const light = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(light, light.locator(PANEL));
    expect(await light.locator(PANEL).getAttribute('data-theme')).toBe('light');
    const dark = await open(`${GMAIL_THREAD}gmail/address-not-found&theme=dark${GMAIL_HASH}`);
    await panelShown(dark, dark.locator(PANEL));
    expect(await dark.locator(PANEL).getAttribute('data-theme')).toBe('dark');
    // The panel's own surface is dark too.
    const surface = await dark.locator(PANEL).locator('.bi-inpage').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(surface).toBe('rgb(28, 32, 40)');
  });

  it.each([
    ['a thread with two bounces', GMAIL_THREAD + 'gmail/thread-two-bounces' + GMAIL_HASH, 2],
    ['the dark theme', `${GMAIL_THREAD}gmail/address-not-found&theme=dark${GMAIL_HASH}`, 1],
    ['Outlook with its paste box', OWA + 'outlook/classic-single', 1],
  ])('passes axe-core inside the panel: %s', async (_name, url, count) => {
    const p = await open(url);
    await panelShown(p, p.locator(`${PANEL}[data-state]`).nth(count - 1));
    // The fake page's own markup is Gmail's, not ours: only what lies inside our panels counts.
    const ours = (await runAxe(p)).filter((v) => v.nodes.some((n) => String(n.target[0]).includes(PANEL)));
    expect(ours).toEqual([]);
  });

  it('fetches the originals of a long thread of bounces a few at a time', { timeout: 60_000 }, async () => {
    // Anyone can send a hundred bounces with one subject; opening the thread must not fire a
    // hundred "Show original" requests at Gmail at once.
    const COUNT = 12;
    const ids = Array.from({ length: COUNT }, (_, i) => `msg-f:17810000000000009${String(i).padStart(2, '0')}`);
    // Built from gmail-selectors' first alternatives (test/webmail/markup.ts), as the reader finds them.
    const messages = ids.map((id, i) => ({
      id,
      sender: 'mailer-daemon@googlemail.com',
      senderName: 'Mail Delivery Subsystem',
      body: `<p>Your message wasn't delivered to u${i}@example.net because the address couldn't be found.</p><p>The response from the remote server was:</p><p>550 5.1.1 user unknown</p>`,
    }));
    const html = htmlPage('Thread', gmailConversation('Delivery Status Notification (Failure)', 'a1b2c3d4e5', messages));
    let inFlight = 0;
    let most = 0;
    let served = 0;
    const p = await ext.context.newPage();
    await p.route('https://mail.google.com/mail/u/0/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('view') !== 'om') {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': GMAIL_CSP }, body: html });
      }
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight--;
      served++;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture('gmail/show-original-address-not-found') });
    });
    await p.goto(`https://mail.google.com/mail/u/0/?thread=many${GMAIL_HASH}`);
    await expect.poll(() => p.locator(`${PANEL}[data-source="original"]`).count(), { timeout: 30_000 }).toBe(COUNT);
    expect(served).toBe(COUNT);
    expect(most).toBeLessThanOrEqual(2);
    await p.close();
  });

  it('collapses and expands', async () => {
    const p = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    const toggle = p.locator(PANEL).locator('button[aria-expanded]');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await p.locator(PANEL).locator('.bi-inpage__body').count()).toBe(0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await p.screenshot({ path: screenshotPath('gmail-address-not-found') });
    await p.close();
  });
});

describe('Outlook on the web', () => {
  it.each<[string, Expected]>([
    ['outlook/classic-single', bounce('5.1.10', '550', 'userunknown')],
    ['outlook/classic-conversation', bounce('5.2.2', '554', 'mailboxfull')],
    ['outlook/modern-single', bounce('5.1.1', '550', 'userunknown')],
    ['outlook/modern-conversation', bounce('5.1.10', '550', 'userunknown')],
  ])('%s: one panel with the verdict', async (name, expected) => {
    const p = await open(OWA + name);
    await expect.poll(() => panels(p, 1), { timeout: 10_000 }).toEqual([expected]);
    // Above the message body, never above the original message of the conversation.
    const placed = `${PANEL} + ${anyOf(O.messageBody)}`;
    expect(await p.locator(placed).count(), `a body right after the panel (${placed}); ${await selectorsInPage(p)}`).toBe(1);
    await p.close();
  });

  it('shows no panel on an ordinary message', async () => {
    const p = await open(OWA + 'outlook/ordinary');
    await settle(p);
    expect(await p.locator(PANEL).count()).toBe(0);
    await p.close();
  });

  it.each([
    'https://outlook.office365.com/owa/?ItemID=AAMkAD&fixture=outlook/classic-single',
    'https://outlook.live.com/mail/0/inbox/id/AAQkAD?fixture=outlook/modern-single',
    'https://outlook.cloud.microsoft/mail/inbox/id/AAQkAD?fixture=outlook/modern-single',
  ])('runs on the other hosts and paths: %s', async (url) => {
    const p = await open(url);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    await p.close();
  });

  it('classifies pasted message source', async () => {
    const p = await open(OWA + 'outlook/ordinary&then=outlook/classic-single');
    await navigate(p, '/mail/inbox/id/AAQkADAwATM0MDAAMS1hNEXT?fixture=outlook/classic-single', 0);
    const panel = p.locator(PANEL);
    await panel.locator('[data-state]').or(panel).first().waitFor({ timeout: 10_000 });
    await panel.getByText('Paste the message source').click();
    await panel.getByRole('textbox', { name: 'Message source' }).fill(fixtureRaw());
    await panel.getByRole('button', { name: 'Explain the pasted source' }).click();
    await panelShown(p, p.locator(`${PANEL}[data-source="pasted"]`));
    await p.close();
  });
});

/** How the panel's headline and one-line verdict are laid out: their width and the width their text needs. */
async function barLayout(p: Page) {
  return p.locator(PANEL).evaluate((host) => {
    const root = host.shadowRoot!;
    const box = (selector: string) => {
      const el = root.querySelector<HTMLElement>(selector);
      return el ? { text: el.textContent, width: el.getBoundingClientRect().width, needs: el.scrollWidth, visible: el.checkVisibility() } : null;
    };
    return { headline: box('.bi-inpage__headline'), verdict: box('.bi-inpage__verdict') };
  });
}

describe('in a narrow window (a small laptop split in two)', () => {
  it.each([
    ['Gmail', GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH],
    ['Outlook', OWA + 'outlook/classic-single'],
  ])('%s: the headline stays readable at 320-420 px and the collapsed panel keeps its verdict', async (_name, url) => {
    const p = await open(url);
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    for (const width of [320, 360, 420]) {
      await p.setViewportSize({ width, height: 800 });
      const { headline } = await barLayout(p);
      expect(headline?.text, `at ${width} px`).toBe('Delivery failed: 1 recipient');
      // Wide enough for its words (it wraps rather than clips): nothing cut off.
      expect(headline!.width, `at ${width} px`).toBeGreaterThan(100);
      expect(headline!.needs, `at ${width} px`).toBeLessThanOrEqual(Math.ceil(headline!.width));
    }
    await p.locator(PANEL).locator('button[aria-expanded]').click();
    expect(await p.locator(PANEL).locator('.bi-inpage__body').count()).toBe(0);
    const { verdict } = await barLayout(p);
    expect(verdict).toMatchObject({ text: '1 to suppress', visible: true });
    expect(verdict!.needs).toBeLessThanOrEqual(Math.ceil(verdict!.width));
    await p.screenshot({ path: screenshotPath(`narrow-collapsed-${_name.toLowerCase()}`) });
    await p.close();
  });
});

describe('history', () => {
  interface StoredEntry {
    host: string;
    recipients: { address: string; status: string; suppress: boolean }[];
  }
  const stored = () => ext.worker.evaluate(async () => ((await chrome.storage.local.get('history')).history ?? []) as StoredEntry[]);
  /** Long enough for every reading's report to reach the background and storage. */
  const reported = (p: Page) => p.waitForTimeout(1_000);

  it('keeps one entry for one opened Gmail bounce: page text, Show original, a reload and a second tab', async () => {
    await ext.worker.evaluate(() => chrome.storage.local.set({ history: [] }));
    const p = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(p, p.locator(`${PANEL}[data-source="original"]`));
    await reported(p);
    const once = await stored();
    expect(once.map((e) => [e.host, e.recipients.map((r) => `${r.address} ${r.status}`)])).toEqual([
      ['mail.google.com', ['alice@example.net 5.1.1']],
    ]);

    await p.reload();
    await panelShown(p, p.locator(`${PANEL}[data-source="original"]`));
    const second = await open(GMAIL_THREAD + 'gmail/address-not-found' + GMAIL_HASH);
    await panelShown(second, second.locator(`${PANEL}[data-source="original"]`));
    await reported(second);
    expect(await stored()).toEqual(once);

    const side = await openExtensionPage(ext, 'sidepanel.html');
    await expect.poll(() => side.getByTestId('history-summary').textContent(), { timeout: 10_000 }).toMatch(/^1 bounce, 1 recipient\./);
    await side.close();
  });

  it('records every bounce of a thread, once each, and the side panel shows the one whose details were clicked', async () => {
    await ext.worker.evaluate(() => chrome.storage.local.set({ history: [] }));
    const p = await open(GMAIL_THREAD + 'gmail/thread-two-bounces' + GMAIL_HASH);
    await panels(p, 2);
    await reported(p);
    const recorded = async () =>
      (await stored()).flatMap((e) => e.recipients.map((r) => `${e.host} ${r.address} ${r.status}${r.suppress ? ' suppress' : ''}`)).sort();
    // grace@ is the one to suppress: she must be in the history without a click on her panel.
    const both = ['mail.google.com grace@example.net 5.1.1 suppress', 'mail.google.com heidi@example.net 5.7.1'];
    expect(await recorded()).toEqual(both);

    const tabId = await ext.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)!.id!, p.url());
    const side = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
    const current = side.getByTestId('current');
    const shown = () => current.getByTestId('verdict').getAttribute('data-status');
    // The newest first, the other a click away.
    await expect.poll(shown, { timeout: 10_000 }).toBe('5.7.1');
    expect(await current.getByTestId('open-bounces').getByRole('button').allTextContents()).toEqual(['grace@example.net', 'heidi@example.net']);
    await p.locator(PANEL).first().getByRole('button', { name: 'Details and history' }).click();
    await expect.poll(shown, { timeout: 10_000 }).toBe('5.1.1');
    expect(await side.getByTestId('history-entry').count()).toBe(2);

    await p.reload();
    await panels(p, 2);
    await reported(p);
    expect(await recorded()).toEqual(both);
    await side.close();
    await p.close();
  });
});

describe('side panel follows the tab', () => {
  const EMPTY_TEXT = 'Open a bounce in Gmail or Outlook on the web and its verdict shows here.';
  const OWA_BOUNCE = OWA + 'outlook/classic-single';

  it('drops the open bounce when the tab loads another message, another host, a page we do not run on, or another site', async () => {
    const p = await open(OWA_BOUNCE);
    await p.route('https://www.example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Another site</h1>' }));
    await panelShown(p, p.locator(`${PANEL}[data-state]`));
    const tabId = await ext.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)!.id!, p.url());
    const side = await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`);
    const shown = side.getByTestId('current').locator('[data-testid="verdict"][data-status="5.1.10"]');
    const empty = side.getByTestId('current').getByText(EMPTY_TEXT);

    for (const away of [
      OWA + 'outlook/ordinary', // the same app, a full page load of an ordinary message
      'https://outlook.office.com/calendar/view/month?fixture=outlook/classic-single', // a path our scripts do not run on
      GMAIL_THREAD + 'gmail/inbox', // another webmail host
      'https://www.example.org/', // an unrelated site
    ]) {
      await shown.waitFor({ timeout: 10_000 });
      await p.goto(away);
      await empty.waitFor({ timeout: 10_000 });
      expect(await side.getByTestId('current').getByTestId('verdict').count(), away).toBe(0);
      await p.goto(OWA_BOUNCE);
    }
    await shown.waitFor({ timeout: 10_000 });
    await p.close();
    await empty.waitFor({ timeout: 10_000 });
    await side.close();
  });
});

describe('privacy', () => {
  it('sent no request to any host but the mail hosts', () => {
    expect(traffic.mail.length).toBeGreaterThan(0);
    expect(traffic.blocked).toEqual([]);
  });
});

function fixtureRaw(): string {
  return [
    'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>',
    'To: kim@example.com',
    'Subject: Undeliverable: Quarterly report',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Delivery has failed to these recipients or groups:',
    '',
    'judy@example.net',
    '',
    'Diagnostic information for administrators:',
    'Remote Server returned \'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\'',
    '',
  ].join('\r\n');
}
