import { describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import { AppError } from '../../core/errors.ts';
import { TestClock } from '../../core/test-clock.ts';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitStateChange } from './circuit-breaker.ts';
import { CircuitOpenError } from './circuit-open-error.ts';
import { deferred } from './testing/deferred.ts';

const outage = () => new AppError('timeout', 'no answer in 10 s');

function setup(options: Partial<CircuitBreakerOptions> = {}) {
  const clock = new TestClock(1_000_000);
  const breaker = new CircuitBreaker({ clock, ...options });
  const changes: CircuitStateChange[] = [];
  breaker.onStateChange((change) => changes.push(change));
  const succeed = () => breaker.execute(async () => 'ok');
  const fail = (error: unknown = outage()) => breaker.execute(async () => Promise.reject(error)).catch((caught: unknown) => caught);
  const failTimes = async (count: number) => {
    for (let index = 0; index < count; index++) await fail();
  };
  const transitions = () => changes.map((change) => `${change.from}→${change.to}`);
  return { clock, breaker, changes, succeed, fail, failTimes, transitions };
}

describe('CircuitBreaker: CLOSED', () => {
  it('when fewer than 5 outage failures happen in a row, then it stays CLOSED and calls pass', async () => {
    const { breaker, failTimes, succeed, changes } = setup();
    await failTimes(4);
    expect(breaker.snapshot()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 4 });
    await expect(succeed()).resolves.toBe('ok');
    expect(changes).toEqual([]);
  });

  it('when a call succeeds between failures, then the count starts again', async () => {
    const { breaker, failTimes, succeed } = setup();
    await failTimes(4);
    await succeed();
    await failTimes(4);
    expect(breaker.snapshot()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 4 });
  });

  it('when 5 outage failures happen in a row, then it goes CLOSED → OPEN with an event naming the last failure', async () => {
    const { breaker, failTimes, changes, clock } = setup();
    await failTimes(5);
    expect(breaker.state).toBe('OPEN');
    expect(changes).toEqual([
      { name: 'broker', from: 'CLOSED', to: 'OPEN', at: clock.now(), reason: '5 consecutive failures, the last: no answer in 10 s', consecutiveFailures: 5 },
    ]);
    expect(breaker.snapshot().halfOpenAt).toBe(clock.now() + 60_000);
  });

  it('when the broker refuses for good (order-rejected), then that does not count and resets the count', async () => {
    const { breaker, failTimes, fail } = setup();
    await failTimes(4);
    await fail(new BrokerRequestError('order-rejected', 'price outside collar', 'not-sent'));
    await failTimes(4);
    expect(breaker.snapshot()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 4 });
  });

  it('when a call fails for a neutral reason (not connected), then the count neither grows nor resets', async () => {
    const { breaker, failTimes, fail } = setup();
    await failTimes(4);
    for (let index = 0; index < 10; index++) await fail(new BrokerRequestError('not-connected', 'disconnected', 'not-sent'));
    expect(breaker.snapshot()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 4 });
    await failTimes(1);
    expect(breaker.state).toBe('OPEN');
  });

  it('when the threshold is configured, then it opens after that many failures', async () => {
    const { breaker, failTimes } = setup({ failureThreshold: 2 });
    await failTimes(2);
    expect(breaker.state).toBe('OPEN');
  });
});

describe('CircuitBreaker: OPEN', () => {
  it('when OPEN, then calls are refused at once as retryable, not sent, and never run', async () => {
    const { breaker, failTimes, clock } = setup();
    await failTimes(5);
    let ran = false;
    const error = await breaker.execute(async () => (ran = true)).catch((caught: unknown) => caught);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toBeInstanceOf(BrokerRequestError);
    expect(error).toMatchObject({ code: 'broker-unavailable', category: 'retryable', sendOutcome: 'not-sent', retryAt: clock.now() + 60_000 });
    expect((error as Error).message).toMatch(/circuit breaker 'broker' is OPEN after 5 consecutive failures/);
  });

  it('when 60 s pass, then it goes OPEN → HALF_OPEN by its timer, and not a millisecond earlier', async () => {
    const { breaker, failTimes, clock, transitions, changes } = setup();
    await failTimes(5);
    const openedAt = clock.now();
    clock.advance(59_999);
    expect(transitions()).toEqual(['CLOSED→OPEN']);
    clock.advance(1);
    expect(transitions()).toEqual(['CLOSED→OPEN', 'OPEN→HALF_OPEN']);
    expect(changes[1]).toMatchObject({ at: openedAt + 60_000, reason: 'open for 60000 ms' });
    expect(breaker.snapshot()).toMatchObject({ state: 'HALF_OPEN', halfOpenAt: undefined });
  });

  it('when the open duration is configured, then it half-opens after that time', async () => {
    const { breaker, failTimes, clock } = setup({ openDurationMs: 5_000 });
    await failTimes(5);
    clock.advance(5_000);
    expect(breaker.state).toBe('HALF_OPEN');
  });

  it('when a bypassing call (a cancel) succeeds while OPEN, then it runs and closes the breaker', async () => {
    const { breaker, failTimes, transitions } = setup();
    await failTimes(5);
    await expect(breaker.execute(async () => 'cancelled', { bypass: true })).resolves.toBe('cancelled');
    expect(transitions()).toEqual(['CLOSED→OPEN', 'OPEN→CLOSED']);
  });

  it('when a bypassing call fails while OPEN, then it stays OPEN with the same trial time', async () => {
    const { breaker, failTimes, clock } = setup();
    await failTimes(5);
    const halfOpenAt = breaker.snapshot().halfOpenAt;
    clock.advance(1_000);
    await breaker.execute(async () => Promise.reject(outage()), { bypass: true }).catch(() => {});
    expect(breaker.snapshot()).toMatchObject({ state: 'OPEN', consecutiveFailures: 6, halfOpenAt });
  });

  it('when probeNow is called while OPEN, then it goes OPEN → HALF_OPEN at once with that reason', async () => {
    const { breaker, failTimes, changes } = setup();
    await failTimes(5);
    breaker.probeNow('the broker reconnected');
    expect(breaker.state).toBe('HALF_OPEN');
    expect(changes.at(-1)).toMatchObject({ from: 'OPEN', to: 'HALF_OPEN', reason: 'the broker reconnected' });
    breaker.probeNow('again');
    expect(changes).toHaveLength(2);
  });
});

describe('CircuitBreaker: HALF_OPEN', () => {
  async function halfOpen(options: Partial<CircuitBreakerOptions> = {}) {
    const context = setup(options);
    await context.failTimes(5);
    context.clock.advance(context.breaker.openDurationMs);
    return context;
  }

  it('when the one trial call succeeds, then it goes HALF_OPEN → CLOSED and the count is reset', async () => {
    const { breaker, succeed, transitions, changes } = await halfOpen();
    await expect(succeed()).resolves.toBe('ok');
    expect(transitions()).toEqual(['CLOSED→OPEN', 'OPEN→HALF_OPEN', 'HALF_OPEN→CLOSED']);
    expect(changes.at(-1)?.reason).toBe('the trial call succeeded');
    expect(breaker.snapshot()).toMatchObject({ state: 'CLOSED', consecutiveFailures: 0 });
  });

  it('when the trial call fails, then it goes HALF_OPEN → OPEN and half-opens again 60 s later', async () => {
    const { breaker, fail, clock, transitions, changes } = await halfOpen();
    await fail(new AppError('network', 'ECONNRESET'));
    expect(transitions()).toEqual(['CLOSED→OPEN', 'OPEN→HALF_OPEN', 'HALF_OPEN→OPEN']);
    expect(changes.at(-1)?.reason).toBe('the trial call failed: ECONNRESET');
    clock.advance(60_000);
    expect(breaker.state).toBe('HALF_OPEN');
  });

  it('when a trial is in flight, then other calls are refused until it settles', async () => {
    const { breaker } = await halfOpen();
    const trial = deferred<string>();
    const first = breaker.execute(() => trial.promise);
    const second = await breaker.execute(async () => 'second').catch((caught: unknown) => caught);
    expect(second).toBeInstanceOf(CircuitOpenError);
    expect((second as Error).message).toMatch(/trial call is still in flight/);
    trial.resolve('first');
    await expect(first).resolves.toBe('first');
    expect(breaker.state).toBe('CLOSED');
  });

  it('when the trial fails for a neutral reason, then it stays HALF_OPEN and the next call is the trial', async () => {
    const { breaker, fail, succeed } = await halfOpen();
    await fail(new BrokerRequestError('not-connected', 'disconnected', 'not-sent'));
    expect(breaker.state).toBe('HALF_OPEN');
    await expect(succeed()).resolves.toBe('ok');
    expect(breaker.state).toBe('CLOSED');
  });

  it('when the trial never settles, then after the open duration another trial may go', async () => {
    const { breaker, clock } = await halfOpen();
    void breaker.execute(() => new Promise<string>(() => {}));
    await expect(breaker.execute(async () => 'x')).rejects.toBeInstanceOf(CircuitOpenError);
    clock.advance(60_000);
    await expect(breaker.execute(async () => 'second trial')).resolves.toBe('second trial');
    expect(breaker.state).toBe('CLOSED');
  });

  it('when a call admitted before the breaker opened fails late, then it does not re-open a HALF_OPEN breaker', async () => {
    const context = setup();
    const slow = deferred<string>();
    const slowCall = context.breaker.execute(() => slow.promise).catch(() => {});
    await context.failTimes(5);
    context.clock.advance(60_000);
    slow.reject(outage());
    await slowCall;
    expect(context.breaker.snapshot()).toMatchObject({ state: 'HALF_OPEN', consecutiveFailures: 5 });
  });
});

describe('CircuitBreaker: options', () => {
  it('when an option is not a positive integer, then construction fails naming it', () => {
    const clock = new TestClock(0);
    expect(() => new CircuitBreaker({ clock, failureThreshold: 0 })).toThrow(/failureThreshold/);
    expect(() => new CircuitBreaker({ clock, openDurationMs: -1 })).toThrow(/openDurationMs/);
  });

  it('when disposed while OPEN, then its timer is cleared and listeners hear nothing more', async () => {
    const { breaker, failTimes, clock, changes } = setup();
    await failTimes(5);
    breaker.dispose();
    expect(clock.pendingTimers).toBe(0);
    breaker.probeNow('after dispose');
    expect(changes).toHaveLength(1);
  });
});
