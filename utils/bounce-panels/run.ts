/**
 * The content scripts' whole job, shared by Gmail and Outlook: follow the opened messages, and
 * for each bounce among them read its text, classify it, and keep one panel above it. Every bounce
 * shown is reported to the background (which records each in the history, once per message).
 * Ordinary mail costs a throttled selector check per burst of page changes, and one message to the
 * background when the page loads ("no bounce here", which clears what an earlier page reported).
 */
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ClassifyOptions, RawInput } from '@/lib/types';
import type { BounceHead } from '@/lib/webmail/find-bounces';
import { followBounces } from '@/lib/webmail/follow';
import { extractText } from '@/lib/webmail/text';
import type { WebmailReader } from '@/lib/webmail/types';
import { messageKey } from '@/utils/history';
import { MAX_OPEN_BOUNCES, sendMessage, type OpenBounce } from '@/utils/messages';
import { nearest } from './nearest';
import type { Analysis } from './analyzer';
import { loadAnalyzer } from './load-analyzer';
import { yieldToPage } from './yield';
import { pageTheme } from './page-theme';
import { panelCss } from './panel-css';
import { Panel, type VerdictSource } from '@/components/in-page-panel';
import { applyAttributes, panelAttributes } from './panel-state';

export const PANEL_ELEMENT = 'bounce-inspector-panel';

export interface WebmailHost {
  reader: WebmailReader;
  /** The raw message, a better reading than the page text, when the host can give it (Gmail). */
  fetchOriginal?: (head: BounceHead, doc: Document, signal: AbortSignal) => Promise<string | null>;
  /** Offer a "paste the message source" box (Outlook). */
  acceptsPaste?: boolean;
}

interface Verdict {
  analysis: Analysis | null;
  source: VerdictSource;
  /** The reading is over (page text, then the raw source where there is one): nothing more to learn. */
  complete?: boolean;
}

/**
 * Verdicts kept for messages no longer shown, so that reopening one costs nothing: the most
 * recently used, about 17 KB each. Those of messages shown now are kept whatever their number.
 */
export const MAX_CACHED_VERDICTS = 30;

/**
 * Classifies with the analyzer module, loaded on first use; a failure to load reads as an error.
 * The classification runs in a task of its own, after the page has had the thread: not in the
 * task that read the page, nor in the one that built the analyzer's last table.
 */
async function analyze(input: RawInput, options?: ClassifyOptions, signal?: AbortSignal): Promise<Analysis | null> {
  try {
    const analyzer = await loadAnalyzer();
    await yieldToPage();
    // The message is no longer shown: nobody is waiting for this verdict.
    if (signal?.aborted) return null;
    return await analyzer.analyze(input, options);
  } catch {
    const text = 'Bounce Inspector could not load its reader on this page.';
    return { result: { kind: 'error', error: text }, outcome: { state: 'message', tone: 'error', text } };
  }
}

interface Entry {
  head: BounceHead;
  ui?: ShadowRootContentScriptUi<HTMLElement>;
  removed: boolean;
  /** Undoes the panel's registration with ctx.onInvalidated (see panelContext). */
  release?: () => void;
}

/**
 * WXT's createShadowRootUi registers the panel's removal with `ctx.onInvalidated` and never takes
 * it back, so on a webmail tab that lives for days every panel ever created, and the message body
 * it was anchored to, would stay reachable from ctx. Each panel gets a view of ctx whose one
 * registration the entry undoes when the panel goes. The view also says the entry's CSS is not
 * WXT's to load: mount() passes the text panelCss() fetched once for all panels.
 */
function panelContext(ctx: ContentScriptContext, entry: Entry): ContentScriptContext {
  const scoped = Object.create(ctx) as ContentScriptContext;
  // The entry's CSS comes from panelCss(), fetched once, not from WXT once per panel.
  Object.defineProperty(scoped, 'options', { value: { ...ctx.options, cssInjectionMode: 'manual' } });
  scoped.onInvalidated = (callback: () => void) => {
    const release = ctx.onInvalidated(callback);
    const previous = entry.release;
    entry.release = () => {
      previous?.();
      release();
    };
    return release;
  };
  return scoped;
}

export function runBouncePanels(ctx: ContentScriptContext, host: WebmailHost): void {
  const entries = new Map<string, Entry>();
  /** The open bounces in page order, as the last look at the page found them. */
  let inPageOrder: BounceHead[] = [];
  /**
   * Verdicts by message id, least recently used first: reopening a recent bounce costs nothing.
   * Bounded by MAX_CACHED_VERDICTS (see prune), with the view state and history keys beside them.
   */
  const verdicts = new Map<string, Verdict>();
  /** Readings under way (page text, Show original, classification), aborted when their message goes. */
  const readings = new Map<string, AbortController>();
  const collapsed = new Set<string>();
  /** Each opened message's history key (messageKey): all readings of it share one entry. */
  const messageKeys = new Map<string, string>();
  /**
   * What was last said to the background: '' for "no bounce open". Undefined until the first
   * check, so that a page opened without a bounce clears what an earlier page in this tab reported.
   */
  let reportedKey: string | undefined;
  /** The bounce whose "Details and history" was clicked last, and when: the side panel shows it. */
  let focused: { id: string; at: number } | undefined;

  const follower = followBounces({
    reader: host.reader,
    document,
    onCheck: sync,
    // Not ctx.setTimeout: each call of it adds a listener to ctx.signal that is never removed, one
    // per check for as long as the tab lives. A check due after invalidation does nothing.
    setTimeout: (handler, ms) => window.setTimeout(() => ctx.isValid && handler(), ms),
    signal: ctx.signal,
    // A panel the app throws out (re-rendering its message) is put back at the next check.
    watched: panelHosts,
  });

  function* panelHosts(): Generator<Node> {
    for (const entry of entries.values()) if (entry.ui) yield entry.ui.shadowHost;
  }
  ctx.addEventListener(window, 'wxt:locationchange', () => follower.check());
  follower.check();

  function sync(bounces: BounceHead[]): void {
    inPageOrder = bounces;
    for (const [id, entry] of entries) {
      const now = bounces.find((b) => b.id === id);
      // Gone, or the app re-rendered the message (new body element, or our panel thrown out).
      if (!now || now.element !== entry.head.element || (entry.ui && !entry.ui.shadowHost.isConnected)) remove(id, entry);
    }
    for (const bounce of bounces) if (!entries.has(bounce.id)) add(bounce);
    // A message no longer shown: its Show original and classifications are of no use now. (One the
    // app merely re-rendered is still in `bounces` and keeps its reading.)
    for (const [id, reading] of readings) {
      if (!bounces.some((b) => b.id === id)) {
        reading.abort();
        readings.delete(id);
      }
    }
    prune();
    report(bounces);
  }

  /** Moves a message's verdict to the most recently used end. */
  function touch(id: string): void {
    const verdict = verdicts.get(id);
    if (!verdict) return;
    verdicts.delete(id);
    verdicts.set(id, verdict);
  }

  /** Forgets the least recently used verdicts beyond MAX_CACHED_VERDICTS, never one shown or being read. */
  function prune(): void {
    if (verdicts.size <= MAX_CACHED_VERDICTS) return;
    let excess = verdicts.size - MAX_CACHED_VERDICTS;
    for (const id of verdicts.keys()) {
      if (excess === 0) break;
      if (entries.has(id) || readings.has(id)) continue;
      verdicts.delete(id);
      messageKeys.delete(id);
      collapsed.delete(id);
      excess--;
    }
  }

  function remove(id: string, entry: Entry): void {
    entry.removed = true;
    entries.delete(id);
    try {
      entry.ui?.remove();
    } catch {
      // Already gone with the page.
    }
    release(entry);
  }

  function release(entry: Entry): void {
    entry.release?.();
    entry.release = undefined;
  }

  function add(head: BounceHead): void {
    if (import.meta.env.DEV && head.fallback) {
      // The selector-observer way (STYLE.md): say so in development when the selectors miss.
      console.warn('Bounce Inspector: no message matched the selectors; reading the reading pane text instead.');
    }
    const entry: Entry = { head, removed: false };
    entries.set(head.id, entry);
    const known = verdicts.get(head.id);
    touch(head.id);
    // Read unless read already, or being read (a message the app re-rendered).
    if (!known?.complete && !readings.has(head.id)) {
      if (!known) verdicts.set(head.id, { analysis: null, source: 'page' });
      void readVerdict(head);
    }
    void mount(entry);
  }

  async function readVerdict(head: BounceHead): Promise<void> {
    const reading = new AbortController();
    readings.set(head.id, reading);
    // Also aborted when the extension goes (reload, update): then the page is left alone at once.
    const signal = typeof AbortSignal.any === 'function' ? AbortSignal.any([reading.signal, ctx.signal]) : reading.signal;
    try {
      const from = head.senderName && head.sender ? `${head.senderName} <${head.sender}>` : head.sender || head.senderName;
      const text = extractText(head.element);
      messageKeys.set(head.id, messageKey(head.id, text));
      // The raw source is asked for at once, while the page text is read.
      const raw = host.fetchOriginal && !head.fallback ? host.fetchOriginal(head, document, signal) : null;
      const page = await analyze(text, { text: true, subject: head.subject, from }, signal);
      if (!page || signal.aborted) return;
      setVerdict(head.id, { analysis: page, source: 'page' });
      const source = await raw;
      if (signal.aborted) return;
      if (source) {
        const original = await analyze(source, undefined, signal);
        if (!original || signal.aborted) return;
        // The raw source wins when it can be read: it carries the machine-readable delivery status.
        if (original.result.kind !== 'error') setVerdict(head.id, { analysis: original, source: 'original' });
      }
      const verdict = verdicts.get(head.id);
      if (verdict) verdict.complete = true;
    } catch {
      // Whatever went wrong stays here: the page keeps working, the panel keeps what it had.
    } finally {
      if (readings.get(head.id) === reading) readings.delete(head.id);
      // Left unfinished (aborted, or failed): reopening the message reads it again.
      if (!verdicts.get(head.id)?.analysis && !entries.has(head.id)) verdicts.delete(head.id);
    }
  }

  function setVerdict(id: string, verdict: Verdict): void {
    if (ctx.isInvalid) return;
    verdicts.set(id, verdict);
    const entry = entries.get(id);
    if (entry?.ui) draw(entry);
    report(inPageOrder);
  }

  async function mount(entry: Entry): Promise<void> {
    const { head } = entry;
    try {
      const css = await panelCss();
      if (entry.removed || ctx.isInvalid) return;
      const ui = await createShadowRootUi<HTMLElement>(panelContext(ctx, entry), {
        name: PANEL_ELEMENT,
        css,
        position: 'inline',
        anchor: head.element,
        // Above the body, inside the message: it scrolls with its own message, covers nothing, and
        // a thread with several bounces gets one panel each. The pane fallback goes first inside it.
        append: head.fallback ? 'first' : 'before',
        isolateEvents: true,
        onMount: (container) => container,
        onRemove: (container) => {
          if (container) render(null, container);
        },
      });
      if (entry.removed || ctx.isInvalid || !head.element.isConnected) {
        // Never shown: nothing to remove but the registration.
        release(entry);
        return;
      }
      ui.mount();
      entry.ui = ui;
      ui.shadowHost.setAttribute('data-message-id', head.id);
      ui.shadowHost.setAttribute('data-theme', pageTheme(head.element));
      draw(entry);
    } catch {
      // The page changed under us: forget the entry so that the next check tries again.
      release(entry);
      if (entries.get(head.id) === entry) entries.delete(head.id);
    }
  }

  function draw(entry: Entry): void {
    const container = entry.ui?.mounted;
    if (!entry.ui || !container) return;
    const id = entry.head.id;
    const verdict = verdicts.get(id) ?? { analysis: null, source: 'page' };
    const result = verdict.analysis?.result ?? null;
    applyAttributes(entry.ui.shadowHost, { ...panelAttributes(result), 'data-source': verdict.source });
    render(
      h(Panel, {
        analysis: verdict.analysis,
        source: verdict.source,
        subject: entry.head.subject,
        collapsed: collapsed.has(id),
        onToggle: () => {
          if (collapsed.has(id)) collapsed.delete(id);
          else collapsed.add(id);
          draw(entry);
        },
        onOpenDetails: () => openDetails(id),
        onPaste: host.acceptsPaste
          ? (source: string) => {
              void analyze(source).then((analysis) => analysis && setVerdict(id, { analysis, source: 'pasted', complete: true }));
            }
          : undefined,
      }),
      container,
    );
  }

  /** Makes this verdict the one the side panel shows, then asks the background to open it: both sent in the click. */
  function openDetails(id: string): Promise<boolean> {
    try {
      focused = { id, at: Date.now() };
      report(inPageOrder);
      return sendMessage('openSidePanel', {}).then(
        (answer) => Boolean(answer?.opened),
        () => false,
      );
    } catch {
      return Promise.resolve(false);
    }
  }

  /**
   * Keeps the background's list of this tab's bounces in step with the page: every open bounce
   * that has a verdict, in page order, the focused one (else the newest) shown; or "none" once no
   * bounce is open. Bounces still being read are added when their verdict comes.
   */
  function report(bounces: BounceHead[]): void {
    let ready: { id: string; source: VerdictSource; report: OpenBounce }[] = [];
    for (const b of bounces) {
      const verdict = verdicts.get(b.id);
      const result = verdict?.analysis?.result;
      if (!verdict || !result || result.kind === 'error') continue;
      ready.push({ id: b.id, source: verdict.source, report: { classification: result, message: messageKeys.get(b.id) } });
    }
    const chosen = ready.find((r) => r.id === focused?.id);
    const shown = chosen ?? ready.at(-1);
    // A thread of more bounces than the background keeps: the shown one and those nearest it.
    if (shown) ready = nearest(ready, ready.indexOf(shown), MAX_OPEN_BOUNCES);
    const at = chosen ? focused!.at : 0;
    const key = ready.map((r) => `${r.id}|${r.source}${r === shown ? `|shown ${at}` : ''}`).join('\n');
    // Nothing read yet on a page with bounces: keep what was said until there is.
    if (key === reportedKey || (bounces.length > 0 && !key)) return;
    reportedKey = key;
    try {
      const sent =
        ready.length > 0
          ? sendMessage('reportBounces', { reports: ready.map((r) => (r === shown ? { ...r.report, shown: at } : r.report)) })
          : sendMessage('clearVerdict', {});
      void sent.catch(() => {});
    } catch {
      // The extension was reloaded: this script is on its way out.
    }
  }
}
