import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../../core/lifecycle.ts';
import { flush } from '../../../execution/testing/oms-harness.ts';
import type { ConnectionHealth } from '../connection-health.ts';
import type { WatchdogEvent } from '../connection-watchdog.ts';
import { ListenerSet } from '../listener-set.ts';
import type { ReconcileOptions } from './reconciler.ts';
import { ReconciliationTrigger } from './reconciliation-trigger.ts';
import type { ReconcileTrigger, ReconciliationResult } from './reconciliation-result.ts';
import { ReconcilerFixture } from './testing/reconciler-fixture.ts';

/** Stands in for the ConnectionWatchdog: the test emits its events. */
class WatchdogEvents {
  readonly #listeners = new ListenerSet<WatchdogEvent>('watchdog');

  subscribe(listener: (event: WatchdogEvent) => void): Disposable {
    return this.#listeners.add(listener);
  }

  emit(event: WatchdogEvent): void {
    this.#listeners.emit(event);
  }
}

let fx: ReconcilerFixture;
let watchdog: WatchdogEvents;
let trigger: ReconciliationTrigger;
/** Triggers of the runs the reconciler was asked for, the results, and the most runs at once. */
let runs: ReconcileTrigger[];
let results: ReconciliationResult[];
let mostAtOnce: number;

function startTrigger(retryDelayMs = 30_000): ReconciliationTrigger {
  let active = 0;
  const reconciler = {
    reconcile: async (options: ReconcileOptions): Promise<ReconciliationResult> => {
      runs.push(options.trigger ?? 'manual');
      mostAtOnce = Math.max(mostAtOnce, ++active);
      try {
        const result = await fx.reconciler.reconcile(options);
        results.push(result);
        return result;
      } finally {
        active--;
      }
    },
  };
  trigger = new ReconciliationTrigger({ reconciler, broker: fx.broker, watchdog, governor: fx.governor, clock: fx.clock, retryDelayMs });
  return trigger;
}

async function settled(): Promise<void> {
  for (let round = 0; round < 5; round++) await flush();
}

const health = (state: ConnectionHealth['state'], reason: string): WatchdogEvent => ({
  type: 'health',
  previous: 'healthy',
  health: { state, since: fx.clock.now(), reason, lastHeartbeatAt: undefined, lastProofOfLifeAt: undefined, consecutiveFailures: 2, reconnectAttempts: 0 },
});

beforeEach(() => {
  fx = new ReconcilerFixture();
  watchdog = new WatchdogEvents();
  runs = [];
  results = [];
  mostAtOnce = 0;
});

afterEach(() => {
  trigger.dispose();
  fx.dispose();
});

describe('ReconciliationTrigger: when reconciliation runs', () => {
  it('when started while the broker is connected, then it reconciles once as the start run', async () => {
    await startTrigger().start();
    await settled();

    expect(runs).toEqual(['start']);
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when started while the broker is disconnected, then automation stays disabled and the first run after the connection is the start run', async () => {
    await fx.paper.broker.disconnect();
    await startTrigger().start();
    await settled();
    expect(runs).toEqual([]);
    expect(fx.governor.reason).toContain('the broker is not connected');

    await fx.paper.broker.connect();
    await settled();

    expect(runs).toEqual(['start']);
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when the connection drops, then the governor is unreconciled at once; fills made meanwhile are adopted by the run on reconnect', async () => {
    await startTrigger().start();
    await settled();
    const submitted = await fx.submit();
    await fx.settle();

    await fx.paper.broker.disconnect();
    expect(fx.governor.reconciled).toBe(false);
    expect(fx.governor.reason).toContain('the broker connection is disconnected');
    await fx.offerAt(1.5); // filled at the exchange; the event never reaches the app (F4)
    expect(fx.store.fills.listAll()).toEqual([]);

    await fx.paper.broker.connect();
    await settled();

    expect(runs).toEqual(['start', 'reconnect']);
    expect(results.at(-1)).toMatchObject({ ok: true, trigger: 'reconnect', reconciled: true, adoptedFills: [{ orderId: submitted.orders[0]?.id }] });
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when the watchdog reports the link down and then reconnected, then the governor is unreconciled and a reconnect run follows', async () => {
    await startTrigger().start();
    await settled();

    watchdog.emit(health('down', 'no proof of life for 25000 ms'));
    expect(fx.governor.reason).toBe('the broker link is down (no proof of life for 25000 ms)');
    watchdog.emit({ type: 'reconnected', at: fx.clock.now(), downSince: fx.clock.now() - 30_000, downReason: 'silent', attempts: 1 });
    await settled();

    expect(runs).toEqual(['start', 'reconnect']);
    expect(fx.governor.reconciled).toBe(true);
  });

  it('when runs are requested during a run, then they are folded into one run after it and two never overlap', async () => {
    let release!: () => void;
    fx.broker.hold = new Promise<void>((resolve) => (release = resolve));
    await startTrigger().start();
    await flush();
    expect(trigger.busy).toBe(true);

    const first = trigger.request('manual');
    const second = trigger.request('reconnect');
    watchdog.emit({ type: 'reconnected', at: fx.clock.now(), downSince: fx.clock.now(), downReason: 'x', attempts: 1 });
    fx.broker.hold = undefined;
    release();
    await settled();

    expect(runs).toEqual(['start', 'manual']);
    expect(mostAtOnce).toBe(1);
    expect(await first).toBe(await second);
    expect(trigger.busy).toBe(false);
  });

  it('when the connection drops during a run, then that run applies nothing and cannot mark the state reconciled', async () => {
    let release!: () => void;
    fx.broker.hold = new Promise<void>((resolve) => (release = resolve));
    await startTrigger().start();
    await flush();

    await fx.paper.broker.disconnect();
    fx.broker.hold = undefined;
    release();
    await settled();

    expect(results).toMatchObject([{ ok: false, reason: 'superseded: the connection dropped while the broker was being asked' }]);
    expect(fx.governor.calls).not.toContain('reconciled');
    expect(fx.governor.reconciled).toBe(false);
  });

  it('when a run did not reconcile, then it runs again after the retry delay until it does', async () => {
    fx.broker.failingQueries.add('positions');
    await startTrigger(5_000).start();
    await settled();
    expect(results).toMatchObject([{ ok: false }]);

    fx.broker.failingQueries.clear();
    fx.clock.advance(5_000);
    await settled();

    expect(runs).toEqual(['start', 'retry']);
    expect(fx.governor.reconciled).toBe(true);
    fx.clock.advance(60_000);
    await settled();
    expect(runs).toEqual(['start', 'retry']); // reconciled: no more retries
  });

  it('when runs keep failing to reconcile, then the retries back off, doubling up to the longest delay (15 minutes by default)', async () => {
    await fx.placeForeign(); // a position opened outside the app: every run finds the mismatch
    await startTrigger(1_000).start();
    await settled();
    const times: number[] = [];
    fx.reconciler.subscribe((event) => {
      if (event.type === 'started') times.push(event.at);
    });
    const started = fx.clock.now();

    for (let step = 0; step < 40 * 60; step++) {
      fx.clock.advance(1_000);
      await flush();
    }

    expect(times.map((time) => (time - started) / 1_000)).toEqual([1, 3, 7, 15, 31, 63, 127, 255, 511, 1_023, 1_923]);
  });

  it('when stopped, then it waits for the run in progress and no longer reacts to connection events', async () => {
    await startTrigger().start();
    await settled();
    await trigger.stop();

    await fx.paper.broker.disconnect();
    await fx.paper.broker.connect();
    await settled();

    expect(runs).toEqual(['start']);
  });
});
