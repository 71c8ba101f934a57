// Requests in flight: each is answered after a seeded latency of clock time (IB's round trip),
// and is persisted with the change that queued it, so a restart answers it too.
import type { BrokerOrderChanges } from '../broker.ts';
import type { Clock, Timer } from '../../core/clock.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import type { ExchangeContext, ExchangeServices } from './exchange-context.ts';
import type { PendingRequest } from './paper-records.ts';

export type RequestBody =
  | { readonly kind: 'place'; readonly orderIds: readonly number[] }
  | { readonly kind: 'modify'; readonly orderId: number; readonly changes: BrokerOrderChanges }
  | { readonly kind: 'cancel'; readonly orderId: number }
  | { readonly kind: 'cancel-all' };

export class RequestQueue implements Disposable {
  readonly #services: ExchangeServices;
  readonly #clock: Clock;
  readonly #answer: (request: PendingRequest) => void;
  readonly #timers = new Map<number, Timer>();

  /** `answer` runs when a request is due (the caller wraps it in one state change). */
  constructor(services: ExchangeServices, answer: (request: PendingRequest) => void) {
    this.#services = services;
    this.#clock = services.clock;
    this.#answer = answer;
  }

  /** Queues a request as part of `context`'s change, due after a seeded latency. */
  enqueue(context: ExchangeContext, body: RequestBody): void {
    const { counters, random, config } = this.#services;
    const dueAt = context.now + random.integer(config.latencyMinimumMs, config.latencyMaximumMs);
    const request = { ...body, id: counters.nextRequestId++, dueAt } as PendingRequest;
    context.changes.addedRequests.push(request);
    this.schedule(request);
  }

  /** Arms the timer of a request (also for requests read back from the store). */
  schedule(request: PendingRequest): void {
    const timer = this.#clock.setTimeout(() => {
      this.#timers.delete(request.id);
      this.#answer(request);
    }, Math.max(0, request.dueAt - this.#clock.now()));
    this.#timers.set(request.id, timer);
  }

  dispose(): void {
    for (const timer of this.#timers.values()) timer.dispose();
    this.#timers.clear();
  }
}
