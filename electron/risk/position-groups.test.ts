import { describe, expect, it } from 'vitest';
import { openPositionGroups, positionGroupKey, PositionReservations } from './position-groups.ts';
import { put430, put440, qqqPut, spy, strategy } from './testing/risk-world.ts';

describe('position groups', () => {
  it('when contracts belong to strategies, then each strategy is one position; unattributed contracts group by underlying', () => {
    const groups = openPositionGroups([
      { contract: put440, quantity: -1, strategyId: strategy('condor-1') },
      { contract: put430, quantity: 1, strategyId: strategy('condor-1') },
      { contract: put440, quantity: -1, strategyId: strategy('put-2') },
      { contract: spy, quantity: 100, strategyId: undefined },
      { contract: put430, quantity: 2, strategyId: undefined },
      { contract: qqqPut, quantity: 0, strategyId: undefined },
    ]);
    expect([...groups].sort()).toEqual(['strategy:condor-1', 'strategy:put-2', 'underlying:SPY']);
    expect(positionGroupKey(undefined, 'QQQ')).toBe('underlying:QQQ');
  });

  it('when a reservation is younger than its time to live, then it is active; at its time to live, then it is forgotten', () => {
    const reservations = new PositionReservations(1_000);
    reservations.reserve('strategy:a', 5_000);
    expect([...reservations.active(5_999)]).toEqual(['strategy:a']);
    expect([...reservations.active(6_000)]).toEqual([]);
  });
});
