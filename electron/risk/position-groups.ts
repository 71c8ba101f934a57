// What counts as one "position" for the open-position and new-position limits: a position group.
// Contracts attributed to a strategy form that strategy's group (an iron condor is one
// position, not four); contracts with no strategy group by underlying (all unattributed SPY
// holdings are one position). A group is open while any of its lines is not flat. An order
// opens a new position when it is a new order, does not only reduce, and its group (its
// strategyId, else its underlying) is neither open nor reserved by an order admitted recently
// (so two racing entries cannot both take the last slot while neither has filled yet).
import { contractUnderlyingSymbol } from '../../shared/domain/contract.ts';
import type { StrategyId } from '../../shared/domain/ids.ts';
import type { RiskPosition } from './risk-inputs.ts';

export function positionGroupKey(strategyId: StrategyId | string | undefined, underlyingSymbol: string): string {
  return strategyId === undefined ? `underlying:${underlyingSymbol}` : `strategy:${strategyId}`;
}

export function openPositionGroups(positions: readonly RiskPosition[]): Set<string> {
  const groups = new Set<string>();
  for (const line of positions) {
    if (line.quantity !== 0) groups.add(positionGroupKey(line.strategyId, contractUnderlyingSymbol(line.contract)));
  }
  return groups;
}

/** Groups admitted by the gate whose orders may still be working: each kept for `ttlMs` after admission. */
export class PositionReservations {
  readonly #admittedAt = new Map<string, number>();
  readonly #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  reserve(group: string, now: number): void {
    this.#admittedAt.set(group, now);
  }

  /** Reserved groups still within their time to live at `now` (older ones are forgotten). */
  active(now: number): Set<string> {
    const groups = new Set<string>();
    for (const [group, time] of this.#admittedAt) {
      if (now - time < this.#ttlMs) groups.add(group);
      else this.#admittedAt.delete(group);
    }
    return groups;
  }
}
