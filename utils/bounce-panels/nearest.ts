/**
 * At most `max` items of `list` around the one at `at`, in their order: a window centred on it
 * where the list allows, shifted to stay inside it at either end.
 */
export function nearest<T>(list: readonly T[], at: number, max: number): T[] {
  if (list.length <= max) return [...list];
  const from = Math.min(Math.max(0, at - Math.floor(max / 2)), list.length - max);
  return list.slice(from, from + max);
}
