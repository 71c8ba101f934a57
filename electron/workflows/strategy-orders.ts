// Which orders and fills belong to a strategy, read from the book of record (the store):
// - its orders carry its id; the OMS's note says entry or exit (without a note: an order trading
//   the first leg on its opening side is an entry);
// - its attributed fills: its own orders' fills on its legs (a roll's opening legs belong to the
//   successor), the roll fills that opened it (notes.openedByOrderId), and fills of orders
//   without a strategy (the kill switch's flatten, a manual closeAll) on its legs while it was open;
// - a roll order's new legs, per strategy unit, on the side they are opened.
import { contractKey, type OptionContract } from '../../shared/domain/contract.ts';
import type { Fill } from '../../shared/domain/fill.ts';
import type { Order } from '../../shared/domain/order.ts';
import { oppositeAction, type OrderAction } from '../../shared/domain/order-types.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import { fillsOnLegs } from './fill-accounting.ts';
import type { StrategyNotebook } from './strategy-notes.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export type OrderPurposeKind = 'entry' | 'exit';
export type OpenedLeg = { readonly contract: OptionContract; readonly action: OrderAction; readonly ratio: number };

export class StrategyOrders {
  readonly #store: TradingStore;
  readonly #oms: WorkflowPorts['oms'];
  readonly #notebook: StrategyNotebook;

  constructor(store: TradingStore, oms: WorkflowPorts['oms'], notebook: StrategyNotebook) {
    this.#store = store;
    this.#oms = oms;
    this.#notebook = notebook;
  }

  /** The strategy's orders for `purpose`, oldest first. */
  ordersOf(strategy: Strategy, purpose: OrderPurposeKind): Order[] {
    return this.#store.orders.listByStrategy(strategy.id).filter((order) => this.#purposeOf(strategy, order) === purpose);
  }

  fillsOf(orders: readonly Order[]): Fill[] {
    return orders.flatMap((order) => this.#store.fills.listByOrder(order.id));
  }

  attributed(strategy: Strategy): Fill[] {
    const own = this.fillsOf(this.#store.orders.listByStrategy(strategy.id));
    const openedBy = this.#notebook.get(strategy.id).openedByOrderId;
    const inherited = openedBy === undefined ? [] : this.#store.fills.listByOrder(openedBy);
    const from = strategy.openedAt ?? strategy.createdAt;
    const outside = strategy.legs.flatMap((leg) => this.#store.fills.listByContract(contractKey(leg.contract))).filter((fill) => {
      if (fill.time < from || (strategy.closedAt !== undefined && fill.time > strategy.closedAt)) return false;
      return this.#store.orders.get(fill.orderId)?.strategyId === undefined;
    });
    const unique = new Map([...own, ...inherited, ...outside].map((fill) => [fill.id, fill]));
    return fillsOnLegs([...unique.values()], strategy.legs);
  }

  openedLegs(strategy: Strategy, order: Order): OpenedLeg[] {
    if (order.instrument.kind !== 'combo') return [];
    const held = new Set(strategy.legs.map((leg) => contractKey(leg.contract)));
    return order.instrument.legs
      .filter((leg) => !held.has(contractKey(leg.contract)))
      .map((leg) => ({ contract: leg.contract, action: order.action === 'BUY' ? leg.action : oppositeAction(leg.action), ratio: (leg.ratio * order.quantity) / strategy.quantity }))
      .filter((leg) => Number.isSafeInteger(leg.ratio) && leg.ratio > 0);
  }

  #purposeOf(strategy: Strategy, order: Order): OrderPurposeKind {
    const purpose = this.#oms.contextOf(order.id)?.purpose;
    if (purpose === 'entry') return 'entry';
    if (purpose !== undefined) return 'exit';
    const first = strategy.legs[0];
    if (first === undefined) return 'exit';
    const traded = order.instrument.kind === 'combo' ? order.instrument.legs.find((leg) => contractKey(leg.contract) === contractKey(first.contract)) : undefined;
    const side = traded === undefined ? order.action : order.action === 'BUY' ? traded.action : oppositeAction(traded.action);
    return side === first.action ? 'entry' : 'exit';
  }
}
