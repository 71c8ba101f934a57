// When the reconciler runs: once when started (the first run of the process: trigger 'start'),
// on every watchdog 'reconnected' and every broker 'connection' → connected event, and again
// while a run did not reconcile (a failed query, a mismatch, an order in flight): after
// `retryDelayMs`, doubling per further miss up to `maxRetryDelayMs`, so a lasting mismatch (a
// position opened outside the app) is checked again without flooding the journal. Never two runs at once: requests during a run are folded into ONE run after it.
// Losing the link (a broker connection state other than connected, or the watchdog's health
// 'down') marks the governor unreconciled at once and aborts the run in progress, whose answers
// are then stale. No run starts while the broker is not connected: it would only fail.
import type { Broker } from '../../broker.ts';
import type { Clock, Timer } from '../../../core/clock.ts';
import { toAppError } from '../../../core/errors.ts';
import { Component, type Disposable } from '../../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../../core/logger.ts';
import type { WatchdogEvent } from '../connection-watchdog.ts';
import type { ReconcileOptions } from './reconciler.ts';
import type { ReconcilerGovernor } from './reconciler-ports.ts';
import { isReconciled, type ReconcileTrigger, type ReconciliationResult } from './reconciliation-result.ts';

export const DEFAULT_RECONCILE_RETRY_DELAY_MS = 30_000;
export const DEFAULT_RECONCILE_MAX_RETRY_DELAY_MS = 15 * 60_000;

export interface ReconciliationTriggerOptions {
  readonly reconciler: { reconcile(options: ReconcileOptions): Promise<ReconciliationResult> };
  readonly broker: Pick<Broker, 'subscribe' | 'connectionStatus'>;
  readonly watchdog?: { subscribe(listener: (event: WatchdogEvent) => void): Disposable };
  readonly governor: ReconcilerGovernor;
  readonly clock: Clock;
  /** Run again this long after a run that did not reconcile (default 30 s; 0: never), doubling per further miss. */
  readonly retryDelayMs?: number;
  /** The longest wait between retries (default 15 minutes). */
  readonly maxRetryDelayMs?: number;
  readonly logger?: Logger;
}

interface QueuedRun {
  readonly trigger: ReconcileTrigger;
  readonly promise: Promise<ReconciliationResult>;
  readonly resolve: (result: ReconciliationResult) => void;
}

export class ReconciliationTrigger extends Component {
  readonly #options: ReconciliationTriggerOptions;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #logger: Logger;
  /** Runs in a row that did not reconcile. */
  #misses = 0;
  #firstRunDone = false;
  #running: { readonly promise: Promise<ReconciliationResult>; readonly controller: AbortController } | undefined;
  #queued: QueuedRun | undefined;
  #retry: Timer | undefined;

  constructor(options: ReconciliationTriggerOptions) {
    super('reconciliation-trigger');
    this.#options = options;
    this.#retryDelayMs = milliseconds('retryDelayMs', options.retryDelayMs ?? DEFAULT_RECONCILE_RETRY_DELAY_MS);
    this.#maxRetryDelayMs = Math.max(this.#retryDelayMs, milliseconds('maxRetryDelayMs', options.maxRetryDelayMs ?? DEFAULT_RECONCILE_MAX_RETRY_DELAY_MS));
    this.#logger = (options.logger ?? silentLogger).child({ component: 'reconciliation-trigger' });
  }

  /** A run is in progress. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /**
   * Asks for a run: starts one now, or (during a run) joins the one queued after it. Resolves
   * with that run's result; while the broker is not connected, with a failure and no run.
   */
  request(trigger: ReconcileTrigger = 'manual'): Promise<ReconciliationResult> {
    if (this.#queued !== undefined) return this.#queued.promise;
    if (this.#running === undefined) return this.#start(trigger);
    let resolve!: (result: ReconciliationResult) => void;
    const promise = new Promise<ReconciliationResult>((settle) => (resolve = settle));
    this.#queued = { trigger, promise, resolve };
    return promise;
  }

  /** Resolves when no run is in progress or queued (e.g. after start, to await the first run). */
  async whenIdle(): Promise<void> {
    while (this.#running !== undefined || this.#queued !== undefined) {
      await this.#running?.promise;
      await this.#queued?.promise;
    }
  }

  protected override onStart(): void {
    this.session.add(this.#options.broker.subscribe((event) => {
      if (event.type !== 'connection') return;
      if (event.status.state === 'connected') void this.request('reconnect');
      else this.#lost(`the broker connection is ${event.status.state}${event.status.lastError === undefined ? '' : ` (${event.status.lastError})`}`);
    }));
    if (this.#options.watchdog !== undefined) {
      this.session.add(this.#options.watchdog.subscribe((event) => {
        if (event.type === 'reconnected') void this.request('reconnect');
        else if (event.type === 'health' && event.health.state === 'down') this.#lost(`the broker link is down (${event.health.reason})`);
      }));
    }
    this.session.addTeardown(() => this.#cancelRetry());
    void this.request('start');
  }

  /** Waits for the run in progress, so nothing writes after the owner closed the database. */
  protected override async onStop(): Promise<void> {
    this.#cancelRetry();
    await this.#running?.promise;
    await this.#queued?.promise;
  }

  protected override onDispose(): void {
    this.#cancelRetry();
    this.#running?.controller.abort(new Error('the reconciliation trigger was disposed'));
  }

  #start(requested: ReconcileTrigger): Promise<ReconciliationResult> {
    this.#cancelRetry();
    const trigger: ReconcileTrigger = this.#firstRunDone ? requested : 'start';
    if (this.state !== 'starting' && this.state !== 'running') return this.#skipped(trigger, `the reconciliation trigger is ${this.state}`);
    const status = this.#options.broker.connectionStatus();
    if (status.state !== 'connected') {
      const reason = `the broker is not connected (${status.state}): reconciliation waits for the connection`;
      this.#options.governor.markUnreconciled(reason);
      return this.#skipped(trigger, reason);
    }
    this.#firstRunDone = true;
    const controller = new AbortController();
    const promise = this.#options.reconciler
      .reconcile({ trigger, signal: controller.signal })
      .catch((error: unknown): ReconciliationResult => {
        const now = this.#options.clock.now();
        return { ok: false, trigger, startedAt: now, finishedAt: now, reason: `the reconciler threw: ${toAppError(error).message}` };
      })
      .then((result) => {
        this.#finished(result);
        return result;
      });
    this.#running = { promise, controller };
    return promise;
  }

  #skipped(trigger: ReconcileTrigger, reason: string): Promise<ReconciliationResult> {
    const now = this.#options.clock.now();
    return Promise.resolve({ ok: false, trigger, startedAt: now, finishedAt: now, reason });
  }

  #finished(result: ReconciliationResult): void {
    this.#running = undefined;
    const queued = this.#queued;
    this.#queued = undefined;
    if (queued !== undefined) {
      void this.#start(queued.trigger).then(queued.resolve);
      return;
    }
    this.#misses = isReconciled(result) ? 0 : this.#misses + 1;
    if (this.#misses > 0) this.#scheduleRetry();
  }

  #lost(reason: string): void {
    this.#cancelRetry();
    this.#misses = 0;
    this.#running?.controller.abort(new Error(reason));
    this.#options.governor.markUnreconciled(reason);
  }

  #scheduleRetry(): void {
    if (this.#retryDelayMs === 0 || this.state !== 'running' || this.#options.broker.connectionStatus().state !== 'connected') return;
    const delay = Math.min(this.#maxRetryDelayMs, this.#retryDelayMs * 2 ** Math.min(this.#misses - 1, 30));
    this.#retry = this.#options.clock.setTimeout(() => {
      this.#retry = undefined;
      this.#logger.info('reconciling again: the last run did not reconcile');
      void this.request('retry');
    }, delay);
  }

  #cancelRetry(): void {
    this.#retry?.dispose();
    this.#retry = undefined;
  }
}

function milliseconds(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0 of milliseconds, got ${String(value)}`);
  return value;
}
