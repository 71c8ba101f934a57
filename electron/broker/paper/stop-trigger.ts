// Stops and trailing stops (pure; micro-dollars).
//
// - Trigger reference: options use the touch (a buy stop elects when the ask reaches the stop, a
//   sell stop when the bid does: IB's bid/ask method, elected on the first observation); shares
//   use the last trade when known, else the touch.
// - Trailing stops track the best reference since they were accepted (a sell trail: the highest
//   bid/last; a buy trail: the lowest ask/last) and keep the stop `trailingAmount` (or
//   `trailingPercent` of the reference) away from it. The stop only ever moves in the order's
//   favour, and is rounded onto the grid away from the market (sell: down, buy: up). An initial
//   stopPrice, when given, is where the stop starts.
// - Once elected, STP and TRAIL act as market orders; STP_LMT as a limit at its limitPrice;
//   TRAIL_LIMIT as a limit `limitOffset` beyond the stop at election (IB lmtPriceOffset).
import type { Contract } from '../../../shared/domain/contract.ts';
import type { OrderAction } from '../../../shared/domain/order-types.ts';
import type { TouchQuote } from './fill-model.ts';
import { roundDownToGrid, roundUpToGrid, type PriceGrid } from './price-grid.ts';

export interface TrailSpec {
  readonly amountMicros: number | undefined;
  readonly percent: number | undefined;
}

export interface TrailState {
  readonly referenceMicros: number | undefined;
  readonly stopMicros: number | undefined;
}

/** The price a stop watches, or undefined when the market has none. */
export function triggerReference(contract: Contract, action: OrderAction, quote: TouchQuote): number | undefined {
  if (contract.kind !== 'option' && quote.lastMicros !== undefined) return quote.lastMicros;
  const touch = action === 'BUY' ? quote.ask.priceMicros : quote.bid.priceMicros;
  return touch > 0 ? touch : undefined;
}

export function isStopTriggered(action: OrderAction, stopMicros: number, referenceMicros: number): boolean {
  return action === 'BUY' ? referenceMicros >= stopMicros : referenceMicros <= stopMicros;
}

/** The stop `spec` away from `referenceMicros`, on the grid, away from the market. */
export function trailingStopFor(action: OrderAction, spec: TrailSpec, referenceMicros: number, grid: PriceGrid): number {
  const distance = spec.amountMicros ?? Math.round((referenceMicros * (spec.percent ?? 0)) / 100);
  return action === 'BUY' ? roundUpToGrid(grid, referenceMicros + distance) : Math.max(0, roundDownToGrid(grid, referenceMicros - distance));
}

/** Moves the trail with a new observation: a better reference can only tighten the stop. */
export function updateTrail(action: OrderAction, spec: TrailSpec, state: TrailState, observedMicros: number, grid: PriceGrid): TrailState {
  const previous = state.referenceMicros;
  const better = previous === undefined || (action === 'SELL' ? observedMicros > previous : observedMicros < previous);
  const referenceMicros = better ? observedMicros : previous;
  const candidate = trailingStopFor(action, spec, referenceMicros, grid);
  const current = state.stopMicros;
  const stopMicros = current === undefined ? candidate : action === 'SELL' ? Math.max(current, candidate) : Math.min(current, candidate);
  return { referenceMicros, stopMicros };
}
