import { describe, expect, it } from 'vitest';
import { nearest } from '../../utils/bounce-panels/nearest';

describe('nearest', () => {
  const list = Array.from({ length: 10 }, (_, i) => i);

  it('keeps the item at the given place and those around it, at most max of them, in order', () => {
    expect(nearest(list, 5, 4)).toEqual([3, 4, 5, 6]);
    expect(nearest(list, 0, 4)).toEqual([0, 1, 2, 3]);
    expect(nearest(list, 9, 4)).toEqual([6, 7, 8, 9]);
  });

  it('keeps a list no longer than max whole', () => {
    expect(nearest(list, 3, 10)).toEqual(list);
    expect(nearest(list, 3, 50)).toEqual(list);
  });
});
