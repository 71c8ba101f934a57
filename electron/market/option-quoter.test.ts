import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { optionGreeks } from '../../shared/options/index.ts';
import { createMarketConfig, DEFAULT_MARKET_CONFIG } from './default-market-config.ts';
import { surfaceVolatility } from './iv-surface.ts';
import type { MarketConfig } from './market-config.ts';
import { UnderlyingChain, type ListedOption } from './option-chain.ts';
import { OptionQuoter, type PricingState } from './option-quoter.ts';
import { createFactorModel, createUnderlyingModel } from './volatility-model.ts';

function setUp(config: MarketConfig = DEFAULT_MARKET_CONFIG, index = 0) {
  const factor = createFactorModel(config.marketFactor);
  const model = createUnderlyingModel(config.underlyings[index]!, index, factor);
  const quoter = new OptionQuoter(model, factor, config, 1234);
  const underlying = config.underlyings[index]!;
  const chain = new UnderlyingChain(underlying.symbol, { tiers: underlying.strikeTiers, farIncrement: underlying.farStrikeIncrement }, config);
  const state: PricingState = { time: Date.parse('2026-11-23T16:00:00Z'), spot: underlying.price, marketVariance: factor.longRunVariance, logVarianceFactor: 0 };
  chain.refresh({ sessionDate: '2026-11-23' as IsoDate, now: state.time, spot: state.spot, atmVolatility: (years) => quoter.atmVolatility(state, years) });
  return { quoter, chain, state, underlying };
}

const { quoter, chain, state } = setUp();
const option = (expiry: string, strike: number, right: 'call' | 'put'): ListedOption => chain.expiry(expiry)!.option(strike, right)!;
const quoteCore = (listed: ListedOption, at: PricingState = state) => ({ ...quoter.core(listed, at, quoter.context(listed.expiry, at)) });
const volWidth = (listed: ListedOption) => {
  const core = quoteCore(listed);
  return (core.ask - core.bid) / core.greeks.vega;
};

describe('OptionQuoter', () => {
  it('when quoting, then value and Greeks are Black-Scholes-Merton at the surface IV with the rate and dividend yield', () => {
    const listed = option('2026-12-18', 650, 'put');
    const context = quoter.context(listed.expiry, state);
    const volatility = surfaceVolatility(650, context.forward, context.atmVolatility, context.rootYears, DEFAULT_MARKET_CONFIG.underlyings[0]!);
    const expected = optionGreeks({ right: 'put', spot: 680, strike: 650, years: context.years, rate: 0.04, dividendYield: 0.012, volatility });
    const core = quoteCore(listed);
    expect(core.impliedVolatility).toBeCloseTo(volatility, 12);
    for (const name of ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const) expect(core.greeks[name]).toBeCloseTo(expected[name], 10);
    expect(core.value).toBeCloseTo(expected.price, 12);
    expect(core.bid).toBeLessThan(core.value);
    expect(core.ask).toBeGreaterThan(core.value);
  });

  it('when an option is deep in the money, then its value is floored at intrinsic value (listed options are American)', () => {
    const listed = option('2027-03-19', chain.expiry('2027-03-19')!.strikes.at(-1)!, 'put');
    const core = quoteCore(listed);
    expect(core.greeks.price).toBeLessThan(listed.strike - 680);
    expect(core.value).toBe(listed.strike - 680);
  });

  it('when a strike moves away from the money, then the spread in volatility points widens', () => {
    expect(volWidth(option('2026-12-18', 620, 'put'))).toBeGreaterThan(volWidth(option('2026-12-18', 680, 'put')));
  });

  it('when expiry approaches, then the spread in volatility points widens', () => {
    expect(volWidth(option('2026-11-27', 680, 'call'))).toBeGreaterThan(volWidth(option('2027-01-15', 680, 'call')));
  });

  it('when an option is nearly worthless, then the bid is 0 and the ask one tick', () => {
    const listed = option('2026-11-27', chain.expiry('2026-11-27')!.strikes[0]!, 'put');
    const core = quoteCore(listed, { ...state, time: listed.expiry.closeTime - 600_000 });
    expect(core.bid).toBe(0);
    expect(core.ask).toBe(0.01);
  });

  it('when sizes are drawn, then they are whole contracts that depend only on contract and time', () => {
    const listed = option('2026-12-18', 680, 'call');
    const first = quoteCore(listed);
    expect(quoteCore(listed)).toEqual(first);
    expect(Number.isInteger(first.bidSize) && first.bidSize >= 1).toBe(true);
    const later = quoteCore(listed, { ...state, time: state.time + 1000 });
    expect([later.bidSize, later.askSize]).not.toEqual([first.bidSize, first.askSize]);
  });

  it('when an underlying uses the penny-pilot rule, then quotes of $3 and more are in nickels', () => {
    const aapl = setUp(createMarketConfig(), 3);
    for (const listing of aapl.chain.expiries) {
      for (const listed of listing.calls.values()) {
        const core = aapl.quoter.core(listed, aapl.state, aapl.quoter.context(listing, aapl.state));
        if (core.bid >= 3) expect(Math.round(core.bid * 100) % 5).toBe(0);
        if (core.ask > 3) expect(Math.round(core.ask * 100) % 5).toBe(0);
      }
    }
  });

  it('when the live context is asked twice in a step, then it is computed once and reused', () => {
    const listing = chain.expiries[2]!;
    const first = quoter.liveContext(listing, state, 7);
    const atm = first.atmVolatility;
    const second = quoter.liveContext(listing, { ...state, spot: 1 }, 7);
    expect(second.atmVolatility).toBe(atm);
    expect(quoter.liveContext(listing, { ...state, marketVariance: state.marketVariance * 4 }, 8).atmVolatility).toBeGreaterThan(atm);
  });
});
