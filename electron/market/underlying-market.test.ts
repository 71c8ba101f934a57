import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { DEFAULT_MARKET_CONFIG } from './default-market-config.ts';
import { IndexFactorProcess, UnderlyingProcess } from './price-process.ts';
import { RandomStream } from './random.ts';
import { tradingSession } from './trading-calendar.ts';
import { UnderlyingMarket } from './underlying-market.ts';
import { createFactorModel, createUnderlyingModel } from './volatility-model.ts';

const monday = tradingSession('2026-11-23' as IsoDate)!;
const tuesday = tradingSession('2026-11-24' as IsoDate)!;

function setUp(symbolIndex = 0) {
  const factor = createFactorModel(DEFAULT_MARKET_CONFIG.marketFactor);
  const index = new IndexFactorProcess(factor, new RandomStream(1, 'index'));
  const process = new UnderlyingProcess(createUnderlyingModel(DEFAULT_MARKET_CONFIG.underlyings[symbolIndex]!, symbolIndex, factor), factor, new RandomStream(1, 'underlying'));
  const history = [{ date: '2026-11-20' as IsoDate, iv: 0.1 }, { date: '2026-11-19' as IsoDate, iv: 0.3 }].reverse();
  const market = new UnderlyingMarket({ process, index, config: DEFAULT_MARKET_CONFIG, seed: 5, history, sessionDate: '2026-11-20' as IsoDate, firstSession: monday, startTime: monday.open - 3_600_000 });
  return { market, process };
}

describe('UnderlyingMarket', () => {
  it('when quoted, then bid < ask straddle the price, spreads are whole cents and the last is the price in cents', () => {
    const { market, process } = setUp(4);
    const quote = market.quote(monday.open - 3_600_000);
    expect(quote.bid).toBeLessThanOrEqual(process.price);
    expect(quote.ask).toBeGreaterThanOrEqual(process.price);
    expect(Math.round((quote.ask - quote.bid) * 100)).toBe(Math.max(1, Math.round((process.price * 0.6) / 100)));
    expect(quote.last).toBe(Math.round(process.price * 100) / 100);
    expect(quote).toMatchObject({ kind: 'stock', symbol: 'TSLA', sessionDate: '2026-11-20', volume: 0 });
  });

  it('when a session opens and steps follow, then open/high/low and volume track the session and reset at the next open', () => {
    const { market, process } = setUp();
    market.beginSession(monday, monday.open);
    market.afterStep(1, monday.open, true);
    process.price *= 1.01;
    market.afterStep(2, monday.open + 1000, false);
    process.price *= 0.97;
    market.afterStep(3, monday.open + 2000, false);
    const quote = market.quote(monday.open + 2000);
    expect(quote.sessionDate).toBe('2026-11-23');
    expect(quote.high).toBeGreaterThan(quote.open);
    expect(quote.low).toBeLessThan(quote.open);
    expect(quote.volume).toBeGreaterThan(0);
    market.endSession(3, monday.close);
    market.beginSession(tuesday, tuesday.open);
    expect(market.quote(tuesday.open)).toMatchObject({ volume: 0, sessionDate: '2026-11-24', previousClose: quote.last });
  });

  it('when a session ends, then its IV30 joins the history and rank and percentile use it', () => {
    const { market } = setUp();
    market.beginSession(monday, monday.open);
    market.endSession(1, monday.close);
    const statistics = market.ivStatistics(1, monday.close);
    expect(market.history.entries()).toHaveLength(3);
    expect(statistics.windowDays).toBe(3);
    expect(statistics.iv).toBeGreaterThan(0);
    expect(statistics.rank).toBeGreaterThanOrEqual(0);
    expect(statistics.rank).toBeLessThanOrEqual(100);
  });

  it('when an option is quoted twice in a step, then the cached quote is returned', () => {
    const { market } = setUp();
    const listed = market.chain.expiries[0]!.calls.values().next().value!;
    const first = market.optionQuote(listed, 0, monday.open - 3_600_000);
    expect(market.optionQuote(listed, 0, monday.open - 3_600_000)).toBe(first);
    expect(first.volume).toBe(0);
    expect(first.openInterest).toBeGreaterThan(0);
  });
});
