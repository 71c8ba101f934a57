import { afterEach, describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import { AppError } from '../../core/errors.ts';
import { TestClock } from '../../core/test-clock.ts';
import { ConnectionWatchdog, type ConnectionWatchdogOptions, type WatchdogEvent } from './connection-watchdog.ts';
import { elapse, flush } from './testing/clock-driver.ts';
import { PaperFixture } from '../paper/testing/paper-fixture.ts';
import { failWith, hang, ScriptedBroker } from './testing/scripted-broker.ts';

const start = 1_000_000;
const watchdogs: ConnectionWatchdog[] = [];

async function setup(options: Partial<ConnectionWatchdogOptions> = {}, connected = true) {
  const clock = new TestClock(start);
  const broker = new ScriptedBroker(clock, { connected });
  const watchdog = new ConnectionWatchdog({ broker, clock, ...options });
  watchdogs.push(watchdog);
  const events: WatchdogEvent[] = [];
  watchdog.subscribe((event) => events.push(event));
  await watchdog.start();
  const at = (time: number) => time - start;
  const kinds = () => events.map((event) => (event.type === 'health' ? `health:${event.health.state}` : event.type));
  const run = (ms: number) => elapse(clock, ms);
  return { clock, broker, watchdog, events, at, kinds, run };
}

afterEach(() => {
  for (const watchdog of watchdogs.splice(0)) watchdog.dispose();
});

describe('ConnectionWatchdog: heartbeats', () => {
  it('when started on a connected broker, then it is healthy and pings every interval', async () => {
    const { watchdog, broker, run, at, kinds } = await setup();
    expect(watchdog.health()).toMatchObject({ state: 'healthy', since: start, consecutiveFailures: 0, lastProofOfLifeAt: start });
    await run(30_000);
    expect(broker.callsOf('ping').map((call) => at(call.time))).toEqual([10_000, 20_000, 30_000]);
    expect(watchdog.health()).toMatchObject({ state: 'healthy', lastHeartbeatAt: start + 30_000, lastProofOfLifeAt: start + 30_000 });
    expect(kinds()).toEqual(['health:healthy']);
  });

  it('when a heartbeat fails, then it is degraded with the failure count, and healthy again after the next answer', async () => {
    const { watchdog, broker, run, kinds } = await setup();
    broker.script('ping', failWith(new AppError('timeout', 'no answer')));
    await run(10_000);
    expect(watchdog.health()).toMatchObject({ state: 'degraded', consecutiveFailures: 1 });
    expect(watchdog.health().reason).toMatch(/no answer/);
    await run(10_000);
    expect(watchdog.health()).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
    expect(kinds()).toEqual(['health:healthy', 'health:degraded', 'health:healthy']);
  });

  it('when a heartbeat is still unanswered at the next tick, then it counts as a failure and no second one is sent', async () => {
    const { watchdog, broker, run } = await setup({ heartbeatTimeoutMs: 60_000, reconnect: false });
    broker.script('ping', hang());
    await run(20_000);
    expect(broker.callsOf('ping')).toHaveLength(1);
    expect(watchdog.health()).toMatchObject({ state: 'degraded', consecutiveFailures: 1 });
  });

  it('when broker events keep coming, then they are proof of life even while heartbeats hang', async () => {
    const { watchdog, broker, run } = await setup({ reconnect: false });
    broker.script('ping', hang());
    for (let second = 5; second <= 60; second += 5) {
      await run(5_000);
      broker.emit({ type: 'notice', code: 2104, message: 'farm OK', clientOrderRef: undefined });
    }
    expect(watchdog.health().state).toBe('degraded');
    expect(watchdog.health().lastProofOfLifeAt).toBe(start + 60_000);
  });

  it('when the broker has no ping (the paper broker), then the account summary serves as heartbeat and keeps a quiet link healthy', async () => {
    const fixture = new PaperFixture();
    try {
      const watchdog = new ConnectionWatchdog({ broker: fixture.broker, clock: fixture.clock });
      watchdogs.push(watchdog);
      await watchdog.start();
      const startedAt = fixture.clock.now();
      await elapse(fixture.clock, 60_000);
      expect(watchdog.health()).toMatchObject({ state: 'healthy', lastHeartbeatAt: startedAt + 60_000, consecutiveFailures: 0 });
      watchdog.dispose();
    } finally {
      fixture.dispose();
    }
  });
});

describe('ConnectionWatchdog: half-open socket (F10)', () => {
  it('when the socket goes silent but still reads connected, then it is down after two missed heartbeats, forced down and reconnected', async () => {
    const { watchdog, broker, run, at, kinds, events } = await setup();
    broker.script('ping', hang());
    await run(24_999);
    expect(watchdog.health()).toMatchObject({ state: 'degraded', consecutiveFailures: 1 });
    expect(broker.callsOf('ping')).toHaveLength(1);
    await run(1);
    expect(broker.connectionStatus().state).toBe('disconnected');
    const down = events.find((event) => event.type === 'health' && event.health.state === 'down');
    expect(down).toMatchObject({ health: { since: start + 25_000 } });
    expect(down?.type === 'health' && down.health.reason).toMatch(/no proof of life for 25000 ms/);
    await run(1_000);
    expect(broker.callsOf('connect').map((call) => at(call.time))).toEqual([26_000]);
    expect(watchdog.health().state).toBe('healthy');
    expect(kinds()).toEqual(['health:healthy', 'health:degraded', 'health:down', 'reconnect-attempt', 'health:healthy', 'reconnected']);
    expect(events.at(-1)).toEqual({ type: 'reconnected', at: start + 26_000, downSince: start + 25_000, downReason: expect.stringMatching(/no proof of life/) as string, attempts: 1 });
  });

  it('when heartbeats fail with the broker’s own refusal, then the link counts as alive (degraded, never down)', async () => {
    const { watchdog, broker, run } = await setup();
    broker.script('ping', ...Array.from({ length: 6 }, () => failWith(new BrokerRequestError('invalid-contract', 'no security definition', 'not-sent'))));
    await run(60_000);
    expect(watchdog.health()).toMatchObject({ state: 'degraded', consecutiveFailures: 6 });
  });

  it('when the heartbeat timeout is configured, then silence is detected after that time', async () => {
    const { watchdog, broker, run } = await setup({ heartbeatIntervalMs: 1_000, heartbeatTimeoutMs: 2_000, reconnect: false });
    broker.script('ping', hang());
    await run(1_999);
    expect(watchdog.health().state).toBe('healthy');
    await run(1);
    expect(watchdog.health().state).toBe('down');
  });

  it('when reconnecting is off, then silence is reported down and an answer later brings it back with a reconnected event', async () => {
    const { watchdog, broker, run, kinds } = await setup({ reconnect: false });
    broker.script('ping', hang());
    await run(25_000);
    expect(watchdog.health().state).toBe('down');
    expect(broker.connectionStatus().state).toBe('connected');
    await run(10_000);
    expect(broker.callsOf('connect')).toEqual([]);
    broker.emit({ type: 'notice', code: 2104, message: 'farm OK', clientOrderRef: undefined });
    expect(watchdog.health().state).not.toBe('down');
    expect(kinds().slice(-2)).toEqual(['health:degraded', 'reconnected']);
  });
});

describe('ConnectionWatchdog: reconnecting', () => {
  it('when the broker reports a disconnect, then it is down at once and reconnects with 1 s, 2 s, 4 s backoff', async () => {
    const { watchdog, broker, run, at, events } = await setup();
    broker.script('connect', failWith(new AppError('network', 'ECONNREFUSED')), failWith(new AppError('network', 'ECONNREFUSED')));
    broker.setConnection('disconnected');
    expect(watchdog.health()).toMatchObject({ state: 'down', since: start, reason: 'the broker is disconnected' });
    await run(1_000);
    await run(2_000);
    expect(watchdog.health()).toMatchObject({ state: 'down', reconnectAttempts: 2 });
    await run(4_000);
    expect(broker.callsOf('connect').map((call) => at(call.time))).toEqual([1_000, 3_000, 7_000]);
    expect(events.filter((event) => event.type === 'reconnect-failed').map((event) => event.type === 'reconnect-failed' && event.nextAttemptInMs)).toEqual([2_000, 4_000]);
    expect(events.at(-1)).toMatchObject({ type: 'reconnected', downSince: start, attempts: 3 });
    expect(watchdog.health()).toMatchObject({ state: 'healthy', reconnectAttempts: 0 });
  });

  it('when the attempts run out, then it gives up, says so, and tries no more', async () => {
    const { watchdog, broker, run, kinds } = await setup({ maxReconnectAttempts: 2 });
    broker.script('connect', failWith(new AppError('network', 'refused')), failWith(new AppError('network', 'refused')));
    broker.setConnection('disconnected');
    await run(1_000);
    await run(2_000);
    await run(600_000);
    expect(broker.callsOf('connect')).toHaveLength(2);
    expect(kinds().slice(-5)).toEqual(['reconnect-attempt', 'reconnect-failed', 'reconnect-attempt', 'reconnect-failed', 'reconnect-gave-up']);
    expect(watchdog.health().reason).toMatch(/gave up reconnecting after 2 attempt/);
  });

  it('when a connect hangs, then it counts as failed after the connect timeout, the half-made link is dropped, and the next attempt follows', async () => {
    const { broker, run, at, events } = await setup({ connectTimeoutMs: 5_000 });
    broker.script('connect', hang());
    broker.setConnection('disconnected');
    await run(1_000);
    await run(5_000);
    expect(events.find((event) => event.type === 'reconnect-failed')).toMatchObject({ error: 'connect did not complete within 5000 ms' });
    await run(2_000);
    expect(broker.callsOf('connect').map((call) => at(call.time))).toEqual([1_000, 8_000]);
    expect(broker.connectionStatus().state).toBe('connected');
  });

  it('when the adapter reports failed (e.g. client id in use), then it does not reconnect (no reconnect storm)', async () => {
    const { watchdog, broker, run } = await setup();
    broker.setConnection('failed');
    await run(120_000);
    expect(watchdog.health()).toMatchObject({ state: 'down', reason: 'the broker is failed' });
    expect(broker.callsOf('connect')).toEqual([]);
  });

  it('when started while disconnected, then it connects with backoff and reports the link up', async () => {
    const { watchdog, broker, run, kinds } = await setup({}, false);
    expect(watchdog.health().state).toBe('down');
    await run(1_000);
    expect(broker.callsOf('connect')).toHaveLength(1);
    expect(watchdog.health().state).toBe('healthy');
    expect(kinds()).toEqual(['reconnect-attempt', 'health:healthy', 'reconnected']);
  });

  it('when a heartbeat fails because the link dropped, then the reconnect starts from the disconnect event', async () => {
    const { broker, run, watchdog } = await setup();
    broker.script('ping', failWith(new BrokerRequestError('not-connected', 'gone', 'not-sent')));
    await run(10_000);
    broker.setConnection('disconnected');
    await run(1_000);
    expect(watchdog.health()).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
  });
});

describe('ConnectionWatchdog: lifecycle and options', () => {
  it('when stopped, then heartbeats, deadline and reconnect loop all stop', async () => {
    const { watchdog, broker, clock, run } = await setup();
    broker.setConnection('disconnected');
    await watchdog.stop();
    await flush();
    expect(clock.pendingTimers).toBe(0);
    await run(120_000);
    expect(broker.calls).toEqual([]);
    expect(broker.listenerCount).toBe(0);
  });

  it('when an option is out of range, then construction fails naming it', () => {
    const clock = new TestClock(0);
    const broker = new ScriptedBroker(clock);
    expect(() => new ConnectionWatchdog({ broker, clock, heartbeatIntervalMs: 0 })).toThrow(/heartbeatIntervalMs/);
    expect(() => new ConnectionWatchdog({ broker, clock, heartbeatTimeoutMs: -5 })).toThrow(/heartbeatTimeoutMs/);
    expect(() => new ConnectionWatchdog({ broker, clock, maxReconnectAttempts: 0 })).toThrow(/maxReconnectAttempts/);
  });
});

describe('ConnectionWatchdog: restart', () => {
  it('when stopped during a reconnect and started again, then a fresh reconnect loop runs', async () => {
    const { watchdog, broker, run } = await setup();
    broker.script('connect', failWith(new AppError('network', 'refused')));
    broker.setConnection('disconnected');
    await run(1_000);
    await watchdog.stop();
    await watchdog.start();
    await run(1_000);
    expect(broker.callsOf('connect')).toHaveLength(2);
    expect(watchdog.health().state).toBe('healthy');
  });
});
