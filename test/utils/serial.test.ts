import { describe, expect, it } from 'vitest';
import { serialQueue } from '../../utils/serial';

/** A store whose reads and writes take turns with other work, as extension storage does. */
function slowStore() {
  let value: string[] = [];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    async get() {
      await tick();
      return value;
    },
    async set(next: string[]) {
      await tick();
      value = next;
    },
    peek: () => value,
  };
}

describe('serialQueue', () => {
  it('keeps every concurrent read-modify-write update', async () => {
    const store = slowStore();
    const serial = serialQueue();
    const add = (entry: string) => serial(async () => store.set([...(await store.get()), entry]));
    await Promise.all(['a', 'b', 'c', 'd'].map(add));
    expect(store.peek()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('loses updates without it (why it exists)', async () => {
    const store = slowStore();
    const add = async (entry: string) => store.set([...(await store.get()), entry]);
    await Promise.all(['a', 'b', 'c', 'd'].map(add));
    expect(store.peek().length).toBeLessThan(4);
  });

  it('goes on after a failed update, and passes each result back', async () => {
    const serial = serialQueue();
    const failed = serial(async () => {
      throw new Error('quota');
    });
    await expect(failed).rejects.toThrow('quota');
    await expect(serial(async () => 42)).resolves.toBe(42);
  });
});
