/**
 * Ordered, bounded-concurrency map over an async iterable: at most `limit` calls of `fn` are in
 * flight, results come out in input order, and the source is pulled only as results are
 * consumed, so memory stays bounded however many items there are. `fn` must not reject.
 *
 * With `weigh`, the items in flight (started, or yielded but not yet consumed) also weigh at
 * most `budget` together, except one alone: a folder of several 1 GB mbox files is read one at a
 * time, while small messages still go eight at once. A yielded result counts as consumed when
 * the next one is asked for.
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
  weigh?: (item: T) => Promise<number>,
  budget = Infinity,
): AsyncGenerator<R> {
  if (!(limit >= 1)) throw new RangeError(`concurrency limit must be at least 1, got ${limit}`);
  const inFlight: { result: Promise<R>; weight: number }[] = [];
  let held = 0;
  for await (const item of source) {
    const weight = weigh ? await weigh(item) : 0;
    while (inFlight.length > 0 && (inFlight.length >= limit || held + weight > budget)) {
      const head = inFlight.shift()!;
      yield await head.result;
      held -= head.weight;
    }
    inFlight.push({ result: fn(item), weight });
    held += weight;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!.result;
}
