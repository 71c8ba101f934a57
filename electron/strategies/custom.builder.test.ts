import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money, type IsoDate } from '../../shared/domain/index.ts';
import { buildCustom, type CustomLegParams } from './custom.builder.ts';
import { midMicros } from './testing/hand-figures.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';
import { validationErrorOf } from './testing/thrown.ts';

let world: StrategyMarket;

beforeEach(async () => {
  world = await openStrategyMarket();
});

afterEach(async () => {
  await world.dispose();
});

const near = '2026-12-18' as IsoDate;
const far = '2027-01-15' as IsoDate;

describe('buildCustom', () => {
  it('when a calendar over two expiries is built, then both legs are priced at their mids, with no single expiry', () => {
    const legs: CustomLegParams[] = [
      { expiry: near, strike: 680, right: 'call', action: 'SELL' },
      { expiry: far, strike: 680, right: 'call', action: 'BUY' },
    ];
    const built = buildCustom({ symbol: 'SPY', legs }, world.ports());
    expect(built.type).toBe('CUSTOM');
    expect(built.expiry).toBeUndefined();
    expect(built.expiries).toEqual([near, far]);
    const debitMicros = midMicros(world.marketData, 'SPY', far, 680, 'call') - midMicros(world.marketData, 'SPY', near, 680, 'call');
    expect(built.netPrice).toBe(debitMicros / 1e6);
    // Each leg at its own expiry's intrinsic value: the long covers the short above 680, so the loss is the debit.
    expect(built.analytics.maxLoss).toEqual({ unlimited: false, amount: debitMicros * 100 });
    expect(built.analytics.maxProfit).toEqual({ unlimited: false, amount: -debitMicros * 100 });
    expect(built.marginRequirement).toBe(debitMicros * 100);
  });

  it('when a ratio spread is built, then the ratios scale the analytics exactly', () => {
    const legs: CustomLegParams[] = [
      { expiry: near, strike: 670, right: 'put', action: 'BUY' },
      { expiry: near, strike: 650, right: 'put', action: 'SELL', ratio: 2 },
    ];
    const built = buildCustom({ symbol: 'SPY', legs, quantity: 2 }, world.ports());
    const netMicros = midMicros(world.marketData, 'SPY', near, 670, 'put') - 2 * midMicros(world.marketData, 'SPY', near, 650, 'put');
    expect(built.netAmount).toBe(netMicros * 100 * 2);
    // Worst at 0: +670 − 2 × 650 per share, less what was paid.
    expect(built.analytics.maxLoss).toEqual({ unlimited: false, amount: -((670 - 1300) * 1e6 - netMicros) * 200 });
    expect(built.analytics.maxProfit).toEqual({ unlimited: false, amount: (20 * 1e6 - netMicros) * 200 });
  });

  it('when a short straddle is built without a margin function, then it is refused for its unlimited loss naming legs', () => {
    const legs: CustomLegParams[] = [
      { expiry: near, strike: 680, right: 'put', action: 'SELL' },
      { expiry: near, strike: 680, right: 'call', action: 'SELL' },
    ];
    const error = validationErrorOf(() => buildCustom({ symbol: 'SPY', legs }, world.ports()));
    expect(error.field).toBe('legs');
    expect(error.message).toContain('marginRequirement');
  });

  it('when a short straddle is built with a margin function, then the loss shows as unlimited and the function sets the requirement', () => {
    const legs: CustomLegParams[] = [
      { expiry: near, strike: 680, right: 'put', action: 'SELL' },
      { expiry: near, strike: 680, right: 'call', action: 'SELL' },
    ];
    const built = buildCustom({ symbol: 'SPY', legs }, { ...world.ports(), marginRequirement: () => money.fromDollars(15_000) });
    expect(built.analytics.maxLoss).toEqual({ unlimited: true, amount: undefined });
    expect(built.analytics.maxProfit.unlimited).toBe(false);
    expect(built.analytics.breakevens).toHaveLength(2);
    expect(built.marginRequirement).toBe(money.fromDollars(15_000));
  });

  const cases: readonly [string, unknown, string][] = [
    ['there are no legs', [], 'legs'],
    ['legs is not an array', 'SPY 680 C', 'legs'],
    ['a leg repeats another', [{ expiry: near, strike: 680, right: 'call', action: 'BUY' }, { expiry: near, strike: 680, right: 'call', action: 'SELL' }], 'legs[1]'],
    ['a strike is not listed', [{ expiry: near, strike: 680.5, right: 'call', action: 'BUY' }], 'legs[0].strike'],
    ['an expiry is not listed', [{ expiry: '2026-12-19', strike: 680, right: 'call', action: 'BUY' }], 'legs[0].expiry'],
    ['a right is unknown', [{ expiry: near, strike: 680, right: 'straddle', action: 'BUY' }], 'legs[0].right'],
    ['an action is unknown', [{ expiry: near, strike: 680, right: 'call', action: 'HOLD' }], 'legs[0].action'],
    ['a ratio is 0', [{ expiry: near, strike: 680, right: 'call', action: 'BUY', ratio: 0 }], 'legs[0].ratio'],
    ['a leg is not an object', [42], 'legs[0]'],
  ];
  for (const [condition, legs, field] of cases) {
    it(`when ${condition}, then the build fails naming ${field}`, () => {
      expect(validationErrorOf(() => buildCustom({ symbol: 'SPY', legs: legs as CustomLegParams[] }, world.ports())).field).toBe(field);
    });
  }
});
