// Whether an order only reduces risk, judged from current positions: every leg must shrink the
// position in its contract and never flip it through zero. An order on a contract not held
// opens risk. Working orders are not counted (the OMS gates each one as it is sent).
// Caveat: closing only the long (protective) leg of a spread passes this test although it
// raises the spread's risk; the margin, delta and vega checks still apply to such an order.
import type { SignedLeg } from '../order-legs.ts';

export function reducesEveryPosition(legs: readonly SignedLeg[], netQuantityByKey: ReadonlyMap<string, number>): boolean {
  if (legs.length === 0) return false;
  return legs.every((leg) => {
    const held = netQuantityByKey.get(leg.key) ?? 0;
    return held !== 0 && Math.sign(leg.quantity) === -Math.sign(held) && Math.abs(leg.quantity) <= Math.abs(held);
  });
}
