import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractKey } from '../../shared/domain/index.ts';
import { openStrategyMarket, type StrategyMarket } from './testing/strategy-market.ts';
import { appErrorOf } from './testing/thrown.ts';

let world: StrategyMarket;

beforeEach(async () => {
  world = await openStrategyMarket();
});

afterEach(async () => {
  await world.dispose();
});

describe('createMarketDataChainPort', () => {
  it('when the chain is read, then expirations, strikes and option quotes are those of the market-data service', () => {
    const { chain, marketData, market } = world;
    const expiry = marketData.expirations('SPY')[3]!;
    expect(chain.expirations('SPY')).toEqual(marketData.expirations('SPY'));
    expect(chain.strikes('SPY', expiry)).toEqual(marketData.strikes('SPY', expiry));
    const quote = chain.quote('SPY', expiry, 660, 'put');
    const expected = marketData.snapshot(market.option('SPY', expiry, 660, 'put'));
    expect(contractKey(quote.contract)).toBe(expected.key);
    expect([quote.bid, quote.ask, quote.mid, quote.impliedVolatility, quote.yearsToExpiry]).toEqual([expected.bid, expected.ask, expected.mid, expected.impliedVolatility, expected.yearsToExpiry]);
    expect(quote.greeks).toEqual(expected.greeks);
  });

  it('when the underlying is read, then it is the mid at the market time', () => {
    const quote = world.marketData.snapshot('QQQ');
    expect(world.chain.underlying('QQQ')).toEqual({ price: quote.mid, time: world.market.time });
  });

  it('when delta and days-to-expiry searches are asked, then the service answers them', () => {
    const { chain, marketData } = world;
    const expiry = chain.expiryNearestDays('IWM', 30);
    expect(expiry).toBe(marketData.expiryNearestDays('IWM', 30));
    expect(chain.nearestStrikeByDelta('IWM', expiry, 'call', 0.25).contract).toEqual(marketData.nearestStrikeByDelta('IWM', expiry, 'call', 0.25).contract);
  });

  it('when pricing parameters are asked, then the rate and dividend yield come from the market config (none for an unknown symbol)', () => {
    expect(world.chain.pricing('SPY')).toEqual({ rate: 0.04, dividendYield: 0.012 });
    expect(world.chain.pricing('TSLA')).toEqual({ rate: 0.04, dividendYield: 0 });
    expect(world.chain.pricing('XYZ')).toEqual({ rate: 0.04, dividendYield: 0 });
  });

  it('when a symbol has no chain or a strike is not listed, then the service refuses with invalid-contract', () => {
    expect(appErrorOf(() => world.chain.expirations('XYZ')).code).toBe('invalid-contract');
    const expiry = world.chain.expirations('SPY')[0]!;
    expect(appErrorOf(() => world.chain.quote('SPY', expiry, 680.5, 'call')).code).toBe('invalid-contract');
  });
});
