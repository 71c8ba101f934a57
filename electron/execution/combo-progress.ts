// Per-leg progress of a combo order, from its recorded leg fills (IB reports one execution per
// leg). The store keeps the combo's complete units and net price; this shows each leg.
import { summarizeComboFills } from '../../shared/domain/combo-fill.ts';
import type { OptionContract } from '../../shared/domain/contract.ts';
import type { Fill } from '../../shared/domain/fill.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { oppositeAction, type OrderAction } from '../../shared/domain/order-types.ts';

export interface ComboLegProgress {
  readonly legIndex: number;
  readonly contract: OptionContract;
  /** The side this leg trades in this order (flipped when the combo is sold). */
  readonly action: OrderAction;
  /** ratio × order quantity. */
  readonly targetQuantity: number;
  readonly filledQuantity: number;
}

export interface ComboProgress {
  readonly orderId: OrderId;
  readonly quantity: number;
  /** Whole combo units filled on every leg. */
  readonly completeUnits: number;
  /** No leg ahead of the others. */
  readonly balanced: boolean;
  readonly legs: readonly ComboLegProgress[];
  /** Net per unit, debit positive; set when balanced and something filled. */
  readonly netPricePerUnit: number | undefined;
}

/** Undefined when the order is not a combo. */
export function comboProgressOf(order: Order, fills: readonly Fill[]): ComboProgress | undefined {
  const combo = order.instrument;
  if (combo.kind !== 'combo') return undefined;
  const summary = summarizeComboFills(combo, order.action, fills);
  const legs = combo.legs.map((leg, legIndex) => Object.freeze({
    legIndex,
    contract: leg.contract,
    action: order.action === 'BUY' ? leg.action : oppositeAction(leg.action),
    targetQuantity: leg.ratio * order.quantity,
    filledQuantity: summary.legQuantities[legIndex] ?? 0,
  }));
  return Object.freeze({ orderId: order.id, quantity: order.quantity, completeUnits: summary.completeUnits, balanced: summary.balanced, legs: Object.freeze(legs), netPricePerUnit: summary.netPricePerUnit });
}
