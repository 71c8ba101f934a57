import { describe, expect, it } from 'vitest';
import { BoundedCounter } from './bounded-counter.ts';

describe('BoundedCounter', () => {
  it('when more keys than the bound are counted, then the least recently counted key is forgotten', () => {
    const counter = new BoundedCounter<string>(2);
    counter.increment('a');
    counter.increment('b');
    counter.increment('a');
    counter.increment('c');
    expect([counter.count('a'), counter.count('b'), counter.count('c')]).toEqual([2, 0, 1]);
  });
});
