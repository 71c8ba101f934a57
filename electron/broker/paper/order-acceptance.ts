// Answers a placement once its latency has passed: the order (or the whole bracket) is checked,
// then rejected with a reason or accepted (PreSubmitted when held, Submitted when working), and
// an accepted order meets the market at once. IOC orders then cancel whatever did not fill.
import { fromDollars } from '../../../shared/domain/money.ts';
import { buyingPowerRejection } from './buying-power.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { evaluateOrder, MatchingPass } from './order-matching.ts';
import { cancelOrder, refreshState, rejectOrder } from './order-reports.ts';
import { rejectionReason } from './order-validation.ts';
import { isLive, type PaperOrder } from './paper-order.ts';

function memberName(order: PaperOrder, parent: PaperOrder): string {
  if (order === parent) return 'parent';
  return parent.childIds[0] === order.brokerOrderId ? 'take-profit' : 'stop-loss';
}

/** Why `order` cannot be accepted now, or undefined. Bracket children close a position, so they skip the buying-power check. */
export function acceptanceRejection(context: ExchangeContext, order: PaperOrder): string | undefined {
  const bracketChild = order.parentId !== undefined;
  const reason = rejectionReason(order.request, { market: context.market, now: context.now, expirationTime: context.expirationTime, bracketChild });
  if (reason !== undefined || bracketChild) return reason;
  return buyingPowerRejection(context, order.request);
}

function accept(context: ExchangeContext, order: PaperOrder): void {
  const request = order.request;
  order.acknowledged = true;
  order.acceptedAt = context.now;
  order.expiresAt = request.tif === 'DAY' ? context.market.sessionClose(context.now) : undefined;
  order.opensAt = request.tif === 'OPG' ? context.market.nextSessionOpen(context.now) : undefined;
  order.stopMicros = request.stopPrice === undefined ? undefined : fromDollars(request.stopPrice);
  refreshState(context, order);
}

/** Acknowledges one order or one bracket (parent first, then take-profit and stop-loss). */
export function acknowledgeOrders(context: ExchangeContext, orderIds: readonly number[]): void {
  const orders = orderIds.flatMap((id) => context.book.get(id) ?? []).filter((order) => isLive(order) && !order.acknowledged);
  if (orders.length === 0) return;
  const reasons = orders.map((order) => acceptanceRejection(context, order));
  const parent = orders[0] as PaperOrder;
  const failed = orders.findIndex((_order, index) => reasons[index] !== undefined);
  if (failed >= 0) {
    // A bracket is refused whole: a parent without its protection, or orphan children, would be worse.
    const failure = `${memberName(orders[failed] as PaperOrder, parent)}: ${reasons[failed]}`;
    for (const [index, order] of [...orders.entries()].reverse()) {
      rejectOrder(context, order, reasons[index] ?? `bracket rejected, ${failure}`);
    }
    return;
  }
  for (const order of orders) accept(context, order);
  const pass = new MatchingPass();
  for (const order of orders) evaluateOrder(context, pass, order);
  for (const order of orders) {
    if (order.request.tif === 'IOC' && isLive(order)) cancelOrder(context, order, 'IOC: the unfilled rest was cancelled');
  }
}
