import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainValidationError, money } from '../../shared/domain/index.ts';
import { payoffAtExpiry } from '../../shared/options/index.ts';
import { AppError } from '../core/errors.ts';
import { buildIronCondor } from './iron-condor.builder.ts';
import { payoffLegsOfStrategy } from './strategy-legs.ts';
import { listedDays, midMicros, strikeNearestDelta } from './testing/hand-figures.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';
import { appErrorOf, validationErrorOf } from './testing/thrown.ts';

let world: StrategyMarket;

beforeEach(async () => {
  world = await openStrategyMarket();
});

afterEach(async () => {
  await world.dispose();
});

describe('buildIronCondor on the simulated market', () => {
  it('when built with the defaults, then the expiry is the listed one nearest 45 days and the short strikes are the 16-delta put and call', () => {
    const built = buildIronCondor({ symbol: 'SPY' }, world.ports());
    const days = listedDays(world.marketData, 'SPY', world.market.time);
    const nearest = Math.min(...days.map((entry) => Math.abs(entry.days - 45)));
    expect(built.expiry).toBe('2027-01-08');
    expect(Math.abs(days.find((entry) => entry.expiry === built.expiry)!.days - 45)).toBe(nearest);
    const [longPut, shortPut, shortCall, longCall] = built.legs;
    expect(shortPut?.contract.strike).toBe(strikeNearestDelta(world.marketData, 'SPY', built.expiry!, 'put', 0.16));
    expect(shortCall?.contract.strike).toBe(strikeNearestDelta(world.marketData, 'SPY', built.expiry!, 'call', 0.16));
    expect(longPut?.contract.strike).toBe(shortPut!.contract.strike - 5);
    expect(longCall?.contract.strike).toBe(shortCall!.contract.strike + 5);
    expect(built.legs.map((leg) => `${leg.action} ${leg.contract.right}`)).toEqual(['BUY put', 'SELL put', 'SELL call', 'BUY call']);
    expect(built.legs.map((leg) => leg.role)).toEqual(['long_put', 'short_put', 'short_call', 'long_call']);
    expect(built.expiries).toEqual(['2027-01-08']);
  });

  it('when built, then the credit, max profit, max loss and breakevens match a hand computation from the leg mids', () => {
    const built = buildIronCondor({ symbol: 'SPY', quantity: 3 }, world.ports());
    const [longPut, shortPut, shortCall, longCall] = built.legs.map((leg) => leg.contract.strike) as [number, number, number, number];
    const mid = (strike: number, right: 'call' | 'put'): number => midMicros(world.marketData, 'SPY', built.expiry!, strike, right);
    const creditMicros = mid(shortPut, 'put') + mid(shortCall, 'call') - mid(longPut, 'put') - mid(longCall, 'call');
    expect(creditMicros).toBeGreaterThan(0);
    expect(built.netPrice).toBe(-creditMicros / 1e6);
    expect(built.netAmount).toBe(-creditMicros * 100 * 3);
    expect(built.analytics.maxProfit).toEqual({ unlimited: false, amount: creditMicros * 100 * 3 });
    const widerWing = Math.max(shortPut - longPut, longCall - shortCall);
    expect(built.analytics.maxLoss).toEqual({ unlimited: false, amount: (widerWing * 1e6 - creditMicros) * 100 * 3 });
    expect(built.analytics.breakevens).toEqual([shortPut - creditMicros / 1e6, shortCall + creditMicros / 1e6]);
    expect(built.marginRequirement).toBe(built.analytics.maxLoss.amount);
    expect(built.legs.map((leg) => leg.entryPrice)).toEqual([mid(longPut, 'put'), mid(shortPut, 'put'), mid(shortCall, 'call'), mid(longCall, 'call')].map((value) => value / 1e6));
  });

  it('when the payoff at expiry is read at key prices, then it is the max profit between the shorts, the max loss beyond the wings and 0 at the breakevens', () => {
    const built = buildIronCondor({ symbol: 'SPY' }, world.ports());
    const legs = payoffLegsOfStrategy(built);
    const [longPut, shortPut, shortCall, longCall] = built.legs.map((leg) => leg.contract.strike) as [number, number, number, number];
    const maxProfit = money.toDollars(built.analytics.maxProfit.amount!);
    const maxLoss = money.toDollars(built.analytics.maxLoss.amount!);
    expect(payoffAtExpiry(legs, (shortPut + shortCall) / 2)).toBeCloseTo(maxProfit, 9);
    expect(payoffAtExpiry(legs, shortPut)).toBeCloseTo(maxProfit, 9);
    expect(payoffAtExpiry(legs, longPut - 20)).toBeCloseTo(-maxLoss, 9);
    expect(payoffAtExpiry(legs, longCall + 20)).toBeCloseTo(-maxLoss, 9);
    for (const breakeven of built.analytics.breakevens) expect(payoffAtExpiry(legs, breakeven)).toBeCloseTo(0, 6);
  });

  it('when built, then the payoff chart spans ±3 σ around the underlying, covers the wings and agrees with the exact figures', () => {
    const built = buildIronCondor({ symbol: 'SPY', payoffSteps: 50 }, world.ports());
    const { range, points } = built.analytics.payoff;
    expect(points).toHaveLength(51);
    expect(range.from).toBeLessThan(built.legs[0]!.contract.strike);
    expect(range.to).toBeGreaterThan(built.legs[3]!.contract.strike);
    expect(range.from).toBeLessThan(built.underlyingPrice * 0.95);
    expect(Math.max(...points.map((point) => point.atExpiry))).toBeLessThanOrEqual(money.toDollars(built.analytics.maxProfit.amount!) + 1e-9);
    expect(points[0]?.atExpiry).toBeCloseTo(-money.toDollars(built.analytics.maxLoss.amount!), 9);
    // Today, at the underlying price, the position is worth about what was paid for it (mids vs model values).
    const nearSpot = points.reduce((best, point) => (Math.abs(point.underlyingPrice - built.underlyingPrice) < Math.abs(best.underlyingPrice - built.underlyingPrice) ? point : best));
    expect(Math.abs(nearSpot.today)).toBeLessThan(money.toDollars(built.analytics.maxProfit.amount!) * 0.5);
  });

  it('when built, then the position Greeks are the legs\' Greeks × signed contracts × 100', () => {
    const built = buildIronCondor({ symbol: 'SPY', quantity: 2 }, world.ports());
    const expected = built.legs.reduce((total, leg) => total + leg.greeks.delta * (leg.action === 'BUY' ? 1 : -1) * 2 * 100, 0);
    expect(built.analytics.greeks.delta).toBeCloseTo(expected, 9);
    expect(built.analytics.greeks.theta).toBeGreaterThan(0);
    expect(built.analytics.greeks.vega).toBeLessThan(0);
  });

  it('when the wings are picked by delta, then each wing is the listed option nearest that delta beyond its short strike', () => {
    const built = buildIronCondor({ symbol: 'SPY', shortDelta: 0.2, wings: { delta: 0.08 } }, world.ports());
    const expiry = built.expiry!;
    expect(built.legs.map((leg) => leg.contract.strike)).toEqual([
      strikeNearestDelta(world.marketData, 'SPY', expiry, 'put', 0.08),
      strikeNearestDelta(world.marketData, 'SPY', expiry, 'put', 0.2),
      strikeNearestDelta(world.marketData, 'SPY', expiry, 'call', 0.2),
      strikeNearestDelta(world.marketData, 'SPY', expiry, 'call', 0.08),
    ]);
    expect(built.netPrice).toBeLessThan(0);
  });

  it('when explicit strikes and an expiry are given, then exactly those contracts are used, an iron butterfly included', () => {
    const built = buildIronCondor({ symbol: 'SPY', expiry: '2026-12-18', strikes: { longPut: 660, shortPut: 680, shortCall: 680, longCall: 700 } }, world.ports());
    expect(built.expiry).toBe('2026-12-18');
    expect(built.legs.map((leg) => leg.contract.strike)).toEqual([660, 680, 680, 700]);
    expect(built.analytics.breakevens).toHaveLength(2);
  });

  it('when a target number of days is given, then the listed expiry nearest it is used', () => {
    const built = buildIronCondor({ symbol: 'SPY', targetDays: 25 }, world.ports());
    expect(built.expiry).toBe('2026-12-18');
  });
});

describe('buildIronCondor validation', () => {
  const cases: readonly [string, Record<string, unknown>, string][] = [
    ['the short delta is 0', { shortDelta: 0 }, 'shortDelta'],
    ['the short delta is 0.5', { shortDelta: 0.5 }, 'shortDelta'],
    ['the wings give both width and delta', { wings: { width: 5, delta: 0.05 } }, 'wings'],
    ['the wing width is 0', { wings: { width: 0 } }, 'wings.width'],
    ['the wing width is negative', { wings: { width: -5 } }, 'wings.width'],
    ['the wing delta is not below the short delta', { shortDelta: 0.16, wings: { delta: 0.2 } }, 'wings.delta'],
    ['the quantity is 0', { quantity: 0 }, 'quantity'],
    ['the quantity is fractional', { quantity: 1.5 }, 'quantity'],
    ['the expiry is not listed', { expiry: '2026-12-17' }, 'expiry'],
    ['both an expiry and target days are given', { expiry: '2026-12-18', targetDays: 30 }, 'targetDays'],
    ['the target days are below the listed range', { targetDays: 1 }, 'targetDays'],
    ['the target days are beyond the listed range', { targetDays: 200 }, 'targetDays'],
    ['a strike is not listed', { strikes: { longPut: 660.5, shortPut: 670, shortCall: 690, longCall: 700 } }, 'strikes.longPut'],
    ['the long put is above the short put', { strikes: { longPut: 672, shortPut: 670, shortCall: 690, longCall: 700 } }, 'strikes.shortPut'],
    ['the short call is below the short put', { strikes: { longPut: 660, shortPut: 690, shortCall: 670, longCall: 700 } }, 'strikes.shortCall'],
    ['the long call equals the short call', { strikes: { longPut: 660, shortPut: 670, shortCall: 690, longCall: 690 } }, 'strikes.longCall'],
    ['strikes come with a short delta', { shortDelta: 0.2, strikes: { longPut: 660, shortPut: 670, shortCall: 690, longCall: 700 } }, 'shortDelta'],
    ['the payoff steps are 0', { payoffSteps: 0 }, 'payoffSteps'],
  ];

  for (const [condition, params, field] of cases) {
    it(`when ${condition}, then the build fails naming ${field}`, () => {
      const error = validationErrorOf(() => buildIronCondor({ symbol: 'SPY', ...params }, world.ports()));
      expect(error).toBeInstanceOf(DomainValidationError);
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    });
  }

  it('when the symbol has no option chain, then the build fails naming symbol', () => {
    const error = validationErrorOf(() => buildIronCondor({ symbol: 'XYZ' }, world.ports()));
    expect(error.field).toBe('symbol');
    expect(error.message).toContain('XYZ');
  });

  it('when the buying power is one micro-dollar short of the max loss, then the build fails with insufficient-buying-power naming quantity; at the max loss it succeeds', () => {
    const needed = buildIronCondor({ symbol: 'SPY', quantity: 2 }, world.ports()).marginRequirement;
    const short = { chain: world.chain, buyingPower: () => money.subtract(needed, money.fromMicros(1)) };
    const error = appErrorOf(() => buildIronCondor({ symbol: 'SPY', quantity: 2 }, short));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('insufficient-buying-power');
    expect(error.details?.field).toBe('quantity');
    expect(error.message).toContain('quantity 2');
    const exact = buildIronCondor({ symbol: 'SPY', quantity: 2 }, { chain: world.chain, buyingPower: () => needed });
    expect(exact.buyingPower).toBe(needed);
  });
});
