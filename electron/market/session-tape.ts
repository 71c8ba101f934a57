// One underlying's record of a session for the trade tape: the opening spot and the market
// state at every trade slot (open + j·slotMs), so a trade at slot j prints at the quote of that
// moment even when the contract is first looked at hours later.
import type { PricingState } from './option-quoter.ts';
import type { SessionRecord } from './trade-tape.ts';

export class SessionTape implements SessionRecord {
  readonly open: number;
  readonly close: number;
  readonly openSpot: number;
  readonly firstSlot: number;
  readonly #slotMs: number;
  readonly #spots: Float64Array;
  readonly #marketVariances: Float64Array;
  readonly #logVarianceFactors: Float64Array;

  /** `since`: the simulation covers the session from this instant (the open, or a later start time). */
  constructor(session: { open: number; close: number }, slotMs: number, openSpot: number, since: number) {
    this.open = session.open;
    this.close = session.close;
    this.openSpot = openSpot;
    this.#slotMs = slotMs;
    this.firstSlot = since <= session.open ? 1 : Math.floor((since - session.open) / slotMs) + 1;
    const slots = Math.floor((session.close - session.open) / slotMs) + 1;
    this.#spots = new Float64Array(slots);
    this.#marketVariances = new Float64Array(slots);
    this.#logVarianceFactors = new Float64Array(slots);
  }

  /** The slot index of `time` when it is a slot time of this session, else −1. */
  slotAt(time: number): number {
    const offset = time - this.open;
    if (offset <= 0 || offset % this.#slotMs !== 0) return -1;
    const slot = offset / this.#slotMs;
    return slot < this.#spots.length ? slot : -1;
  }

  record(slot: number, state: PricingState): void {
    this.#spots[slot] = state.spot;
    this.#marketVariances[slot] = state.marketVariance;
    this.#logVarianceFactors[slot] = state.logVarianceFactor;
  }

  /** The recorded state of a slot (only slots from firstSlot up to the last recorded one are meaningful). */
  stateAt(slot: number): PricingState {
    const spot = this.#spots[slot];
    if (spot === undefined || spot === 0) throw new RangeError(`no market state was recorded for slot ${slot} of the session opening at ${this.open}`);
    return {
      time: this.open + slot * this.#slotMs,
      spot,
      marketVariance: this.#marketVariances[slot] as number,
      logVarianceFactor: this.#logVarianceFactors[slot] as number,
    };
  }
}
