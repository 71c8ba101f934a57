// The narrow view of the option market the strategy builders read. MarketDataService satisfies
// it through createMarketDataChainPort (market-data-chain-port.ts); an Interactive Brokers feed
// can satisfy it later without touching a builder.
import type { Greeks, IsoDate, OptionContract, OptionRight } from '../../shared/domain/index.ts';

/** What a builder needs of one option quote (per share). */
export interface ChainQuote {
  readonly contract: OptionContract;
  readonly bid: number;
  readonly ask: number;
  readonly mid: number;
  /** The IV used for the Greeks (and for the "today" payoff curve). */
  readonly impliedVolatility: number;
  readonly greeks: Greeks;
  /** Calendar time to the expiry's close, in years of 365 days. */
  readonly yearsToExpiry: number;
}

export interface UnderlyingSnapshot {
  /** The underlying's mid price. */
  readonly price: number;
  /** The market instant the quote reflects (its New York date is "today" for days to expiry). */
  readonly time: number;
}

/** Rates for Black-Scholes-Merton values on the "today" payoff curve (continuously compounded). */
export interface PricingParameters {
  readonly rate: number;
  readonly dividendYield: number;
}

export interface OptionChainPort {
  /** Listed expirations still trading, earliest first. Throws (AppError 'invalid-contract') for a symbol without options. */
  expirations(symbol: string): readonly IsoDate[];
  /** Listed strikes of one expiry, ascending. */
  strikes(symbol: string, expiry: IsoDate): readonly number[];
  /** The current quote of a listed option. */
  quote(symbol: string, expiry: IsoDate, strike: number, right: OptionRight): ChainQuote;
  underlying(symbol: string): UnderlyingSnapshot;
  /** The listed option of `right` whose |delta| is nearest |targetDelta| (ties: the further out of the money). */
  nearestStrikeByDelta(symbol: string, expiry: IsoDate, right: OptionRight, targetDelta: number): ChainQuote;
  /** The listed expiry nearest `targetDays` calendar days from the market's today (ties: the earlier). */
  expiryNearestDays(symbol: string, targetDays: number): IsoDate;
  pricing(symbol: string): PricingParameters;
}
