// The reconnect loop: wait (1 s, 2 s, 4 s, … capped), connect, repeat until connected, stopped
// or out of attempts. A connect that hangs counts as a failed attempt after `connectTimeoutMs`
// (the half-made connection is dropped), so the loop never stalls on a dead gateway.
import type { Broker } from '../broker.ts';
import type { Clock } from '../../core/clock.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import type { Backoff } from './backoff.ts';
import { sleep, withTimeout } from './clock-delay.ts';

export interface ReconnectPlan {
  readonly broker: Broker;
  readonly clock: Clock;
  readonly backoff: Backoff;
  /** Attempts before giving up (Infinity: never give up). */
  readonly maxAttempts: number;
  readonly connectTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly onAttempt?: (attempt: number) => void;
  readonly onFailure?: (attempt: number, error: AppError, nextDelayMs: number | undefined) => void;
}

export type ReconnectOutcome =
  | { readonly outcome: 'connected'; readonly attempts: number }
  | { readonly outcome: 'gave-up'; readonly attempts: number; readonly error: AppError }
  | { readonly outcome: 'stopped'; readonly attempts: number };

export async function reconnect(plan: ReconnectPlan): Promise<ReconnectOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sleep(plan.clock, plan.backoff.delayMs(attempt), plan.signal);
    } catch {
      return { outcome: 'stopped', attempts: attempt - 1 };
    }
    // Someone else (the adapter, the operator) may have reconnected meanwhile.
    if (isConnected(plan.broker)) return { outcome: 'connected', attempts: attempt - 1 };
    plan.onAttempt?.(attempt);
    const error = await tryConnect(plan);
    if (error === undefined) return { outcome: 'connected', attempts: attempt };
    if (plan.signal.aborted) return { outcome: 'stopped', attempts: attempt };
    const last = attempt >= plan.maxAttempts;
    plan.onFailure?.(attempt, error, last ? undefined : plan.backoff.delayMs(attempt + 1));
    if (last) return { outcome: 'gave-up', attempts: attempt, error };
  }
}

/** One connect; undefined when connected, else why not. */
async function tryConnect(plan: ReconnectPlan): Promise<AppError | undefined> {
  const { broker, clock, connectTimeoutMs } = plan;
  try {
    await withTimeout(clock, broker.connect(), connectTimeoutMs, () => new AppError('timeout', `connect did not complete within ${connectTimeoutMs} ms`));
  } catch (caught) {
    const error = toAppError(caught);
    if (error.code === 'timeout') await broker.disconnect().catch(() => {});
    return error;
  }
  const state = broker.connectionStatus().state;
  return state === 'connected' ? undefined : new AppError('broker-unavailable', `connect returned but the broker is ${state}`);
}

function isConnected(broker: Broker): boolean {
  return broker.connectionStatus().state === 'connected';
}
