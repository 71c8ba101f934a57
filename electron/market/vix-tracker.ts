// The VIX-like index: derived at every step from the index factor's variance (volatility-model.ts
// vixLevel), so it falls when the index rallies and spikes on down-jumps; plus its session
// figures for the quote.
import type { IsoDate } from '../../shared/domain/index.ts';
import type { MarketConfig } from './market-config.ts';
import type { IndexFactorProcess } from './price-process.ts';
import type { UnderlyingQuote } from './quote-types.ts';
import { vixLevel, type FactorModel } from './volatility-model.ts';

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

export class VixTracker {
  readonly #config: MarketConfig;
  readonly #factor: FactorModel;
  readonly #index: IndexFactorProcess;
  #sessionDate: IsoDate;
  #level: number;
  #open: number;
  #high: number;
  #low: number;
  #previousClose: number;
  #quote: UnderlyingQuote | undefined;

  constructor(config: MarketConfig, factor: FactorModel, index: IndexFactorProcess, sessionDate: IsoDate) {
    this.#config = config;
    this.#factor = factor;
    this.#index = index;
    this.#sessionDate = sessionDate;
    this.#level = vixLevel(factor, index.variance, config);
    this.#open = this.#high = this.#low = this.#previousClose = this.#level;
  }

  level(): number {
    return this.#level;
  }

  /** After each step; `openingDate` is set at a session's open step. */
  afterStep(openingDate: IsoDate | undefined): void {
    const level = vixLevel(this.#factor, this.#index.variance, this.#config);
    this.#level = level;
    if (openingDate !== undefined) {
      this.#sessionDate = openingDate;
      this.#open = this.#high = this.#low = level;
    }
    if (level > this.#high) this.#high = level;
    if (level < this.#low) this.#low = level;
    this.#quote = undefined;
  }

  endSession(): void {
    this.#previousClose = this.#level;
  }

  quote(time: number): UnderlyingQuote {
    if (this.#quote !== undefined && this.#quote.time === time) return this.#quote;
    const level = cents(this.#level);
    this.#quote = {
      kind: 'index',
      symbol: this.#config.vixSymbol,
      time,
      sessionDate: this.#sessionDate,
      bid: level,
      ask: level,
      mid: level,
      last: level,
      bidSize: 0,
      askSize: 0,
      volume: 0,
      open: cents(this.#open),
      high: cents(this.#high),
      low: cents(this.#low),
      previousClose: cents(this.#previousClose),
    };
    return this.#quote;
  }
}
