// Adapts the simulated market (electron/market) to the narrow port the paper broker trades on
// (electron/broker/paper/paper-market-port.ts): quotes, underlying prices, a tick per market
// step, and the real NYSE calendar. The two engines never import each other; this composition
// file joins them.
import type { IsoDate } from '../../shared/domain/calendar.ts';
import type { Contract } from '../../shared/domain/contract.ts';
import type { PaperMarketPort, PaperQuote } from '../broker/paper/paper-market-port.ts';
import { isAppError } from '../core/errors.ts';
import type { Disposable } from '../core/lifecycle.ts';
import { currentOrNextSession, isOpen, nextOpen, sessionClose, type SimulatedMarket } from '../market/index.ts';

export class SimulatedMarketPaperPort implements PaperMarketPort {
  readonly #market: SimulatedMarket;

  constructor(market: SimulatedMarket) {
    this.#market = market;
  }

  quote(contract: Contract): PaperQuote | undefined {
    const quote = this.#lookUp(() =>
      contract.kind === 'option' ? this.#market.optionQuote(contract) : this.#market.underlyingQuote(contract.symbol),
    );
    if (quote === undefined) return undefined;
    const { bid, ask, bidSize, askSize, last, time } = quote;
    return { bid, ask, bidSize, askSize, last, time };
  }

  underlyingPrice(symbol: string): number | undefined {
    return this.#lookUp(() => this.#market.underlyingQuote(symbol))?.last;
  }

  onTick(listener: () => void): Disposable {
    return this.#market.onStep(() => listener());
  }

  /** The market's own tick rule: its 'penny' underlyings quote options in cents at every price. */
  pennyOptionTicks(symbol: string): boolean {
    return this.#market.config.underlyings.some((underlying) => underlying.symbol === symbol && underlying.tickRule === 'penny');
  }

  isRegularHours(epochMs: number): boolean {
    return isOpen(epochMs);
  }

  sessionClose(epochMs: number): number {
    return currentOrNextSession(epochMs).close;
  }

  nextSessionOpen(epochMs: number): number {
    return nextOpen(epochMs);
  }

  /** Options stop trading and expire at the close of their expiry date (13:00 on an early-close day). */
  expirationTime(expiry: IsoDate): number {
    return sessionClose(expiry);
  }

  /** The market's answer, or undefined when it does not list the contract (the broker then rejects the order). */
  #lookUp<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (isAppError(error) && error.code === 'invalid-contract') return undefined;
      throw error;
    }
  }
}
