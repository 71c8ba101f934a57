import { describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import { createUnderlying } from '../../shared/domain/contract.ts';
import { closeAllGroups, closingLegs, orderShapeFor, positionUnits, reducingLegs, resolveTarget, rollingLegs } from './position-orders.ts';

const put440 = spyOption(440, 'put');
const put430 = spyOption(430, 'put');
const call600 = spyOption(600);
const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });
const qqq = createUnderlying({ kind: 'etf', symbol: 'QQQ' });
const spread = [{ contract: put440, quantity: -4 }, { contract: put430, quantity: 4 }];

describe('position orders', () => {
  it('when a short put spread is closed, then it becomes one combo bought back in 4 units of ratio 1', () => {
    expect(orderShapeFor(closingLegs(spread))).toEqual({
      instrument: { kind: 'combo', legs: [{ contract: put440, ratio: 1, action: 'BUY' }, { contract: put430, ratio: 1, action: 'SELL' }] },
      action: 'BUY',
      quantity: 4,
    });
  });

  it('when legs have different sizes, then the ratios are the sizes over their gcd', () => {
    const shape = orderShapeFor(closingLegs([{ contract: put440, quantity: -2 }, { contract: put430, quantity: 4 }, { contract: call600, quantity: -6 }]));
    expect(shape).toMatchObject({ quantity: 2, instrument: { legs: [{ ratio: 1 }, { ratio: 2 }, { ratio: 3 }] } });
  });

  it('when a single leg is closed, then it is one plain order on the opposite side', () => {
    expect(orderShapeFor(closingLegs([{ contract: spy, quantity: -30 }]))).toEqual({ instrument: spy, action: 'BUY', quantity: 30 });
  });

  it('when a position is reduced, then every leg closes the same share and more than its units is refused', () => {
    expect(positionUnits(spread)).toBe(4);
    expect(reducingLegs(spread, 1)).toEqual([{ contract: put440, action: 'BUY', quantity: 1 }, { contract: put430, action: 'SELL', quantity: 1 }]);
    expect(reducingLegs(spread, 5)).toBe('cannot reduce by 5: the position is 4 units');
    expect(reducingLegs(spread, 0)).toMatch(/positive whole number/);
  });

  it('when a roll adds new legs, then they trade ratio × units after the closing legs', () => {
    const legs = rollingLegs([{ contract: put440, quantity: -2 }], [{ contract: spyOption(435, 'put', '2026-04-17'), action: 'SELL', ratio: 1 }], 2);
    expect(legs).toEqual([{ contract: put440, action: 'BUY', quantity: 2 }, { contract: spyOption(435, 'put', '2026-04-17'), action: 'SELL', quantity: 2 }]);
    expect(rollingLegs([{ contract: put440, quantity: -2 }], [], 2)).toMatch(/at least one new leg/);
  });

  it('when a strategy is the target, then each leg is capped at the strategy size and a wrong-side position is refused', () => {
    const strategy = { legs: [{ contract: put440, action: 'SELL', ratio: 1 }, { contract: put430, action: 'BUY', ratio: 1 }], quantity: 1 } as const;
    expect(resolveTarget({ strategy }, spread)).toEqual([{ contract: put440, quantity: -1 }, { contract: put430, quantity: 1 }]);
    expect(resolveTarget({ strategy }, [{ contract: put440, quantity: 3 }, { contract: put430, quantity: 1 }])).toMatch(/SELL leg SPY 2026-03-20 440 P has no open position on that side/);
  });

  it('when everything is grouped for closeAll, then options share one group per underlying and shares stand alone', () => {
    const groups = closeAllGroups([...spread, { contract: spy, quantity: 100 }, { contract: qqq, quantity: 0 }, { contract: call600, quantity: 1 }]);
    expect(groups.map((group) => group.length)).toEqual([3, 1]);
    expect(closeAllGroups([...spread, { contract: qqq, quantity: 5 }], 'QQQ')).toEqual([[{ contract: qqq, quantity: 5 }]]);
  });
});
