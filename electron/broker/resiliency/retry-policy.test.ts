import { describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import { AppError } from '../../core/errors.ts';
import { TestClock } from '../../core/test-clock.ts';
import { CircuitOpenError } from './circuit-open-error.ts';
import { createRetryPolicy, isRetryAllowed, retry, type OperationKind, type RetryNotice } from './retry-policy.ts';
import { flush, runUntilSettled } from './testing/clock-driver.ts';

const notSentTransient = () => new BrokerRequestError('network', 'socket closed before the write', 'not-sent');
const unknownOutcome = () => new BrokerRequestError('network', 'socket reset after the write', 'unknown');
const rejected = () => new BrokerRequestError('order-rejected', 'price outside collar', 'not-sent');

/** An operation failing with `failures` in turn, then returning 'ok'; records the clock at each attempt. */
function scripted(clock: TestClock, failures: Array<() => Error>) {
  const attemptTimes: number[] = [];
  const operation = async (): Promise<string> => {
    attemptTimes.push(clock.now());
    const failure = failures.shift();
    if (failure) throw failure();
    return 'ok';
  };
  return { operation, attemptTimes };
}

describe('isRetryAllowed', () => {
  const cases: Array<[string, OperationKind, () => unknown, boolean]> = [
    ['a query that timed out', 'query', () => new AppError('timeout', 'no answer'), true],
    ['a query whose outcome is unknown', 'query', unknownOutcome, true],
    ['a cancel that hit a network error', 'cancel', unknownOutcome, true],
    ['a connect that was refused', 'connect', () => new AppError('network', 'ECONNREFUSED'), true],
    ['an order that certainly did not leave', 'order', notSentTransient, true],
    ['an order whose outcome is unknown', 'order', unknownOutcome, false],
    ['an order refused for good', 'order', rejected, false],
    ['an order that failed with a plain network AppError', 'order', () => new AppError('network', 'ECONNRESET'), false],
    ['a query refused for good', 'query', () => new AppError('validation', 'bad since'), false],
    ['a query refused by the open circuit', 'query', () => new CircuitOpenError('open', 1), false],
    ['an order refused by the open circuit', 'order', () => new CircuitOpenError('open', 1), false],
    ['a thrown non-error', 'query', () => 'boom', false],
  ];
  it.each(cases)('when %s, then retrying is %s', (_label, kind, error, expected) => {
    expect(isRetryAllowed(kind, error())).toBe(expected);
  });
});

describe('retry', () => {
  it('when the operation succeeds at once, then it runs once with no timer', async () => {
    const clock = new TestClock(0);
    const { operation, attemptTimes } = scripted(clock, []);
    await expect(retry(operation, { clock, kind: 'query', policy: createRetryPolicy() })).resolves.toBe('ok');
    expect(attemptTimes).toEqual([0]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('when a safe operation fails transiently, then it is retried after 1 s, 2 s and 4 s of clock time', async () => {
    const clock = new TestClock(0);
    const { operation, attemptTimes } = scripted(clock, [notSentTransient, notSentTransient, notSentTransient]);
    const notices: RetryNotice[] = [];
    const result = retry(operation, { clock, kind: 'order', policy: createRetryPolicy(), onRetry: (notice) => notices.push(notice) });
    await expect(runUntilSettled(clock, result)).resolves.toBe('ok');
    expect(attemptTimes).toEqual([0, 1_000, 3_000, 7_000]);
    expect(notices.map((notice) => [notice.attempt, notice.delayMs])).toEqual([[1, 1_000], [2, 2_000], [3, 4_000]]);
  });

  it('when the attempts run out, then the last failure is thrown unchanged', async () => {
    const clock = new TestClock(0);
    const last = new AppError('timeout', 'third time');
    const { operation, attemptTimes } = scripted(clock, [() => new AppError('timeout', 'first'), () => new AppError('timeout', 'second'), () => last]);
    const result = retry(operation, { clock, kind: 'query', policy: createRetryPolicy({ maxAttempts: 3 }) });
    await expect(runUntilSettled(clock, result)).rejects.toBe(last);
    expect(attemptTimes).toEqual([0, 1_000, 3_000]);
  });

  it('when an order outcome is unknown, then it is never retried and the unknown error is thrown', async () => {
    const clock = new TestClock(0);
    const { operation, attemptTimes } = scripted(clock, [unknownOutcome]);
    await expect(retry(operation, { clock, kind: 'order', policy: createRetryPolicy() })).rejects.toMatchObject({ sendOutcome: 'unknown' });
    expect(attemptTimes).toEqual([0]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('when the caller vetoes, then a retryable failure is thrown at once', async () => {
    const clock = new TestClock(0);
    const { operation, attemptTimes } = scripted(clock, [notSentTransient]);
    await expect(retry(operation, { clock, kind: 'order', policy: createRetryPolicy(), mayRetry: () => false })).rejects.toMatchObject({ code: 'network' });
    expect(attemptTimes).toEqual([0]);
  });

  it('when the wait is cancelled, then the operation failure is thrown and no attempt follows', async () => {
    const clock = new TestClock(0);
    const controller = new AbortController();
    const { operation, attemptTimes } = scripted(clock, [notSentTransient]);
    const result = retry(operation, { clock, kind: 'order', policy: createRetryPolicy(), signal: controller.signal });
    result.catch(() => {});
    await flush();
    controller.abort();
    await expect(result).rejects.toMatchObject({ code: 'network', sendOutcome: 'not-sent' });
    clock.advance(10_000);
    expect(attemptTimes).toEqual([0]);
  });

  it('when maxAttempts is not a positive integer, then the policy is refused naming it', () => {
    expect(() => createRetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => createRetryPolicy({ maxAttempts: 1.5 })).toThrow(/maxAttempts/);
  });
});
