// What the market publishes. Quotes are immutable snapshots: `time` is the simulated instant of
// the market state they reflect (the last market step), not the time they were asked for.
import type { Greeks, IsoDate, OptionContract } from '../../shared/domain/index.ts';

export type UnderlyingQuote = {
  readonly kind: 'etf' | 'stock' | 'index';
  readonly symbol: string;
  readonly time: number;
  /** The session the figures below belong to (see trading-calendar.ts sessionDate). */
  readonly sessionDate: IsoDate;
  readonly bid: number;
  readonly ask: number;
  readonly mid: number;
  /** The last trade: the simulated price itself. */
  readonly last: number;
  readonly bidSize: number;
  readonly askSize: number;
  /** Shares traded in the session so far (0 for the index). */
  readonly volume: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** The previous session's close (the start price before the first simulated close). */
  readonly previousClose: number;
};

export type OptionQuote = {
  readonly kind: 'option';
  readonly contract: OptionContract;
  /** contractKey(contract). */
  readonly key: string;
  readonly time: number;
  readonly underlyingPrice: number;
  readonly bid: number;
  readonly ask: number;
  readonly mid: number;
  /** In contracts. */
  readonly bidSize: number;
  readonly askSize: number;
  /** The last simulated trade (undefined before the first one of the current and previous session). */
  readonly last: number | undefined;
  readonly lastSize: number | undefined;
  readonly lastTime: number | undefined;
  /** Contracts traded in the session so far. */
  readonly volume: number;
  readonly openInterest: number;
  /** The surface IV used for the theoretical value and the Greeks. */
  readonly impliedVolatility: number;
  /** Black-Scholes-Merton value at the surface IV, floored at intrinsic value (listed options are American). */
  readonly theoreticalValue: number;
  /** Per share, in the units of shared/domain/greeks.ts (theta per calendar day, vega and rho per point). */
  readonly greeks: Greeks;
  /** Calendar time to the expiry's close, in years of 365 days. */
  readonly yearsToExpiry: number;
};
