import { describe, expect, it } from 'vitest';
import { compactTime, decisionIdFor, strategyIdFor, successorIdFor, uniqueId } from './workflow-ids.ts';

const time = Date.UTC(2026, 10, 23, 14, 30, 2);

describe('workflow ids', () => {
  it('when a time is compacted, then only id-safe characters remain', () => {
    expect(compactTime(time)).toBe('20261123T143002000Z');
  });

  it('when an id is taken, then the next free suffix is used', () => {
    const taken = new Set(['a', 'a-2']);
    expect(uniqueId('a', (id) => taken.has(id))).toBe('a-3');
    expect(uniqueId('b', (id) => taken.has(id))).toBe('b');
  });

  it('when a strategy is named, then it carries its underlying and the clock time', () => {
    expect(strategyIdFor('SPY', time, () => false)).toBe('stg-SPY-20261123T143002000Z');
    expect(decisionIdFor('stg-1', time, () => false)).toBe('dec-stg-1-20261123T143002000Z');
  });

  it('when a roll successor is named, then it counts the rolls of the chain from its first strategy', () => {
    expect(successorIdFor({ id: 'stg-1', rollHistory: [] } as never, () => false)).toBe('stg-1-r1');
    const second = { id: 'stg-1-r1', rollHistory: [{ fromStrategyId: 'stg-1' }] } as never;
    expect(successorIdFor(second, () => false)).toBe('stg-1-r2');
  });
});
