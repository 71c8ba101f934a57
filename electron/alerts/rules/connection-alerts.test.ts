import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../broker/resiliency/circuit-breaker.ts';
import { ConnectionWatchdog } from '../../broker/resiliency/connection-watchdog.ts';
import { elapse } from '../../broker/resiliency/testing/clock-driver.ts';
import { failWith, ScriptedBroker } from '../../broker/resiliency/testing/scripted-broker.ts';
import { AppError } from '../../core/errors.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { connectAlertSources } from './connect-alert-sources.ts';

let world: AlertWorld;
let connection: Disposable | undefined;

beforeEach(() => {
  world = new AlertWorld();
});

afterEach(() => {
  connection?.dispose();
  world.dispose();
});

const keys = () => world.stored().map((alert) => `${alert.severity} ${alert.dedupKey}`);

describe('connection watchdog alerts (source broker.connection)', () => {
  let watchdog: ConnectionWatchdog;
  let broker: ScriptedBroker;

  async function startWatchdog(options: { maxReconnectAttempts?: number } = {}): Promise<void> {
    broker = new ScriptedBroker(world.clock, { connected: true });
    watchdog = new ConnectionWatchdog({ broker, clock: world.clock, ...options });
    connection = connectAlertSources(world.manager, { watchdog });
    await watchdog.start();
  }

  afterEach(() => watchdog.dispose());

  it('when the watchdog starts healthy, then nothing is alerted', async () => {
    await startWatchdog();
    await elapse(world.clock, 30_000);
    expect(keys()).toEqual([]);
  });

  it('when the connection drops and comes back, then a critical DOWN alert and an info reconnected alert are raised', async () => {
    await startWatchdog();
    broker.setConnection('disconnected');
    await elapse(world.clock, 5_000);
    expect(keys()).toEqual(['critical broker:connection-down', 'info broker:reconnected']);
    expect(world.stored()[1]?.message).toMatch(/^Broker connection back after 1 s down \(the broker is disconnected\); reconciling/);
  });

  it('when heartbeats fail, then a degraded warning is raised', async () => {
    await startWatchdog();
    broker.script('ping', failWith(new AppError('timeout', 'no answer')));
    await elapse(world.clock, 10_000);
    expect(keys()).toEqual(['warning broker:connection-degraded']);
  });

  it('when reconnecting fails and the watchdog gives up, then a warning per failure and a critical gave-up alert are raised', async () => {
    await startWatchdog({ maxReconnectAttempts: 2 });
    broker.script('connect', failWith(new AppError('network', 'refused')), failWith(new AppError('network', 'refused')));
    broker.setConnection('disconnected');
    await elapse(world.clock, 10_000);
    expect(keys()).toEqual(['critical broker:connection-down', 'warning broker:reconnect-failed', 'critical broker:reconnect-gave-up']);
    expect(world.manager.repeatCount(world.stored()[1]!.id)).toBe(1);
    expect(world.stored()[2]?.message).toMatch(/after 2 attempt\(s\): refused/);
  });
});

describe('circuit breaker alerts (source broker.circuit)', () => {
  const outage = () => Promise.reject(new AppError('network', 'connection reset'));

  it('when the breaker opens, fails its trial and closes again, then critical, warning and info alerts are raised', async () => {
    const circuit = new CircuitBreaker({ clock: world.clock, failureThreshold: 1, openDurationMs: 1_000, name: 'ib' });
    connection = connectAlertSources(world.manager, { circuit });
    await circuit.execute(outage).catch(() => undefined);
    world.clock.advance(1_000);
    await circuit.execute(outage).catch(() => undefined);
    world.clock.advance(1_000);
    await circuit.execute(() => Promise.resolve('pong'));
    expect(keys()).toEqual(['critical circuit:ib:open', 'warning circuit:ib:reopened', 'info circuit:ib:closed']);
    expect(world.stored()[0]?.message).toMatch(/^Circuit breaker 'ib' OPEN: broker calls are refused \(1 consecutive failures, the last: connection reset\)/);
    circuit.dispose();
  });
});
