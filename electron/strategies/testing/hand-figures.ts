// Hand computations for builder tests, done apart from the code under test: micro-dollar mids,
// the strike a target delta picks from the raw chain, the expiry nearest a number of days.
import { daysBetween, newYorkDate, type IsoDate, type OptionRight } from '../../../shared/domain/index.ts';
import type { MarketDataService } from '../../market/index.ts';

/** A per-share price in whole micro-dollars. */
export function micros(price: number): number {
  return Math.round(price * 1_000_000);
}

/** The strike whose |delta| is nearest `target` in the raw chain (ties: the smaller |delta|). */
export function strikeNearestDelta(marketData: MarketDataService, symbol: string, expiry: IsoDate, right: OptionRight, target: number): number {
  const rows = marketData.chain(symbol, expiry).rows.map((row) => ({ strike: row.strike, delta: Math.abs((right === 'call' ? row.call : row.put).greeks.delta) }));
  rows.sort((a, b) => Math.abs(a.delta - target) - Math.abs(b.delta - target) || a.delta - b.delta);
  return rows[0]!.strike;
}

/** The mid of a listed option, in micro-dollars. */
export function midMicros(marketData: MarketDataService, symbol: string, expiry: IsoDate, strike: number, right: OptionRight): number {
  const row = marketData.chain(symbol, expiry).rows.find((candidate) => candidate.strike === strike)!;
  return micros((right === 'call' ? row.call : row.put).mid);
}

/** Days to each listed expiry from the market's New York date. */
export function listedDays(marketData: MarketDataService, symbol: string, now: number): { readonly expiry: IsoDate; readonly days: number }[] {
  const today = newYorkDate(now);
  return marketData.expirations(symbol).map((expiry) => ({ expiry, days: daysBetween(today, expiry) }));
}
