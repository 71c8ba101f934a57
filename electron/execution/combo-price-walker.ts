// Walks a working combo order's limit toward the natural price: every `intervalMs` of clock time
// it modifies the order one step (through the OMS, so each step passes the gate as a 'modify'),
// re-reading the natural price from the quotes. It stops for good when the order is final or a
// cancel is pending, when the limit sits on its cap (the natural price, or zero / the minimum
// credit for a credit order: never a debit), after maxSteps, or when a modify is not sent.
import { isFinalStatus } from '../../shared/domain/order-status.ts';
import type { Order } from '../../shared/domain/order.ts';
import { DisposableStore, type Disposable } from '../core/lifecycle.ts';
import { errorText } from './broker-call.ts';
import { orderPrices, type QuoteSource } from './combo-pricing.ts';
import type { WalkStopReason } from './execution-events.ts';
import type { OrderManagementSystem } from './order-management-system.ts';
import { boundAt, nextWalkPrice, type WalkPlan } from './price-walk.ts';

export const DEFAULT_MAX_WALK_STEPS = 50;

export interface ComboPriceWalkerOptions {
  readonly oms: OrderManagementSystem;
  readonly quotes: QuoteSource;
  readonly order: Order;
  readonly plan: WalkPlan;
  /** The natural price when the walk started (used while a leg has no quote). */
  readonly natural: number;
  readonly intervalMs: number;
  readonly maxSteps?: number;
  readonly onStop?: (reason: WalkStopReason) => void;
}

export class ComboPriceWalker implements Disposable {
  readonly #options: ComboPriceWalkerOptions;
  readonly #lifetime = new DisposableStore();
  #limitPrice: number;
  #natural: number;
  #steps = 0;
  #busy = false;
  #stopReason: WalkStopReason | undefined;

  constructor(options: ComboPriceWalkerOptions) {
    this.#options = options;
    this.#limitPrice = options.plan.start;
    this.#natural = options.natural;
  }

  get limitPrice(): number {
    return this.#limitPrice;
  }

  get steps(): number {
    return this.#steps;
  }

  get stopReason(): WalkStopReason | undefined {
    return this.#stopReason;
  }

  start(): void {
    const { oms, order, intervalMs } = this.#options;
    this.#lifetime.add(oms.clock.setInterval(() => {
      this.#step().catch((error: unknown) => {
        oms.bus.publish('oms.error', { message: errorText(error), code: (error as { code?: string }).code ?? 'unknown', orderId: order.id });
        this.stop('modify-failed');
      });
    }, intervalMs));
    this.#lifetime.add(oms.bus.subscribe('order.updated', (update) => {
      if (update.order.id !== order.id) return;
      if (isFinalStatus(update.order.status)) this.stop(update.order.status === 'FILLED' ? 'filled' : 'final');
      else if (update.order.status === 'PENDING_CANCEL') this.stop('cancel-requested');
    }));
  }

  async #step(): Promise<void> {
    if (this.#busy || this.#stopReason !== undefined) return;
    const { oms, order, plan, quotes } = this.#options;
    if (this.#steps >= (this.#options.maxSteps ?? DEFAULT_MAX_WALK_STEPS)) return this.stop('max-steps');
    this.#natural = orderPrices(order.instrument, order.action, quotes)?.natural ?? this.#natural;
    const next = nextWalkPrice(plan, this.#limitPrice, this.#natural);
    if (next === undefined) return this.stop(boundAt(plan, this.#natural) === 'natural' ? 'reached-natural' : 'credit-floor');
    this.#busy = true;
    const result = await oms.modify(order.id, { limitPrice: next.price });
    this.#busy = false;
    if (this.#stopReason !== undefined) return;
    if (result.outcome !== 'sent') return this.stop('modify-failed');
    this.#limitPrice = next.price;
    this.#steps += 1;
    oms.bus.publish('combo.walk-step', { orderId: order.id, step: this.#steps, limitPrice: next.price, natural: this.#natural });
    if (next.bound !== undefined) this.stop(next.bound === 'natural' ? 'reached-natural' : 'credit-floor');
  }

  /** Stops walking (idempotent); publishes why once. */
  stop(reason: WalkStopReason = 'stopped'): void {
    if (this.#stopReason !== undefined) return;
    this.#stopReason = reason;
    this.#lifetime.dispose();
    this.#options.oms.bus.publish('combo.walk-stopped', { orderId: this.#options.order.id, reason, limitPrice: this.#limitPrice, steps: this.#steps });
    this.#options.onStop?.(reason);
  }

  /** Stops without publishing (the bus may be going away with the engine). */
  dispose(): void {
    if (this.#stopReason !== undefined) return;
    this.#stopReason = 'stopped';
    this.#lifetime.dispose();
    this.#options.onStop?.('stopped');
  }
}
