import { describe, expect, it } from 'vitest';
import { daysBetween, newYorkDate, type IsoDate } from '../../shared/domain/index.ts';
import { createMarketConfig } from './default-market-config.ts';
import { MarketEngine } from './market-engine.ts';
import type { OptionQuote } from './quote-types.ts';

const monday = Date.parse('2026-11-23T14:00:00Z');
const tuesdayMorning = Date.parse('2026-11-24T16:00:00Z');

// One day and a half of trading with a 10 s step, shared by the read-only checks below.
const engine = new MarketEngine({ seed: 77, config: createMarketConfig({ stepMs: 10_000 }), startTime: monday });
engine.advanceTo(tuesdayMorning);

const spread = (quote: OptionQuote): number => (quote.ask - quote.bid) / ((quote.ask + quote.bid) / 2);

function nearestDelta(quotes: readonly OptionQuote[], target: number): OptionQuote {
  return quotes.reduce((best, quote) => (Math.abs(Math.abs(quote.greeks.delta) - target) < Math.abs(Math.abs(best.greeks.delta) - target) ? quote : best));
}

function expiryNear(symbol: string, days: number): IsoDate {
  const today = newYorkDate(engine.time);
  return engine.expirations(symbol).reduce((best, expiry) => (Math.abs(daysBetween(today, expiry) - days) < Math.abs(daysBetween(today, best) - days) ? expiry : best));
}

describe('option quotes over the full chains', () => {
  it('when every listed option is quoted, then bids are ≥ 0 and below asks, asks cover intrinsic value, IVs are positive and Greeks finite', () => {
    for (const symbol of engine.symbols) {
      const spot = engine.spot(symbol);
      for (const quote of engine.allOptionQuotes(symbol)) {
        const intrinsic = quote.contract.right === 'call' ? spot - quote.contract.strike : quote.contract.strike - spot;
        expect(quote.bid).toBeGreaterThanOrEqual(0);
        expect(quote.bid).toBeLessThan(quote.ask);
        expect(quote.ask).toBeGreaterThanOrEqual(intrinsic);
        expect(quote.impliedVolatility).toBeGreaterThan(0);
        expect(quote.bidSize).toBeGreaterThanOrEqual(1);
        expect(quote.openInterest).toBeGreaterThanOrEqual(0);
        for (const greek of Object.values(quote.greeks)) expect(Number.isFinite(greek)).toBe(true);
        expect(quote.time).toBe(engine.time);
      }
    }
  });

  it('when strikes rise within an expiry, then call values never rise and put values never fall', () => {
    for (const symbol of engine.symbols) {
      for (const expiry of engine.expirations(symbol)) {
        const rows = engine.chainQuotes(symbol, expiry);
        for (let index = 1; index < rows.length; index++) {
          expect(rows[index]!.call.theoreticalValue).toBeLessThanOrEqual(rows[index - 1]!.call.theoreticalValue);
          expect(rows[index]!.put.theoreticalValue).toBeGreaterThanOrEqual(rows[index - 1]!.put.theoreticalValue);
        }
      }
    }
  });

  it('when the 25-delta put and call of a month-out expiry are compared, then the put carries the higher IV (skew) for every underlying', () => {
    for (const symbol of engine.symbols) {
      const rows = engine.chainQuotes(symbol, expiryNear(symbol, 30));
      const put = nearestDelta(rows.map((row) => row.put), 0.25);
      const call = nearestDelta(rows.map((row) => row.call), 0.25);
      expect(put.impliedVolatility).toBeGreaterThan(call.impliedVolatility);
    }
  });

  it('when a far out-of-the-money option is compared with the at-the-money one, then its spread is wider relative to its price', () => {
    for (const symbol of engine.symbols) {
      const rows = engine.chainQuotes(symbol, expiryNear(symbol, 45));
      const puts = rows.map((row) => row.put);
      expect(spread(nearestDelta(puts, 0.08))).toBeGreaterThan(spread(nearestDelta(puts, 0.5)));
    }
  });

  it('when a short expiry is compared with a two-month one at the money, then its spread is wider relative to its price', () => {
    for (const symbol of engine.symbols) {
      const short = nearestDelta(engine.chainQuotes(symbol, engine.expirations(symbol)[0]!).map((row) => row.call), 0.5);
      const long = nearestDelta(engine.chainQuotes(symbol, expiryNear(symbol, 60)).map((row) => row.call), 0.5);
      expect(spread(short)).toBeGreaterThan(spread(long));
    }
  });

  it('when SPY options are quoted, then at-the-money spreads are a few cents wide (a liquid, penny-quoted chain)', () => {
    const atm = nearestDelta(engine.chainQuotes('SPY', expiryNear('SPY', 30)).map((row) => row.call), 0.5);
    expect(atm.ask - atm.bid).toBeGreaterThanOrEqual(0.01);
    expect(atm.ask - atm.bid).toBeLessThanOrEqual(0.1);
  });

  it('when AAPL options above $3 are quoted, then their prices are on the nickel grid of the penny-pilot rule', () => {
    const quotes = engine.allOptionQuotes('AAPL').filter((quote) => quote.bid >= 3);
    expect(quotes.length).toBeGreaterThan(10);
    for (const quote of quotes) expect(Math.round(quote.bid * 100) % 5).toBe(0);
  });

  it('when trading has run for a day and a half, then near-the-money options have volume and a last trade, and open interest peaks near the money', () => {
    const rows = engine.chainQuotes('SPY', expiryNear('SPY', 30));
    const atm = nearestDelta(rows.map((row) => row.call), 0.5);
    const wing = nearestDelta(rows.map((row) => row.put), 0.03);
    expect(atm.volume).toBeGreaterThan(0);
    expect(atm.last).toBeGreaterThan(0);
    expect(atm.lastTime).toBeLessThanOrEqual(engine.time);
    expect(atm.openInterest).toBeGreaterThan(wing.openInterest);
  });

  it('when the 30-day SPY ATM IV is compared with the VIX-like index, then they agree within a third', () => {
    const ratio = (engine.atmVolatility('SPY', 30 / 365) * 100) / engine.vix();
    expect(ratio).toBeGreaterThan(0.67);
    expect(ratio).toBeLessThan(1.33);
  });
});

describe('chain listing', () => {
  it('when the chain is listed, then the strikes of the ~90-day expiry reach 0.05-delta wings on both sides', () => {
    const market = new MarketEngine({ seed: 5, startTime: monday });
    market.step();
    for (const symbol of market.symbols) {
      const today = newYorkDate(market.time);
      const expiry = market.expirations(symbol).find((date) => daysBetween(today, date) >= 85)!;
      const rows = market.chainQuotes(symbol, expiry);
      expect(Math.abs(rows[0]!.put.greeks.delta)).toBeLessThanOrEqual(0.05);
      expect(rows.at(-1)!.call.greeks.delta).toBeLessThanOrEqual(0.05);
    }
  });

  it('when an expiry passes its close, then it leaves the expirations at once and its contracts are delisted at the next open', () => {
    const market = new MarketEngine({ seed: 5, config: createMarketConfig({ stepMs: 60_000 }), startTime: monday });
    const first = market.expirations('SPY')[0]!;
    const contract = market.option('SPY', first, 680, 'call');
    market.advanceTo(Date.parse('2026-11-27T18:00:00Z'));
    expect(market.expirations('SPY')).not.toContain(first);
    expect(market.optionQuote(contract).yearsToExpiry).toBe(0);
    market.step();
    expect(() => market.optionQuote(contract)).toThrow(/is not listed|has no expiration/);
  });

  it('when the underlying moves, then strikes are added but never removed', () => {
    const market = new MarketEngine({ seed: 5, config: createMarketConfig({ stepMs: 60_000 }), startTime: monday });
    const expiry = market.expirations('TSLA').at(-1)!;
    const before = market.strikes('TSLA', expiry);
    market.advanceTo(monday + 20 * 86_400_000);
    const after = market.strikes('TSLA', expiry);
    for (const strike of before) expect(after).toContain(strike);
  });
});
