import { describe, expect, it } from 'vitest';
import { createUnderlying } from '../../shared/domain/contract.ts';
import { TestClock } from '../core/test-clock.ts';
import { MarketDataService } from '../market/market-data-service.ts';
import { SimulatedMarket } from '../market/simulated-market.ts';
import { marketDataQuotes } from './market-data-quotes.ts';

// Monday 2026-11-23 10:00 New York, during the session.
const start = Date.parse('2026-11-23T15:00:00Z');

async function setUp() {
  const clock = new TestClock(start);
  const market = new SimulatedMarket({ seed: 8, clock, config: { stepMs: 1000 } });
  const service = new MarketDataService({ source: market, clock });
  await market.start();
  return { clock, market, quote: marketDataQuotes(service) };
}

describe('marketDataQuotes', () => {
  it('when an option is quoted, then mid, market time, Greeks and the underlying price come from the snapshot', async () => {
    const { clock, market, quote } = await setUp();
    const contract = market.option('SPY', market.expirations('SPY')[4]!, 680, 'put');
    clock.advance(2_000);
    const snapshot = market.optionQuote(contract);
    expect(quote(contract)).toEqual({ mid: snapshot.mid, bid: snapshot.bid, ask: snapshot.ask, time: start + 2_000, greeks: snapshot.greeks, underlyingPrice: snapshot.underlyingPrice });
  });

  it('when shares are quoted, then there are no Greeks and the underlying price is the mid', async () => {
    const { quote } = await setUp();
    const spy = quote(createUnderlying({ kind: 'etf', symbol: 'SPY' }));
    expect(spy).toMatchObject({ greeks: undefined, time: start });
    expect(spy?.underlyingPrice).toBe(spy?.mid);
  });

  it('when the market does not know the contract, then there is no quote (and no throw)', async () => {
    const { quote } = await setUp();
    expect(quote(createUnderlying({ kind: 'stock', symbol: 'NOPE' }))).toBeUndefined();
  });
});
