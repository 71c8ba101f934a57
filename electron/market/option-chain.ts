// The listed option contracts of one underlying: expirations (expirations.ts) and, per
// expiration, strikes (strikes.ts) reaching spot·exp(−putRange·σ√T) … spot·exp(callRange·σ√T),
// with σ the at-the-money IV of that expiry when it is listed and T at least a week. Listing is
// refreshed at each session open: new expirations appear, expired ones go, and strikes are
// added as the underlying moves but never removed while the expiration lives (a position's
// contract stays quotable). Contracts are shared/domain OptionContracts keyed by contractKey.
import { contractKey, createOptionContract, type IsoDate, type OptionContract, type OptionRight } from '../../shared/domain/index.ts';
import { listExpirations } from './expirations.ts';
import type { MarketConfig } from './market-config.ts';
import type { OptionQuote } from './quote-types.ts';
import { hashString } from './random.ts';
import { listStrikes, mergeStrikes, type StrikeScheme } from './strikes.ts';
import type { TapeState } from './trade-tape.ts';
import { sessionClose } from './trading-calendar.ts';

export const YEAR_MS = 365 * 86_400_000;
const MIN_RANGE_YEARS = 7 / 365;

export type ListedOption = {
  readonly contract: OptionContract;
  readonly key: string;
  /** hashString(key): the contract's word in the stateless hashes (sizes, trades, open interest). */
  readonly id: number;
  readonly strike: number;
  /** ln(strike), for the surface's moneyness. */
  readonly logStrike: number;
  readonly right: OptionRight;
  readonly expiry: ExpiryListing;
  /** When the contract was listed (simulated epoch ms). */
  readonly listedAt: number;
  /** The last computed quote and the market step it belongs to (quotes are computed lazily). */
  quote: OptionQuote | undefined;
  quoteStep: number;
  tape: TapeState | undefined;
};

/** One expiration; the engine keeps per-step pricing context on it (see option-quoter.ts). */
export class ExpiryListing {
  readonly expiry: IsoDate;
  readonly monthly: boolean;
  /** The instant the contracts expire: the close of the expiry date's session. */
  readonly closeTime: number;
  strikes: readonly number[] = [];
  readonly calls = new Map<number, ListedOption>();
  readonly puts = new Map<number, ListedOption>();
  /** Per-step context written by the quoter: the step it was computed for and its values. */
  contextStep = -1;
  years = 0;
  rootYears = 0;
  forward = 0;
  atmVolatility = 0;
  logForward = 0;
  moneynessScale = 0;

  constructor(expiry: IsoDate, monthly: boolean) {
    this.expiry = expiry;
    this.monthly = monthly;
    this.closeTime = sessionClose(expiry);
  }

  option(strike: number, right: OptionRight): ListedOption | undefined {
    return (right === 'call' ? this.calls : this.puts).get(strike);
  }
}

export type ListingMarket = {
  readonly sessionDate: IsoDate;
  readonly now: number;
  readonly spot: number;
  /** The at-the-money IV for `years` to expiry, from the live model. */
  readonly atmVolatility: (years: number) => number;
};

export class UnderlyingChain {
  readonly symbol: string;
  readonly #scheme: StrikeScheme;
  readonly #config: MarketConfig;
  #expiries: ExpiryListing[] = [];
  readonly #byKey = new Map<string, ListedOption>();

  constructor(symbol: string, scheme: StrikeScheme, config: MarketConfig) {
    this.symbol = symbol;
    this.#scheme = scheme;
    this.#config = config;
  }

  /** Every listed expiration, earliest first (including one that expired today until the next refresh). */
  get expiries(): readonly ExpiryListing[] {
    return this.#expiries;
  }

  get size(): number {
    return this.#byKey.size;
  }

  find(key: string): ListedOption | undefined {
    return this.#byKey.get(key);
  }

  expiry(date: string): ExpiryListing | undefined {
    return this.#expiries.find((listing) => listing.expiry === date);
  }

  /** Lists the expirations and strikes for the session of `market`; keeps what is still live. */
  refresh(market: ListingMarket): void {
    const config = this.#config;
    const wanted = listExpirations(market.sessionDate, config.weeklyHorizonDays, config.monthlyHorizonDays);
    for (const listing of this.#expiries) {
      if (listing.expiry < market.sessionDate) this.#delist(listing);
    }
    const kept = this.#expiries.filter((listing) => listing.expiry >= market.sessionDate);
    for (const { expiry, monthly } of wanted) {
      let listing = kept.find((item) => item.expiry === expiry);
      if (listing === undefined) {
        listing = new ExpiryListing(expiry, monthly);
        kept.push(listing);
      }
      this.#listStrikes(listing, market);
    }
    this.#expiries = kept.sort((a, b) => (a.expiry < b.expiry ? -1 : 1));
  }

  #listStrikes(listing: ExpiryListing, market: ListingMarket): void {
    const years = Math.max(MIN_RANGE_YEARS, (listing.closeTime - market.now) / YEAR_MS);
    const spread = market.atmVolatility(years) * Math.sqrt(years);
    const lower = market.spot * Math.exp(-this.#config.putStrikeRange * spread);
    const upper = market.spot * Math.exp(this.#config.callStrikeRange * spread);
    const strikes = mergeStrikes(listing.strikes, listStrikes(market.spot, lower, upper, this.#scheme));
    if (strikes.length === listing.strikes.length) return;
    for (const strike of strikes) {
      if (listing.calls.has(strike)) continue;
      for (const right of ['call', 'put'] as const) this.#add(listing, strike, right, market.now);
    }
    listing.strikes = Object.freeze(strikes);
  }

  #add(listing: ExpiryListing, strike: number, right: OptionRight, now: number): void {
    const contract = createOptionContract({ underlyingSymbol: this.symbol, expiry: listing.expiry, strike, right }, now);
    const key = contractKey(contract);
    const listed: ListedOption = { contract, key, id: hashString(key), strike, logStrike: Math.log(strike), right, expiry: listing, listedAt: now, quote: undefined, quoteStep: -1, tape: undefined };
    (right === 'call' ? listing.calls : listing.puts).set(strike, listed);
    this.#byKey.set(key, listed);
  }

  #delist(listing: ExpiryListing): void {
    for (const listed of [...listing.calls.values(), ...listing.puts.values()]) this.#byKey.delete(listed.key);
  }
}
