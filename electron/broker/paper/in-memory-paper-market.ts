// A PaperMarketPort held in memory, for unit tests, the broker contract harness and benchmarks:
// quotes are set by hand and every change fires a tick, the way a live market would.
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import type { Clock } from '../../core/clock.ts';
import { toDisposable, type Disposable } from '../../core/lifecycle.ts';
import type { PaperMarketPort, PaperQuote, PaperTradingCalendar } from './paper-market-port.ts';
import { WeekdayTradingCalendar } from './weekday-trading-calendar.ts';

export interface InMemoryQuoteInput {
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly last?: number | undefined;
}

export interface InMemoryPaperMarketOptions {
  readonly clock: Clock;
  /** Weekdays 09:30–16:00 New York by default. */
  readonly calendar?: PaperTradingCalendar;
  /** Underlyings whose options trade in $0.01 at every price (none by default). */
  readonly pennyOptionSymbols?: readonly string[];
}

function checkQuote(contract: Contract, quote: InMemoryQuoteInput): void {
  const what = `quote of ${contractKey(contract)}`;
  for (const [field, value] of Object.entries({ bid: quote.bid, ask: quote.ask, bidSize: quote.bidSize, askSize: quote.askSize })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what}: ${field} must be a finite number ≥ 0, got ${String(value)}`);
  }
  if (!Number.isInteger(quote.bidSize) || !Number.isInteger(quote.askSize)) throw new RangeError(`${what}: sizes must be whole numbers`);
  if (quote.ask > 0 && quote.bid > quote.ask) throw new RangeError(`${what}: bid ${quote.bid} is above ask ${quote.ask}`);
  if (quote.last !== undefined && (!Number.isFinite(quote.last) || quote.last < 0)) throw new RangeError(`${what}: last must be ≥ 0`);
}

export class InMemoryPaperMarket implements PaperMarketPort {
  readonly #clock: Clock;
  readonly #calendar: PaperTradingCalendar;
  readonly #quotes = new Map<string, PaperQuote>();
  readonly #underlyingPrices = new Map<string, number>();
  readonly #listeners = new Set<() => void>();
  readonly #pennySymbols: ReadonlySet<string>;

  constructor(options: InMemoryPaperMarketOptions) {
    this.#clock = options.clock;
    this.#calendar = options.calendar ?? new WeekdayTradingCalendar();
    this.#pennySymbols = new Set(options.pennyOptionSymbols ?? []);
  }

  pennyOptionTicks(symbol: string): boolean {
    return this.#pennySymbols.has(symbol);
  }

  /** Sets the quote of `contract` (the market then knows it) and fires a tick. */
  setQuote(contract: Contract, quote: InMemoryQuoteInput): void {
    this.setQuotes([[contract, quote]]);
  }

  /** Sets several quotes at once, then fires one tick. */
  setQuotes(entries: ReadonlyArray<readonly [Contract, InMemoryQuoteInput]>): void {
    for (const [contract, quote] of entries) {
      checkQuote(contract, quote);
      this.#quotes.set(contractKey(contract), Object.freeze({ ...quote, last: quote.last, time: this.#clock.now() }));
    }
    this.tick();
  }

  /** Forgets `contract`: orders for it are rejected as unknown from now on. */
  removeQuote(contract: Contract): void {
    this.#quotes.delete(contractKey(contract));
    this.tick();
  }

  /** Pins the underlying's price (else it is the mid of the underlying's quote); undefined unpins. Fires a tick. */
  setUnderlyingPrice(symbol: string, price: number | undefined): void {
    if (price === undefined) this.#underlyingPrices.delete(symbol);
    else if (!Number.isFinite(price) || price <= 0) throw new RangeError(`price of ${symbol} must be a finite number > 0, got ${String(price)}`);
    else this.#underlyingPrices.set(symbol, price);
    this.tick();
  }

  /** Tells every listener that prices moved. A listener's error is rethrown after all were called. */
  tick(): void {
    const errors: unknown[] = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }

  quote(contract: Contract): PaperQuote | undefined {
    return this.#quotes.get(contractKey(contract));
  }

  underlyingPrice(symbol: string): number | undefined {
    const pinned = this.#underlyingPrices.get(symbol);
    if (pinned !== undefined) return pinned;
    const quote = this.#quotes.get(symbol);
    if (quote === undefined) return undefined;
    if (quote.bid > 0 && quote.ask > 0) return (quote.bid + quote.ask) / 2;
    return quote.last;
  }

  onTick(listener: () => void): Disposable {
    const entry = (): void => listener();
    this.#listeners.add(entry);
    return toDisposable(() => this.#listeners.delete(entry));
  }

  isRegularHours(epochMs: number): boolean {
    return this.#calendar.isRegularHours(epochMs);
  }

  sessionClose(epochMs: number): number {
    return this.#calendar.sessionClose(epochMs);
  }

  nextSessionOpen(epochMs: number): number {
    return this.#calendar.nextSessionOpen(epochMs);
  }

  expirationTime(expiry: IsoDate): number {
    return this.#calendar.expirationTime(expiry);
  }
}
