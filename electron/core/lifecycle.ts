// Disposables and the component lifecycle. Every listener, timer and subscription a component
// creates is registered on a DisposableStore, so dispose() tears the component down completely
// (the VS Code habit, see shared/DESIGN.md).
import { AppError } from './errors.ts';

/** Something that holds a resource until dispose() is called. dispose() must be idempotent. */
export interface Disposable {
  dispose(): void;
}

/** Wraps a teardown function as a Disposable that runs it at most once. */
export function toDisposable(teardown: () => void): Disposable {
  let disposed = false;
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      teardown();
    },
  };
}

export function isDisposable(value: unknown): value is Disposable {
  return typeof value === 'object' && value !== null && typeof (value as Disposable).dispose === 'function';
}

/**
 * A set of disposables disposed together, last added first (so a resource is released before
 * the resources it was built on). Errors do not stop the teardown: every item is disposed, then
 * the errors are thrown together as one AggregateError.
 */
export class DisposableStore implements Disposable {
  #items: Disposable[] = [];
  #disposed = false;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Registers `item` and returns it. Adding to a disposed store disposes the item at once (no leak). */
  add<T extends Disposable>(item: T): T {
    if (this.#disposed) {
      item.dispose();
      return item;
    }
    this.#items.push(item);
    return item;
  }

  /** Registers a teardown function. */
  addTeardown(teardown: () => void): Disposable {
    return this.add(toDisposable(teardown));
  }

  /** Forgets `item` without disposing it (when its owner disposed it early). */
  remove(item: Disposable): void {
    const index = this.#items.lastIndexOf(item);
    if (index >= 0) this.#items.splice(index, 1);
  }

  /** Disposes every item (reverse order) but keeps the store usable. */
  clear(): void {
    const items = this.#items;
    this.#items = [];
    const errors: unknown[] = [];
    for (let index = items.length - 1; index >= 0; index--) {
      try {
        items[index]?.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) {
      throw new AggregateError(errors, `${errors.length} of ${items.length} disposables failed to dispose`);
    }
  }

  /** Disposes every item (reverse order); later calls do nothing. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.clear();
  }
}

export type ComponentState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'disposed';

/** The legal transitions. Any state may go to 'disposed' (dispose() is the unconditional teardown). */
const legalTransitions: Readonly<Record<ComponentState, readonly ComponentState[]>> = {
  created: ['starting', 'disposed'],
  starting: ['running', 'stopped', 'disposed'],
  running: ['stopping', 'disposed'],
  stopping: ['stopped', 'disposed'],
  stopped: ['starting', 'disposed'],
  disposed: [],
};

export function isLegalTransition(from: ComponentState, to: ComponentState): boolean {
  return legalTransitions[from].includes(to);
}

/**
 * Base class for a long-lived part of the engine (market-data service, broker, OMS, …).
 *
 * created → starting → running → stopping → stopped (→ starting again), and any state → disposed.
 * - `lifetime` holds what lives as long as the component; disposed by dispose().
 * - `session` holds what lives while running (timers, subscriptions made in onStart); disposed
 *   by stop(), by a failed start and by dispose().
 * A call that would make an illegal transition (start() while running, anything after dispose)
 * throws an 'illegal-state' AppError.
 */
export abstract class Component implements Disposable {
  readonly name: string;
  protected readonly lifetime = new DisposableStore();
  protected readonly session = new DisposableStore();
  #state: ComponentState = 'created';

  constructor(name: string) {
    this.name = name;
  }

  get state(): ComponentState {
    return this.#state;
  }

  /** Runs onStart(); if it fails, the session is torn down, the state becomes 'stopped' and the error is rethrown. */
  async start(): Promise<void> {
    this.#transition('starting');
    try {
      await this.onStart();
    } catch (error) {
      const teardownError = this.#disposeSessionQuietly();
      if (this.#state === 'starting') this.#transition('stopped');
      throw combineErrors(error, teardownError, `starting component '${this.name}' failed and so did its teardown`);
    }
    // dispose() may have run while onStart was awaiting.
    if (this.#state === 'starting') this.#transition('running');
  }

  /** Runs onStop(), then disposes the session; the state becomes 'stopped' even if onStop fails. */
  async stop(): Promise<void> {
    this.#transition('stopping');
    let stopError: unknown;
    try {
      await this.onStop();
    } catch (error) {
      stopError = error;
    }
    const teardownError = this.#disposeSessionQuietly();
    if (this.#state === 'stopping') this.#transition('stopped');
    const error = combineErrors(stopError, teardownError, `stopping component '${this.name}' failed`);
    if (error !== undefined) throw error;
  }

  /** Tears everything down synchronously, whatever the state. Idempotent. Use stop() first for a graceful stop. */
  dispose(): void {
    if (this.#state === 'disposed') return;
    this.#transition('disposed');
    const errors: unknown[] = [];
    for (const step of [() => this.onDispose(), () => this.session.dispose(), () => this.lifetime.dispose()]) {
      try {
        step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `disposing component '${this.name}' failed`);
  }

  /** Override: acquire resources; register them on `this.session`. */
  protected onStart(): Promise<void> | void {}

  /** Override: graceful shutdown work (flush, unsubscribe remotely). The session is disposed afterwards anyway. */
  protected onStop(): Promise<void> | void {}

  /** Override: synchronous last-chance cleanup; runs before the stores are disposed. */
  protected onDispose(): void {}

  #transition(to: ComponentState): void {
    const from = this.#state;
    if (!isLegalTransition(from, to)) {
      throw new AppError('illegal-state', `component '${this.name}' cannot go from ${from} to ${to}`, {
        details: { component: this.name, from, to },
      });
    }
    this.#state = to;
  }

  #disposeSessionQuietly(): unknown {
    try {
      this.session.clear();
      return undefined;
    } catch (error) {
      return error;
    }
  }
}

/** One error from up to two (undefined when neither is set). */
function combineErrors(first: unknown, second: unknown, message: string): unknown {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return new AggregateError([first, second], message);
}
