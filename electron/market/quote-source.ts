// The port the market-data service reads: the simulated market implements it today; an
// Interactive Brokers source can implement it later without changing the service.
import type { IsoDate, OptionContract, OptionRight } from '../../shared/domain/index.ts';
import type { Disposable } from '../core/lifecycle.ts';
import type { OptionQuote, UnderlyingQuote } from './quote-types.ts';

export type ChainRow = { readonly strike: number; readonly call: OptionQuote; readonly put: OptionQuote };

export interface QuoteSource {
  /** The time of the market state quotes reflect (simulated epoch ms). */
  readonly time: number;
  /** Quotable symbols: the underlyings and the VIX-like index. */
  readonly symbols: readonly string[];
  /** Symbols that have option chains. */
  readonly optionableSymbols: readonly string[];
  /** Each throws an 'invalid-contract' AppError for an unknown symbol, expiry or contract. */
  underlyingQuote(symbol: string): UnderlyingQuote;
  optionQuote(contract: OptionContract): OptionQuote;
  expirations(symbol: string): IsoDate[];
  strikes(symbol: string, expiry: IsoDate): readonly number[];
  option(symbol: string, expiry: IsoDate, strike: number, right: OptionRight): OptionContract;
  chainQuotes(symbol: string, expiry: IsoDate): ChainRow[];
  /** Calls `listener` after every market step with the step's time. */
  onStep(listener: (time: number) => void): Disposable;
}
