// The narrow view of a market the paper broker needs: quotes, the underlying's price, a tick
// signal and the trading calendar. The simulated market (electron/market) is adapted to this
// port; the paper broker never depends on the market's internals, and tests use the in-memory
// implementation (in-memory-paper-market.ts).
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import type { Contract } from '../../../shared/domain/contract.ts';
import type { Disposable } from '../../core/lifecycle.ts';

/** A top-of-book quote, prices per share in dollars. A side with no market has price 0 and size 0. */
export interface PaperQuote {
  readonly bid: number;
  readonly ask: number;
  /** Displayed sizes in contracts (options) or shares. */
  readonly bidSize: number;
  readonly askSize: number;
  /** Last trade price, when known (stops on shares trigger on it). */
  readonly last: number | undefined;
  /** When the quote was taken (epoch ms). */
  readonly time: number;
}

/** When the market trades. All instants are epoch milliseconds. */
export interface PaperTradingCalendar {
  /** True inside a regular session (open ≤ t < close). */
  isRegularHours(epochMs: number): boolean;
  /** The close of the session containing `epochMs`, or of the next session when outside one (DAY expiry). */
  sessionClose(epochMs: number): number;
  /** The open of the next session strictly after `epochMs`, or of today's session before its open (OPG). */
  nextSessionOpen(epochMs: number): number;
  /** When options expiring on `expiry` expire: 16:00 New York on that date. */
  expirationTime(expiry: IsoDate): number;
}

export interface PaperMarketPort extends PaperTradingCalendar {
  /** The current quote, or undefined when the market does not know the contract (the order is rejected). */
  quote(contract: Contract): PaperQuote | undefined;
  /** The underlying's price now (margin, exercise and assignment), or undefined when unknown. */
  underlyingPrice(symbol: string): number | undefined;
  /** Called after prices moved; the broker then re-evaluates its working orders. */
  onTick(listener: () => void): Disposable;
  /**
   * True when options on `symbol` trade in $0.01 at every price (SPY, QQQ, IWM); otherwise the
   * classic $0.01 below $3 and $0.05 above applies. Lets the broker accept the prices its market
   * quotes.
   */
  pennyOptionTicks?(symbol: string): boolean;
}
