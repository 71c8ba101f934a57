// Waiting on the injected Clock, so tests move time with a TestClock instead of sleeping.
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';

/** Resolves after `delayMs` of clock time; rejects with a 'cancelled' AppError when `signal` aborts first. */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelled(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      timer.dispose();
      reject(cancelled(signal as AbortSignal));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The outcome of `work`, or a rejection with `timeoutError()` when it has not settled within
 * `timeoutMs` of clock time. `work` keeps running; the caller decides what a late answer means.
 */
export function withTimeout<T>(clock: Clock, work: Promise<T>, timeoutMs: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(timeoutError()), timeoutMs);
    work.then(
      (value) => {
        timer.dispose();
        resolve(value);
      },
      (error: unknown) => {
        timer.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function cancelled(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  return new AppError('cancelled', reason instanceof Error ? reason.message : 'the wait was cancelled', { cause: reason });
}
