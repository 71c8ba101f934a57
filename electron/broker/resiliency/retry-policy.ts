// Which broker operations may be repeated, and the retry loop with backoff.
//
// Safe to repeat: queries (they change nothing), cancels (cancelling twice ends the same way)
// and connect. Order submissions (place, bracket, modify) are repeated ONLY when the broker
// certainly never received them: a BrokerRequestError with sendOutcome 'not-sent' and a
// retryable code (isSafeToRetry). An order whose outcome is unknown is never repeated: the
// caller gets the 'unknown' error and the reconciler looks the order up by its client order
// ref. Nothing is retried against an open circuit breaker (it would only wait for the refusal).
import { isSafeToRetry } from '../broker-request-error.ts';
import type { Clock } from '../../core/clock.ts';
import { AppError, isRetryable } from '../../core/errors.ts';
import { createBackoff, type Backoff, type BackoffOptions } from './backoff.ts';
import { CircuitOpenError } from './circuit-open-error.ts';
import { sleep } from './clock-delay.ts';

export const OPERATION_KINDS = ['query', 'cancel', 'connect', 'order'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The kind of each Broker method that ResilientBroker retries. */
export const BROKER_OPERATION_KINDS = {
  connect: 'connect',
  placeOrder: 'order',
  placeBracketOrder: 'order',
  modifyOrder: 'order',
  cancelOrder: 'cancel',
  cancelAllOrders: 'cancel',
  openOrders: 'query',
  positions: 'query',
  executions: 'query',
  accountSummary: 'query',
  whatIf: 'query',
} as const satisfies Record<string, OperationKind>;
export type RetriedBrokerMethod = keyof typeof BROKER_OPERATION_KINDS;

/** True when repeating an operation of `kind` that failed with `error` cannot do harm and may help. */
export function isRetryAllowed(kind: OperationKind, error: unknown): boolean {
  if (error instanceof CircuitOpenError) return false;
  if (kind === 'order') return isSafeToRetry(error);
  return isRetryable(error);
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 4: the first try and retries after 1 s, 2 s, 4 s). */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly backoff: Backoff;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

export function createRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new AppError('validation', `retry maxAttempts must be an integer ≥ 1, got ${String(maxAttempts)}`);
  }
  return { maxAttempts, backoff: createBackoff(options.backoff) };
}

export interface RetryNotice {
  /** The attempt that failed (1 = the first try). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryRun {
  readonly clock: Clock;
  readonly kind: OperationKind;
  readonly policy: RetryPolicy;
  /** Aborting stops the waiting; the last failure is then thrown. */
  readonly signal?: AbortSignal;
  /** An extra veto on top of isRetryAllowed (e.g. no order retry while disconnected). */
  readonly mayRetry?: (error: unknown) => boolean;
  /** Hears of each retry before its wait (for logs and metrics). */
  readonly onRetry?: (notice: RetryNotice) => void;
}

/**
 * Runs `operation` (given the attempt number, from 1) until it succeeds, fails in a way that
 * may not be retried, or runs out of attempts; then throws the last failure unchanged.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, run: RetryRun): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const again = attempt < run.policy.maxAttempts && isRetryAllowed(run.kind, error) && (run.mayRetry?.(error) ?? true);
      if (!again) throw error;
      const delayMs = run.policy.backoff.delayMs(attempt);
      run.onRetry?.({ attempt, delayMs, error });
      await waitOrThrow(run, delayMs, error);
    }
  }
}

/** Waits; when the wait is cancelled the operation's own failure is what the caller must see. */
async function waitOrThrow(run: RetryRun, delayMs: number, lastError: unknown): Promise<void> {
  try {
    await sleep(run.clock, delayMs, run.signal);
  } catch {
    throw lastError;
  }
}
