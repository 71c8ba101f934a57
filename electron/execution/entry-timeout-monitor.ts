// Watches working ENTRY orders (purpose 'entry'; exits, hedges and flattens are left alone) and
// acts on those older than the timeout (default 300 s of clock time, measured from creation):
// - 'cancel': cancel the order.
// - 'reprice': cancel it, and once the broker confirms it is dead (never before: a cancel can
//   race a fill, F15), place a new entry order for the unfilled rest at the limit the price
//   function gives (undefined: no replacement). Only LMT orders without bracket children are
//   repriced, at most `maxReprices` times along one replacement chain; others are cancelled.
// A pending replacement lives in memory: after a restart the cancelled order is not replaced.
import { isFinalStatus } from '../../shared/domain/order-status.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { DisposableStore, type Disposable } from '../core/lifecycle.ts';
import { errorText } from './broker-call.ts';
import type { OrderManagementSystem } from './order-management-system.ts';
import type { OrderTerms } from './oms-types.ts';

export const DEFAULT_ENTRY_TIMEOUT_MS = 300_000;

export interface EntryTimeoutOptions {
  readonly timeoutMs?: number;
  /** How often working orders are checked (default 1 s of clock time). */
  readonly checkIntervalMs?: number;
  readonly policy?: 'cancel' | 'reprice';
  /** The new limit for a timed-out order (reprice policy); undefined means no replacement. */
  readonly reprice?: (order: Order, terms: OrderTerms) => number | undefined;
  readonly maxReprices?: number;
}

export class EntryTimeoutMonitor implements Disposable {
  readonly #oms: OrderManagementSystem;
  readonly #timeoutMs: number;
  readonly #checkIntervalMs: number;
  readonly #policy: 'cancel' | 'reprice';
  readonly #reprice: EntryTimeoutOptions['reprice'];
  readonly #maxReprices: number;
  readonly #handling = new Set<OrderId>();
  readonly #awaitingReplacement = new Set<OrderId>();
  readonly #lifetime = new DisposableStore();

  constructor(oms: OrderManagementSystem, options: EntryTimeoutOptions = {}) {
    this.#oms = oms;
    this.#timeoutMs = positive(options.timeoutMs ?? DEFAULT_ENTRY_TIMEOUT_MS, 'timeoutMs');
    this.#checkIntervalMs = positive(options.checkIntervalMs ?? 1_000, 'checkIntervalMs');
    this.#policy = options.policy ?? 'cancel';
    if (this.#policy === 'reprice' && options.reprice === undefined) throw new RangeError("the 'reprice' policy needs a reprice price function");
    this.#reprice = options.reprice;
    this.#maxReprices = options.maxReprices ?? 3;
  }

  start(): void {
    if (this.#lifetime.size > 0) return;
    const report = (error: unknown) => this.#oms.bus.publish('oms.error', { message: errorText(error), code: (error as { code?: string }).code ?? 'unknown', orderId: undefined });
    this.#lifetime.add(this.#oms.clock.setInterval(() => void this.check().catch(report), this.#checkIntervalMs));
    this.#lifetime.add(this.#oms.bus.subscribe('order.updated', ({ order }) => this.#onUpdate(order)));
  }

  /** One pass over the working orders (the interval calls it; tests may too). */
  async check(): Promise<void> {
    const now = this.#oms.clock.now();
    const due = this.#oms.workingOrders().filter((order) => this.#isDue(order, now));
    await Promise.all(due.map((order) => this.#timeOut(order, now - order.createdAt)));
  }

  #isDue(order: Order, now: number): boolean {
    const context = this.#oms.contextOf(order.id);
    if (context?.purpose !== 'entry' || context.dryRun || order.status === 'PENDING_CANCEL') return false;
    return !this.#handling.has(order.id) && now - order.createdAt >= this.#timeoutMs;
  }

  async #timeOut(order: Order, ageMs: number): Promise<void> {
    const policy = this.#policy === 'reprice' && this.#canReprice(order) ? 'reprice' : 'cancel';
    this.#handling.add(order.id);
    this.#oms.bus.publish('order.timed-out', { order, policy, ageMs });
    if (policy === 'reprice') this.#awaitingReplacement.add(order.id);
    try {
      const result = await this.#oms.cancel(order.id);
      if (result.outcome === 'not-sent' || result.outcome === 'invalid' || result.outcome === 'denied') this.#awaitingReplacement.delete(order.id);
    } finally {
      this.#handling.delete(order.id);
    }
  }

  #canReprice(order: Order): boolean {
    if (order.type !== 'LMT') return false;
    if (this.#oms.workingOrders().some((other) => other.parentId === order.id)) return false;
    return this.#repriceCount(order.id) < this.#maxReprices;
  }

  #repriceCount(orderId: OrderId): number {
    let count = 0;
    for (let id = this.#oms.contextOf(orderId)?.replacesOrderId; id !== undefined; id = this.#oms.contextOf(id)?.replacesOrderId) count += 1;
    return count;
  }

  #onUpdate(order: Order): void {
    if (!this.#awaitingReplacement.has(order.id) || !isFinalStatus(order.status)) return;
    this.#awaitingReplacement.delete(order.id);
    this.#replace(order).catch((error: unknown) => this.#oms.bus.publish('oms.error', { message: errorText(error), code: 'unknown', orderId: order.id }));
  }

  async #replace(previous: Order): Promise<void> {
    const remaining = previous.quantity - previous.filledQuantity;
    const publish = (replacement: Order | undefined, limitPrice: number | undefined, why: string) => this.#oms.bus.publish('order.replaced', { previous, replacement, limitPrice, why });
    if (previous.status !== 'CANCELLED' || remaining === 0) return publish(undefined, undefined, `not replaced: the order ended ${previous.status} with ${remaining} unfilled`);
    const terms = this.#oms.termsOf(previous.id) as OrderTerms;
    const limitPrice = this.#reprice?.(previous, terms);
    if (limitPrice === undefined) return publish(undefined, undefined, 'not replaced: the price function gave no new limit');
    const context = this.#oms.contextOf(previous.id);
    const result = await this.#oms.submit({ ...terms, quantity: remaining, limitPrice, purpose: 'entry', strategyId: previous.strategyId, ocaGroup: previous.ocaGroup, replacesOrderId: previous.id }, { dryRun: context?.dryRun });
    publish(result.orders[0], limitPrice, result.outcome === 'sent' ? `replaced at ${limitPrice}` : `replacement ${result.outcome}: ${'error' in result ? result.error : ''}`);
  }

  dispose(): void {
    this.#lifetime.dispose();
    this.#awaitingReplacement.clear();
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}
