// Where each run of the crash test is killed: a seeded PRNG in the parent, so the delays are the
// same on every machine and every rerun (the order lifecycle point they hit still depends on how
// fast the child runs, which is the point: over many runs the kills spread over the lifecycle).
//
// Most kills fall while the child trades (a delay after its 'ready' line, spanning a few round
// trips: before a send, with the order at the broker unacknowledged, between the legs of a combo
// fill, during an exit). Some fall during the start itself (a delay after 'starting'), so a
// reconciliation is interrupted and the next one must finish its work.
import { SeededRandom } from '../../../electron/core/seeded-random.ts';

export type KillAnchor = 'starting' | 'ready';

export interface KillPoint {
  readonly anchor: KillAnchor;
  /** Real milliseconds after the anchor line. */
  readonly delayMs: number;
}

export interface KillPlanOptions {
  /** Share of kills during the start (open databases, connect, reconcile). */
  readonly startShare: number;
  /** Upper bound of a delay after 'starting'. */
  readonly startWindowMs: number;
  /** Upper bound of a delay after 'ready'. */
  readonly tradingWindowMs: number;
}

export const DEFAULT_KILL_PLAN: KillPlanOptions = { startShare: 0.2, startWindowMs: 150, tradingWindowMs: 400 };

export function planKills(seed: number, runs: number, options: KillPlanOptions = DEFAULT_KILL_PLAN): KillPoint[] {
  if (!Number.isSafeInteger(runs) || runs < 0) throw new RangeError(`runs must be a whole number ≥ 0, got ${String(runs)}`);
  const random = new SeededRandom(seed);
  return Array.from({ length: runs }, () => {
    const duringStart = random.chance(options.startShare);
    const window = duringStart ? options.startWindowMs : options.tradingWindowMs;
    return { anchor: duringStart ? 'starting' : 'ready', delayMs: random.integer(0, window - 1) };
  });
}
