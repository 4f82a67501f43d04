/**
 * Fake Gmail and Outlook on the web for end-to-end tests, served through Playwright's request
 * routing from test/fixtures/dom/. Every request to any other host is aborted and recorded.
 *
 * Pages: `<origin><path>?fixture=gmail/address-not-found&then=gmail/ordinary,…#…` serves the
 * first fixture, with each `then` fixture's reading pane in a <template id="next-<n>"> so a test
 * can swap the pane as the app would (no HTML parsing in the page, which Trusted Types forbids);
 * `&theme=dark` draws the page dark.
 * Gmail's "Show original" (`view=om&permmsgid=…`) is served for the ids in SHOW_ORIGINAL, else 404.
 * The reading pane is found through the readers' own selector lists (lib/webmail/*-selectors.ts),
 * and a panel that does not come fails naming what those lists find in the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { selectFirst } from '../../lib/webmail/query';
import { ROOT } from '../browser/paths';
import { SELECTORS, countAlternatives, describeCounts, hostOf, type Host } from '../webmail/selector-report';

export const FIXTURES = join(ROOT, 'test/fixtures/dom');
export const MAIL_HOSTS = ['mail.google.com', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'outlook.cloud.microsoft'];

/** Gmail's Trusted Types enforcement, as its pages send it. */
export const GMAIL_CSP = "require-trusted-types-for 'script'";

const SHOW_ORIGINAL: Record<string, string> = {
  'msg-f:1781000000000000011': 'gmail/show-original-address-not-found.html',
  'msg-f:1781000000000000012': 'gmail/show-original-forged-address-not-found.html',
};

export interface Traffic {
  /** Requests to the mail hosts (documents, images, Show original). */
  mail: string[];
  /** Requests to any other host: aborted. Must stay empty. */
  blocked: string[];
}

/** Gmail's failing verdict on a forged report's sender, as Show original shows it on top. */
const FORGED_AUTHENTICATION =
  'Authentication-Results: mx.google.com;\n       spf=none (google.com: mx.forged.example does not designate permitted sender hosts) smtp.helo=mx.forged.example;\n       dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=googlemail.com\n';

/**
 * Fixtures made from another when served: a forged copy of Gmail's "Address not found" (its own
 * message id; its Show original has Gmail's failing Authentication-Results on top).
 */
const DERIVED: Record<string, () => string> = {
  'gmail/forged-address-not-found': () =>
    changed(fixture('gmail/address-not-found'), (page) => page.replaceAll('1781000000000000011', '1781000000000000012').replaceAll('18b2c3d4e5f60011', '18b2c3d4e5f60012')),
  'gmail/show-original-forged-address-not-found': () =>
    changed(fixture('gmail/show-original-address-not-found'), (page) => page.replace('id="raw_message_text">', `id="raw_message_text">${FORGED_AUTHENTICATION}`)),
};

/** `edit` applied to `page`; a fixture the edit no longer finds its way in fails loudly rather than serving a copy. */
function changed(page: string, edit: (page: string) => string): string {
  const result = edit(page);
  if (result === page) throw new Error('a derived fixture no longer differs from the page it is made from: update DERIVED');
  return result;
}

export function fixture(name: string): string {
  const derived = DERIVED[name.replace(/\.html$/, '')];
  if (derived) return derived();
  return readFileSync(join(FIXTURES, name.endsWith('.html') ? name : `${name}.html`), 'utf8');
}

/** The inner markup of a fixture's reading pane, as its host's readingPane selector finds it. */
function paneOf(name: string): string {
  const window = new Window();
  try {
    const doc = new window.DOMParser().parseFromString(fixture(name), 'text/html') as unknown as Document;
    const pane = selectFirst(doc, SELECTORS[hostOf(name)].readingPane);
    if (!pane) throw new Error(`fake-webmail: no reading pane in ${describeCounts(hostOf(name), name, countAlternatives(SELECTORS[hostOf(name)], doc))}`);
    return pane.innerHTML;
  } finally {
    void window.happyDOM.close();
  }
}

export function page(url: URL): string {
  const first = url.searchParams.get('fixture') ?? 'gmail/inbox';
  const then = (url.searchParams.get('then') ?? '').split(',').filter(Boolean);
  const templates = then.map((name, i) => `<template id="next-${i}">${paneOf(name)}</template>`).join('\n');
  // theme=dark: drawn the way Gmail's dark theme draws a page, whatever the system setting.
  const pane = SELECTORS[url.host === 'mail.google.com' ? 'gmail' : 'outlook'].readingPane.join(',');
  const dark = url.searchParams.get('theme') === 'dark' ? `<style>body,${pane}{background:#202124;color:#e8eaed}</style>` : '';
  return fixture(first).replace('</head>', `${dark}</head>`).replace('</body>', `${templates}\n</body>`);
}

async function fulfilMail(route: Route, url: URL): Promise<void> {
  if (url.searchParams.get('view') === 'om') {
    const name = SHOW_ORIGINAL[url.searchParams.get('permmsgid') ?? ''];
    if (!name) return route.fulfill({ status: 404, contentType: 'text/html', body: 'Not found' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': GMAIL_CSP }, body: fixture(name) });
  }
  if (url.searchParams.has('fixture')) {
    const headers: Record<string, string> = url.host === 'mail.google.com' ? { 'content-security-policy': GMAIL_CSP } : {};
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: page(url) });
  }
  // Images, favicons and the like.
  return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
}

export async function serveWebmail(context: BrowserContext): Promise<Traffic> {
  const traffic: Traffic = { mail: [], blocked: [] };
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return route.fallback();
    if (MAIL_HOSTS.includes(url.host)) {
      traffic.mail.push(url.href);
      return fulfilMail(route, url);
    }
    traffic.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return traffic;
}

/** Records Content-Security-Policy (Trusted Types) violations in the page. */
export async function recordViolations(target: BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
  });
}

export function violations(p: Page): Promise<string[]> {
  return p.evaluate(() => (window as unknown as { __violations: string[] }).__violations ?? []);
}

/** The host whose selectors apply to a page of the fake webmail. */
export function hostOfPage(p: Page): Host {
  return new URL(p.url()).host === 'mail.google.com' ? 'gmail' : 'outlook';
}

/** Navigates like the app: new URL (pushState), then the next pane out of its template. */
export async function navigate(p: Page, hash: string, templateIndex: number): Promise<void> {
  const alternatives = SELECTORS[hostOfPage(p)].readingPane;
  await p.evaluate(
    ({ hash, templateIndex, alternatives }) => {
      history.pushState(null, '', hash);
      let pane: Element | null = null;
      for (const alternative of alternatives) if (!pane) pane = document.querySelector(alternative);
      const template = document.getElementById(`next-${templateIndex}`) as HTMLTemplateElement;
      pane!.replaceChildren(template.content.cloneNode(true));
    },
    { hash, templateIndex, alternatives },
  );
}

/** What the host's selector lists find in the page now, in words (`describeCounts`), for failure messages. */
export async function selectorsInPage(p: Page): Promise<string> {
  const host = hostOfPage(p);
  const name = new URL(p.url()).searchParams.get('fixture') ?? p.url();
  const counts = await p.evaluate(countAlternatives, SELECTORS[host]).catch(() => ({}));
  return describeCounts(host, name, counts);
}

/**
 * Waits for a panel (`locator`, 10 s); when none comes, fails with what the readers' selector
 * lists find in the page, so a markup change points at the list that stopped matching.
 */
export async function panelShown(p: Page, locator: Locator, timeout = 10_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (err) {
    throw new Error(`no ${String(locator)} within ${timeout / 1000} s; ${await selectorsInPage(p)}\n${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}
