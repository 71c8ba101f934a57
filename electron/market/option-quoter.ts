// Option quotes of one underlying: surface IV → Black-Scholes-Merton value and Greeks
// (shared/options) → bid/ask around the value → sizes. The hot path of the market: per
// expiry and market step the time to expiry, forward and at-the-money IV are computed once;
// per contract it is one surface lookup, one optionGreeks call and a few roundings.
//
// Spread (dollars), a market maker's width in volatility plus a delta-hedging cost:
//   width = liquidity × (0.01 + 0.015·vega·(1 + 0.35·min(z², 25))·(1 + 2/(1 + days)) + 0.00005·|Δ|·S)
// (vega per vol point, z the standardised moneyness, days the calendar days to expiry), so the
// spread in vol points — and relative to the price — widens away from the money and into
// expiry; bid = value − width/2 rounded down, ask = value + width/2 rounded up to the tick
// rule (tick-rules.ts); a bid below one tick is 0. Sizes (contracts) are hashes of (seed,
// contract, time): up to (20 + 480·e^(−z²/2)) / liquidity, so deepest at the money.
import type { Greeks } from '../../shared/domain/index.ts';
import { optionGreeks, type OptionGreeks } from '../../shared/options/index.ts';
import { moneynessScale, smileFactor } from './iv-surface.ts';
import type { MarketConfig, UnderlyingConfig } from './market-config.ts';
import { YEAR_MS, type ExpiryListing, type ListedOption } from './option-chain.ts';
import type { OptionQuote } from './quote-types.ts';
import { hashWord } from './random.ts';
import { ceilToTick, floorToTick } from './tick-rules.ts';
import type { TapeState } from './trade-tape.ts';
import { atmVolatility, type FactorModel, type UnderlyingModel } from './volatility-model.ts';

/** The market state a quote is computed from (live, or a stored trade-slot snapshot). */
export type PricingState = {
  readonly time: number;
  readonly spot: number;
  readonly marketVariance: number;
  readonly logVarianceFactor: number;
};

export type ExpiryContext = {
  years: number;
  rootYears: number;
  forward: number;
  atmVolatility: number;
  /** ln F and 1/(σ_atm √T): a strike's standardised moneyness is (ln K − ln F) × scale. */
  logForward: number;
  moneynessScale: number;
};

/**
 * The computed part of a quote, before the tape (volume, last, open interest) is added. The
 * quoter reuses one QuoteCore: read it before the next core() call.
 */
export type QuoteCore = {
  impliedVolatility: number;
  value: number;
  greeks: OptionGreeks;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
};

export class OptionQuoter {
  readonly #model: UnderlyingModel;
  readonly #factor: FactorModel;
  readonly #underlying: UnderlyingConfig;
  readonly #rate: number;
  readonly #variancePremium: number;
  readonly #seed: number;
  /** Reused input object: optionGreeks reads it synchronously. */
  readonly #input = { right: 'call' as 'call' | 'put', spot: 0, strike: 0, years: 0, rate: 0, dividendYield: 0, volatility: 0 };
  readonly #core: QuoteCore = { impliedVolatility: 0, value: 0, greeks: { price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 }, bid: 0, ask: 0, bidSize: 0, askSize: 0 };

  constructor(model: UnderlyingModel, factor: FactorModel, config: MarketConfig, seed: number) {
    this.#model = model;
    this.#factor = factor;
    this.#underlying = model.config;
    this.#rate = config.riskFreeRate;
    this.#variancePremium = config.variancePremium;
    this.#seed = seed;
    this.#input.rate = config.riskFreeRate;
    this.#input.dividendYield = model.config.dividendYield;
  }

  /** The at-the-money IV for `years` to expiry in `state`. */
  atmVolatility(state: PricingState, years: number): number {
    return atmVolatility(this.#model, this.#factor, state.marketVariance, state.logVarianceFactor, years, this.#variancePremium);
  }

  /** Time, forward and at-the-money IV of an expiry in `state`. */
  context(listing: ExpiryListing, state: PricingState): ExpiryContext {
    const years = Math.max(0, (listing.closeTime - state.time) / YEAR_MS);
    const forward = state.spot * Math.exp((this.#rate - this.#underlying.dividendYield) * years);
    const rootYears = Math.sqrt(years);
    const atm = this.atmVolatility(state, years);
    return { years, rootYears, forward, atmVolatility: atm, logForward: Math.log(forward), moneynessScale: moneynessScale(atm, rootYears) };
  }

  /** The live context of an expiry, computed once per market step. */
  liveContext(listing: ExpiryListing, state: PricingState, step: number): ExpiryContext {
    if (listing.contextStep !== step) {
      const context = this.context(listing, state);
      listing.years = context.years;
      listing.rootYears = context.rootYears;
      listing.forward = context.forward;
      listing.atmVolatility = context.atmVolatility;
      listing.logForward = context.logForward;
      listing.moneynessScale = context.moneynessScale;
      listing.contextStep = step;
    }
    return listing;
  }

  core(listed: ListedOption, state: PricingState, context: ExpiryContext): QuoteCore {
    const underlying = this.#underlying;
    const z = (listed.logStrike - context.logForward) * context.moneynessScale;
    const impliedVolatility = context.atmVolatility * smileFactor(z, underlying);
    const input = this.#input;
    input.right = listed.right;
    input.spot = state.spot;
    input.strike = listed.strike;
    input.years = context.years;
    input.volatility = impliedVolatility;
    const greeks = optionGreeks(input);
    const intrinsic = listed.right === 'call' ? state.spot - listed.strike : listed.strike - state.spot;
    const value = greeks.price > intrinsic ? greeks.price : intrinsic;
    const days = context.years * 365;
    const zSquared = z * z < 25 ? z * z : 25;
    const delta = greeks.delta < 0 ? -greeks.delta : greeks.delta;
    const width = underlying.liquidity * (0.01 + 0.015 * greeks.vega * (1 + 0.35 * zSquared) * (1 + 2 / (1 + days)) + 0.00005 * delta * state.spot);
    const second = Math.floor(state.time / 1000);
    const maxSize = (20 + 480 * Math.exp(-0.5 * zSquared)) / underlying.liquidity;
    // One hash word gives both sizes: its low and high 16 bits.
    const word = hashWord(this.#seed, listed.id, second, 5);
    const bidDraw = (word & 0xffff) / 65_536;
    const askDraw = (word >>> 16) / 65_536;
    const core = this.#core;
    core.impliedVolatility = impliedVolatility;
    core.value = value;
    core.greeks = greeks;
    core.bid = floorToTick(underlying.tickRule, value - 0.5 * width);
    core.ask = ceilToTick(underlying.tickRule, value + 0.5 * width);
    core.bidSize = 1 + Math.floor(bidDraw * bidDraw * maxSize);
    core.askSize = 1 + Math.floor(askDraw * askDraw * maxSize);
    return core;
  }

  /** A complete quote from a core and the contract's tape. */
  assemble(listed: ListedOption, state: PricingState, context: ExpiryContext, core: QuoteCore, tape: TapeState): OptionQuote {
    const { greeks } = core;
    const perShare: Greeks = Object.freeze({ delta: greeks.delta, gamma: greeks.gamma, theta: greeks.theta, vega: greeks.vega, rho: greeks.rho });
    return Object.freeze({
      kind: 'option',
      contract: listed.contract,
      key: listed.key,
      time: state.time,
      underlyingPrice: state.spot,
      bid: core.bid,
      ask: core.ask,
      mid: (core.bid + core.ask) / 2,
      bidSize: core.bidSize,
      askSize: core.askSize,
      last: tape.lastPrice,
      lastSize: tape.lastSize,
      lastTime: tape.lastTime,
      volume: tape.volume,
      openInterest: tape.openInterest,
      impliedVolatility: core.impliedVolatility,
      theoreticalValue: core.value,
      greeks: perShare,
      yearsToExpiry: context.years,
    });
  }
}
