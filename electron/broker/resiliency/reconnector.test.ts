import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { TestClock } from '../../core/test-clock.ts';
import { createBackoff } from './backoff.ts';
import { reconnect, type ReconnectPlan } from './reconnector.ts';
import { flush, runUntilSettled } from './testing/clock-driver.ts';
import { failWith, hang, ScriptedBroker } from './testing/scripted-broker.ts';

function plan(overrides: Partial<ReconnectPlan> = {}) {
  const clock = new TestClock(0);
  const broker = new ScriptedBroker(clock, { connected: false });
  const controller = new AbortController();
  const failures: Array<[number, string, number | undefined]> = [];
  const base: ReconnectPlan = {
    broker, clock, backoff: createBackoff(), maxAttempts: Number.POSITIVE_INFINITY, connectTimeoutMs: 30_000, signal: controller.signal,
    onFailure: (attempt, error, next) => failures.push([attempt, error.message, next]),
  };
  return { clock, broker, controller, failures, plan: { ...base, ...overrides } };
}

describe('reconnect', () => {
  it('when connect fails then succeeds, then attempts follow the backoff and the outcome is connected', async () => {
    const { clock, broker, failures, plan: reconnectPlan } = plan();
    broker.script('connect', failWith(new AppError('network', 'refused')), failWith(new AppError('network', 'refused')));
    await expect(runUntilSettled(clock, reconnect(reconnectPlan))).resolves.toEqual({ outcome: 'connected', attempts: 3 });
    expect(broker.callsOf('connect').map((call) => call.time)).toEqual([1_000, 3_000, 7_000]);
    expect(failures).toEqual([[1, 'refused', 2_000], [2, 'refused', 4_000]]);
  });

  it('when the attempts run out, then the outcome is gave-up with the last error', async () => {
    const { clock, broker, failures, plan: reconnectPlan } = plan();
    broker.script('connect', failWith(new AppError('network', 'first')), failWith(new AppError('network', 'second')));
    const result = await runUntilSettled(clock, reconnect({ ...reconnectPlan, maxAttempts: 2 }));
    expect(result).toMatchObject({ outcome: 'gave-up', attempts: 2, error: { message: 'second' } });
    expect(failures.at(-1)).toEqual([2, 'second', undefined]);
  });

  it('when the broker is connected by someone else during the wait, then it returns without calling connect', async () => {
    const { clock, broker, plan: reconnectPlan } = plan();
    const result = reconnect(reconnectPlan);
    broker.setConnection('connected');
    await expect(runUntilSettled(clock, result)).resolves.toEqual({ outcome: 'connected', attempts: 0 });
    expect(broker.callsOf('connect')).toEqual([]);
  });

  it('when connect hangs, then the attempt fails after the connect timeout and the half-made link is dropped', async () => {
    const { clock, broker, failures, plan: reconnectPlan } = plan();
    broker.script('connect', hang());
    const result = reconnect({ ...reconnectPlan, connectTimeoutMs: 5_000 });
    await expect(runUntilSettled(clock, result)).resolves.toEqual({ outcome: 'connected', attempts: 2 });
    expect(failures[0]).toEqual([1, 'connect did not complete within 5000 ms', 2_000]);
    expect(broker.callsOf('connect').map((call) => call.time)).toEqual([1_000, 8_000]);
  });

  it('when stopped during a wait, then the outcome is stopped and nothing more is tried', async () => {
    const { clock, broker, controller, plan: reconnectPlan } = plan();
    const result = reconnect(reconnectPlan);
    await flush();
    controller.abort();
    await expect(result).resolves.toEqual({ outcome: 'stopped', attempts: 0 });
    clock.advance(60_000);
    expect(broker.calls).toEqual([]);
  });
});
