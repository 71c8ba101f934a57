// Positions per contract (keyed by contractKey) derived from fills through the domain's
// applyFill / applyCommission. Applying the stored fills in recorded order (each with its final
// commission) gives the same positions as replaying fills and later commission reports: a
// commission only moves realized P&L and the commission total, never the cost basis.
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import type { Fill } from '../../../shared/domain/fill.ts';
import type { Money } from '../../../shared/domain/money.ts';
import { applyCommission, applyFill, flatPosition, type Position } from '../../../shared/domain/position.ts';

export type PositionBook = Map<string, Position>;

export function bookFill(positions: PositionBook, fill: Fill): Position {
  const key = contractKey(fill.contract);
  const position = applyFill(positions.get(key), fill);
  positions.set(key, position);
  return position;
}

export function bookCommission(positions: PositionBook, contract: Contract, commission: Money): Position {
  const key = contractKey(contract);
  const position = applyCommission(positions.get(key) ?? flatPosition(contract), commission);
  positions.set(key, position);
  return position;
}

/** Positions from fills applied in the given order (flat positions stay in the map). */
export function positionsFromFills(fills: Iterable<Fill>): PositionBook {
  const positions: PositionBook = new Map();
  for (const fill of fills) bookFill(positions, fill);
  return positions;
}
