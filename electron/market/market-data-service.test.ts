import { describe, expect, it } from 'vitest';
import { contractKey, daysBetween, newYorkDate, type IsoDate, type OptionContract } from '../../shared/domain/index.ts';
import { AppError } from '../core/errors.ts';
import { createLogger, MemorySink } from '../core/logger.ts';
import { TestClock } from '../core/test-clock.ts';
import { MarketDataService } from './market-data-service.ts';
import type { OptionQuote, UnderlyingQuote } from './quote-types.ts';
import { SimulatedMarket } from './simulated-market.ts';

// Monday 2026-11-23 10:00 New York, during the session.
const start = Date.parse('2026-11-23T15:00:00Z');

async function setUp() {
  const clock = new TestClock(start);
  const sink = new MemorySink();
  const logger = createLogger({ clock, sink, level: 'debug' });
  const market = new SimulatedMarket({ seed: 8, clock, config: { stepMs: 1000 } });
  const service = new MarketDataService({ source: market, clock, logger });
  await market.start();
  const expiry = market.expirations('SPY')[4]!;
  const contract = market.option('SPY', expiry, 680, 'put');
  return { clock, sink, market, service, expiry, contract };
}

function errorOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('MarketDataService subscriptions', () => {
  it('when a contract is subscribed, then the current quote arrives at once and a fresh one after every market step', async () => {
    const { clock, service, contract } = await setUp();
    const quotes: OptionQuote[] = [];
    service.subscribe(contract, (quote) => quotes.push(quote));
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.time).toBe(start);
    clock.advance(3000);
    expect(quotes.map((quote) => quote.time - start)).toEqual([0, 1000, 2000, 3000]);
    expect(quotes[3]?.greeks.delta).toBeLessThan(0);
  });

  it('when two subscribers share a contract, then there is one subscription that lives until the last one leaves', async () => {
    const { clock, service, contract } = await setUp();
    let first = 0;
    let second = 0;
    const a = service.subscribe(contract, () => first++);
    const b = service.subscribe(contract, () => second++);
    expect(service.subscriptionCount).toBe(1);
    expect(service.subscriberCount(contract)).toBe(2);
    a.dispose();
    clock.advance(1000);
    expect([first, second]).toEqual([1, 2]);
    b.dispose();
    b.dispose();
    expect(service.isSubscribed(contract)).toBe(false);
    clock.advance(1000);
    expect(second).toBe(2);
  });

  it('when the same listener is subscribed twice, then each subscription counts and is released on its own', async () => {
    const { clock, service } = await setUp();
    const received: UnderlyingQuote[] = [];
    const listener = (quote: UnderlyingQuote) => received.push(quote);
    const a = service.subscribe('SPY', listener);
    service.subscribe('SPY', listener);
    a.dispose();
    clock.advance(1000);
    expect(received).toHaveLength(3);
    expect(service.subscriberCount('SPY')).toBe(1);
  });

  it('when a symbol or the VIX-like index is subscribed, then underlying quotes arrive', async () => {
    const { clock, service } = await setUp();
    const symbols: string[] = [];
    service.subscribe('QQQ', (quote) => symbols.push(quote.symbol));
    service.subscribe('VIX', (quote) => symbols.push(`${quote.symbol}:${quote.kind}`));
    clock.advance(1000);
    expect(symbols).toEqual(['QQQ', 'VIX:index', 'QQQ', 'VIX:index']);
  });

  it('when the symbol or contract is unknown, then subscribing fails with an invalid-contract error and registers nothing', async () => {
    const { service, contract } = await setUp();
    expect(errorOf(() => service.subscribe('XYZ', () => {})).code).toBe('invalid-contract');
    expect(errorOf(() => service.subscribe({ ...contract, strike: 680.5 }, () => {})).message).toMatch(/680.5 P' is not listed/);
    expect(errorOf(() => service.subscribe({ ...contract, underlyingSymbol: 'VIX' }, () => {})).message).toMatch(/no option chain for 'VIX'/);
    expect(service.subscriptionCount).toBe(0);
  });

  it('when a listener throws, then the other listeners still receive the quote and the error is logged', async () => {
    const { clock, service, sink, contract } = await setUp();
    let received = 0;
    service.subscribe(contract, () => {
      throw new Error('boom');
    });
    service.subscribe(contract, () => received++);
    clock.advance(1000);
    expect(received).toBe(2);
    expect(sink.records.some((record) => record.message === 'market-data listener threw')).toBe(true);
  });

  it('when disposed, then no more quotes arrive and subscribing fails', async () => {
    const { clock, service, contract } = await setUp();
    let count = 0;
    service.subscribe(contract, () => count++);
    service.dispose();
    clock.advance(5000);
    expect(count).toBe(1);
    expect(() => service.subscribe(contract, () => {})).toThrow(/disposed/);
  });
});

describe('MarketDataService snapshots and chain queries', () => {
  it('when a snapshot is taken, then it is the current quote with IV and Greeks', async () => {
    const { market, service, contract } = await setUp();
    const snapshot = service.snapshot(contract);
    expect(snapshot).toEqual(market.optionQuote(contract));
    expect(snapshot.impliedVolatility).toBeGreaterThan(0);
    expect(service.snapshot('IWM').symbol).toBe('IWM');
  });

  it('when the chain of an expiry is asked, then rows come strike-ascending with the underlying quote', async () => {
    const { service, expiry } = await setUp();
    const chain = service.chain('SPY', expiry);
    expect(chain.rows.map((row) => row.strike)).toEqual(service.strikes('SPY', expiry));
    expect(chain.underlying.symbol).toBe('SPY');
    expect(service.expirations('SPY')).toContain(expiry);
  });

  it('when the 16-delta put is asked for, then it is the put whose |delta| is nearest 0.16, whatever the sign given', async () => {
    const { service, expiry } = await setUp();
    const puts = service.chain('SPY', expiry).rows.map((row) => row.put);
    const distance = (quote: OptionQuote) => Math.abs(Math.abs(quote.greeks.delta) - 0.16);
    const best = Math.min(...puts.map(distance));
    const found = service.nearestStrikeByDelta('SPY', expiry, 'put', -0.16);
    expect(distance(found)).toBe(best);
    expect(found.contract.right).toBe('put');
    expect(service.nearestStrikeByDelta('SPY', expiry, 'put', 0.16)).toBe(found);
    expect(service.nearestStrikeByDelta('SPY', expiry, 'call', 0.3).greeks.delta).toBeGreaterThan(0.2);
  });

  it('when the target delta is 0, 1 or not a number, then it fails naming targetDelta', async () => {
    const { service, expiry } = await setUp();
    for (const target of [0, 1, -1.5, Number.NaN]) expect(() => service.nearestStrikeByDelta('SPY', expiry, 'put', target)).toThrow(/targetDelta/);
  });

  it('when the expiry nearest 45 days is asked, then it is the listed expiry with the smallest distance in calendar days', async () => {
    const { service } = await setUp();
    const today = newYorkDate(start);
    const found = service.expiryNearestDays('SPY', 45);
    const distance = (expiry: IsoDate) => Math.abs(daysBetween(today, expiry) - 45);
    expect(Math.min(...service.expirations('SPY').map(distance))).toBe(distance(found));
    expect(service.expiryNearestDays('SPY', 0)).toBe(service.expirations('SPY')[0]);
    expect(() => service.expiryNearestDays('SPY', -1)).toThrow(/targetDays/);
  });

  it('when a chain query names an unknown symbol, then it fails with an invalid-contract error', async () => {
    const { service } = await setUp();
    expect(errorOf(() => service.expirations('NOPE')).code).toBe('invalid-contract');
    expect(errorOf(() => service.snapshot('NOPE')).message).toMatch(/unknown symbol 'NOPE'/);
  });
});

describe('MarketDataService staleness', () => {
  it('when a subscription updates every step, then it is fresh; a target never subscribed is stale (fail closed)', async () => {
    const { clock, service, contract } = await setUp();
    expect(service.isStale(contract, 60_000)).toBe(true);
    service.subscribe(contract, () => {});
    clock.advance(2500);
    expect(service.lastUpdateTime(contract)).toBe(start + 2000);
    expect(service.ageMs(contract)).toBe(500);
    expect(service.isStale(contract, 1000)).toBe(false);
    expect(service.isStale(contract, 100)).toBe(true);
    expect(service.subscriptions()).toEqual([{ key: contractKey(contract), subscribers: 1, lastUpdate: start + 2000, ageMs: 500 }]);
  });

  it('when the market closes, then quotes stop and the subscription goes stale', async () => {
    const { clock, service } = await setUp();
    service.subscribe('SPY', () => {});
    clock.advanceTo(Date.parse('2026-11-23T22:00:00Z'));
    expect(service.lastUpdateTime('SPY')).toBe(Date.parse('2026-11-23T21:00:00Z'));
    expect(service.isStale('SPY', 30 * 60_000)).toBe(true);
    expect(service.isStale('SPY', 2 * 3_600_000)).toBe(false);
  });

  it('when a subscribed contract expires and is delisted, then it stops updating, goes stale and a warning is logged once', async () => {
    const { clock, market, service, sink } = await setUp();
    const expiring: OptionContract = market.option('SPY', market.expirations('SPY')[0]!, 680, 'call');
    service.subscribe(expiring, () => {});
    clock.advanceTo(Date.parse('2026-12-01T15:00:00Z'));
    expect(service.lastUpdateTime(expiring)).toBe(Date.parse('2026-11-27T18:00:00Z'));
    expect(service.isStale(expiring, 3_600_000)).toBe(true);
    expect(sink.records.filter((record) => record.message.startsWith('subscription stopped updating'))).toHaveLength(1);
  });

  it('when the maximum age is invalid, then it fails naming maxAgeMs', async () => {
    const { service } = await setUp();
    expect(() => service.isStale('SPY', -1)).toThrow(/maxAgeMs/);
  });
});
