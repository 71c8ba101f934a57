// The in-flight check (reliability.md F6: orders stuck in PendingSubmit, sometimes filled at IB
// anyway). An order that is still PENDING_SUBMIT `timeoutMs` (default 5 s of clock time) after
// it was sent had no answer from the broker, so the monitor looks it up: the broker's open
// orders and its executions since the order was created, matched by client order ref. What the
// broker shows goes through the OMS's normal event path (status through the transition table,
// executions as fills, de-duplicated). If that does not settle the order it publishes
// 'order.in-flight-stale' (alert-worthy) and looks again every `retryIntervalMs` (default 30 s)
// up to `maxLookups` (default 10). It only reads: an order is never resent. Dry runs (DRY_ ids)
// never reach a broker and are ignored. One lookup serves every order due at the same time.
import type { Broker, BrokerExecution, BrokerOrderSnapshot, BrokerOrderState } from '../broker/broker.ts';
import { DisposableStore, type Disposable } from '../core/lifecycle.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { callBroker, errorText, type BrokerCallOutcome } from './broker-call.ts';
import type { OrderManagementSystem } from './order-management-system.ts';
import { isDryRunOrderId } from './order-ids.ts';

export const DEFAULT_IN_FLIGHT_TIMEOUT_MS = 5_000;

export interface InFlightMonitorOptions {
  /** No answer this long after the order was sent triggers the first lookup (default 5 s). */
  readonly timeoutMs?: number;
  /** Between lookups of an order still in flight (default 30 s). */
  readonly retryIntervalMs?: number;
  /** Lookups of one order before the monitor gives up on it (default 10). */
  readonly maxLookups?: number;
  /** How often in-flight orders are checked (default 1 s). */
  readonly checkIntervalMs?: number;
  /** Deadline of one broker lookup call (default 10 s). */
  readonly lookupTimeoutMs?: number;
}

interface Tracked {
  readonly sentAt: number;
  lookups: number;
  nextLookupAt: number;
  gaveUp: boolean;
}

interface BrokerView {
  readonly snapshots: readonly BrokerOrderSnapshot[];
  readonly executions: readonly BrokerExecution[];
  readonly error: string | undefined;
}

export class InFlightMonitor implements Disposable {
  readonly #oms: OrderManagementSystem;
  readonly #broker: Broker;
  readonly #timeoutMs: number;
  readonly #retryIntervalMs: number;
  readonly #maxLookups: number;
  readonly #checkIntervalMs: number;
  readonly #lookupTimeoutMs: number;
  readonly #tracked = new Map<OrderId, Tracked>();
  readonly #lifetime = new DisposableStore();
  #checking = false;

  constructor(oms: OrderManagementSystem, broker: Broker, options: InFlightMonitorOptions = {}) {
    this.#oms = oms;
    this.#broker = broker;
    this.#timeoutMs = positive(options.timeoutMs ?? DEFAULT_IN_FLIGHT_TIMEOUT_MS, 'timeoutMs');
    this.#retryIntervalMs = positive(options.retryIntervalMs ?? 30_000, 'retryIntervalMs');
    this.#checkIntervalMs = positive(options.checkIntervalMs ?? 1_000, 'checkIntervalMs');
    this.#lookupTimeoutMs = positive(options.lookupTimeoutMs ?? 10_000, 'lookupTimeoutMs');
    this.#maxLookups = options.maxLookups ?? 10;
    if (!Number.isSafeInteger(this.#maxLookups) || this.#maxLookups < 1) throw new RangeError(`maxLookups must be a positive integer, got ${String(options.maxLookups)}`);
  }

  /** Checks every `checkIntervalMs` of clock time until disposed (idempotent). */
  start(): void {
    if (this.#lifetime.size > 0) return;
    const report = (error: unknown) => this.#oms.bus.publish('oms.error', { message: errorText(error), code: (error as { code?: string }).code ?? 'unknown', orderId: undefined });
    this.#lifetime.add(this.#oms.clock.setInterval(() => void this.check().catch(report), this.#checkIntervalMs));
  }

  /** One pass: forget settled orders, track new in-flight ones, look up those due (the interval calls it; tests may too). */
  async check(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      const due = this.#dueOrders(this.#oms.clock.now());
      if (due.length > 0) await this.#lookUp(due);
    } finally {
      this.#checking = false;
    }
  }

  #dueOrders(now: number): Order[] {
    const inFlight = this.#oms.workingOrders().filter((order) => order.status === 'PENDING_SUBMIT' && !isDryRunOrderId(order.id));
    const inFlightIds = new Set(inFlight.map((order) => order.id));
    for (const [orderId, tracked] of this.#tracked) {
      if (inFlightIds.has(orderId)) continue;
      this.#tracked.delete(orderId);
      const order = this.#oms.getOrder(orderId);
      if (tracked.lookups > 0 && order !== undefined) this.#oms.bus.publish('order.in-flight-resolved', { order, lookups: tracked.lookups, via: 'broker-report' });
    }
    return inFlight.filter((order) => {
      const tracked = this.#track(order);
      return !tracked.gaveUp && now >= tracked.nextLookupAt;
    });
  }

  #track(order: Order): Tracked {
    const known = this.#tracked.get(order.id);
    if (known !== undefined) return known;
    const sentAt = this.#oms.sentAt(order.id) ?? order.createdAt;
    const tracked: Tracked = { sentAt, lookups: 0, nextLookupAt: sentAt + this.#timeoutMs, gaveUp: false };
    this.#tracked.set(order.id, tracked);
    return tracked;
  }

  async #lookUp(due: readonly Order[]): Promise<void> {
    const view = await this.#brokerView(Math.min(...due.map((order) => order.createdAt)));
    const now = this.#oms.clock.now();
    for (const order of due) {
      const tracked = this.#tracked.get(order.id);
      if (tracked === undefined) continue;
      tracked.lookups += 1;
      tracked.nextLookupAt = now + this.#retryIntervalMs;
      const brokerState = this.#apply(order, view);
      const current = this.#oms.getOrder(order.id) ?? order;
      if (current.status !== 'PENDING_SUBMIT') {
        this.#tracked.delete(order.id);
        this.#oms.bus.publish('order.in-flight-resolved', { order: current, lookups: tracked.lookups, via: 'lookup' });
        continue;
      }
      tracked.gaveUp = tracked.lookups >= this.#maxLookups;
      const stale = { order: current, sentAt: tracked.sentAt, ageMs: now - tracked.sentAt, lookups: tracked.lookups, brokerState, error: view.error, gaveUp: tracked.gaveUp };
      this.#oms.bus.publish('order.in-flight-stale', stale);
    }
  }

  /** Asks the broker for its open orders and its executions since `since`; a failed call leaves its part empty and says why. */
  async #brokerView(since: number): Promise<BrokerView> {
    const [open, executions] = await Promise.all([
      callBroker(this.#oms.clock, this.#lookupTimeoutMs, () => this.#broker.openOrders()),
      callBroker(this.#oms.clock, this.#lookupTimeoutMs, () => this.#broker.executions(since)),
    ]);
    const failures = [describeFailure('open orders', open), describeFailure('executions', executions)].filter((text) => text !== undefined);
    return {
      snapshots: open.kind === 'ok' ? open.value : [],
      executions: executions.kind === 'ok' ? executions.value : [],
      error: failures.length === 0 ? undefined : failures.join('; '),
    };
  }

  /** Feeds what the broker shows for `order` through the OMS's normal event path; returns the broker's state (undefined: not shown). */
  #apply(order: Order, view: BrokerView): BrokerOrderState | undefined {
    const snapshot = view.snapshots.find((candidate) => candidate.clientOrderRef === order.clientOrderRef);
    const executions = view.executions.filter((execution) => execution.clientOrderRef === order.clientOrderRef);
    if (snapshot !== undefined) {
      const { brokerOrderId, state, filledQuantity, remainingQuantity, averageFillPrice } = snapshot;
      const status = { clientOrderRef: order.clientOrderRef, brokerOrderId, state, filledQuantity, remainingQuantity, averageFillPrice, reason: undefined, code: undefined, time: this.#oms.clock.now() };
      this.#oms.applyBrokerEvent({ type: 'order-status', status });
    }
    for (const execution of executions) this.#oms.applyBrokerEvent({ type: 'execution', execution });
    return snapshot?.state;
  }

  dispose(): void {
    this.#lifetime.dispose();
    this.#tracked.clear();
  }
}

function describeFailure<T>(what: string, outcome: BrokerCallOutcome<T>): string | undefined {
  return outcome.kind === 'ok' ? undefined : `the ${what} lookup failed: ${outcome.error}`;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}
