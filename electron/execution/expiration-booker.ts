// Options that expire while held. The broker removes them at the close of their expiry date
// (expired worthless, or exercised / assigned into shares) without an execution of any order of
// ours, so without this our positions would keep them forever: the risk governor then finds no
// quote for a held contract and fails closed on every order, and strategies never finish.
//
// An out-of-the-money expiry is booked as what it is economically: a closing fill at $0 with no
// commission, through the normal store path (an internal order that never reaches a broker,
// execution id EXPIRY:<contract>), published on the execution bus like any fill so strategies
// and positions update. An in-the-money expiry is NOT booked: the broker delivers or takes
// shares, which the reconciler must compare and a human must see; it is reported instead.
import { contractKey, isOptionContract, type OptionContract } from '../../shared/domain/contract.ts';
import { createFill } from '../../shared/domain/fill.ts';
import type { StrategyId } from '../../shared/domain/ids.ts';
import { ZERO_MONEY } from '../../shared/domain/money.ts';
import { restoreOrder, type Order } from '../../shared/domain/order.ts';
import { oppositeAction } from '../../shared/domain/order-types.ts';
import type { Clock } from '../core/clock.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import type { RiskPosition } from '../risk/risk-inputs.ts';
import type { ExecutionEventBus } from './execution-events.ts';
import { orderIdForClientOrderRef } from './order-ids.ts';

/** OCC auto-exercises options at least a cent in the money. */
const EXERCISE_THRESHOLD = 0.01;

export type ExpirationOutcome =
  | { readonly kind: 'expired-worthless'; readonly contract: OptionContract; readonly quantity: number; readonly order: Order }
  | { readonly kind: 'in-the-money'; readonly contract: OptionContract; readonly quantity: number; readonly intrinsicValue: number }
  | { readonly kind: 'no-underlying-price'; readonly contract: OptionContract; readonly quantity: number };

export interface ExpirationBookerOptions {
  readonly store: TradingStore;
  readonly bus: ExecutionEventBus;
  readonly clock: Pick<Clock, 'now'>;
  /** Open positions (the app's book) with the strategy each belongs to. */
  readonly positions: () => readonly RiskPosition[];
  /** The underlying's price at the expiry (the close). */
  readonly underlyingPrice: (symbol: string) => number | undefined;
  /** When options of an expiry date stop trading and expire (the close of that date). */
  readonly expirationTime: (contract: OptionContract) => number;
}

export class ExpirationBooker {
  readonly #options: ExpirationBookerOptions;
  readonly #reported = new Set<string>();

  constructor(options: ExpirationBookerOptions) {
    this.#options = options;
  }

  /** Books every held option whose expiration time has passed; returns what it found (each in-the-money one once). */
  bookDue(): ExpirationOutcome[] {
    const now = this.#options.clock.now();
    const outcomes: ExpirationOutcome[] = [];
    for (const position of this.#options.positions()) {
      const contract = position.contract;
      if (!isOptionContract(contract) || position.quantity === 0 || this.#options.expirationTime(contract) > now) continue;
      const outcome = this.#settle(contract, position.quantity, position.strategyId, now);
      const key = `${outcome.kind}:${contractKey(contract)}`;
      if (outcome.kind === 'expired-worthless' || !this.#reported.has(key)) outcomes.push(outcome);
      this.#reported.add(key);
    }
    return outcomes;
  }

  #settle(contract: OptionContract, quantity: number, strategyId: StrategyId | undefined, now: number): ExpirationOutcome {
    const price = this.#options.underlyingPrice(contract.underlyingSymbol);
    if (price === undefined) return { kind: 'no-underlying-price', contract, quantity };
    const intrinsicValue = Math.max(0, contract.right === 'call' ? price - contract.strike : contract.strike - price);
    if (intrinsicValue >= EXERCISE_THRESHOLD) return { kind: 'in-the-money', contract, quantity, intrinsicValue };
    return { kind: 'expired-worthless', contract, quantity, order: this.#book(contract, quantity, strategyId, now) };
  }

  /** An internal order closing the position, filled at $0: never sent, so no broker id. */
  #book(contract: OptionContract, quantity: number, strategyId: StrategyId | undefined, now: number): Order {
    const { store, bus } = this.#options;
    const clientOrderRef = store.nextClientOrderRef();
    const id = orderIdForClientOrderRef(clientOrderRef);
    const action = oppositeAction(quantity > 0 ? 'BUY' : 'SELL');
    const order = restoreOrder({
      id, clientOrderRef, brokerOrderId: undefined, instrument: contract, action, quantity: Math.abs(quantity), type: 'MKT', tif: 'DAY',
      limitPrice: undefined, stopPrice: undefined, trailingAmount: undefined, trailingPercent: undefined, limitOffset: undefined,
      status: 'CREATED', filledQuantity: 0, averageFillPrice: undefined, parentId: undefined, ocaGroup: undefined, strategyId,
      createdAt: now, updatedAt: now, filledAt: undefined, statusMessage: undefined,
    });
    store.recordOrderCreated(order);
    store.recordOrderStatus(id, { type: 'SUBMIT_SENT' }, { message: `expiry of ${contractKey(contract)}: booked internally, not sent` });
    store.recordOrderStatus(id, { type: 'ACKNOWLEDGED' });
    const fill = createFill({
      id: `EXPIRY:${contractKey(contract).replaceAll(' ', '_')}:${now}`, orderId: id, clientOrderRef, contract, legIndex: undefined,
      action, quantity: Math.abs(quantity), price: 0, commission: ZERO_MONEY, time: now,
    });
    const result = store.recordFill(fill);
    if (result.status === 'recorded') {
      bus.publish('fill.recorded', { fill: result.fill, order: result.order });
      if (result.order.status === 'FILLED') bus.publish('order.filled', { order: result.order });
    }
    return result.order;
  }
}

export function isExpiryExecutionId(id: string): boolean {
  return id.startsWith('EXPIRY:');
}
