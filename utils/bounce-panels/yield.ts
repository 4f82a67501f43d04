/**
 * Gives the main thread back to the page before the next step of our work, so that reading a
 * bounce is several short tasks rather than one long one (a task over 50 ms delays the user's
 * typing and scrolling). scheduler.yield where the browser has it (Chromium 129, Firefox 142),
 * else a new macrotask.
 */
export function yieldToPage(): Promise<void> {
  try {
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    // A yield refused (the document going away) is no reason to stop: go on at once.
    if (scheduler && typeof scheduler.yield === 'function') return Promise.resolve(scheduler.yield()).catch(() => undefined);
  } catch {
    // Fall through to a timer.
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
