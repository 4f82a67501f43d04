import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CopyButtons } from '@/components/copy-buttons';
import { OutcomeView } from '@/components/verdict-list';
import { dmarcNote, omittedNote } from '@/components/verdict-view';
import { canOpenSidePanel, openSidePanel } from '@/utils/side-panel';
import { DropZone, useFileDrop } from './drop-zone';
import { fileName, inspectFile, outcome, query, setQuery } from './state';

const IDLE_TEXT = 'The verdict appears here as you type: what failed, whether to suppress or retry, and what to do next.';

/** The window id is looked up before any click, so opening the panel needs no await in the click. */
function useWindowId(): number | undefined {
  const [id, setId] = useState<number>();
  useEffect(() => {
    browser.windows?.getCurrent().then((w) => setId(w.id), () => undefined);
  }, []);
  return id;
}

function SidePanelButton() {
  const windowId = useWindowId();
  if (!canOpenSidePanel()) return null;
  return (
    <button
      type="button"
      class="bi-button popup__panel"
      onClick={() => void openSidePanel({ windowId }).then((opened) => opened && window.close())}
    >
      Open side panel
    </button>
  );
}

/** Text that arrives in one piece is explained at once, without waiting for typing to pause. */
const WHOLE_INPUT = new Set(['insertFromPaste', 'insertFromDrop']);

export function Popup() {
  const current = outcome.value;
  // A file dropped anywhere on the popup, the text box included, is read like a chosen one.
  const drop = useFileDrop((file) => void inspectFile(file));
  return (
    <div class={`bi-root popup${drop.over ? ' popup--drop' : ''}`} {...drop.handlers}>
      <header class="popup__head">
        <img src="/icon/32.png" alt="" width={22} height={22} />
        <h1 class="popup__title">Bounce Inspector</h1>
        <SidePanelButton />
      </header>
      <main class="popup__main">
        <div class="popup__input" data-testid="input-area">
          <label for="query" class="popup__label">
            Bounce code, provider token or whole bounce
          </label>
          <textarea
            id="query"
            data-testid="query"
            class="popup__query"
            rows={4}
            spellcheck={false}
            autoFocus
            aria-describedby="query-hint"
            placeholder="550 5.1.1"
            value={query.value}
            onInput={(e) => setQuery(e.currentTarget.value, WHOLE_INPUT.has((e as InputEvent).inputType))}
          />
          <p id="query-hint" class="popup__hint">
            For example <code>550 5.1.1</code>, <code>5.7.26</code>, <code>S3150</code>, <code>TSS04</code>, or paste
            the whole message source.
          </p>
          <DropZone onFile={(file) => void inspectFile(file)} fileName={fileName.value} over={drop.over} />
        </div>
        {current.state === 'views' && (
          <CopyButtons views={current.views} context={{ subject: current.classification?.original.subject, note: current.note, warning: dmarcNote(current), omitted: omittedNote(current) }} />
        )}
        <OutcomeView outcome={current} level={2} idleText={IDLE_TEXT} />
      </main>
      <footer class="popup__foot">Private: read in this browser, never sent anywhere.</footer>
    </div>
  );
}
