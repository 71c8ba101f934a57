import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../shared/domain/index.ts';
import { payoffAtExpiry } from '../../shared/options/index.ts';
import { buildShortPut } from './short-put.builder.ts';
import { payoffLegsOfStrategy } from './strategy-legs.ts';
import { midMicros, strikeNearestDelta } from './testing/hand-figures.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';
import { appErrorOf, validationErrorOf } from './testing/thrown.ts';

let world: StrategyMarket;

beforeEach(async () => {
  world = await openStrategyMarket();
});

afterEach(async () => {
  await world.dispose();
});

describe('buildShortPut (cash-secured)', () => {
  it('when built with the defaults, then it sells the 30-delta put of the expiry nearest 45 days for a credit', () => {
    const built = buildShortPut({ symbol: 'SPY', quantity: 2 }, world.ports());
    const [leg] = built.legs;
    expect(built.expiry).toBe('2027-01-08');
    expect(built.legs).toHaveLength(1);
    expect(leg?.role).toBe('short_put');
    expect(leg?.contract.strike).toBe(strikeNearestDelta(world.marketData, 'SPY', built.expiry!, 'put', 0.3));
    const premiumMicros = midMicros(world.marketData, 'SPY', built.expiry!, leg!.contract.strike, 'put');
    expect(built.netPrice).toBe(-premiumMicros / 1e6);
    expect(built.netAmount).toBe(-premiumMicros * 200);
  });

  it('when built, then max profit is the premium, max loss and the requirement are strike × 100 × quantity − premium, and the breakeven is strike − premium', () => {
    const built = buildShortPut({ symbol: 'SPY', quantity: 2 }, world.ports());
    const strike = built.legs[0]!.contract.strike;
    const premiumMicros = midMicros(world.marketData, 'SPY', built.expiry!, strike, 'put');
    const cashSecured = strike * 1e6 * 100 * 2 - premiumMicros * 200;
    expect(built.analytics.maxProfit).toEqual({ unlimited: false, amount: premiumMicros * 200 });
    expect(built.analytics.maxLoss).toEqual({ unlimited: false, amount: cashSecured });
    expect(built.marginRequirement).toBe(cashSecured);
    expect(built.analytics.breakevens).toEqual([strike - premiumMicros / 1e6]);
    const legs = payoffLegsOfStrategy(built);
    expect(payoffAtExpiry(legs, strike + 30)).toBeCloseTo(money.toDollars(built.analytics.maxProfit.amount!), 9);
    expect(payoffAtExpiry(legs, 0)).toBeCloseTo(-money.toDollars(built.analytics.maxLoss.amount!), 6);
    expect(payoffAtExpiry(legs, built.analytics.breakevens[0]!)).toBeCloseTo(0, 6);
  });

  it('when the buying power is one micro-dollar short of the cash to secure it, then the build fails naming quantity; with exactly that cash it succeeds', () => {
    const needed = buildShortPut({ symbol: 'IWM', strike: 230, expiry: '2026-12-18' }, world.ports()).marginRequirement;
    const error = appErrorOf(() => buildShortPut({ symbol: 'IWM', strike: 230, expiry: '2026-12-18' }, { chain: world.chain, buyingPower: () => money.subtract(needed, money.fromMicros(1)) }));
    expect(error.code).toBe('insufficient-buying-power');
    expect(error.details).toMatchObject({ field: 'quantity', required: needed });
    expect(buildShortPut({ symbol: 'IWM', strike: 230, expiry: '2026-12-18' }, { chain: world.chain, buyingPower: () => needed }).legs[0]?.contract.strike).toBe(230);
  });

  it('when an injected margin function asks for less, then that requirement is used', () => {
    const built = buildShortPut({ symbol: 'SPY' }, { ...world.ports(10_000), marginRequirement: () => money.fromDollars(9_000) });
    expect(built.marginRequirement).toBe(money.fromDollars(9_000));
  });

  const cases: readonly [string, Record<string, unknown>, string][] = [
    ['the delta is 0.6', { shortDelta: 0.6 }, 'shortDelta'],
    ['the delta is not a number', { shortDelta: '0.3' }, 'shortDelta'],
    ['the strike is not listed', { strike: 651.5 }, 'strike'],
    ['both a strike and a delta are given', { strike: 650, shortDelta: 0.3 }, 'shortDelta'],
    ['the quantity is 0', { quantity: 0 }, 'quantity'],
  ];
  for (const [condition, params, field] of cases) {
    it(`when ${condition}, then the build fails naming ${field}`, () => {
      expect(validationErrorOf(() => buildShortPut({ symbol: 'SPY', ...params }, world.ports())).field).toBe(field);
    });
  }

  it('when the parameters are not an object, then the build fails naming params', () => {
    expect(validationErrorOf(() => buildShortPut(null as never, world.ports())).field).toBe('params');
  });
});
