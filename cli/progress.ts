/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and there are enough
 * files for it to help. Output written elsewhere on the same terminal goes through `around`,
 * which clears the bar first and redraws it after.
 */
const WIDTH = 30;

export interface Progress {
  tick(): void;
  around(write: () => void): void;
  done(): void;
}

export const NO_PROGRESS: Progress = { tick() {}, around: (write) => write(), done() {} };

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let done = 0;
  let shown = false;
  const draw = () => {
    const filled = Math.round((done / total) * WIDTH);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`);
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    tick() {
      done++;
      draw();
    },
    around(write) {
      clear();
      write();
      draw();
    },
    done: clear,
  };
}
