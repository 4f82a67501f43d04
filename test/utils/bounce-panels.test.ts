// @vitest-environment happy-dom
/**
 * The content scripts' shared glue (utils/bounce-panels/run.ts) on a Gmail-like page, with WXT's
 * shadow-root UI, the analyzer module and the background replaced by fakes that count what they
 * are asked: when classification runs, what is fetched and aborted, what is kept.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { outcomeOfClassification } from '../../components/verdict-view';
import type { ClassifyOptions, RawInput } from '../../lib/types';
import { gmailReader } from '../../lib/webmail/gmail';
import type { BounceHead } from '../../lib/webmail/find-bounces';
import { MAX_CACHED_VERDICTS, runBouncePanels, type WebmailHost } from '../../utils/bounce-panels/run';
import { advice, classification, verdict } from '../components/fixtures';
import { gmailConversation, type FakeGmailMessage } from '../webmail/markup';
import * as G from '../../lib/webmail/gmail-selectors';
import { selectFirst } from '../../lib/webmail/query';

const fake = vi.hoisted(() => ({
  /** What happened, in order: 'yield', 'classify <first words>'. */
  log: [] as string[],
  classified: [] as string[],
  /** Shadow-root UIs created, how many were asked to load the entry's CSS themselves, the CSS each was given. */
  uis: 0,
  cssLoadsByWxt: 0,
  css: [] as (string | undefined)[],
  /** Requests for the content script's CSS file (the whole file's run: it is fetched once per page). */
  cssFetches: 0,
}));

vi.stubGlobal('fetch', async (url: string) => {
  if (!String(url).endsWith('.css')) throw new Error(`unexpected fetch ${url}`);
  fake.cssFetches++;
  return new Response(':root{--bi-accent:#1a73e8}.bi-inpage{color:var(--bi-accent)}');
});

vi.mock('wxt/browser', () => ({
  browser: { runtime: { getURL: (path: string) => `chrome-extension://test${path}`, sendMessage: async () => undefined } },
}));

vi.mock('../../utils/bounce-panels/yield', () => ({
  yieldToPage: () => {
    fake.log.push('yield');
    return new Promise<void>((resolve) => setTimeout(resolve, 0));
  },
}));

vi.mock('../../utils/bounce-panels/load-analyzer', () => ({
  loadAnalyzer: async () => ({
    analyze: async (input: RawInput, _options?: ClassifyOptions) => {
      const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
      fake.classified.push(text);
      fake.log.push(`classify ${text.trim().split(/\s+/).slice(0, 3).join(' ')}`);
      const result = classification([verdict()]);
      return { result, outcome: outcomeOfClassification(result, () => advice()) };
    },
  }),
}));

vi.mock('wxt/utils/content-script-ui/shadow-root', () => ({
  createShadowRootUi: async (
    ctx: ContentScriptContext,
    options: { name: string; anchor: Element; append: string; css?: string; onMount: (c: HTMLElement) => HTMLElement; onRemove?: (c?: HTMLElement) => void },
  ) => {
    fake.uis++;
    if (ctx.options?.cssInjectionMode === 'ui') fake.cssLoadsByWxt++;
    fake.css.push(options.css);
    await Promise.resolve();
    const host = document.createElement(options.name);
    const shadow = host.attachShadow({ mode: 'open' });
    const container = shadow.appendChild(document.createElement('div'));
    let mounted: HTMLElement | undefined;
    const ui = {
      shadowHost: host,
      shadow,
      uiContainer: container,
      css: options.css,
      mount() {
        if (options.append === 'first') options.anchor.prepend(host);
        else options.anchor.before(host);
        mounted = options.onMount(container);
      },
      remove() {
        options.onRemove?.(mounted);
        host.remove();
        mounted = undefined;
      },
      get mounted() {
        return mounted;
      },
    };
    ctx.onInvalidated(() => ui.remove());
    return ui;
  },
}));

const PANEL = 'bounce-inspector-panel';
const THREAD = '/mail/u/0/#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs';

/** Bounce `n` as the reader finds it (built from gmail-selectors, so a markup change follows). */
function message(n: number): FakeGmailMessage {
  return {
    id: `msg-f:17810000000000${String(n).padStart(5, '0')}`,
    sender: 'mailer-daemon@googlemail.com',
    senderName: 'Mail Delivery Subsystem',
    body: `<p>Bounce ${n}: your message wasn't delivered to u${n}@example.net because the address couldn't be found.</p><p>550 5.1.1 user unknown</p>`,
  };
}

/** Shows a thread of the given bounces (by number) in the reading pane, as the app swaps it in. */
function showThread(...numbers: number[]): void {
  const built = document.createElement('template');
  built.innerHTML = gmailConversation('Delivery Status Notification (Failure)', 'a1b2c3d4e5', numbers.map(message));
  const fresh = built.content.firstElementChild!;
  // The reading pane itself stays; the app swaps what it holds.
  const main = selectFirst(document, G.readingPane) ?? document.body.appendChild(fresh.cloneNode(false) as Element);
  main.replaceChildren(...fresh.childNodes);
}

/** Lets every timer, microtask and yield due now run (a few rounds: each step may schedule the next). */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Drains the microtask queue without letting any timer (macrotask) run. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

function start(host: Partial<WebmailHost> = {}) {
  const controller = new AbortController();
  const ctx = {
    signal: controller.signal,
    get isValid() {
      return !controller.signal.aborted;
    },
    get isInvalid() {
      return controller.signal.aborted;
    },
    options: { cssInjectionMode: 'ui' },
    onInvalidated(callback: () => void) {
      controller.signal.addEventListener('abort', callback);
      return () => controller.signal.removeEventListener('abort', callback);
    },
    addEventListener(target: EventTarget, type: string, handler: EventListener) {
      target.addEventListener(type, handler, { signal: controller.signal });
    },
  } as unknown as ContentScriptContext;
  runBouncePanels(ctx, { reader: gmailReader, ...host });
  return { stop: () => controller.abort() };
}

/** Opens another thread as the app does: new URL, new pane, then the URL-change event WXT sends. */
async function navigate(...numbers: number[]): Promise<void> {
  history.pushState(null, '', `${THREAD}${numbers.join('x')}`);
  showThread(...numbers);
  window.dispatchEvent(new Event('wxt:locationchange'));
  await settle();
}

const panelIds = () => [...document.querySelectorAll(PANEL)].map((el) => el.getAttribute('data-message-id'));

let running: { stop(): void } | undefined;
beforeEach(() => {
  fake.log.length = 0;
  fake.classified.length = 0;
  fake.uis = 0;
  fake.cssLoadsByWxt = 0;
  fake.css.length = 0;
  document.body.replaceChildren();
  history.replaceState(null, '', THREAD);
});
afterEach(() => running?.stop());

describe('reading a bounce', () => {
  it('classifies in a task of its own: never in the one that read the page', async () => {
    showThread(1);
    running = start();
    // The check ran and read the body; classification waits for the page to have the thread.
    await microtasks();
    expect(fake.classified).toEqual([]);
    await settle();
    expect(fake.log).toEqual(['yield', 'classify Bounce 1: your']);
    expect(panelIds()).toEqual(['msg-f:1781000000000000001']);
    expect(document.querySelector(PANEL)!.getAttribute('data-state')).toBe('bounce');
  });
});

/** A fake "Show original": each request waits until the test answers it. */
function showOriginal() {
  const requests: { id: string; signal: AbortSignal; answer: (raw: string | null) => void }[] = [];
  const fetchOriginal = (head: BounceHead, _doc: Document, signal: AbortSignal) =>
    new Promise<string | null>((resolve) => {
      const request = { id: head.id, signal, answer: resolve };
      requests.push(request);
      // As the real one does: an aborted request ends with no source.
      signal.addEventListener('abort', () => resolve(null), { once: true });
    });
  const inFlight = () => requests.filter((r) => !r.signal.aborted).length;
  return { requests, fetchOriginal, inFlight };
}

const RAW = 'From: Mail Delivery Subsystem <mailer-daemon@example.com>\r\nSubject: Undelivered\r\n\r\nRaw source 550 5.1.1 user unknown\r\n';

describe('panel styles', () => {
  it('fetches the stylesheet once for every panel, not once per panel', async () => {
    showThread(10, 11, 12);
    running = start();
    await settle();
    await navigate(13);
    await navigate(10, 11);
    expect(panelIds()).toEqual(['msg-f:1781000000000000010', 'msg-f:1781000000000000011']);
    expect(fake.uis).toBe(6);
    expect(fake.cssLoadsByWxt).toBe(0);
    expect(fake.cssFetches).toBe(1);
    expect(new Set(fake.css)).toEqual(new Set([':host{--bi-accent:#1a73e8}.bi-inpage{color:var(--bi-accent)}']));
  });
});

describe('leaving a bounce', () => {
  it('aborts its Show original and classifies nothing more for it', async () => {
    const original = showOriginal();
    showThread(1);
    running = start({ fetchOriginal: original.fetchOriginal });
    await settle();
    expect(original.inFlight()).toBe(1);
    expect(fake.classified).toHaveLength(1); // the page text
    await navigate(); // an empty thread: the bounce is no longer shown
    expect(panelIds()).toEqual([]);
    expect(original.requests[0].signal.aborted).toBe(true);
    expect(original.inFlight()).toBe(0);
    original.requests[0].answer(RAW); // a late answer is ignored
    await settle();
    expect(fake.classified.filter((t) => t.includes('Raw source'))).toEqual([]);
  });

  it('does not classify a bounce left before its turn came, and reads it again when reopened', async () => {
    const original = showOriginal();
    showThread(2);
    running = start({ fetchOriginal: original.fetchOriginal });
    // Gone before the page had the thread back: nothing of it is classified.
    await navigate();
    expect(fake.classified).toEqual([]);
    expect(original.inFlight()).toBe(0);
    await navigate(2);
    expect(original.requests.map((r) => [r.id, r.signal.aborted])).toEqual([
      ['msg-f:1781000000000000002', true],
      ['msg-f:1781000000000000002', false],
    ]);
    original.requests[1].answer(RAW);
    await settle();
    expect(fake.classified.map((t) => t.slice(0, 10))).toEqual(['Bounce 2: ', 'From: Mail']);
    expect(document.querySelector(PANEL)!.getAttribute('data-source')).toBe('original');
  });

  it('keeps the reading of a message the app re-renders in place', async () => {
    const original = showOriginal();
    showThread(3);
    running = start({ fetchOriginal: original.fetchOriginal });
    await settle();
    // The same message, a new body element: the panel is redrawn, the request goes on.
    showThread(3);
    window.dispatchEvent(new Event('wxt:locationchange'));
    await settle();
    expect(original.requests).toHaveLength(1);
    expect(original.inFlight()).toBe(1);
    original.requests[0].answer(RAW);
    await settle();
    expect(document.querySelector(PANEL)!.getAttribute('data-source')).toBe('original');
  });
});

describe('the verdict cache', () => {
  it('keeps the most recent verdicts, not every bounce ever opened', async () => {
    showThread(100);
    running = start();
    await settle();
    for (let n = 101; n <= 100 + MAX_CACHED_VERDICTS + 10; n++) await navigate(n);
    expect(fake.classified).toHaveLength(MAX_CACHED_VERDICTS + 11);
    // A recent one reopens from the cache; the first, long evicted, is read again.
    await navigate(100 + MAX_CACHED_VERDICTS);
    expect(fake.classified).toHaveLength(MAX_CACHED_VERDICTS + 11);
    await navigate(100);
    expect(fake.classified).toHaveLength(MAX_CACHED_VERDICTS + 12);
  });

  it('never drops the verdict of a bounce on the page, however many are', async () => {
    const many = Array.from({ length: MAX_CACHED_VERDICTS + 5 }, (_, i) => 200 + i);
    showThread(...many);
    running = start();
    await settle(60);
    expect(fake.classified).toHaveLength(many.length);
    const states = () => [...document.querySelectorAll(PANEL)].map((el) => el.getAttribute('data-state'));
    expect(states()).toEqual(many.map(() => 'bounce'));
    // One more check of the page (any change): every panel keeps its verdict, nothing is read again.
    window.dispatchEvent(new Event('wxt:locationchange'));
    await settle();
    expect(states()).toEqual(many.map(() => 'bounce'));
    expect(fake.classified).toHaveLength(many.length);
  });
});
