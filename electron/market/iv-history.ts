// Daily at-the-money IV history of an underlying (the 30-day constant-maturity "IV30" at each
// session's close) and the two statistics strategies read from it, over the last 252 sessions:
//   IV rank       = (IV − min) / (max − min) × 100, with min and max over the window and IV;
//                   0 when the range is empty
//   IV percentile = share of the window's days whose IV was below IV, × 100 (0 for no history)
import type { IsoDate } from '../../shared/domain/index.ts';

export const IV_WINDOW_DAYS = 252;

export type IvHistoryEntry = { readonly date: IsoDate; readonly iv: number };

export function ivRank(window: readonly number[], current: number): number {
  let min = current;
  let max = current;
  for (const iv of window) {
    if (iv < min) min = iv;
    if (iv > max) max = iv;
  }
  return max > min ? ((current - min) / (max - min)) * 100 : 0;
}

export function ivPercentile(window: readonly number[], current: number): number {
  if (window.length === 0) return 0;
  let below = 0;
  for (const iv of window) if (iv < current) below++;
  return (below / window.length) * 100;
}

/** The history of one underlying; grows by one entry per simulated session close. */
export class IvHistory {
  readonly #entries: IvHistoryEntry[];

  constructor(entries: readonly IvHistoryEntry[]) {
    this.#entries = entries.map((entry) => Object.freeze({ ...entry }));
  }

  /** Records a session's closing IV; a second close for the same date replaces the first. */
  append(date: IsoDate, iv: number): void {
    if (!(iv > 0 && iv < Infinity)) throw new RangeError(`IV history needs a positive IV, got ${iv} for ${date}`);
    const last = this.#entries.at(-1);
    if (last !== undefined && date < last.date) throw new RangeError(`IV history is in date order: ${date} comes before ${last.date}`);
    if (last?.date === date) this.#entries.pop();
    this.#entries.push(Object.freeze({ date, iv }));
  }

  /** Every entry, oldest first. */
  entries(): readonly IvHistoryEntry[] {
    return this.#entries.slice();
  }

  /** The IVs of the last 252 sessions, oldest first. */
  window(): number[] {
    return this.#entries.slice(-IV_WINDOW_DAYS).map((entry) => entry.iv);
  }

  rank(current: number): number {
    return ivRank(this.window(), current);
  }

  percentile(current: number): number {
    return ivPercentile(this.window(), current);
  }
}
