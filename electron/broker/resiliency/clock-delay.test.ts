import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { TestClock } from '../../core/test-clock.ts';
import { sleep, withTimeout } from './clock-delay.ts';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sleep', () => {
  it('when clock time passes the delay, then it resolves, and not before', async () => {
    const clock = new TestClock(0);
    let done = false;
    void sleep(clock, 1_000).then(() => (done = true));
    clock.advance(999);
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    await settle();
    expect(done).toBe(true);
  });

  it('when the signal aborts, then it rejects as cancelled and its timer is cleared', async () => {
    const clock = new TestClock(0);
    const controller = new AbortController();
    const waiting = sleep(clock, 1_000, controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled', message: 'shutting down' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('when the signal has already aborted, then it rejects at once without a timer', async () => {
    const clock = new TestClock(0);
    await expect(sleep(clock, 10, AbortSignal.abort())).rejects.toBeInstanceOf(AppError);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('withTimeout', () => {
  it('when the work settles in time, then its outcome is passed on and the timer cleared', async () => {
    const clock = new TestClock(0);
    await expect(withTimeout(clock, Promise.resolve(7), 100, () => new Error('late'))).resolves.toBe(7);
    await expect(withTimeout(clock, Promise.reject(new Error('boom')), 100, () => new Error('late'))).rejects.toThrow('boom');
    expect(clock.pendingTimers).toBe(0);
  });

  it('when the work does not settle in time, then it rejects with the timeout error', async () => {
    const clock = new TestClock(0);
    const pending = withTimeout(clock, new Promise<number>(() => {}), 100, () => new AppError('timeout', 'too slow'));
    clock.advance(100);
    await expect(pending).rejects.toMatchObject({ code: 'timeout' });
  });
});
