// Order metrics computed from the order book of record (never from counters that could drift).
// Dry runs are counted apart and left out of everything else.
// - orders: live orders created; working: sent and not final.
// - rejects: REJECTED orders (broker rejections and risk denials; `denied` is the part the
//   pre-trade gate refused); notSent: INACTIVE because the broker call never left.
// - cancels: CANCELLED orders (requested, OCA, expiry).
// - fillRate: filled ÷ orders that reached the broker and are finished (final, neither denied nor
//   not-sent); undefined when none has.
// - time to fill: filledAt − createdAt of FILLED orders (an order is saved and sent in the same
//   instant); p95 by the nearest-rank method.
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { isFinalStatus, isWorkingStatus } from '../../shared/domain/order-status.ts';
import { isDryRunOrderId } from './order-ids.ts';

export interface OrderMetrics {
  readonly orders: number;
  readonly dryRuns: number;
  readonly working: number;
  readonly filled: number;
  /** Orders with some but not all of their quantity filled (working or finished). */
  readonly partiallyFilled: number;
  readonly cancels: number;
  readonly rejects: number;
  readonly denied: number;
  readonly notSent: number;
  readonly fillRate: number | undefined;
  readonly averageTimeToFillMs: number | undefined;
  readonly p95TimeToFillMs: number | undefined;
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100); undefined for an empty list. */
export function nearestRankPercentile(values: readonly number[], percentile: number): number | undefined {
  if (!(percentile > 0 && percentile <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${percentile}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percentile / 100) * sorted.length) - 1];
}

export function computeOrderMetrics(orders: readonly Order[], placeFailure: (orderId: OrderId) => 'denied' | 'not-sent' | undefined): OrderMetrics {
  const live = orders.filter((order) => !isDryRunOrderId(order.id));
  const count = (predicate: (order: Order) => boolean) => live.filter(predicate).length;
  const filledOrders = live.filter((order) => order.status === 'FILLED');
  const finishedAtBroker = count((order) => isFinalStatus(order.status) && placeFailure(order.id) === undefined);
  const timesToFill = filledOrders.map((order) => (order.filledAt ?? order.createdAt) - order.createdAt);
  const total = timesToFill.reduce((sum, time) => sum + time, 0);
  return Object.freeze({
    orders: live.length,
    dryRuns: orders.length - live.length,
    working: count((order) => isWorkingStatus(order.status)),
    filled: filledOrders.length,
    partiallyFilled: count((order) => order.filledQuantity > 0 && order.status !== 'FILLED'),
    cancels: count((order) => order.status === 'CANCELLED'),
    rejects: count((order) => order.status === 'REJECTED'),
    denied: count((order) => placeFailure(order.id) === 'denied'),
    notSent: count((order) => placeFailure(order.id) === 'not-sent'),
    fillRate: finishedAtBroker === 0 ? undefined : filledOrders.length / finishedAtBroker,
    averageTimeToFillMs: timesToFill.length === 0 ? undefined : total / timesToFill.length,
    p95TimeToFillMs: nearestRankPercentile(timesToFill, 95),
  });
}
