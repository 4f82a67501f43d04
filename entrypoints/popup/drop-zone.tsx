import { useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { CHOOSE_FILE } from './state';

/** What the picker offers: message files, and the text and mailbox files the popup reads too. */
export const ACCEPT = '.eml,.txt,.mbox,.mbx,message/rfc822,text/plain,application/mbox';

type DragHandlers = Pick<
  JSX.HTMLAttributes<HTMLElement>,
  'onDragEnter' | 'onDragOver' | 'onDragLeave' | 'onDrop'
>;

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Drag-and-drop of files onto a whole area (the text box included): a dropped file is handed to
 * `onFile`, like one chosen with the picker. A dragged text is left alone, so the text box
 * takes it as usual. `over` is true while a file is dragged over the area.
 */
export function useFileDrop(onFile: (file: File) => void): { over: boolean; handlers: DragHandlers } {
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed; the area is left when they balance.
  const depth = useRef(0);
  const handlers: DragHandlers = {
    onDragEnter: (e) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    },
    onDragOver: (e) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (e) => {
      depth.current = 0;
      setOver(false);
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      // Without this the browser would open the file in place of the popup, or the text box
      // would take its name.
      e.preventDefault();
      onFile(file);
    },
  };
  return { over, handlers };
}

interface Props {
  onFile: (file: File) => void;
  /** The file now shown, if any. */
  fileName: string;
  /** A file is being dragged over the popup. */
  over: boolean;
}

/** The file picker, which also shows where a dropped file goes. The input is visually hidden but keyboard-focusable. */
export function DropZone({ onFile, fileName, over }: Props) {
  return (
    <div class={`drop${over ? ' drop--over' : ''}`} data-testid="drop-zone">
      <input
        id="eml-file"
        class="drop__input"
        type="file"
        accept={ACCEPT}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
      <label for="eml-file" class="bi-button drop__button">
        {CHOOSE_FILE}
      </label>
      <span class="drop__text">
        {over ? (
          'Drop the file to read it'
        ) : fileName ? (
          <>
            Showing <strong>{fileName}</strong>
          </>
        ) : (
          'or drop one anywhere here'
        )}
      </span>
    </div>
  );
}
