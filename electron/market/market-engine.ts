// The simulated market without a clock: deterministic state advanced in discrete steps on a
// grid of simulated time. Steps fall at every session's open (the overnight gap step), then
// every `stepMs` from the open, and at the close; nights, weekends and holidays have no steps.
// The same seed, config and start time give the same steps, paths and quotes, byte for byte,
// however the engine is driven (one advanceTo over a week or a million small ones).
import { contractKey, type IsoDate, type OptionContract } from '../../shared/domain/index.ts';
import { AppError } from '../core/errors.ts';
import { DEFAULT_MARKET_CONFIG } from './default-market-config.ts';
import { generateIvHistory } from './iv-history-generator.ts';
import type { IvHistoryEntry } from './iv-history.ts';
import type { MarketConfig } from './market-config.ts';
import { validateMarketConfig } from './market-config-validation.ts';
import type { ListedOption } from './option-chain.ts';
import { IndexFactorProcess, UnderlyingProcess } from './price-process.ts';
import type { OptionQuote, UnderlyingQuote } from './quote-types.ts';
import type { ChainRow } from './quote-source.ts';
import { RandomStream, seedWord, type Seed } from './random.ts';
import { streamLabels } from './stream-labels.ts';
import { currentOrNextSession, sessionDate, type TradingSession } from './trading-calendar.ts';
import { UnderlyingMarket, type IvStatistics } from './underlying-market.ts';
import { VixTracker } from './vix-tracker.ts';
import { createFactorModel, createUnderlyingModel } from './volatility-model.ts';

export type MarketStepKind = 'open' | 'regular' | 'close';

export type MarketStep = {
  readonly time: number;
  /** 1 for the first step after the start, then +1 per step. */
  readonly index: number;
  readonly kind: MarketStepKind;
  readonly session: TradingSession;
};

export type MarketEngineOptions = {
  readonly seed: Seed;
  /** A validated config (createMarketConfig); the defaults when omitted. */
  readonly config?: MarketConfig;
  /** Simulated epoch ms at which the market is in its initial state. */
  readonly startTime: number;
};

const TRADING_DAYS_PER_YEAR = 252;
const REGULAR_SESSION_MS = 23_400_000;

export class MarketEngine {
  readonly config: MarketConfig;
  readonly startTime: number;
  readonly #index: IndexFactorProcess;
  readonly #underlyings: readonly UnderlyingMarket[];
  readonly #bySymbol: ReadonlyMap<string, UnderlyingMarket>;
  readonly #vix: VixTracker;
  readonly #symbols: readonly string[];
  readonly #intradayYearsPerMs: number;
  #time: number;
  #step = 0;
  #session: TradingSession;

  constructor(options: MarketEngineOptions) {
    const config = validateMarketConfig(options.config ?? DEFAULT_MARKET_CONFIG);
    if (!Number.isSafeInteger(options.startTime) || options.startTime < 0) throw new RangeError(`startTime must be epoch milliseconds (a non-negative integer), got ${String(options.startTime)}`);
    const seed = seedWord(options.seed);
    this.config = config;
    this.startTime = options.startTime;
    this.#time = options.startTime;
    this.#session = currentOrNextSession(options.startTime);
    this.#intradayYearsPerMs = (1 - config.overnightVarianceShare) / (TRADING_DAYS_PER_YEAR * REGULAR_SESSION_MS);
    const factor = createFactorModel(config.marketFactor);
    const models = config.underlyings.map((underlying, position) => createUnderlyingModel(underlying, position, factor));
    const history = generateIvHistory(options.seed, config, factor, models, this.#session.date);
    this.#index = new IndexFactorProcess(factor, new RandomStream(options.seed, streamLabels.index), history.marketVariance);
    this.#underlyings = models.map((model, position) => {
      const stream = new RandomStream(options.seed, streamLabels.underlying(model.config.symbol));
      return new UnderlyingMarket({
        process: new UnderlyingProcess(model, factor, stream, history.logVarianceFactors[position]),
        index: this.#index,
        config,
        seed,
        history: history.histories[position] ?? [],
        sessionDate: sessionDate(options.startTime),
        firstSession: this.#session,
        startTime: options.startTime,
      });
    });
    this.#bySymbol = new Map(this.#underlyings.map((underlying) => [underlying.symbol, underlying]));
    this.#symbols = Object.freeze(this.#underlyings.map((underlying) => underlying.symbol));
    this.#vix = new VixTracker(config, factor, this.#index, sessionDate(options.startTime));
  }

  /** The time of the last step (the start time before the first). */
  get time(): number {
    return this.#time;
  }

  /** Steps performed so far; quotes are cached per step. */
  get stepIndex(): number {
    return this.#step;
  }

  /** The underlying symbols, in config order (the VIX-like index is `config.vixSymbol`). */
  get symbols(): readonly string[] {
    return this.#symbols;
  }

  /** The session in progress, or the next one. */
  get session(): TradingSession {
    return this.#sessionAt(this.#time);
  }

  /** When the next step falls. */
  nextStepTime(): number {
    const session = this.#sessionAt(this.#time);
    if (this.#time < session.open) return session.open;
    const steps = Math.floor((this.#time - session.open) / this.config.stepMs) + 1;
    return Math.min(session.close, session.open + steps * this.config.stepMs);
  }

  /** Performs every step due at or before `time`, in order; returns how many. */
  advanceTo(time: number, onStep?: (step: MarketStep) => void): number {
    let count = 0;
    while (this.nextStepTime() <= time) {
      const step = this.step();
      count++;
      onStep?.(step);
    }
    return count;
  }

  /** Performs the next step, whatever the time (tests and benchmarks drive the market this way). */
  step(): MarketStep {
    const time = this.nextStepTime();
    const session = this.#sessionAt(this.#time);
    const opening = time === session.open;
    const dt = opening ? this.config.overnightVarianceShare / TRADING_DAYS_PER_YEAR : (time - Math.max(this.#time, session.open)) * this.#intradayYearsPerMs;
    const index = this.#index;
    const marketVariance = index.variance;
    index.step(dt);
    for (const underlying of this.#underlyings) underlying.process.step(dt, marketVariance, index.lastShock, index.lastJump);
    this.#time = time;
    const stepIndex = ++this.#step;
    if (opening) for (const underlying of this.#underlyings) underlying.beginSession(session, time);
    for (const underlying of this.#underlyings) underlying.afterStep(stepIndex, time, opening);
    this.#vix.afterStep(opening ? session.date : undefined);
    const closing = time === session.close;
    if (closing) {
      for (const underlying of this.#underlyings) underlying.endSession(stepIndex, time);
      this.#vix.endSession();
    }
    return { time, index: stepIndex, kind: opening ? 'open' : closing ? 'close' : 'regular', session };
  }

  /** The current VIX-like level (volatility points). */
  vix(): number {
    return this.#vix.level();
  }

  /** The quote of an underlying or of the VIX-like index. */
  underlyingQuote(symbol: string): UnderlyingQuote {
    if (symbol === this.config.vixSymbol) return this.#vix.quote(this.#time);
    return this.#underlying(symbol).quote(this.#time);
  }

  /** The price process's exact current price (quotes show it rounded to cents). */
  spot(symbol: string): number {
    return this.#underlying(symbol).process.price;
  }

  optionQuote(contract: OptionContract): OptionQuote {
    const underlying = this.#underlying(contract.underlyingSymbol);
    return underlying.optionQuote(this.#listed(underlying, contract), this.#step, this.#time);
  }

  /** The listed contract equal to `contract` (throws an 'invalid-contract' AppError when not listed). */
  listedContract(contract: OptionContract): OptionContract {
    return this.#listed(this.#underlying(contract.underlyingSymbol), contract).contract;
  }

  /** Listed expirations still trading (their close is after the market time), earliest first. */
  expirations(symbol: string): IsoDate[] {
    return this.#underlying(symbol).chain.expiries.filter((listing) => listing.closeTime > this.#time).map((listing) => listing.expiry);
  }

  strikes(symbol: string, expiry: IsoDate): readonly number[] {
    return this.#expiry(this.#underlying(symbol), expiry).strikes;
  }

  option(symbol: string, expiry: IsoDate, strike: number, right: 'call' | 'put'): OptionContract {
    const underlying = this.#underlying(symbol);
    const listed = this.#expiry(underlying, expiry).option(strike, right);
    if (listed === undefined) throw new AppError('invalid-contract', `${symbol} ${expiry} has no ${right} at strike ${strike}`, { details: { symbol, expiry, strike, right } });
    return listed.contract;
  }

  /** Every strike of an expiry with its call and put quotes, strikes ascending. */
  chainQuotes(symbol: string, expiry: IsoDate): ChainRow[] {
    const underlying = this.#underlying(symbol);
    const listing = this.#expiry(underlying, expiry);
    return listing.strikes.map((strike) => ({
      strike,
      call: underlying.optionQuote(listing.option(strike, 'call') as ListedOption, this.#step, this.#time),
      put: underlying.optionQuote(listing.option(strike, 'put') as ListedOption, this.#step, this.#time),
    }));
  }

  /** Every listed option quote of an underlying (all expirations), for full-chain refreshes. */
  allOptionQuotes(symbol: string): OptionQuote[] {
    const underlying = this.#underlying(symbol);
    const quotes: OptionQuote[] = [];
    for (const listing of underlying.chain.expiries) {
      for (const listed of listing.calls.values()) quotes.push(underlying.optionQuote(listed, this.#step, this.#time));
      for (const listed of listing.puts.values()) quotes.push(underlying.optionQuote(listed, this.#step, this.#time));
    }
    return quotes;
  }

  /** The IV30 now, its rank and percentile over the last 252 sessions. */
  ivStatistics(symbol: string): IvStatistics {
    return this.#underlying(symbol).ivStatistics(this.#step, this.#time);
  }

  ivHistory(symbol: string): readonly IvHistoryEntry[] {
    return this.#underlying(symbol).history.entries();
  }

  /** The at-the-money IV for `years` to expiry now (the surface's term structure). */
  atmVolatility(symbol: string, years: number): number {
    const underlying = this.#underlying(symbol);
    return underlying.quoter.atmVolatility(underlying.state(this.#step, this.#time), years);
  }

  #sessionAt(time: number): TradingSession {
    const cached = this.#session;
    if (time >= cached.open && time < cached.close) return cached;
    this.#session = currentOrNextSession(time);
    return this.#session;
  }

  #underlying(symbol: string): UnderlyingMarket {
    const underlying = this.#bySymbol.get(symbol);
    if (underlying === undefined) {
      const listed = [...this.#bySymbol.keys(), this.config.vixSymbol].join(', ');
      throw new AppError('invalid-contract', `unknown symbol '${symbol}': the simulated market lists ${listed}`, { details: { symbol } });
    }
    return underlying;
  }

  #expiry(underlying: UnderlyingMarket, expiry: IsoDate) {
    const listing = underlying.chain.expiry(expiry);
    if (listing === undefined) {
      const listed = underlying.chain.expiries.map((item) => item.expiry).join(', ');
      throw new AppError('invalid-contract', `${underlying.symbol} has no expiration ${expiry} (listed: ${listed})`, { details: { symbol: underlying.symbol, expiry } });
    }
    return listing;
  }

  #listed(underlying: UnderlyingMarket, contract: OptionContract): ListedOption {
    const key = contractKey(contract);
    const listed = underlying.chain.find(key);
    if (listed !== undefined) return listed;
    const listing = this.#expiry(underlying, contract.expiry);
    const nearby = listing.strikes.filter((strike) => Math.abs(strike - contract.strike) <= 10).slice(0, 12).join(', ');
    throw new AppError('invalid-contract', `option '${key}' is not listed (strikes near ${contract.strike}: ${nearby || 'none'})`, { details: { key } });
  }
}
