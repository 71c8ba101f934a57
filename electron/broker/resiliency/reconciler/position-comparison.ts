// Positions from our fills against the broker's, per contract, quantities compared exactly
// (costs are not compared: IB's average cost includes commissions, ours does not). A
// difference is flagged, never corrected by trading: the operator (or a later run) decides.
import type { BrokerPosition } from '../../broker.ts';
import { contractKey, type Contract } from '../../../../shared/domain/contract.ts';
import type { PositionLine } from '../../../execution/positions-provider.ts';
import type { PositionMismatch, PositionMismatchKind } from './reconciliation-result.ts';

interface Side {
  readonly contract: Contract;
  book: number;
  broker: number;
}

/** Every contract whose signed quantity differs, sorted by contract key. */
export function comparePositions(book: readonly PositionLine[], broker: readonly BrokerPosition[]): PositionMismatch[] {
  const sides = new Map<string, Side>();
  const sideOf = (contract: Contract): Side => {
    const key = contractKey(contract);
    const side = sides.get(key) ?? { contract, book: 0, broker: 0 };
    sides.set(key, side);
    return side;
  };
  for (const line of book) sideOf(line.contract).book += line.quantity;
  for (const position of broker) sideOf(position.contract).broker += position.quantity;
  const mismatches: PositionMismatch[] = [];
  for (const [key, side] of [...sides].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (side.book === side.broker) continue;
    mismatches.push({ kind: kindOf(side), contractKey: key, contract: side.contract, bookQuantity: side.book, brokerQuantity: side.broker });
  }
  return mismatches;
}

function kindOf(side: Side): PositionMismatchKind {
  if (side.book === 0) return 'outside-app';
  if (side.broker === 0) return 'missing-at-broker';
  return 'quantity';
}

/** One line per mismatch, for the governor's reason and the logs. */
export function describeMismatch(mismatch: PositionMismatch): string {
  const what = { 'outside-app': 'held at the broker but not by our fills', 'missing-at-broker': 'in our fills but not at the broker', quantity: 'quantities differ' }[mismatch.kind];
  return `${mismatch.contractKey}: broker ${mismatch.brokerQuantity}, ours ${mismatch.bookQuantity} (${what})`;
}
