/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and there are enough
 * files for it to help. Redrawn at most every 50 ms. When stdout is the same terminal, output
 * goes through `around`, which takes the bar down first; the next tick puts it back.
 */
const WIDTH = 30;
const REDRAW_MS = 50;

export interface Progress {
  tick(): void;
  around(write: () => void): void;
  done(): void;
}

export const NO_PROGRESS: Progress = { tick() {}, around: (write) => write(), done() {} };

export function progressBar(total: number, stream: NodeJS.WriteStream, sharesTerminal: boolean): Progress {
  let done = 0;
  let shown = false;
  let drawnAt = 0;
  const draw = () => {
    const filled = Math.round((done / total) * WIDTH);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`);
    shown = true;
    drawnAt = Date.now();
  };
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    tick() {
      done++;
      if (!shown || done === total || Date.now() - drawnAt >= REDRAW_MS) draw();
    },
    around(write) {
      if (sharesTerminal) clear();
      write();
    },
    done: clear,
  };
}
