/**
 * Runs async updates one after another. Storage updates are read-modify-write: two tabs
 * reporting at once would each write a list missing the other's entry.
 */
export function serialQueue(): <T>(update: () => Promise<T>) => Promise<T> {
  let pending: Promise<unknown> = Promise.resolve();
  return <T>(update: () => Promise<T>): Promise<T> => {
    const run = pending.then(update);
    pending = run.catch(() => undefined);
    return run;
  };
}
