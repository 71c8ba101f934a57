// Drives every strategy record from the OMS: orders carry their strategy's id, and each order
// event re-derives the strategy's state from the book of record (its orders and fills in the
// store), so the outcome is the same whether the events are seen live or after a restart.
//
// - PENDING: entry orders working. Completely filled → OPEN with the entry figures from the
//   fills. Part-filled: stays PENDING, its statusReason shows the progress. All entry orders
//   ended: units filled → OPEN with those units (the rest was never bought); none → FAILED.
// - OPEN → CLOSING when an exit order of the strategy is created; when it ends: nothing filled →
//   OPEN again; every unit closed → CLOSED (a roll: ROLLED plus its successor, OPEN); some units
//   → OPEN with fewer units (a part-filled roll also opens a successor for the rolled units).
// - Fills of orders without a strategy (the kill switch's flatten, a manual closeAll) on a
//   strategy's contracts are attributed to it; when they leave its legs flat it is CLOSED.
// - Realized P&L = −Σ signed values − Σ commissions of the attributed fills (+ the entry amount of
//   what is still open), exact in Money; re-derived when a late commission arrives.
import { contractKey, contractUnderlyingSymbol } from '../../shared/domain/contract.ts';
import type { Fill } from '../../shared/domain/fill.ts';
import { parseDecisionId, parseStrategyId, type StrategyId } from '../../shared/domain/ids.ts';
import { isFinalStatus } from '../../shared/domain/order-status.ts';
import type { Order } from '../../shared/domain/order.ts';
import { createStrategy, type Strategy } from '../../shared/domain/strategy.ts';
import type { Clock } from '../core/clock.ts';
import { DisposableStore, type Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import { filledUnits, fillsOnLegs, isBalanced } from './fill-accounting.ts';
import type { StrategyNotebook, StrategyNotes } from './strategy-notes.ts';
import { closedFigures, closedStrategy, heldContracts, openedStrategy, openPnl, reducedStrategy, rolledAwayStrategy, successorStrategy } from './strategy-transitions.ts';
import type { WorkflowEventBus } from './workflow-events.ts';
import type { ExecutionEventSource, WorkflowPorts } from './workflow-ports.ts';
import { successorIdFor } from './workflow-ids.ts';
import { StrategyOrders, type OpenedLeg } from './strategy-orders.ts';

export interface StrategyTrackerOptions {
  readonly store: TradingStore;
  readonly oms: WorkflowPorts['oms'];
  readonly executionBus: ExecutionEventSource;
  readonly notebook: StrategyNotebook;
  readonly events: WorkflowEventBus;
  /** The underlying's IV rank now (a roll successor's IV rank at entry). */
  readonly ivRankOf: (symbol: string) => number | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}


export class StrategyTracker implements Disposable {
  readonly #options: StrategyTrackerOptions;
  readonly #store: TradingStore;
  readonly #orders: StrategyOrders;
  readonly #lifetime = new DisposableStore();
  #started = false;

  constructor(options: StrategyTrackerOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#orders = new StrategyOrders(options.store, options.oms, options.notebook);
  }

  /** Listens to the OMS and settles what happened while nobody listened (a restart). Call after the engine started. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const bus = this.#options.executionBus;
    this.#lifetime.add(bus.subscribe('order.created', ({ order }) => this.#onOrder(order)));
    this.#lifetime.add(bus.subscribe('order.updated', ({ order }) => this.#onOrder(order)));
    this.#lifetime.add(bus.subscribe('fill.recorded', ({ fill, order }) => this.#onFill(fill, order)));
    this.#lifetime.add(bus.subscribe('commission.recorded', ({ fill }) => this.#onFill(fill, this.#store.orders.get(fill.orderId))));
    for (const strategy of this.active()) this.refresh(strategy.id);
  }

  dispose(): void {
    this.#lifetime.dispose();
  }

  get(id: string): Strategy | undefined {
    return this.#store.records.strategies.get(parseStrategyId(id));
  }

  /** PENDING, OPEN and CLOSING strategies, oldest first. */
  active(): Strategy[] {
    return this.#store.records.strategies.listActive();
  }

  open(): Strategy[] {
    return this.active().filter((strategy) => strategy.status === 'OPEN');
  }

  activeOn(symbol: string): Strategy[] {
    return this.active().filter((strategy) => strategy.underlyingSymbol === symbol);
  }

  notes(id: StrategyId): StrategyNotes {
    return this.#options.notebook.get(id);
  }

  /** The strategy's exit order still working, if any. */
  workingExit(id: StrategyId): Order | undefined {
    const strategy = this.get(id);
    return strategy === undefined ? undefined : this.#orders.ordersOf(strategy, 'exit').find((order) => !isFinalStatus(order.status));
  }

  /** Remembers the decision behind the exit about to be sent (a roll's history names it); undefined for a manual exit. */
  noteExitDecision(id: StrategyId, decisionId: string | undefined): void {
    this.#options.notebook.update(id, { exitDecisionId: decisionId === undefined ? undefined : parseDecisionId(decisionId) });
  }

  /** How many of the strategy's latest exits ended with nothing filled, in a row. */
  unfilledExitsInARow(id: StrategyId): number {
    const strategy = this.get(id);
    if (strategy === undefined) return 0;
    let count = 0;
    for (const order of this.#orders.ordersOf(strategy, 'exit').reverse()) {
      if (!isFinalStatus(order.status) || this.#store.fills.listByOrder(order.id).length > 0) break;
      count += 1;
    }
    return count;
  }

  /** Stores a new PENDING strategy with its notes, in one transaction. */
  create(strategy: Strategy, notes: StrategyNotes): Strategy {
    const created = this.#store.database.transaction(() => {
      const stored = this.#store.records.recordStrategyCreated(strategy);
      this.#options.notebook.update(stored.id, notes);
      return stored;
    });
    this.#publish(created, undefined, created.statusReason);
    return created;
  }

  /** PENDING → FAILED when its entry order was never saved (nothing for the OMS to report). */
  fail(id: StrategyId, reason: string): Strategy | undefined {
    const strategy = this.get(id);
    if (strategy?.status !== 'PENDING' || this.#orders.ordersOf(strategy, 'entry').length > 0) return strategy === undefined ? undefined : this.refresh(id);
    return this.#save(strategy, createStrategy({ ...strategy, status: 'FAILED', statusReason: reason }));
  }

  /** Re-derives the strategy's state from its orders and fills; returns the stored strategy. */
  refresh(id: StrategyId): Strategy | undefined {
    const strategy = this.get(id);
    if (strategy === undefined) return undefined;
    try {
      switch (strategy.status) {
        case 'PENDING':
          return this.#settleEntry(strategy);
        case 'OPEN':
        case 'CLOSING':
          return this.#settleExit(strategy);
        case 'CLOSED':
        case 'ROLLED':
          return this.#settlePnl(strategy);
        default:
          return strategy;
      }
    } catch (error) {
      this.#options.logger.error('strategy tracking failed', { strategyId: id, error });
      return strategy;
    }
  }

  #onOrder(order: Order): void {
    if (order.strategyId !== undefined) this.refresh(order.strategyId);
  }

  #onFill(fill: Fill, order: Order | undefined): void {
    if (order?.strategyId !== undefined) {
      this.refresh(order.strategyId);
      // A roll's opening legs belong to its successor.
      for (const successor of this.#successorsOf(order.strategyId, contractUnderlyingSymbol(fill.contract))) this.refresh(successor.id);
      return;
    }
    const key = contractKey(fill.contract);
    for (const strategy of this.#store.records.strategies.listByUnderlying(contractUnderlyingSymbol(fill.contract))) {
      if (strategy.status !== 'PENDING' && strategy.status !== 'FAILED' && strategy.legs.some((leg) => contractKey(leg.contract) === key)) this.refresh(strategy.id);
    }
  }

  #settleEntry(strategy: Strategy): Strategy {
    const entries = this.#orders.ordersOf(strategy, 'entry');
    if (entries.length === 0) return strategy;
    const fills = this.#orders.fillsOf(entries);
    const units = filledUnits(strategy.legs, fills, 'open');
    const { quantity } = strategy;
    if (units >= quantity) return this.#save(strategy, openedStrategy(strategy, fills, quantity, this.#options.clock.now(), `entry filled: ${quantity} of ${quantity} units`));
    const working = entries.some((order) => !isFinalStatus(order.status));
    if (working) {
      if (fills.length === 0) return strategy;
      return this.#save(strategy, createStrategy({ ...strategy, statusReason: `entry filling: ${units} of ${quantity} units filled` }));
    }
    const last = entries.at(-1) as Order;
    const ended = `entry order ${last.id} ended ${last.status}${last.statusMessage === undefined ? '' : ` (${last.statusMessage})`}`;
    if (units === 0) return this.#save(strategy, createStrategy({ ...strategy, status: 'FAILED', statusReason: `${ended} with nothing filled` }));
    const extra = isBalanced(strategy.legs, fills, 'open', units) ? '' : '; some legs filled beyond whole units (left unattributed)';
    return this.#save(strategy, openedStrategy(strategy, fills, units, this.#options.clock.now(), `${ended} after ${units} of ${quantity} units: opened with ${units}${extra}`));
  }

  #settleExit(strategy: Strategy): Strategy {
    const exits = this.#orders.ordersOf(strategy, 'exit');
    const latest = exits.at(-1);
    if (latest !== undefined && !isFinalStatus(latest.status)) {
      if (strategy.status === 'CLOSING') return strategy;
      return this.#save(strategy, createStrategy({ ...strategy, status: 'CLOSING', statusReason: `exit order ${latest.id} working` }));
    }
    if (strategy.status === 'CLOSING') {
      if (latest === undefined) return this.#save(strategy, createStrategy({ ...strategy, status: 'OPEN', statusReason: 'no exit order is working' }));
      return this.#applyExit(strategy, latest);
    }
    return this.#settleOutside(strategy);
  }

  #applyExit(strategy: Strategy, order: Order): Strategy {
    const fills = this.#store.fills.listByOrder(order.id);
    const closed = Math.min(strategy.quantity, filledUnits(strategy.legs, fillsOnLegs(fills, strategy.legs), 'close'));
    const ended = `exit order ${order.id} ended ${order.status}`;
    if (closed === 0) {
      return this.#save(strategy, createStrategy({ ...strategy, status: 'OPEN', statusReason: `${ended} with nothing filled${order.statusMessage === undefined ? '' : ` (${order.statusMessage})`}` }));
    }
    const newLegs = this.#orders.openedLegs(strategy, order);
    if (newLegs.length > 0) return this.#applyRoll(strategy, order, fills, newLegs, closed);
    const attributed = this.#orders.attributed(strategy);
    if (closed >= strategy.quantity) return this.#save(strategy, closedStrategy(strategy, attributed, this.#options.clock.now(), `closed by ${order.id}`));
    return this.#save(strategy, reducedStrategy(strategy, closed, attributed, `${ended}: reduced by ${closed} of ${strategy.quantity} units`));
  }

  #applyRoll(strategy: Strategy, order: Order, fills: readonly Fill[], newLegs: readonly OpenedLeg[], closed: number): Strategy {
    const now = this.#options.clock.now();
    const openingFills = fillsOnLegs(fills, newLegs);
    const opened = filledUnits(newLegs, openingFills, 'open');
    const attributed = this.#orders.attributed(strategy);
    const taken = (id: string) => this.#store.records.strategies.get(id as StrategyId) !== undefined;
    const successorId = successorIdFor(strategy, taken);
    const full = closed >= strategy.quantity;
    const away = full ? rolledAwayStrategy(strategy, attributed, successorId, now, `rolled into ${successorId} by ${order.id}`) : reducedStrategy(strategy, closed, attributed, `part of the roll by ${order.id} filled: ${closed} of ${strategy.quantity} units rolled into ${successorId}`);
    if (opened === 0) return this.#save(strategy, full ? closedStrategy(strategy, attributed, now, `roll ${order.id} closed the legs but opened none`) : away);
    const successor = successorStrategy(strategy, { id: successorId, legs: newLegs, openingFills, units: opened, now, decisionId: this.notes(strategy.id).exitDecisionId, rolledAwayPnl: away.realizedPnl });
    const result = this.#store.database.transaction(() => {
      const stored = full ? this.#store.records.recordStrategyRoll(away, successor) : { ok: true as const, rolledAway: this.#store.records.recordStrategyUpdate(away).strategy, successor: this.#store.records.recordStrategyCreated(successor) };
      if (stored.ok) this.#options.notebook.update(successor.id, { ivRankAtEntry: this.#options.ivRankOf(strategy.underlyingSymbol), openedByOrderId: order.id });
      return stored;
    });
    if (!result.ok) {
      this.#options.logger.warn('strategy roll refused by the store', { strategyId: strategy.id, error: result.error });
      return result.strategy;
    }
    this.#publish(result.rolledAway, strategy, result.rolledAway.statusReason);
    this.#publish(result.successor, undefined, result.successor.statusReason);
    return result.rolledAway;
  }

  /** OPEN: a flatten or manual order may have closed the legs; late commissions may change the P&L. */
  #settleOutside(strategy: Strategy): Strategy {
    const attributed = this.#orders.attributed(strategy);
    const held = heldContracts(strategy, attributed);
    if (held.every((contracts) => contracts === 0) && attributed.length > 0) {
      return this.#save(strategy, closedStrategy(strategy, attributed, this.#options.clock.now(), 'closed outside the workflows (kill-switch flatten or a manual order): its legs are flat'));
    }
    // Part-way through an outside close (legs fill one by one): wait for the rest.
    const whole = strategy.legs.every((leg, index) => held[index] === (leg.action === 'BUY' ? 1 : -1) * leg.ratio * strategy.quantity);
    if (!whole) return strategy;
    const pnl = openPnl(strategy, attributed);
    return pnl === strategy.realizedPnl ? strategy : this.#save(strategy, createStrategy({ ...strategy, realizedPnl: pnl }));
  }

  /** CLOSED or ROLLED: a commission reported after the close changes the realized P&L. */
  #settlePnl(strategy: Strategy): Strategy {
    const figures = closedFigures(strategy, this.#orders.attributed(strategy));
    if (figures.realizedPnl === strategy.realizedPnl) return strategy;
    return this.#save(strategy, createStrategy({ ...strategy, ...figures }));
  }

  #successorsOf(id: StrategyId, symbol: string): Strategy[] {
    return this.#store.records.strategies.listByUnderlying(symbol).filter((strategy) => strategy.rolledFromId === id);
  }

  #save(before: Strategy, next: Strategy): Strategy {
    const result = this.#store.records.recordStrategyUpdate(next);
    if (!result.ok) {
      this.#options.logger.warn('strategy update refused by the store', { strategyId: before.id, error: result.error });
      return result.strategy;
    }
    if (result.changed) this.#publish(result.strategy, before, result.strategy.statusReason);
    return result.strategy;
  }

  #publish(strategy: Strategy, before: Pick<Strategy, 'status'> | undefined, reason: string | undefined): void {
    this.#options.events.publish('workflow.strategy-changed', { strategy, previousStatus: before?.status, reason });
  }
}
