/**
 * At most `max` tasks at a time; the others wait their turn, first come first served. A task whose
 * signal aborts while it waits is never started.
 */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    while (running >= max) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    if (signal?.aborted) {
      // Pass the turn on: this task will not run.
      waiting.shift()?.();
      throw signal.reason ?? new Error('Aborted');
    }
    running++;
    try {
      return await task();
    } finally {
      next();
    }
  };
}
