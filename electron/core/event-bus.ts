// A typed, synchronous event bus. `EventMap` maps each event type to its payload type, e.g.
//   type EngineEvents = { 'order.filled': OrderFilled; 'risk.halted': { reason: string } };
//   const bus = new EventBus<EngineEvents>({ onHandlerError: (error, event) => log.error(…) });
//
// Guarantees:
// - Handlers run synchronously, in subscription order (typed and subscribeAll handlers share one order).
// - Every handler sees events in the same order: an event published from inside a handler is
//   queued and dispatched after the current event has reached every handler; the outermost
//   publish() returns only when the queue is empty.
// - A handler that throws does not stop the others; its error goes to `onHandlerError` (or the
//   logger, or stderr as a JSON line when neither is given), never silently dropped.
// - Events are immutable: in development (NODE_ENV !== 'production') payloads are deep-frozen
//   (plain objects and arrays) so a handler that mutates one throws instead of corrupting others.
import { toDisposable, type Disposable } from './lifecycle.ts';
import type { Logger } from './logger.ts';

export type BusEvent<EventMap, Type extends keyof EventMap = keyof EventMap> = {
  [K in Type]: { readonly type: K; readonly payload: EventMap[K] };
}[Type];

export type EventHandler<Payload> = (payload: Payload) => void;

export type HandlerErrorReporter<EventMap> = (error: unknown, event: BusEvent<EventMap>) => void;

export type EventBusOptions<EventMap> = {
  /** Hears every error a handler throws. Default: `logger.error`, or one JSON line on stderr without a logger. */
  onHandlerError?: HandlerErrorReporter<EventMap>;
  logger?: Logger;
  /** Deep-freeze payloads before dispatch. Default: true unless NODE_ENV is 'production'. */
  freezePayloads?: boolean;
};

type Subscription = { readonly id: number; readonly handler: (event: never) => void; active: boolean };

export class EventBus<EventMap extends object> implements Disposable {
  readonly #byType = new Map<keyof EventMap, Subscription[]>();
  #all: Subscription[] = [];
  #nextId = 0;
  readonly #queue: BusEvent<EventMap>[] = [];
  #dispatching = false;
  #disposed = false;
  readonly #onHandlerError: HandlerErrorReporter<EventMap>;
  readonly #freeze: boolean;

  constructor(options: EventBusOptions<EventMap> = {}) {
    const logger = options.logger;
    this.#onHandlerError =
      options.onHandlerError ??
      (logger ? (error, event) => logger.error('event handler threw', { eventType: String(event.type), error }) : reportToStderr);
    this.#freeze = options.freezePayloads ?? process.env.NODE_ENV !== 'production';
  }

  /** Calls `handler` with the payload of every `type` event until the returned Disposable is disposed. */
  subscribe<Type extends keyof EventMap>(type: Type, handler: EventHandler<EventMap[Type]>): Disposable {
    const subscription = this.#subscription((event: BusEvent<EventMap, Type>) => handler(event.payload));
    const list = this.#byType.get(type) ?? [];
    list.push(subscription);
    this.#byType.set(type, list);
    return toDisposable(() => {
      subscription.active = false;
      const remaining = (this.#byType.get(type) ?? []).filter((item) => item !== subscription);
      if (remaining.length === 0) this.#byType.delete(type);
      else this.#byType.set(type, remaining);
    });
  }

  /** Calls `handler` with every event (journal, IPC forwarder, logging). */
  subscribeAll(handler: (event: BusEvent<EventMap>) => void): Disposable {
    const subscription = this.#subscription(handler);
    this.#all.push(subscription);
    return toDisposable(() => {
      subscription.active = false;
      this.#all = this.#all.filter((item) => item !== subscription);
    });
  }

  publish<Type extends keyof EventMap>(type: Type, payload: EventMap[Type]): void {
    if (this.#disposed) throw new Error(`event bus is disposed: cannot publish '${String(type)}'`);
    if (this.#freeze) deepFreeze(payload);
    this.#queue.push({ type, payload } as BusEvent<EventMap>);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let event = this.#queue.shift(); event !== undefined; event = this.#queue.shift()) this.#dispatch(event);
    } finally {
      this.#dispatching = false;
    }
  }

  /** How many handlers would hear an event of `type` (typed plus subscribeAll). */
  listenerCount(type: keyof EventMap): number {
    return (this.#byType.get(type)?.length ?? 0) + this.#all.length;
  }

  /** Drops every subscription; publishing afterwards throws. */
  dispose(): void {
    this.#disposed = true;
    for (const list of this.#byType.values()) for (const subscription of list) subscription.active = false;
    for (const subscription of this.#all) subscription.active = false;
    this.#byType.clear();
    this.#all = [];
    this.#queue.length = 0;
  }

  #subscription(handler: (event: never) => void): Subscription {
    if (this.#disposed) throw new Error('event bus is disposed: cannot subscribe');
    return { id: this.#nextId++, handler, active: true };
  }

  #dispatch(event: BusEvent<EventMap>): void {
    // Snapshot so (un)subscribing during dispatch cannot skip or repeat a handler; a handler
    // unsubscribed by an earlier one is no longer called.
    const targets = mergeById(this.#byType.get(event.type) ?? [], this.#all);
    for (const subscription of targets) {
      if (!subscription.active) continue;
      try {
        (subscription.handler as (event: BusEvent<EventMap>) => void)(event);
      } catch (error) {
        this.#report(error, event);
      }
    }
  }

  #report(error: unknown, event: BusEvent<EventMap>): void {
    try {
      this.#onHandlerError(error, event);
    } catch (reporterError) {
      reportToStderr(new AggregateError([error, reporterError], 'event handler failed and so did onHandlerError'), event);
    }
  }
}

/** Merges two lists sorted by id into one (subscription order across typed and catch-all handlers). */
function mergeById(typed: readonly Subscription[], all: readonly Subscription[]): Subscription[] {
  if (all.length === 0) return typed.slice();
  if (typed.length === 0) return all.slice();
  const merged: Subscription[] = [];
  let i = 0;
  let j = 0;
  while (i < typed.length || j < all.length) {
    const a = typed[i];
    const b = all[j];
    if (b === undefined || (a !== undefined && a.id < b.id)) {
      merged.push(a as Subscription);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }
  return merged;
}

function reportToStderr(error: unknown, event: { type: PropertyKey }): void {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'event handler threw', component: 'event-bus', eventType: String(event.type), error: detail })}\n`);
}

/** Freezes plain objects and arrays recursively; class instances (Map, Date, …) are left as they are. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  const plain = Array.isArray(value) || prototype === Object.prototype || prototype === null;
  if (!plain) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
