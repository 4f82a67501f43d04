/**
 * Shared helpers for real-browser tests: launch Debian's Chromium with the production build of
 * the extension, find the extension id, open extension pages, run axe, save screenshots.
 * Reused by the Gmail/Outlook end-to-end tests.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROME_DIR, CHROMIUM, SCREENSHOT_DIR } from './paths';

export { CHROME_DIR, CHROMIUM, CORPUS_DIR, FIREFOX_DIR, ROOT, SCREENSHOT_DIR } from './paths';

export interface Extension {
  context: BrowserContext;
  /** The extension's id, the host of its chrome-extension:// URLs. */
  id: string;
  /** The background service worker (for evaluating extension APIs directly). */
  worker: Worker;
  close(): Promise<void>;
}

/** True when the browser and the build are there; tests use it to fail with a clear reason. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM) && existsSync(join(CHROME_DIR, 'manifest.json'));
}

/** Waits for the extension's service worker; polls, since the `serviceworker` event can race. */
export async function backgroundWorker(context: BrowserContext, timeoutMs = 30_000): Promise<Worker> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (worker) return worker;
    await context.waitForEvent('serviceworker', { timeout: 1_000 }).catch(() => undefined);
  }
  throw new Error(`The extension's service worker did not start within ${timeoutMs} ms`);
}

export function extensionId(worker: Worker): string {
  return new URL(worker.url()).host;
}

/** Starts Chromium (new headless mode) with the unpacked build loaded, in a throwaway profile. */
export async function launch(extensionDir = CHROME_DIR): Promise<Extension> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No build in ${extensionDir}: run \`npx wxt build\` (the vitest globalSetup does).`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const worker = await backgroundWorker(context);
    return { context, worker, id: extensionId(worker), close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Opens an extension page (e.g. 'popup.html', 'sidepanel.html?tabId=3') in a new tab. */
export async function openExtensionPage(
  ext: Extension,
  path: string,
  viewport: { width: number; height: number } = { width: 400, height: 600 },
): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`chrome-extension://${ext.id}/${path}`);
  return page;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * Saves two screenshots: the page as the user sees it (the current viewport) and, as
 * `<name>-full`, all of its content, with height limits lifted and the viewport grown to fit.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
  const size = page.viewportSize()!;
  const unclipped = await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (getComputedStyle(el).maxHeight !== 'none') el.style.maxHeight = 'none';
    }
    return document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.max(unclipped, size.height) });
  await page.screenshot({ path: screenshotPath(`${name}-full`), fullPage: true });
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('body *')) el.style.removeProperty('max-height');
  });
  await page.setViewportSize(size);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (WCAG 2.x A/AA and best practices) and returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not apply to.
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((n) => ({ target: n.target })),
    }));
  });
}
