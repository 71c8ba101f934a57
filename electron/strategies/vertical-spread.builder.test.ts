import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../shared/domain/index.ts';
import { payoffAtExpiry } from '../../shared/options/index.ts';
import { payoffLegsOfStrategy } from './strategy-legs.ts';
import { midMicros, strikeNearestDelta } from './testing/hand-figures.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';
import { appErrorOf, validationErrorOf } from './testing/thrown.ts';
import { buildVerticalSpread, type VerticalSpreadParams, type VerticalSpreadType } from './vertical-spread.builder.ts';

let world: StrategyMarket;

beforeEach(async () => {
  world = await openStrategyMarket();
});

afterEach(async () => {
  await world.dispose();
});

function strikesOf(type: VerticalSpreadType, params: VerticalSpreadParams): { short: number; long: number; built: ReturnType<typeof buildVerticalSpread> } {
  const built = buildVerticalSpread(type, params, world.ports());
  const short = built.legs.find((leg) => leg.action === 'SELL')!.contract.strike;
  const long = built.legs.find((leg) => leg.action === 'BUY')!.contract.strike;
  return { short, long, built };
}

describe('buildVerticalSpread credit spreads', () => {
  it('when a bull put is built with the defaults, then the short put is the 30-delta, the long put 5 points below, for a credit', () => {
    const { short, long, built } = strikesOf('BULL_PUT', { symbol: 'SPY' });
    expect(short).toBe(strikeNearestDelta(world.marketData, 'SPY', built.expiry!, 'put', 0.3));
    expect(long).toBe(short - 5);
    expect(built.legs.map((leg) => leg.role)).toEqual(['long_put', 'short_put']);
    const creditMicros = midMicros(world.marketData, 'SPY', built.expiry!, short, 'put') - midMicros(world.marketData, 'SPY', built.expiry!, long, 'put');
    expect(built.netPrice).toBe(-creditMicros / 1e6);
    expect(built.analytics.maxProfit).toEqual({ unlimited: false, amount: creditMicros * 100 });
    expect(built.analytics.maxLoss).toEqual({ unlimited: false, amount: 5 * 100e6 - creditMicros * 100 });
    expect(built.analytics.breakevens).toEqual([short - creditMicros / 1e6]);
    expect(built.marginRequirement).toBe(built.analytics.maxLoss.amount);
  });

  it('when a bear call is built with a long delta, then the long call is the listed call nearest that delta above the short call', () => {
    const { short, long, built } = strikesOf('BEAR_CALL', { symbol: 'QQQ', shortDelta: 0.25, longDelta: 0.1 });
    expect(short).toBe(strikeNearestDelta(world.marketData, 'QQQ', built.expiry!, 'call', 0.25));
    expect(long).toBe(strikeNearestDelta(world.marketData, 'QQQ', built.expiry!, 'call', 0.1));
    expect(long).toBeGreaterThan(short);
    expect(built.legs.map((leg) => leg.role)).toEqual(['short_call', 'long_call']);
    const legs = payoffLegsOfStrategy(built);
    expect(payoffAtExpiry(legs, short - 10)).toBeCloseTo(money.toDollars(built.analytics.maxProfit.amount!), 9);
    expect(payoffAtExpiry(legs, long + 10)).toBeCloseTo(-money.toDollars(built.analytics.maxLoss.amount!), 9);
    expect(payoffAtExpiry(legs, built.analytics.breakevens[0]!)).toBeCloseTo(0, 6);
  });

  it('when explicit strikes are given, then those contracts are used', () => {
    const { short, long, built } = strikesOf('BULL_PUT', { symbol: 'SPY', expiry: '2026-12-18', strikes: { short: 660, long: 650 } });
    expect([short, long]).toEqual([660, 650]);
    expect(built.analytics.maxLoss.amount).toBe(10 * 100e6 + built.netAmount);
  });

  it('when a bear call at current quotes would not be a credit (two far calls with the same mid), then the build fails naming netPrice', () => {
    const error = validationErrorOf(() => buildVerticalSpread('BEAR_CALL', { symbol: 'SPY', expiry: '2026-11-27', strikes: { short: 697, long: 698 } }, world.ports()));
    expect(error.field).toBe('netPrice');
    expect(error.message).toContain('must be a credit');
  });
});

describe('buildVerticalSpread debit spreads', () => {
  it('when a bull call is built with the defaults, then the long call is the 50-delta and the short call 5 points above, for a debit', () => {
    const { short, long, built } = strikesOf('BULL_CALL', { symbol: 'SPY' });
    expect(long).toBe(strikeNearestDelta(world.marketData, 'SPY', built.expiry!, 'call', 0.5));
    expect(short).toBe(long + 5);
    const debitMicros = midMicros(world.marketData, 'SPY', built.expiry!, long, 'call') - midMicros(world.marketData, 'SPY', built.expiry!, short, 'call');
    expect(built.netPrice).toBe(debitMicros / 1e6);
    expect(built.analytics.maxLoss).toEqual({ unlimited: false, amount: debitMicros * 100 });
    expect(built.analytics.maxProfit).toEqual({ unlimited: false, amount: 5 * 100e6 - debitMicros * 100 });
    expect(built.analytics.breakevens).toEqual([long + debitMicros / 1e6]);
    expect(built.marginRequirement).toBe(debitMicros * 100);
  });

  it('when a bear put is built with a short delta, then the short put is the listed put nearest it below the long put', () => {
    const { short, long, built } = strikesOf('BEAR_PUT', { symbol: 'IWM', longDelta: 0.45, shortDelta: 0.2 });
    expect(long).toBe(strikeNearestDelta(world.marketData, 'IWM', built.expiry!, 'put', 0.45));
    expect(short).toBe(strikeNearestDelta(world.marketData, 'IWM', built.expiry!, 'put', 0.2));
    expect(built.legs.map((leg) => leg.role)).toEqual(['short_put', 'long_put']);
    expect(built.netPrice).toBeGreaterThan(0);
  });

  it('when a bull call at current quotes would not be a debit, then the build fails naming netPrice', () => {
    const error = validationErrorOf(() => buildVerticalSpread('BULL_CALL', { symbol: 'SPY', expiry: '2026-11-27', strikes: { short: 698, long: 697 } }, world.ports()));
    expect(error.field).toBe('netPrice');
    expect(error.message).toContain('must be a debit');
  });
});

describe('buildVerticalSpread validation', () => {
  const cases: readonly [VerticalSpreadType, string, VerticalSpreadParams, string][] = [
    ['BULL_PUT', 'the short delta is 0.5', { symbol: 'SPY', shortDelta: 0.5 }, 'shortDelta'],
    ['BULL_PUT', 'the long delta is above the short delta', { symbol: 'SPY', shortDelta: 0.2, longDelta: 0.3 }, 'longDelta'],
    ['BULL_PUT', 'both a long delta and a width are given', { symbol: 'SPY', longDelta: 0.1, width: 5 }, 'width'],
    ['BEAR_CALL', 'the width is 0', { symbol: 'SPY', width: 0 }, 'width'],
    ['BULL_CALL', 'the long delta is 1', { symbol: 'SPY', longDelta: 1 }, 'longDelta'],
    ['BULL_CALL', 'the short delta is above the long delta', { symbol: 'SPY', longDelta: 0.3, shortDelta: 0.4 }, 'shortDelta'],
    ['BULL_PUT', 'the long strike is above the short strike', { symbol: 'SPY', strikes: { short: 650, long: 660 } }, 'strikes.long'],
    ['BEAR_CALL', 'the long strike is below the short strike', { symbol: 'SPY', strikes: { short: 700, long: 690 } }, 'strikes.long'],
    ['BEAR_PUT', 'the long strike equals the short strike', { symbol: 'SPY', strikes: { short: 680, long: 680 } }, 'strikes.long'],
    ['BULL_PUT', 'the short strike is not listed', { symbol: 'SPY', strikes: { short: 650.5, long: 640 } }, 'strikes.short'],
    ['BULL_PUT', 'strikes come with a width', { symbol: 'SPY', width: 5, strikes: { short: 650, long: 640 } }, 'width'],
    ['BULL_PUT', 'the quantity is negative', { symbol: 'SPY', quantity: -1 }, 'quantity'],
    ['BULL_PUT', 'the symbol is not upper case', { symbol: 'spy' }, 'symbol'],
    ['BULL_PUT', 'the expiry is not a date', { symbol: 'SPY', expiry: 'next month' }, 'expiry'],
  ];

  for (const [type, condition, params, field] of cases) {
    it(`when ${condition} for a ${type}, then the build fails naming ${field}`, () => {
      const error = validationErrorOf(() => buildVerticalSpread(type, params, world.ports()));
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    });
  }

  it('when the type is not a vertical spread, then the build fails naming type', () => {
    expect(validationErrorOf(() => buildVerticalSpread('IRON_CONDOR' as VerticalSpreadType, { symbol: 'SPY' }, world.ports())).field).toBe('type');
  });

  it('when the buying power does not cover the max loss, then the build fails with insufficient-buying-power', () => {
    const error = appErrorOf(() => buildVerticalSpread('BULL_PUT', { symbol: 'SPY', quantity: 10 }, world.ports(1000)));
    expect(error.code).toBe('insufficient-buying-power');
    expect(error.details?.field).toBe('quantity');
  });
});
