// How a status report or an execution changes an order, as pure functions over the domain.
// TradingStore (trading-store.ts) applies them before writing and the journal replay
// (journal/state-replay.ts) applies them again to rebuild the order book, so the two cannot
// disagree. Status changes go only through nextStatus(); a refused change leaves the order as
// it was and comes back with the reason (never a silent overwrite).
import type { Combo } from '../../shared/domain/combo.ts';
import { summarizeComboFills } from '../../shared/domain/combo-fill.ts';
import { contractKey, type Contract } from '../../shared/domain/contract.ts';
import { DomainValidationError, invalid } from '../../shared/domain/errors.ts';
import { averageFillPrice, type Fill } from '../../shared/domain/fill.ts';
import { priceValue, sum, toDollars } from '../../shared/domain/money.ts';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import { nextStatus, type OrderEvent, type OrderEventType } from '../../shared/domain/order-status.ts';
import { actionSign, type OrderAction } from '../../shared/domain/order-types.ts';

export type OrderChange =
  /** Accepted; `order` is the new state (its status may be the same: a broker id or message changed). */
  | { readonly outcome: 'applied'; readonly event: OrderEventType; readonly order: Order }
  /** Nothing to record: a repeated status, or a combo leg fill that completes no further unit. */
  | { readonly outcome: 'unchanged'; readonly order: Order }
  /** Illegal: `order` is the unchanged order, `error` says why. */
  | { readonly outcome: 'refused'; readonly event: OrderEventType; readonly order: Order; readonly error: string };

export interface StatusUpdate {
  readonly event: OrderEvent;
  /** When it was recorded (epoch ms): becomes updatedAt (never moving it backwards). */
  readonly time: number;
  /** The broker's text: kept as statusMessage when the order is rejected, cancelled, expired or made inactive. */
  readonly message?: string | undefined;
  /** IB's order id, learnt when the order is sent. */
  readonly brokerOrderId?: number | undefined;
}

const messageEvents: ReadonlySet<OrderEventType> = new Set(['REJECTED', 'CANCEL_CONFIRMED', 'INACTIVE', 'EXPIRED']);

/** Applies a broker status report or an OMS event to `order`. */
export function applyStatusUpdate(order: Order, update: StatusUpdate): OrderChange {
  const type = update.event.type;
  const transition = nextStatus(order.status, update.event);
  if (!transition.ok) return { outcome: 'refused', event: type, order, error: transition.error };
  if ((type === 'PARTIAL_FILL' || type === 'FILL') && transition.changed) {
    const error = `${type} after ${order.status} is applied when its executions are recorded (the fills decide the filled quantity), not from a status report`;
    return { outcome: 'refused', event: type, order, error };
  }
  const { brokerOrderId } = update;
  if (brokerOrderId !== undefined && order.brokerOrderId !== undefined && brokerOrderId !== order.brokerOrderId) {
    return { outcome: 'refused', event: type, order, error: `broker order id ${brokerOrderId} differs from the recorded ${order.brokerOrderId}` };
  }
  const statusMessage = transition.changed && messageEvents.has(type) && update.message !== undefined ? update.message : order.statusMessage;
  const nextBrokerOrderId = brokerOrderId ?? order.brokerOrderId;
  if (transition.status === order.status && nextBrokerOrderId === order.brokerOrderId && statusMessage === order.statusMessage) return { outcome: 'unchanged', order };
  const candidate = { ...order, status: transition.status, brokerOrderId: nextBrokerOrderId, statusMessage, updatedAt: Math.max(order.updatedAt, update.time) };
  return checkedChange(type, order, candidate);
}

/**
 * Applies a new execution to `order`, given the order's earlier fills. Throws a
 * DomainValidationError when the fill cannot belong to the order (other order, contract,
 * side or leg); such a fill must not be recorded at all. A fill that belongs but whose status
 * change is illegal (a late fill after CANCELLED, an overfill) is refused: the execution is
 * still a fact about money, but the order keeps its state.
 */
export function applyFillToOrder(order: Order, earlierFills: readonly Fill[], fill: Fill, time: number): OrderChange {
  const progress = fillProgress(order, [...earlierFills, fill]);
  if (progress.filledQuantity === order.filledQuantity) return { outcome: 'unchanged', order };
  const event: OrderEventType = progress.filledQuantity >= order.quantity ? 'FILL' : 'PARTIAL_FILL';
  if (progress.filledQuantity > order.quantity) {
    return { outcome: 'refused', event, order, error: `executions total ${progress.filledQuantity}, above the order quantity ${order.quantity} (overfill)` };
  }
  const transition = nextStatus(order.status, { type: event });
  if (!transition.ok) return { outcome: 'refused', event, order, error: transition.error };
  const candidate = {
    ...order,
    status: transition.status,
    filledQuantity: progress.filledQuantity,
    averageFillPrice: progress.averageFillPrice,
    updatedAt: Math.max(order.updatedAt, time),
    filledAt: transition.status === 'FILLED' ? fill.time : order.filledAt,
  };
  return checkedChange(event, order, candidate);
}

function checkedChange(event: OrderEventType, order: Order, candidate: Order): OrderChange {
  try {
    return { outcome: 'applied', event, order: restoreOrder(candidate) };
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    return { outcome: 'refused', event, order, error: error.message };
  }
}

/** Units filled so far and their average price. For a combo: complete units and the net price per unit (debit positive). */
export function fillProgress(order: Order, fills: readonly Fill[]): { readonly filledQuantity: number; readonly averageFillPrice: number | undefined } {
  fills.forEach((fill, index) => requireSameOrder(order, fill, index));
  if (order.instrument.kind === 'combo') return comboProgress(order.instrument, order.action, fills);
  const orderContract = order.instrument as Contract;
  fills.forEach((fill, index) => {
    if (fill.legIndex !== undefined) invalid(`fills[${index}].legIndex`, `must be absent for a single-contract order (${order.id})`, fill.legIndex);
    if (contractKey(fill.contract) !== contractKey(orderContract)) invalid(`fills[${index}].contract`, `must be the order's contract ${contractKey(orderContract)}`, contractKey(fill.contract));
    if (fill.action !== order.action) invalid(`fills[${index}].action`, `must be the order's action ${order.action}`, fill.action);
  });
  const filledQuantity = fills.reduce((total, fill) => total + fill.quantity, 0);
  return { filledQuantity, averageFillPrice: fills.length === 0 ? undefined : averageFillPrice(fills) };
}

function requireSameOrder(order: Order, fill: Fill, index: number): void {
  if (fill.orderId !== order.id) invalid(`fills[${index}].orderId`, `must be ${order.id}`, fill.orderId);
  if (fill.clientOrderRef !== order.clientOrderRef) invalid(`fills[${index}].clientOrderRef`, `must be the order's ${order.clientOrderRef}`, fill.clientOrderRef);
}

function comboProgress(combo: Combo, action: OrderAction, fills: readonly Fill[]): { filledQuantity: number; averageFillPrice: number | undefined } {
  const summary = summarizeComboFills(combo, action, fills);
  if (summary.completeUnits === 0) return { filledQuantity: 0, averageFillPrice: undefined };
  // Unbalanced (a leg ahead of the others): the net of each leg's average price × ratio.
  return { filledQuantity: summary.completeUnits, averageFillPrice: summary.netPricePerUnit ?? netOfLegAverages(combo, fills) };
}

function netOfLegAverages(combo: Combo, fills: readonly Fill[]): number {
  const legValues = combo.legs.map((leg, index) => {
    const legFills = fills.filter((fill) => fill.legIndex === index);
    const first = legFills[0];
    if (first === undefined) return priceValue(0, 0);
    return priceValue(averageFillPrice(legFills), actionSign(first.action) * leg.ratio);
  });
  return toDollars(sum(legValues));
}
