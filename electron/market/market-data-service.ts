// Market data for the rest of the engine, on top of a QuoteSource (the simulated market today).
//
// - subscribe(contract | symbol, listener): reference-counted; subscribers of the same contract
//   share one subscription, which is refreshed after every market step and delivered to each
//   listener; disposing the last one stops the refresh. The current quote is delivered at once.
// - snapshot(contract | symbol): the current quote (option quotes carry IV and Greeks).
// - chain queries: expirations, strikes, chain, nearestStrikeByDelta, expiryNearestDays.
// - staleness: each subscription remembers the market time of its last delivered quote;
//   isStale(target, maxAgeMs) fails closed (true) for a target that is not subscribed or has
//   never updated, so the risk governor can refuse to act on old data. Quotes stop updating
//   outside regular hours, and a contract that expired stops updating for good.
import { contractKey, daysBetween, invalid, newYorkDate, type IsoDate, type OptionContract, type OptionRight } from '../../shared/domain/index.ts';
import type { Clock } from '../core/clock.ts';
import { AppError, serializeError } from '../core/errors.ts';
import { DisposableStore, toDisposable, type Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import type { ChainRow, QuoteSource } from './quote-source.ts';
import type { OptionQuote, UnderlyingQuote } from './quote-types.ts';

export type Quote = OptionQuote | UnderlyingQuote;
export type SubscriptionTarget = OptionContract | string;

export type OptionChainView = {
  readonly symbol: string;
  readonly expiry: IsoDate;
  readonly underlying: UnderlyingQuote;
  /** Strikes ascending, each with its call and put. */
  readonly rows: readonly ChainRow[];
};

export type SubscriptionStatus = {
  readonly key: string;
  readonly subscribers: number;
  /** Market time of the last delivered quote (undefined before the first). */
  readonly lastUpdate: number | undefined;
  /** clock.now() − lastUpdate. */
  readonly ageMs: number | undefined;
};

export type MarketDataServiceOptions = {
  readonly source: QuoteSource;
  readonly clock: Clock;
  readonly logger?: Logger;
};

type Entry = {
  readonly key: string;
  readonly read: () => Quote;
  readonly listeners: Set<(quote: never) => void>;
  lastUpdate: number | undefined;
  /** Set once the source refused the contract (expired): logged once, then skipped. */
  ended: boolean;
};

function targetKey(target: SubscriptionTarget): string {
  return typeof target === 'string' ? target : contractKey(target);
}

export class MarketDataService implements Disposable {
  readonly #source: QuoteSource;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #entries = new Map<string, Entry>();
  readonly #lifetime = new DisposableStore();

  constructor(options: MarketDataServiceOptions) {
    this.#source = options.source;
    this.#clock = options.clock;
    this.#logger = options.logger?.child({ component: 'market-data' });
    this.#lifetime.add(this.#source.onStep(() => this.#refresh()));
  }

  subscribe(contract: OptionContract, listener: (quote: OptionQuote) => void): Disposable;
  subscribe(symbol: string, listener: (quote: UnderlyingQuote) => void): Disposable;
  subscribe(target: SubscriptionTarget, listener: ((quote: OptionQuote) => void) | ((quote: UnderlyingQuote) => void)): Disposable {
    if (this.#lifetime.isDisposed) throw new AppError('illegal-state', 'the market-data service is disposed: cannot subscribe');
    const key = targetKey(target);
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const read = this.#reader(target);
      read(); // an unknown symbol or contract fails here, before anything is registered
      entry = { key, read, listeners: new Set(), lastUpdate: undefined, ended: false };
      this.#entries.set(key, entry);
    }
    const registered = listener as (quote: never) => void;
    // The same function subscribed twice counts twice: wrap it so each subscription is distinct.
    const own = (quote: never): void => registered(quote);
    entry.listeners.add(own);
    const subscribed = entry;
    this.#deliver(subscribed, [own]);
    return toDisposable(() => {
      subscribed.listeners.delete(own);
      if (subscribed.listeners.size === 0 && this.#entries.get(key) === subscribed) this.#entries.delete(key);
    });
  }

  snapshot(contract: OptionContract): OptionQuote;
  snapshot(symbol: string): UnderlyingQuote;
  snapshot(target: SubscriptionTarget): Quote {
    return this.#reader(target)();
  }

  expirations(symbol: string): IsoDate[] {
    return this.#source.expirations(this.#optionable(symbol));
  }

  strikes(symbol: string, expiry: IsoDate): readonly number[] {
    return this.#source.strikes(this.#optionable(symbol), expiry);
  }

  chain(symbol: string, expiry: IsoDate): OptionChainView {
    const rows = this.#source.chainQuotes(this.#optionable(symbol), expiry);
    return { symbol, expiry, underlying: this.#source.underlyingQuote(symbol), rows };
  }

  /**
   * The listed option of `right` whose |delta| is nearest |targetDelta| (0.16 and −0.16 both ask
   * for the 16-delta); on a tie, the one further out of the money (smaller |delta|).
   */
  nearestStrikeByDelta(symbol: string, expiry: IsoDate, right: OptionRight, targetDelta: number): OptionQuote {
    const target = Math.abs(targetDelta);
    if (!Number.isFinite(targetDelta) || target <= 0 || target >= 1) invalid('targetDelta', 'must be a delta strictly between −1 and 1, other than 0', targetDelta);
    let best: OptionQuote | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const row of this.#source.chainQuotes(this.#optionable(symbol), expiry)) {
      const quote = right === 'call' ? row.call : row.put;
      const delta = Math.abs(quote.greeks.delta);
      const distance = Math.abs(delta - target);
      if (distance < bestDistance || (distance === bestDistance && best !== undefined && delta < Math.abs(best.greeks.delta))) {
        best = quote;
        bestDistance = distance;
      }
    }
    if (best === undefined) throw new AppError('not-found', `${symbol} ${expiry} has no listed ${right}s`, { details: { symbol, expiry, right } });
    return best;
  }

  /** The listed expiration nearest `targetDays` calendar days from today in New York; on a tie, the earlier one. */
  expiryNearestDays(symbol: string, targetDays: number): IsoDate {
    if (!Number.isFinite(targetDays) || targetDays < 0) invalid('targetDays', 'must be a number of days ≥ 0', targetDays);
    const today = newYorkDate(this.#source.time);
    let best: IsoDate | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const expiry of this.expirations(symbol)) {
      const distance = Math.abs(daysBetween(today, expiry) - targetDays);
      if (distance < bestDistance) {
        best = expiry;
        bestDistance = distance;
      }
    }
    if (best === undefined) throw new AppError('not-found', `${symbol} has no listed expirations`, { details: { symbol } });
    return best;
  }

  isSubscribed(target: SubscriptionTarget): boolean {
    return this.#entries.has(targetKey(target));
  }

  /** How many listeners share the subscription of `target` (0 when not subscribed). */
  subscriberCount(target: SubscriptionTarget): number {
    return this.#entries.get(targetKey(target))?.listeners.size ?? 0;
  }

  get subscriptionCount(): number {
    return this.#entries.size;
  }

  /** Market time of the last quote delivered for a subscribed target; undefined when none. */
  lastUpdateTime(target: SubscriptionTarget): number | undefined {
    return this.#entries.get(targetKey(target))?.lastUpdate;
  }

  /** Milliseconds since the last delivered quote of a subscribed target; undefined when none. */
  ageMs(target: SubscriptionTarget): number | undefined {
    const last = this.lastUpdateTime(target);
    return last === undefined ? undefined : this.#clock.now() - last;
  }

  /** True unless `target` is subscribed and its last quote is at most `maxAgeMs` old (fails closed). */
  isStale(target: SubscriptionTarget, maxAgeMs: number): boolean {
    if (!Number.isFinite(maxAgeMs) || maxAgeMs < 0) invalid('maxAgeMs', 'must be a number of milliseconds ≥ 0', maxAgeMs);
    const age = this.ageMs(target);
    return age === undefined || age > maxAgeMs;
  }

  /** Every subscription with its age, for status displays and the risk governor. */
  subscriptions(): SubscriptionStatus[] {
    const now = this.#clock.now();
    return [...this.#entries.values()].map((entry) => ({
      key: entry.key,
      subscribers: entry.listeners.size,
      lastUpdate: entry.lastUpdate,
      ageMs: entry.lastUpdate === undefined ? undefined : now - entry.lastUpdate,
    }));
  }

  dispose(): void {
    this.#entries.clear();
    this.#lifetime.dispose();
  }

  #reader(target: SubscriptionTarget): () => Quote {
    const source = this.#source;
    if (typeof target === 'string') {
      if (!source.symbols.includes(target)) throw new AppError('invalid-contract', `unknown symbol '${target}': the market lists ${source.symbols.join(', ')}`, { details: { symbol: target } });
      return () => source.underlyingQuote(target);
    }
    if (typeof target !== 'object' || target === null || target.kind !== 'option') {
      throw new AppError('invalid-contract', `a market-data target is an option contract or a symbol, got ${JSON.stringify(target)}`);
    }
    this.#optionable(target.underlyingSymbol);
    return () => source.optionQuote(target);
  }

  #optionable(symbol: string): string {
    if (!this.#source.optionableSymbols.includes(symbol)) {
      throw new AppError('invalid-contract', `no option chain for '${symbol}': the market has chains for ${this.#source.optionableSymbols.join(', ')}`, { details: { symbol } });
    }
    return symbol;
  }

  #refresh(): void {
    for (const entry of [...this.#entries.values()]) {
      if (!entry.ended && entry.listeners.size > 0) this.#deliver(entry, [...entry.listeners]);
    }
  }

  #deliver(entry: Entry, listeners: readonly ((quote: never) => void)[]): void {
    let quote: Quote;
    try {
      quote = entry.read();
    } catch (error) {
      entry.ended = true;
      this.#logger?.warn('subscription stopped updating: the source no longer quotes it', { key: entry.key, error });
      return;
    }
    entry.lastUpdate = quote.time;
    for (const listener of listeners) {
      if (!entry.listeners.has(listener)) continue;
      try {
        (listener as (quote: Quote) => void)(quote);
      } catch (error) {
        this.#reportListenerError(entry.key, error);
      }
    }
  }

  #reportListenerError(key: string, error: unknown): void {
    if (this.#logger !== undefined) {
      this.#logger.error('market-data listener threw', { key, error });
      return;
    }
    process.stderr.write(`${JSON.stringify({ level: 'error', message: 'market-data listener threw', component: 'market-data', key, error: serializeError(error) })}\n`);
  }
}
