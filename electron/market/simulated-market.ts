// The simulated market as an engine component: a MarketEngine stepped by a Clock. While
// running, one timer is pending for the next step (every `stepMs` of simulated time during
// regular hours, 1 s by default; the next open after the close), and each firing performs every
// step due by clock.now(), so late timers (SystemClock jitter) never change the path: steps fall
// on the fixed grid whatever the timer does. Drive it with a TestClock (advance) in tests, an
// AcceleratedClock for simulations, the SystemClock live.
//
// Events (typed bus `events`): 'market.tick' for every underlying and the VIX-like index at every
// step (only built when someone listens), then 'market.step'; 'market.session-open' before the
// ticks of an open step, 'market.session-close' after the ticks of a close step.
import type { IsoDate, OptionContract, OptionRight } from '../../shared/domain/index.ts';
import type { Clock, Timer } from '../core/clock.ts';
import { EventBus } from '../core/event-bus.ts';
import { Component, type Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import { createMarketConfig, type MarketConfigInput } from './default-market-config.ts';
import type { IvHistoryEntry } from './iv-history.ts';
import type { MarketConfig } from './market-config.ts';
import { MarketEngine, type MarketStep, type MarketStepKind } from './market-engine.ts';
import type { ChainRow, QuoteSource } from './quote-source.ts';
import type { OptionQuote, UnderlyingQuote } from './quote-types.ts';
import type { Seed } from './random.ts';
import type { IvStatistics } from './underlying-market.ts';

export type MarketStepEvent = {
  readonly time: number;
  readonly index: number;
  readonly kind: MarketStepKind;
  readonly sessionDate: IsoDate;
  readonly vix: number;
};

export type MarketSessionEvent = { readonly date: IsoDate; readonly time: number };

export type MarketEvents = {
  'market.tick': UnderlyingQuote;
  'market.step': MarketStepEvent;
  'market.session-open': MarketSessionEvent;
  'market.session-close': MarketSessionEvent;
};

export type SimulatedMarketOptions = {
  readonly seed: Seed;
  readonly clock: Clock;
  /** Overrides of the defaults (a complete MarketConfig works too); validated. */
  readonly config?: MarketConfigInput;
  /** Simulated time of the initial state; clock.now() when omitted. */
  readonly startTime?: number;
  readonly logger?: Logger;
  /** Deep-freeze event payloads (the bus default: on unless NODE_ENV is 'production'). */
  readonly freezeEvents?: boolean;
};

export class SimulatedMarket extends Component implements QuoteSource {
  readonly events: EventBus<MarketEvents>;
  readonly config: MarketConfig;
  readonly #engine: MarketEngine;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #symbols: readonly string[];
  #timer: Timer | undefined;

  constructor(options: SimulatedMarketOptions) {
    super('simulated-market');
    this.#clock = options.clock;
    this.#logger = options.logger?.child({ component: 'simulated-market' });
    this.config = createMarketConfig(options.config);
    this.#engine = new MarketEngine({ seed: options.seed, config: this.config, startTime: options.startTime ?? options.clock.now() });
    this.#symbols = Object.freeze([...this.#engine.symbols, this.config.vixSymbol]);
    this.events = this.lifetime.add(new EventBus<MarketEvents>({ logger: this.#logger, freezePayloads: options.freezeEvents }));
  }

  /** The time of the last step (quotes reflect the market at this instant). */
  get time(): number {
    return this.#engine.time;
  }

  get stepIndex(): number {
    return this.#engine.stepIndex;
  }

  get optionableSymbols(): readonly string[] {
    return this.#engine.symbols;
  }

  get symbols(): readonly string[] {
    return this.#symbols;
  }

  /** When the next step falls (simulated epoch ms). */
  nextStepTime(): number {
    return this.#engine.nextStepTime();
  }

  protected override onStart(): void {
    this.session.addTeardown(() => {
      this.#timer?.dispose();
      this.#timer = undefined;
    });
    this.#catchUp();
  }

  #catchUp(): void {
    this.#engine.advanceTo(this.#clock.now(), this.#publish);
    const delay = Math.max(0, this.#engine.nextStepTime() - this.#clock.now());
    this.#timer = this.#clock.setTimeout(() => this.#catchUp(), delay);
  }

  readonly #publish = (step: MarketStep): void => {
    const events = this.events;
    const sessionEvent = { date: step.session.date, time: step.time };
    if (step.kind === 'open') {
      this.#logger?.debug('session opened', { date: step.session.date });
      events.publish('market.session-open', sessionEvent);
    }
    if (events.listenerCount('market.tick') > 0) {
      for (const symbol of this.symbols) events.publish('market.tick', this.#engine.underlyingQuote(symbol));
    }
    if (step.kind === 'close') {
      this.#logger?.debug('session closed', { date: step.session.date });
      events.publish('market.session-close', sessionEvent);
    }
    events.publish('market.step', { time: step.time, index: step.index, kind: step.kind, sessionDate: step.session.date, vix: this.#engine.vix() });
  };

  onStep(listener: (time: number) => void): Disposable {
    return this.events.subscribe('market.step', (step) => listener(step.time));
  }

  /** The VIX-like level in volatility points. */
  vix(): number {
    return this.#engine.vix();
  }

  underlyingQuote(symbol: string): UnderlyingQuote {
    return this.#engine.underlyingQuote(symbol);
  }

  optionQuote(contract: OptionContract): OptionQuote {
    return this.#engine.optionQuote(contract);
  }

  expirations(symbol: string): IsoDate[] {
    return this.#engine.expirations(symbol);
  }

  strikes(symbol: string, expiry: IsoDate): readonly number[] {
    return this.#engine.strikes(symbol, expiry);
  }

  option(symbol: string, expiry: IsoDate, strike: number, right: OptionRight): OptionContract {
    return this.#engine.option(symbol, expiry, strike, right);
  }

  chainQuotes(symbol: string, expiry: IsoDate): ChainRow[] {
    return this.#engine.chainQuotes(symbol, expiry);
  }

  /** Every listed option quote of an underlying, all expirations. */
  allOptionQuotes(symbol: string): OptionQuote[] {
    return this.#engine.allOptionQuotes(symbol);
  }

  ivStatistics(symbol: string): IvStatistics {
    return this.#engine.ivStatistics(symbol);
  }

  ivHistory(symbol: string): readonly IvHistoryEntry[] {
    return this.#engine.ivHistory(symbol);
  }

  /** The at-the-money IV for `years` to expiry (the term structure of the surface). */
  atmVolatility(symbol: string, years: number): number {
    return this.#engine.atmVolatility(symbol, years);
  }
}
