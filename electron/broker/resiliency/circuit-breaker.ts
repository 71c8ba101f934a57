// A circuit breaker around broker calls: CLOSED (calls pass) → OPEN after `failureThreshold`
// consecutive outage failures (calls are refused at once with a CircuitOpenError) → HALF_OPEN
// after `openDurationMs` (one trial call passes; the others are refused) → CLOSED when the trial
// succeeds, OPEN again when it fails. Which failures count: failure-verdict.ts.
//
// Choices:
// - Only calls admitted in the current state affect it (a generation per state): a slow call
//   that fails after the breaker opened was already part of the outage and must not re-open a
//   breaker that has since half-opened.
// - A call may bypass the breaker (ResilientBroker does so for cancels, so the kill switch is
//   never blocked by our own breaker); its outcome still counts.
// - probeNow() half-opens early (after a reconnect: the old session's failures are stale).
// - A trial that has not settled after `openDurationMs` no longer holds the only slot.
import type { Clock, Timer } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import { CircuitOpenError } from './circuit-open-error.ts';
import { classifyBrokerFailure, type FailureVerdict } from './failure-verdict.ts';
import { ListenerSet } from './listener-set.ts';

export const CIRCUIT_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface CircuitBreakerOptions {
  readonly clock: Clock;
  /** Consecutive outage failures that open the breaker (default 5). */
  readonly failureThreshold?: number;
  /** How long it stays OPEN before a trial call (default 60,000 ms). */
  readonly openDurationMs?: number;
  /** Which failures count (default classifyBrokerFailure). */
  readonly classify?: (error: unknown) => FailureVerdict;
  /** Names the breaker in errors, logs and events (default 'broker'). */
  readonly name?: string;
  readonly logger?: Logger;
}

export interface CircuitSnapshot {
  readonly name: string;
  readonly state: CircuitState;
  /** When the current state was entered. */
  readonly since: number;
  readonly consecutiveFailures: number;
  /** When an OPEN breaker lets a trial call through; undefined in the other states. */
  readonly halfOpenAt: number | undefined;
  readonly lastFailure: string | undefined;
}

export interface CircuitStateChange {
  readonly name: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly at: number;
  readonly reason: string;
  readonly consecutiveFailures: number;
}

export interface CircuitCallOptions {
  /** Run even while OPEN or while a trial is in flight; the outcome still counts. */
  readonly bypass?: boolean;
}

type Admission = { readonly generation: number; readonly trial: boolean };

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_OPEN_DURATION_MS = 60_000;

export class CircuitBreaker implements Disposable {
  readonly name: string;
  readonly failureThreshold: number;
  readonly openDurationMs: number;
  readonly #clock: Clock;
  readonly #classify: (error: unknown) => FailureVerdict;
  readonly #logger: Logger;
  readonly #listeners: ListenerSet<CircuitStateChange>;
  #state: CircuitState = 'CLOSED';
  #since: number;
  #generation = 0;
  #failures = 0;
  #lastFailure: string | undefined;
  #halfOpenTimer: Timer | undefined;
  #halfOpenAt: number | undefined;
  #trialStartedAt: number | undefined;

  constructor(options: CircuitBreakerOptions) {
    this.name = options.name ?? 'broker';
    this.failureThreshold = checkPositiveInteger('failureThreshold', options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD);
    this.openDurationMs = checkPositiveInteger('openDurationMs', options.openDurationMs ?? DEFAULT_OPEN_DURATION_MS);
    this.#clock = options.clock;
    this.#classify = options.classify ?? classifyBrokerFailure;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'circuit-breaker', circuit: this.name });
    this.#listeners = new ListenerSet('circuit breaker', this.#logger);
    this.#since = options.clock.now();
  }

  get state(): CircuitState {
    this.#halfOpenIfDue();
    return this.#state;
  }

  snapshot(): CircuitSnapshot {
    const state = this.state;
    return { name: this.name, state, since: this.#since, consecutiveFailures: this.#failures, halfOpenAt: this.#halfOpenAt, lastFailure: this.#lastFailure };
  }

  /** Hears every state change. */
  onStateChange(listener: (change: CircuitStateChange) => void): Disposable {
    return this.#listeners.add(listener);
  }

  /** Runs `operation` if the breaker admits it (else throws CircuitOpenError) and records its outcome. */
  async execute<T>(operation: () => Promise<T>, options: CircuitCallOptions = {}): Promise<T> {
    const admission = this.#admit(options.bypass ?? false);
    let result: T;
    try {
      result = await operation();
    } catch (error) {
      this.#record(admission, this.#classify(error), error);
      throw error;
    }
    this.#record(admission, 'broker-answered', undefined);
    return result;
  }

  /** Half-opens an OPEN breaker now instead of at halfOpenAt (e.g. the broker reconnected). */
  probeNow(reason: string): void {
    if (this.#state === 'OPEN') this.#transition('HALF_OPEN', reason);
  }

  dispose(): void {
    this.#clearTimer();
    this.#listeners.clear();
  }

  #admit(bypass: boolean): Admission {
    this.#halfOpenIfDue();
    const generation = this.#generation;
    if (this.#state === 'CLOSED' || bypass) return { generation, trial: false };
    if (this.#state === 'HALF_OPEN' && !this.#trialHoldsSlot()) {
      this.#trialStartedAt = this.#clock.now();
      return { generation, trial: true };
    }
    throw this.#refusal();
  }

  #record(admission: Admission, verdict: FailureVerdict, error: unknown): void {
    if (admission.trial && admission.generation === this.#generation) this.#trialStartedAt = undefined;
    if (verdict === 'neutral' || admission.generation !== this.#generation) return;
    if (verdict === 'broker-answered') {
      this.#failures = 0;
      if (this.#state !== 'CLOSED') this.#transition('CLOSED', admission.trial ? 'the trial call succeeded' : 'a call succeeded');
      return;
    }
    this.#failures += 1;
    this.#lastFailure = error instanceof Error ? error.message : String(error);
    if (this.#state === 'HALF_OPEN') this.#transition('OPEN', `the trial call failed: ${this.#lastFailure}`);
    else if (this.#state === 'CLOSED' && this.#failures >= this.failureThreshold) {
      this.#transition('OPEN', `${this.#failures} consecutive failures, the last: ${this.#lastFailure}`);
    }
  }

  #trialHoldsSlot(): boolean {
    return this.#trialStartedAt !== undefined && this.#clock.now() - this.#trialStartedAt < this.openDurationMs;
  }

  #halfOpenIfDue(): void {
    if (this.#state === 'OPEN' && this.#halfOpenAt !== undefined && this.#clock.now() >= this.#halfOpenAt) {
      this.#transition('HALF_OPEN', `open for ${this.openDurationMs} ms`);
    }
  }

  #transition(to: CircuitState, reason: string): void {
    const from = this.#state;
    const at = this.#clock.now();
    this.#state = to;
    this.#since = at;
    this.#generation += 1;
    this.#trialStartedAt = undefined;
    this.#clearTimer();
    if (to === 'OPEN') this.#armHalfOpen(at);
    if (to === 'CLOSED') this.#failures = 0;
    const change: CircuitStateChange = { name: this.name, from, to, at, reason, consecutiveFailures: this.#failures };
    if (to === 'OPEN') this.#logger.warn('circuit opened', { reason, consecutiveFailures: this.#failures });
    else this.#logger.info(`circuit ${to === 'CLOSED' ? 'closed' : 'half-open'}`, { reason });
    this.#listeners.emit(change);
  }

  #armHalfOpen(now: number): void {
    this.#halfOpenAt = now + this.openDurationMs;
    this.#halfOpenTimer = this.#clock.setTimeout(() => this.#halfOpenIfDue(), this.openDurationMs);
  }

  #clearTimer(): void {
    this.#halfOpenTimer?.dispose();
    this.#halfOpenTimer = undefined;
    this.#halfOpenAt = undefined;
  }

  #refusal(): CircuitOpenError {
    const retryAt = this.#halfOpenAt;
    const why = this.#state === 'OPEN'
      ? `is OPEN after ${this.#failures} consecutive failures (last: ${this.#lastFailure ?? 'none'}); a trial call is allowed at ${new Date(retryAt ?? 0).toISOString()}`
      : 'is HALF_OPEN and its one trial call is still in flight';
    return new CircuitOpenError(`broker call refused: circuit breaker '${this.name}' ${why}`, retryAt, { circuit: this.name, state: this.#state });
  }
}

function checkPositiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new AppError('validation', `circuit breaker ${name} must be an integer ≥ 1, got ${String(value)}`);
  return value;
}
