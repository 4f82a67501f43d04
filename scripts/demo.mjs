#!/usr/bin/env node
/**
 * npm run demo — the extension on a demo Gmail inbox with a bounce open, in Chromium.
 *
 * Builds the extension, starts Debian's Chromium with it (headed when a display exists, else
 * headless) and serves a Gmail-like page at https://mail.google.com/ through request routing:
 * nothing is fetched from the network, every other host is refused. The open message is
 * test/fixtures/dom/gmail/address-not-found.html; its "Show original" is served too, so the
 * panel shows the full delivery-status detail.
 *
 *   npm run demo                          headed (or headless, printing the panel's text)
 *   npm run demo -- --screenshot FILE     headless; saves what a user would see to FILE
 *   --dark                                the inbox in a dark theme, as Gmail's dark mode draws it
 *   --no-build                            use .output/chrome-mv3 as it is
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXT_DIR = join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const shotIndex = args.indexOf('--screenshot');
const screenshot = shotIndex >= 0 ? args[shotIndex + 1] : '';
const headed = !screenshot && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const URL_OPEN = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs';

const fixture = (name) => readFileSync(join(ROOT, 'test/fixtures/dom', name), 'utf8');

/** Looks of a Gmail page for the classes the fixtures use (the fixtures carry Gmail's markup only). */
const DEMO_CSS = `
body{margin:0;background:#f6f8fc;font:14px/1.45 "Google Sans",Roboto,Arial,sans-serif;color:#1f1f1f}
#demo-top{display:flex;align-items:center;gap:16px;height:64px;padding:0 16px}
#demo-top .logo{font-size:22px;color:#444;width:220px}
#demo-top .search{flex:1;max-width:720px;background:#e9eef6;border-radius:24px;padding:12px 20px;color:#444}
#gmail-app{display:flex;gap:8px;padding:0 16px 16px 0}
[role="navigation"]{width:240px;padding:8px 0}
[role="navigation"] a{display:block;padding:6px 24px;border-radius:0 16px 16px 0;color:#1f1f1f;text-decoration:none}
[role="navigation"] a:first-child{background:#d3e3fd;font-weight:600}
[role="main"]{flex:1;background:#fff;border-radius:16px;padding:20px 28px;min-height:700px}
.print-all{display:none}
.hP{font-size:22px;font-weight:400;margin:4px 0 20px}
.gE{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px;margin-bottom:4px}
.gD{font-weight:600}.go,.g3,.ajw{color:#5e5e5e;font-size:12px}.g3{margin-left:auto}.ajw{flex-basis:100%}
.ii.gt{margin:12px 0 0 0}
`;

/** The bounce's own error icon, which Gmail serves from the message's inline parts. */
const ERROR_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10" fill="#d93025"/><path d="M11 6h2v8h-2zm0 10h2v2h-2z" fill="#fff"/></svg>';

/** Gmail's dark theme, roughly: the panel must follow the page, not the system setting. */
const DARK_CSS = `
body{background:#111;color:#e3e3e3} #demo-top .logo{color:#e3e3e3} #demo-top .search{background:#2a2a2a;color:#bbb}
[role="navigation"] a{color:#e3e3e3} [role="navigation"] a:first-child{background:#2d3a52}
[role="main"]{background:#1e1e1e;color:#e3e3e3} .go,.g3,.ajw{color:#a0a0a0}
.a3s table,.a3s td{background:#1e1e1e!important;color:#e3e3e3!important;border-color:#444!important} .a3s h2,.a3s a{color:#e3e3e3!important}
`;

function demoPage() {
  const page = fixture('gmail/address-not-found.html');
  const css = DEMO_CSS + (args.includes('--dark') ? DARK_CSS : '');
  const top = '<div id="demo-top"><span class="logo">✉ Mail</span><span class="search">Search mail</span></div>';
  return page.replace('</head>', `<style>${css}</style></head>`).replace('<div class="nH" id="gmail-app">', `${top}<div class="nH" id="gmail-app">`);
}

async function main() {
  if (!args.includes('--no-build') || !existsSync(join(EXT_DIR, 'manifest.json'))) {
    console.log('Building the extension…');
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: !headed,
    viewport: { width: 1280, height: 1000 },
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', `--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`],
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return route.fallback();
    if (url.host !== 'mail.google.com') return route.abort('blockedbyclient');
    const csp = { 'content-security-policy': "require-trusted-types-for 'script'" };
    if (url.searchParams.get('view') === 'om') {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', headers: csp, body: fixture('gmail/show-original-address-not-found.html') });
    }
    if (url.searchParams.get('view') === 'fimg') return route.fulfill({ contentType: 'image/svg+xml', body: ERROR_ICON });
    if (url.pathname === '/mail/u/0/') return route.fulfill({ contentType: 'text/html; charset=utf-8', headers: csp, body: demoPage() });
    return route.fulfill({ status: 404, body: '' });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(URL_OPEN);
  const panel = page.locator('bounce-inspector-panel[data-state]');
  await panel.waitFor({ timeout: 15_000 });
  // Let the Show original reading replace the page-text one, when it comes.
  await page.locator('bounce-inspector-panel[data-source="original"]').waitFor({ timeout: 3_000 }).catch(() => {});
  const state = await panel.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  console.log('Panel:', JSON.stringify(state));

  if (screenshot) {
    await page.screenshot({ path: resolve(screenshot), fullPage: true });
    console.log(`Saved ${screenshot}`);
    await context.close();
  } else if (headed) {
    console.log('Chromium is open with the demo inbox. Close the window to end.');
    await new Promise((done) => context.on('close', done));
  } else {
    console.log('No display: ran headless. The panel reads:\n');
    console.log(await panel.locator('.bi-inpage').innerText());
    await context.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
