/**
 * The content scripts' whole job, shared by Gmail and Outlook: follow the opened messages, and
 * for each bounce among them read its text, classify it, and keep one panel above it.
 * Ordinary mail costs a throttled selector check per burst of page changes and nothing else.
 */
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { classify } from '@/lib';
import { advise } from '@/lib/knowledge';
import type { ClassifyResult } from '@/lib/types';
import type { BounceHead } from '@/lib/webmail/find-bounces';
import { followBounces } from '@/lib/webmail/follow';
import { extractText } from '@/lib/webmail/text';
import type { WebmailReader } from '@/lib/webmail/types';
import { sendMessage } from '@/utils/messages';
import { pageTheme } from './page-theme';
import { Panel, type VerdictSource } from './panel';
import { applyAttributes, panelAttributes } from './panel-state';

export const PANEL_ELEMENT = 'bounce-inspector-panel';

export interface WebmailHost {
  reader: WebmailReader;
  /** A better reading than the page text, when the host can give one (Gmail's raw source). */
  classifyOriginal?: (head: BounceHead, doc: Document, signal: AbortSignal) => Promise<ClassifyResult | null>;
  /** Offer a "paste the message source" box (Outlook). */
  acceptsPaste?: boolean;
}

interface Verdict {
  result: ClassifyResult | null;
  source: VerdictSource;
}

interface Entry {
  head: BounceHead;
  ui?: ShadowRootContentScriptUi<HTMLElement>;
  removed: boolean;
}

export function runBouncePanels(ctx: ContentScriptContext, host: WebmailHost): void {
  const entries = new Map<string, Entry>();
  /** Verdicts and view state by message id, kept while the page lives: reopening costs nothing. */
  const verdicts = new Map<string, Verdict>();
  const collapsed = new Set<string>();
  let reportedKey = '';

  const follower = followBounces({
    reader: host.reader,
    document,
    onCheck: sync,
    setTimeout: (handler, ms) => ctx.setTimeout(handler, ms),
    signal: ctx.signal,
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => follower.check());
  follower.check();

  function sync(bounces: BounceHead[]): void {
    const open = new Set(bounces.map((b) => b.id));
    for (const [id, entry] of entries) {
      const now = bounces.find((b) => b.id === id);
      // Gone, or the app re-rendered the message (new body element, or our panel thrown out).
      const stale = !now || now.element !== entry.head.element || (entry.ui && !entry.ui.shadowHost.isConnected);
      if (stale || !open.has(id)) remove(id, entry);
    }
    for (const bounce of bounces) if (!entries.has(bounce.id)) add(bounce);
    report(bounces);
  }

  function remove(id: string, entry: Entry): void {
    entry.removed = true;
    entries.delete(id);
    try {
      entry.ui?.remove();
    } catch {
      // Already gone with the page.
    }
  }

  function add(head: BounceHead): void {
    const entry: Entry = { head, removed: false };
    entries.set(head.id, entry);
    if (!verdicts.has(head.id)) {
      verdicts.set(head.id, { result: null, source: 'page' });
      void readVerdict(head);
    }
    void mount(entry);
  }

  async function readVerdict(head: BounceHead): Promise<void> {
    const from = head.senderName && head.sender ? `${head.senderName} <${head.sender}>` : head.sender || head.senderName;
    const pageResult = await classify(extractText(head.element), { text: true, subject: head.subject, from });
    setVerdict(head.id, { result: pageResult, source: 'page' });
    if (!host.classifyOriginal || head.fallback) return;
    const original = await host.classifyOriginal(head, document, ctx.signal);
    // The raw source wins when it can be read: it carries the machine-readable delivery status.
    if (original && original.kind !== 'error') setVerdict(head.id, { result: original, source: 'original' });
  }

  function setVerdict(id: string, verdict: Verdict): void {
    if (ctx.isInvalid) return;
    verdicts.set(id, verdict);
    const entry = entries.get(id);
    if (entry?.ui) draw(entry);
    report([...entries.values()].map((e) => e.head));
  }

  async function mount(entry: Entry): Promise<void> {
    const { head } = entry;
    try {
      const ui = await createShadowRootUi<HTMLElement>(ctx, {
        name: PANEL_ELEMENT,
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
      if (entry.removed || ctx.isInvalid || !head.element.isConnected) return;
      ui.mount();
      entry.ui = ui;
      ui.shadowHost.setAttribute('data-message-id', head.id);
      ui.shadowHost.setAttribute('data-theme', pageTheme(head.element));
      draw(entry);
    } catch {
      // The page changed under us; the next check tries again.
    }
  }

  function draw(entry: Entry): void {
    const container = entry.ui?.mounted;
    if (!entry.ui || !container) return;
    const id = entry.head.id;
    const verdict = verdicts.get(id) ?? { result: null, source: 'page' };
    applyAttributes(entry.ui.shadowHost, { ...panelAttributes(verdict.result), 'data-source': verdict.source });
    render(
      h(Panel, {
        result: verdict.result,
        source: verdict.source,
        subject: entry.head.subject,
        advise,
        collapsed: collapsed.has(id),
        onToggle: () => {
          if (collapsed.has(id)) collapsed.delete(id);
          else collapsed.add(id);
          draw(entry);
        },
        onOpenDetails: () => openDetails(verdict.result),
        onPaste: host.acceptsPaste
          ? (source: string) => {
              void classify(source).then((result) => setVerdict(id, { result, source: 'pasted' }));
            }
          : undefined,
      }),
      container,
    );
  }

  /** Hands this verdict to the background, then asks it to open the side panel: both sent in the click. */
  function openDetails(result: ClassifyResult | null): Promise<boolean> {
    try {
      if (result && result.kind !== 'error') void sendMessage('reportVerdict', { classification: result }).catch(() => {});
      return sendMessage('openSidePanel', {}).then(
        (answer) => Boolean(answer?.opened),
        () => false,
      );
    } catch {
      return Promise.resolve(false);
    }
  }

  /** Keeps the background's per-tab verdict on the newest bounce open (or clears it). */
  function report(bounces: BounceHead[]): void {
    const newest = bounces.at(-1);
    const verdict = newest ? verdicts.get(newest.id) : undefined;
    const result = verdict?.result;
    const key = result && result.kind !== 'error' ? `${newest!.id}|${verdict!.source}` : '';
    if (key === reportedKey || (newest && !key)) return;
    reportedKey = key;
    try {
      const sent = result && result.kind !== 'error' ? sendMessage('reportVerdict', { classification: result }) : sendMessage('clearVerdict', {});
      void sent.catch(() => {});
    } catch {
      // The extension was reloaded: this script is on its way out.
    }
  }
}
