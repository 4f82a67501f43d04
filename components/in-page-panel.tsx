/**
 * The in-page panel shown above an opened bounce: the shared verdict cards and copy buttons
 * (components/), a collapse toggle, a button that opens the side panel, and (Outlook) a box to
 * paste the message source. Rendered by Preact with DOM APIs only: no HTML strings anywhere,
 * so it works under Gmail's Trusted Types policy.
 */
import { useState } from 'preact/hooks';
import { CopyButtons } from './copy-buttons';
import { namesAndMore } from './labels';
import { OutcomeView } from './verdict-list';
import { dmarcNote, omittedNote, verdictCounts } from './verdict-view';
import type { ClassifyResult } from '../lib/types';
import type { Analysis } from '../utils/bounce-panels/analyzer';
import { panelState, recipientCount } from '../utils/bounce-panels/panel-state';

/** Where the verdict was read from. */
export type VerdictSource = 'page' | 'original' | 'pasted';

const SOURCE_NOTE: Record<VerdictSource, string> = {
  page: 'Read from the message as shown on this page. Nothing was sent anywhere.',
  original: "Read from the message's original source (Gmail's own Show original). Nothing was sent anywhere.",
  pasted: 'Read from the source you pasted. Nothing was sent anywhere.',
};

export interface PanelProps {
  /** null while the message is being read. */
  analysis: Analysis | null;
  source: VerdictSource;
  subject: string;
  collapsed: boolean;
  onToggle: () => void;
  /** Opens the browser's side panel; resolves false where the browser refuses. */
  onOpenDetails: () => Promise<boolean>;
  /** Outlook: classify pasted message source. Absent where the raw source is fetched instead. */
  onPaste?: (source: string) => void;
}

function headline(result: ClassifyResult | null): string {
  if (!result) return 'Reading this delivery report…';
  const state = panelState(result);
  if (result.kind === 'error') return 'This delivery report could not be read';
  const n = recipientCount(result, state);
  const who = `${n} ${n === 1 ? 'recipient' : 'recipients'}`;
  if (state === 'bounce') return `Delivery failed: ${who}`;
  if (state === 'delay') return `Delivery delayed: ${who}, still being retried`;
  return 'No delivery failure found in this message';
}

/**
 * The name of a panel's landmark: several bounces in a thread give several panels, each named for
 * its recipients, by the first address or two ("Bounce Inspector: a@example.net, b@example.net
 * and 38 more"): a landmark list stays short enough to listen to.
 */
export function panelLabel(recipients: readonly string[]): string {
  return recipients.length === 0 ? 'Bounce Inspector' : `Bounce Inspector: ${namesAndMore(recipients)}`;
}

export function Panel({ analysis, source, subject, collapsed, onToggle, onOpenDetails, onPaste }: PanelProps) {
  const [sideNote, setSideNote] = useState('');
  const result = analysis?.result ?? null;
  const outcome = analysis?.outcome ?? { state: 'idle' as const };
  const views = outcome.state === 'views' ? outcome.views : [];
  // The one-line verdict stays in the bar, so a collapsed panel still says what to do.
  const verdict = verdictCounts(views).join(' · ');
  const bodyId = 'bi-inpage-body';
  const recipients = result && result.kind !== 'error' ? result.recipients.map((r) => r.recipient).filter(Boolean) : [];
  const label = panelLabel(recipients);
  return (
    <section class={`bi-root bi-inpage${collapsed ? ' bi-inpage--collapsed' : ''}`} aria-label={label}>
      <header class="bi-inpage__bar">
        <button type="button" class="bi-inpage__toggle" aria-expanded={!collapsed} aria-controls={bodyId} onClick={onToggle}>
          <span class="bi-inpage__chevron" aria-hidden="true">
            {collapsed ? '▸' : '▾'}
          </span>
          <span class="bi-inpage__brand">Bounce Inspector</span>
          <span class="bi-inpage__headline">{headline(result)}</span>
          {verdict && (
            <span class="bi-inpage__verdict" data-testid="panel-verdict">
              {verdict}
            </span>
          )}
        </button>
        <button
          type="button"
          class="bi-button bi-inpage__details"
          onClick={() => {
            // Straight from the click: the browser opens side panels only in answer to a user action.
            void onOpenDetails().then((opened) =>
              setSideNote(opened ? '' : "This browser opens its sidebar only from the toolbar: click Bounce Inspector's icon."),
            );
          }}
        >
          Details and history
        </button>
      </header>
      {!collapsed && (
        <div id={bodyId} class="bi-inpage__body">
          {sideNote && (
            <p class="bi-message" role="status">
              {sideNote}
            </p>
          )}
          {views.length > 0 && <CopyButtons views={views} context={{ subject, warning: dmarcNote(outcome), omitted: omittedNote(outcome) }} />}
          <OutcomeView outcome={outcome} level={3} idleText="Reading…" summary={false} />
          {onPaste && <PasteSource onPaste={onPaste} />}
          <p class="bi-inpage__source">{SOURCE_NOTE[source]}</p>
        </div>
      )}
    </section>
  );
}

/** Outlook cannot hand its raw source to an extension without a sign-in of its own; the user can. */
function PasteSource({ onPaste }: { onPaste: (source: string) => void }) {
  const [text, setText] = useState('');
  return (
    <details class="bi-inpage__paste">
      <summary>Paste the message source for the full detail</summary>
      <p class="bi-muted">
        In Outlook, open the message's More actions menu, then View, then View message source. Copy all of it and
        paste it here. It is read in this page only.
      </p>
      <textarea
        class="bi-inpage__textarea"
        rows={6}
        aria-label="Message source"
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
      />
      <button type="button" class="bi-button bi-button--primary" disabled={!text.trim()} onClick={() => onPaste(text)}>
        Explain the pasted source
      </button>
    </details>
  );
}
