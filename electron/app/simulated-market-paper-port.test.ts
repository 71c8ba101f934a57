import { describe, expect, it } from 'vitest';
import { restoreOptionContract, createUnderlying } from '../../shared/domain/contract.ts';
import { TestClock } from '../core/test-clock.ts';
import { SimulatedMarket } from '../market/index.ts';
import { SimulatedMarketPaperPort } from './simulated-market-paper-port.ts';

// Monday 2026-11-23, 09:30 New York = 14:30 UTC.
const mondayOpen = Date.UTC(2026, 10, 23, 14, 30);

describe('SimulatedMarketPaperPort', () => {
  const clock = new TestClock(mondayOpen);
  const market = new SimulatedMarket({ seed: 5, clock });
  const port = new SimulatedMarketPaperPort(market);

  it('when a listed option is quoted, then the port passes the market quote through', () => {
    const expiry = market.expirations('SPY')[2]!;
    const strike = market.strikes('SPY', expiry)[40]!;
    const contract = market.option('SPY', expiry, strike, 'put');
    const quote = port.quote(contract);
    const source = market.optionQuote(contract);
    expect(quote).toEqual({ bid: source.bid, ask: source.ask, bidSize: source.bidSize, askSize: source.askSize, last: source.last, time: source.time });
  });

  it('when an underlying is quoted, then its price is the last trade', () => {
    const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });
    expect(port.quote(spy)?.last).toBe(market.underlyingQuote('SPY').last);
    expect(port.underlyingPrice('SPY')).toBe(market.underlyingQuote('SPY').last);
  });

  it('when the contract or symbol is not listed, then the port answers undefined so the broker can reject it', () => {
    const expiry = market.expirations('SPY')[0]!;
    expect(port.quote(restoreOptionContract({ underlyingSymbol: 'SPY', expiry, strike: 0.5, right: 'call' }))).toBeUndefined();
    expect(port.quote(createUnderlying({ kind: 'stock', symbol: 'NOPE' }))).toBeUndefined();
    expect(port.underlyingPrice('NOPE')).toBeUndefined();
  });

  it('when asked about the calendar, then it answers with NYSE hours, closes and expirations', () => {
    expect(port.isRegularHours(mondayOpen)).toBe(true);
    expect(port.isRegularHours(mondayOpen - 1)).toBe(false);
    expect(port.sessionClose(mondayOpen)).toBe(Date.UTC(2026, 10, 23, 21, 0));
    // Thanksgiving (Thursday 26th) is a holiday and Friday 27th closes early at 13:00.
    expect(port.nextSessionOpen(Date.UTC(2026, 10, 25, 22, 0))).toBe(Date.UTC(2026, 10, 27, 14, 30));
    expect(port.expirationTime('2026-11-27' as never)).toBe(Date.UTC(2026, 10, 27, 18, 0));
  });

  it("when asked about tick sizes, then the market's penny underlyings trade options in cents at every price", () => {
    expect(port.pennyOptionTicks('SPY')).toBe(true);
    expect(port.pennyOptionTicks('AAPL')).toBe(false);
    expect(port.pennyOptionTicks('NOPE')).toBe(false);
  });

  it('when the market steps, then the port reports a tick', async () => {
    let ticks = 0;
    const subscription = port.onTick(() => ticks++);
    await market.start();
    clock.advance(3_000);
    expect(ticks).toBe(3);
    subscription.dispose();
    await market.stop();
    market.dispose();
  });
});
