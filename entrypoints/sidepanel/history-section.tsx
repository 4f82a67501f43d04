import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { BarChart } from '@/components/bar-chart';
import { codeLine, plural, reasonLabel } from '@/components/labels';
import {
  countRecipients,
  historyCsv,
  historySummary,
  HISTORY_LIMIT,
  kindLabel,
  type HistoryEntry,
} from '@/utils/history';
import { clearHistory } from '@/utils/storage';
import { downloadText } from './download';
import { history } from './state';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function exportCsv(entries: readonly HistoryEntry[]) {
  const day = new Date().toISOString().slice(0, 10);
  downloadText(historyCsv(entries), `bounce-history-${day}.csv`, 'text/csv;charset=utf-8');
}

/**
 * "Clear history…" asks first; focus moves into the question and back to the button after a
 * cancel. Once cleared the button is gone with the entries: `onClear` lets the section take focus.
 */
function ClearHistory({ count, onClear }: { count: number; onClear: () => void }) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useLayoutEffect(() => {
    if (asking) confirm.current?.focus();
    else if (answered.current) start.current?.focus();
  }, [asking]);
  const close = () => {
    answered.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button ref={start} type="button" class="bi-button bi-button--danger" onClick={() => setAsking(true)}>
        Clear history…
      </button>
    );
  }
  return (
    <div class="panel__confirm" role="group" aria-labelledby="clear-question">
      <p id="clear-question">
        Delete all {plural(count, 'entry', 'entries')} from this device?
      </p>
      <button ref={confirm} type="button" class="bi-button bi-button--primary" onClick={() => {
          onClear();
          void clearHistory().then(close);
        }}>
        Delete history
      </button>
      <button type="button" class="bi-button" onClick={close}>
        Cancel
      </button>
    </div>
  );
}

/** Recipients an entry lists before "Show N more": one huge report must not bury the entries after it. */
const RECIPIENTS_SHOWN = 5;

function HistoryItem({ entry, index }: { entry: HistoryEntry; index: number }) {
  const [all, setAll] = useState(false);
  // "Show 1 more" would hide no more than it takes to say so.
  const foldable = entry.recipients.length > RECIPIENTS_SHOWN + 1;
  const shown = all || !foldable ? entry.recipients : entry.recipients.slice(0, RECIPIENTS_SHOWN);
  const listId = `history-recipients-${index}`;
  return (
    <li class="panel__entry" data-testid="history-entry">
      <p class="panel__entry-meta">
        <time dateTime={new Date(entry.time).toISOString()}>{dateFormat.format(entry.time)}</time> · {entry.host} ·{' '}
        <span data-kind={entry.kind}>{kindLabel(entry.kind)}</span>
      </p>
      <ul id={listId} class="panel__recipients">
        {shown.map((r, i) => (
          <li key={i}>
            <span class="panel__address">{r.address || '(no address)'}</span>
            <span class="bi-muted">
              {[codeLine(r.reply, r.status), reasonLabel(r.reason)].filter(Boolean).join(' · ')}
            </span>
            {r.suppress && (
              <span class="bi-badge bi-badge--danger panel__tag">
                <span aria-hidden="true">✕</span> suppress
              </span>
            )}
          </li>
        ))}
      </ul>
      {foldable && (
        <button type="button" class="bi-members__more" aria-expanded={all} aria-controls={listId} onClick={() => setAll(!all)}>
          {all ? 'Show fewer recipients' : `Show ${entry.recipients.length - RECIPIENTS_SHOWN} more recipients`}
        </button>
      )}
    </li>
  );
}

/** Counts, charts, export and the list of the last inspected bounces. */
export function HistorySection() {
  const entries = history.value;
  const summary = useRef<HTMLParagraphElement>(null);
  const clearing = useRef(false);
  useLayoutEffect(() => {
    // The cleared history takes its buttons with it: focus goes to the sentence that says it is empty.
    if (clearing.current && entries.length === 0) {
      clearing.current = false;
      summary.current?.focus();
    }
  }, [entries.length]);
  return (
    <section class="panel__section" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title" class="panel__heading">
        History
      </h2>
      <p ref={summary} class="panel__meta" data-testid="history-summary" tabIndex={-1}>
        {entries.length === 0 ? 'No bounces inspected yet.' : historySummary(entries)}{' '}
        The last {HISTORY_LIMIT} inspected reports are kept on this device only.
      </p>
      {entries.length > 0 && (
        <>
          <div class="panel__charts">
            <BarChart title="Recipients by reason" rows={countRecipients(entries, 'reason')} />
            <BarChart title="Recipients by domain" rows={countRecipients(entries, 'domain')} />
          </div>
          <div class="panel__actions">
            <button type="button" class="bi-button" onClick={() => exportCsv(entries)}>
              Export CSV
            </button>
            <ClearHistory count={entries.length} onClear={() => (clearing.current = true)} />
          </div>
          <h3 class="panel__subheading">Recent</h3>
          <ol class="panel__entries">
            {entries.map((entry, i) => (
              // (Keyed by the entry, not its place: a new entry on top must not fold the ones below.)
              <HistoryItem key={entryKey(entry, i)} entry={entry} index={i} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** A key that stays with an entry as newer ones are added above it. */
function entryKey(entry: HistoryEntry, index: number): string {
  return entry.id ?? `${entry.time}-${entry.host}-${entry.recipients[0]?.address ?? index}`;
}
