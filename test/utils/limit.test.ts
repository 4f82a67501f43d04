import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '../../utils/limit';

/** A task that stays open until released, recording how many run at once. */
function tracker() {
  let now = 0;
  let most = 0;
  const release: (() => void)[] = [];
  const task = (value: number) => () =>
    new Promise<number>((resolve) => {
      now++;
      most = Math.max(most, now);
      release.push(() => {
        now--;
        resolve(value);
      });
    });
  return { task, release, most: () => most, running: () => now };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('concurrencyLimit', () => {
  it('runs at most max tasks at once, in the order they came, and runs them all', async () => {
    const limit = concurrencyLimit(2);
    const t = tracker();
    const results = Array.from({ length: 10 }, (_, i) => limit(t.task(i)));
    await tick();
    expect(t.running()).toBe(2);
    while (t.release.length) {
      t.release.shift()!();
      await tick();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.most()).toBe(2);
  });

  it('frees the turn of a task that fails', async () => {
    const limit = concurrencyLimit(1);
    const failed = limit(() => Promise.reject(new Error('no')));
    const after = limit(() => Promise.resolve('ran'));
    await expect(failed).rejects.toThrow('no');
    expect(await after).toBe('ran');
  });

  it('never starts a task aborted while it waits, and lets the next one go', async () => {
    const limit = concurrencyLimit(1);
    const t = tracker();
    const first = limit(t.task(1));
    const controller = new AbortController();
    let started = false;
    const aborted = limit(() => {
      started = true;
      return Promise.resolve(2);
    }, controller.signal);
    const third = limit(t.task(3));
    controller.abort();
    await tick();
    t.release.shift()!();
    await expect(aborted).rejects.toBeDefined();
    await tick();
    t.release.shift()!();
    expect(await first).toBe(1);
    expect(await third).toBe(3);
    expect(started).toBe(false);
  });
});
