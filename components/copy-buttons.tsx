import { useEffect, useRef, useState } from 'preact/hooks';
import { plural } from './labels';
import { ticketNote, type TicketContext } from './ticket-note';
import { addressesToSuppress, type VerdictView } from './verdict-view';

export type CopyText = (text: string) => Promise<void>;

interface Props {
  views: readonly VerdictView[];
  context?: TicketContext;
  /** Writes to the clipboard; injectable for tests and for hosts with their own clipboard path. */
  copy?: CopyText;
}

const clipboardCopy: CopyText = (text) => navigator.clipboard.writeText(text);

/**
 * "Copy ticket note" and, when some address is to be suppressed, "Copy addresses to suppress", with
 * a status line saying what happened.
 */
export function CopyButtons({ views, context, copy = clipboardCopy }: Props) {
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const addresses = addressesToSuppress(views);

  async function run(text: string, done: string) {
    clearTimeout(timer.current);
    try {
      await copy(text);
      setStatus(done);
    } catch {
      setStatus('Could not copy: the browser refused access to the clipboard.');
    }
    timer.current = setTimeout(() => setStatus(''), 4000);
  }

  return (
    <div class="bi-copy">
      <button type="button" class="bi-button" onClick={() => run(ticketNote(views, context), 'Ticket note copied.')}>
        Copy ticket note
      </button>
      {/* Only when there is something to copy: a greyed-out button would not say why. */}
      {addresses.length > 0 && (
        <button
          type="button"
          class="bi-button"
          onClick={() => run(addresses.join('\n') + '\n', `${plural(addresses.length, 'address', 'addresses')} copied.`)}
        >
          Copy addresses to suppress
        </button>
      )}
      <p class="bi-copy__status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
