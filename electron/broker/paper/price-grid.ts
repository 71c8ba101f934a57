// Minimum price variations, in integer micro-dollars so every comparison is exact:
// - options: $0.01 below $3.00, $0.05 at or above; $0.01 at every price for underlyings whose
//   options trade in pennies throughout (the market port says which: SPY, QQQ, IWM);
// - shares: $0.01, or $0.0001 below $1.00 (Reg NMS sub-penny rule);
// - combos: $0.01 on the net price, which may be negative (a credit).
// Rounding helpers keep a computed price (slippage, trailing stops) on the grid of the price it
// lands on, so 2.99 + one tick is 3.00 and 3.00 + one tick is 3.05.
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { PaperMarketPort } from './paper-market-port.ts';

export type PriceGrid = 'option' | 'option-penny' | 'share' | 'combo';

const cent = 10_000;
const nickel = 50_000;
const optionNickelFrom = 3_000_000;
const shareSubPennyBelow = 1_000_000;
const shareSubPenny = 100;

export function priceGridOf(instrument: Instrument, market?: Pick<PaperMarketPort, 'pennyOptionTicks'>): PriceGrid {
  if (instrument.kind === 'combo') return 'combo';
  if (instrument.kind !== 'option') return 'share';
  return market?.pennyOptionTicks?.(instrument.underlyingSymbol) === true ? 'option-penny' : 'option';
}

/** The tick that applies to a price of `micros` (its absolute value). */
export function tickAt(grid: PriceGrid, micros: number): number {
  const size = Math.abs(micros);
  if (grid === 'option') return size >= optionNickelFrom ? nickel : cent;
  if (grid === 'option-penny') return cent;
  if (grid === 'share') return size >= shareSubPennyBelow ? cent : shareSubPenny;
  return cent;
}

export function isOnGrid(grid: PriceGrid, micros: number): boolean {
  return Number.isSafeInteger(micros) && micros % tickAt(grid, micros) === 0;
}

/** The smallest on-grid price ≥ `micros`. */
export function roundUpToGrid(grid: PriceGrid, micros: number): number {
  let tick = tickAt(grid, micros);
  let rounded = Math.ceil(micros / tick) * tick;
  // Crossing into a coarser band (2.999 → 3.00) may need the coarser tick.
  tick = tickAt(grid, rounded);
  rounded = Math.ceil(rounded / tick) * tick;
  return rounded;
}

/** The largest on-grid price ≤ `micros`. */
export function roundDownToGrid(grid: PriceGrid, micros: number): number {
  const tick = tickAt(grid, micros);
  return Math.floor(micros / tick) * tick;
}

/** The next on-grid price above an on-grid `micros`. */
export function stepUp(grid: PriceGrid, micros: number): number {
  return roundUpToGrid(grid, micros + tickAt(grid, micros));
}

/** The next on-grid price below an on-grid `micros` (the tick of the band just below applies). */
export function stepDown(grid: PriceGrid, micros: number): number {
  return roundDownToGrid(grid, micros - tickAt(grid, micros - 1));
}

/** '$0.05' style text of a tick, for rejection reasons. */
export function formatTick(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros % cent === 0 ? 2 : 4)}`;
}
