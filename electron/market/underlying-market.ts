// Everything the market keeps for one underlying: its price process, option chain, quoter, IV
// history, session figures (open/high/low/volume) and the session tapes of the trade model.
import type { IsoDate } from '../../shared/domain/index.ts';
import { IvHistory, type IvHistoryEntry } from './iv-history.ts';
import type { MarketConfig } from './market-config.ts';
import { UnderlyingChain, type ListedOption } from './option-chain.ts';
import { OptionQuoter, type PricingState } from './option-quoter.ts';
import type { IndexFactorProcess, UnderlyingProcess } from './price-process.ts';
import type { OptionQuote, UnderlyingQuote } from './quote-types.ts';
import { hashString, hashUnit } from './random.ts';
import { SessionTape } from './session-tape.ts';
import { updateTape, type SessionRecord, type TapeEnvironment, type TradeSide } from './trade-tape.ts';
import type { TradingSession } from './trading-calendar.ts';
import { floorToTick } from './tick-rules.ts';
import { VIX_HORIZON_YEARS } from './volatility-model.ts';

export type IvStatistics = {
  readonly symbol: string;
  /** The 30-day constant-maturity at-the-money IV now. */
  readonly iv: number;
  readonly rank: number;
  readonly percentile: number;
  /** Sessions in the window (252 once full). */
  readonly windowDays: number;
};

const REGULAR_SESSION_MS = 23_400_000;

export class UnderlyingMarket {
  readonly symbol: string;
  readonly process: UnderlyingProcess;
  readonly chain: UnderlyingChain;
  readonly quoter: OptionQuoter;
  readonly history: IvHistory;
  readonly #index: IndexFactorProcess;
  readonly #config: MarketConfig;
  readonly #seed: number;
  readonly #symbolWord: number;
  #state: PricingState;
  #stateStep = -1;
  #quote: UnderlyingQuote | undefined;
  #sessionDate: IsoDate;
  #open: number;
  #high: number;
  #low: number;
  #previousClose: number;
  #volume = 0;
  #current: SessionTape | SessionRecord;
  #previous: SessionTape | undefined;
  #tapeEnvironmentCache: TapeEnvironment | undefined;
  /** The live bid/ask of the contract being quoted, for a trade printed at the current step. */
  readonly #currentCore: { listed: ListedOption | undefined; time: number; bid: number; ask: number; overwritten: boolean } = { listed: undefined, time: 0, bid: 0, ask: 0, overwritten: false };

  constructor(options: {
    process: UnderlyingProcess;
    index: IndexFactorProcess;
    config: MarketConfig;
    seed: number;
    history: readonly IvHistoryEntry[];
    sessionDate: IsoDate;
    /** The session in progress at the start time, or the next one (then a placeholder record until it opens). */
    firstSession: TradingSession;
    startTime: number;
  }) {
    const { process, config } = options;
    this.symbol = process.model.config.symbol;
    this.process = process;
    this.#index = options.index;
    this.#config = config;
    this.#seed = options.seed;
    this.#symbolWord = hashString(this.symbol);
    const underlying = process.model.config;
    this.chain = new UnderlyingChain(this.symbol, { tiers: underlying.strikeTiers, farIncrement: underlying.farStrikeIncrement }, config);
    this.quoter = new OptionQuoter(process.model, process.factor, config, options.seed);
    this.history = new IvHistory(options.history);
    this.#sessionDate = options.sessionDate;
    this.#open = this.#high = this.#low = this.#previousClose = process.price;
    this.#state = this.#captureState(options.startTime);
    const { firstSession, startTime } = options;
    this.#current = startTime >= firstSession.open
      ? new SessionTape(firstSession, config.tradeSlotMs, process.price, startTime)
      : { open: firstSession.open, close: firstSession.close, openSpot: process.price, firstSlot: Number.MAX_SAFE_INTEGER };
    this.#relist(firstSession.date, startTime);
  }

  /** The live pricing state (spot, index variance, idiosyncratic factor) at the last step. */
  state(step: number, time: number): PricingState {
    if (this.#stateStep !== step) {
      this.#state = this.#captureState(time);
      this.#stateStep = step;
    }
    return this.#state;
  }

  #captureState(time: number): PricingState {
    return { time, spot: this.process.price, marketVariance: this.#index.variance, logVarianceFactor: this.process.logVarianceFactor };
  }

  #relist(sessionDate: IsoDate, time: number): void {
    const state = this.#captureState(time);
    this.chain.refresh({ sessionDate, now: time, spot: state.spot, atmVolatility: (years) => this.quoter.atmVolatility(state, years) });
  }

  /** At the open step: new session figures and tape, and the chain relisted at the opening price. */
  beginSession(session: TradingSession, time: number): void {
    const price = this.process.price;
    this.#sessionDate = session.date;
    this.#open = this.#high = this.#low = price;
    this.#volume = 0;
    if (this.#current instanceof SessionTape) this.#previous = this.#current;
    this.#current = new SessionTape(session, this.#config.tradeSlotMs, price, time);
    this.#relist(session.date, time);
  }

  /** After every step: session figures, volume and the trade-slot snapshot. */
  afterStep(step: number, time: number, opening: boolean): void {
    const price = this.process.price;
    if (price > this.#high) this.#high = price;
    if (price < this.#low) this.#low = price;
    const underlying = this.process.model.config;
    const stepsPerSession = REGULAR_SESSION_MS / this.#config.stepMs;
    const mean = opening ? 0.02 * underlying.averageDailyVolume : underlying.averageDailyVolume / stepsPerSession;
    this.#volume += Math.round(2 * mean * hashUnit(this.#seed, this.#symbolWord, Math.floor(time / 1000), 7));
    const state = this.state(step, time);
    const tape = this.#current;
    if (tape instanceof SessionTape) {
      const slot = tape.slotAt(time);
      if (slot >= tape.firstSlot) tape.record(slot, state);
    }
    this.#quote = undefined;
  }

  /** At the close step: the close becomes the previous close and the IV30 joins the history. */
  endSession(step: number, time: number): void {
    this.#previousClose = this.process.price;
    this.history.append(this.#sessionDate, this.iv30(step, time));
  }

  iv30(step: number, time: number): number {
    return this.quoter.atmVolatility(this.state(step, time), VIX_HORIZON_YEARS);
  }

  ivStatistics(step: number, time: number): IvStatistics {
    const iv = this.iv30(step, time);
    const window = this.history.window();
    return { symbol: this.symbol, iv, rank: this.history.rank(iv), percentile: this.history.percentile(iv), windowDays: window.length };
  }

  quote(time: number): UnderlyingQuote {
    if (this.#quote !== undefined && this.#quote.time === time) return this.#quote;
    const price = this.process.price;
    const underlying = this.process.model.config;
    const spreadCents = Math.max(1, Math.round((price * underlying.spreadBps) / 100));
    const bidCents = Math.floor(price * 100 - (spreadCents - 1) / 2);
    const second = Math.floor(time / 1000);
    const maxLots = Math.max(1, underlying.averageDailyVolume / 500_000);
    const lots = (salt: number): number => 1 + Math.floor(hashUnit(this.#seed, this.#symbolWord, second, salt) ** 2 * maxLots);
    this.#quote = {
      kind: underlying.kind,
      symbol: this.symbol,
      time,
      sessionDate: this.#sessionDate,
      bid: bidCents / 100,
      ask: (bidCents + spreadCents) / 100,
      mid: (bidCents + spreadCents / 2) / 100,
      last: Math.round(price * 100) / 100,
      bidSize: 100 * lots(8),
      askSize: 100 * lots(9),
      volume: this.#volume,
      open: Math.round(this.#open * 100) / 100,
      high: Math.round(this.#high * 100) / 100,
      low: Math.round(this.#low * 100) / 100,
      previousClose: Math.round(this.#previousClose * 100) / 100,
    };
    return this.#quote;
  }

  /** The quote of a listed contract at the current step (cached per step). */
  optionQuote(listed: ListedOption, step: number, time: number): OptionQuote {
    if (listed.quoteStep === step && listed.quote !== undefined) return listed.quote;
    const state = this.state(step, time);
    const context = this.quoter.liveContext(listed.expiry, state, step);
    let core = this.quoter.core(listed, state, context);
    // A trade printed at this very step prices off this core; an older one re-prices at its
    // slot, which reuses the quoter's scratch core, so the live core is computed again then.
    const current = this.#currentCore;
    current.listed = listed;
    current.time = time;
    current.bid = core.bid;
    current.ask = core.ask;
    current.overwritten = false;
    const tape = updateTape(listed, this.#tapeEnvironment(time));
    if (current.overwritten) core = this.quoter.core(listed, state, context);
    current.listed = undefined;
    const quote = this.quoter.assemble(listed, state, context, core, tape);
    listed.quote = quote;
    listed.quoteStep = step;
    return quote;
  }

  #tapeEnvironment(time: number): TapeEnvironment {
    const cached = this.#tapeEnvironmentCache;
    if (cached !== undefined && cached.time === time && cached.current === this.#current) return cached;
    const underlying = this.process.model.config;
    return (this.#tapeEnvironmentCache = {
      seed: this.#seed,
      slotMs: this.#config.tradeSlotMs,
      baseVolatility: underlying.volatility,
      liquidity: underlying.liquidity,
      current: this.#current,
      previous: this.#previous,
      time,
      priceAt: this.#priceAt,
    });
  }

  readonly #priceAt = (listed: ListedOption, session: SessionRecord, slot: number, side: TradeSide): number => {
    if (!(session instanceof SessionTape)) throw new RangeError('trades only happen in simulated sessions');
    const current = this.#currentCore;
    let bid: number;
    let ask: number;
    if (current.listed === listed && current.time === session.open + slot * this.#config.tradeSlotMs) {
      ({ bid, ask } = current);
    } else {
      const state = session.stateAt(slot);
      ({ bid, ask } = this.quoter.core(listed, state, this.quoter.context(listed.expiry, state)));
      current.overwritten = true;
    }
    if (side === 'ask' || bid === 0) return ask;
    if (side === 'bid') return bid;
    const mid = floorToTick(this.process.model.config.tickRule, (bid + ask) / 2);
    return mid > bid ? mid : ask;
  };
}
