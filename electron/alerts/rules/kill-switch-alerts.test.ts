import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert.ts';
import { EventBus } from '../../core/event-bus.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import { EMPTY_MEMORY, KillSwitchRecorder } from '../../risk/kill-switch/kill-switch-recorder.ts';
import type { KillSwitchEvents } from '../../risk/kill-switch/kill-switch-types.ts';
import { KillSwitchWorld } from '../../risk/kill-switch/testing/kill-switch-world.ts';
import { AlertManager } from '../alert-manager.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { connectAlertSources } from './connect-alert-sources.ts';

describe('kill switch alerts (the kill switch stores its own)', () => {
  let world: AlertWorld;
  let bus: EventBus<KillSwitchEvents>;
  let recorder: KillSwitchRecorder;
  let connection: Disposable;
  let sequence = 0;

  beforeEach(() => {
    world = new AlertWorld();
    bus = new EventBus<KillSwitchEvents>();
    recorder = new KillSwitchRecorder({ journal: world.store.journal, alerts: world.store.records, events: bus, clock: world.clock }, () => `kill-switch-${++sequence}`, undefined);
    connection = connectAlertSources(world.manager, { killSwitchBus: bus });
  });

  afterEach(() => {
    connection.dispose();
    world.dispose();
  });

  const fromKillSwitch = () => world.stored().filter((alert) => alert.source === 'kill-switch');

  it('when the kill switch is triggered, then its stored alert is relayed to the sinks and not stored again', () => {
    recorder.triggered({ request: { source: 'shortcut', reason: 'operator', flatten: false }, halted: true, recordedOnly: false, problems: [], memory: EMPTY_MEMORY });
    const [stored] = fromKillSwitch();
    expect(fromKillSwitch()).toHaveLength(1);
    expect(stored).toMatchObject({ severity: 'critical', message: expect.stringContaining('Kill switch (shortcut): operator') });
    expect(world.notified).toEqual([stored]);
    expect(world.eventsOf('alert.raised')).toMatchObject([{ alert: stored, relayed: true }]);
  });

  it('when a kill switch step fails, then the alert it stored is relayed, each failure once', () => {
    recorder.step({ step: 'cancel-all', outcome: 'failed', orderIds: [], error: 'broker refused', memory: EMPTY_MEMORY });
    world.clock.advance(1_000);
    recorder.step({ step: 'flatten', outcome: 'failed', orderIds: [], error: 'no quotes', memory: EMPTY_MEMORY });
    expect(fromKillSwitch().map((alert) => alert.message)).toEqual(['Kill switch cancel-all failed: broker refused', 'Kill switch flatten failed: no quotes']);
    expect(world.notified.map((alert: Alert) => alert.message)).toEqual(['Kill switch cancel-all failed: broker refused', 'Kill switch flatten failed: no quotes']);
  });

  it('when the kill switch could not store its alert, then the manager raises the critical alert itself', () => {
    bus.publish('kill-switch.triggered', { time: world.clock.now(), source: 'api', reason: 'test', flatten: true, halted: true, recordedOnly: false, alertId: undefined });
    expect(world.stored()).toMatchObject([{ severity: 'critical', source: 'kill-switch', message: 'Kill switch (api): test. Trading HALTED and latched.' }]);
  });

  it('when a step waits for the broker, then a warning says the work is owed', () => {
    recorder.step({ step: 'cancel-all', outcome: 'pending-reconnect', orderIds: [], error: undefined, memory: EMPTY_MEMORY });
    expect(world.stored()).toMatchObject([{ severity: 'warning', dedupKey: 'kill-switch:cancel-all:pending-reconnect', message: expect.stringContaining('broker reconnects') }]);
  });

  it('when the kill switch is re-armed or the re-arm is refused, then info and warning alerts are raised', () => {
    recorder.rearm('alice', 'refused', 'orders still working');
    recorder.rearm('alice', 'rearmed', undefined);
    expect(world.stored()).toMatchObject([
      { severity: 'warning', dedupKey: 'risk:rearm-refused', message: 'Re-arm by alice refused: orders still working' },
      { severity: 'info', dedupKey: 'risk:released', message: 'Kill switch re-armed by alice: trading may resume.' },
    ]);
  });
});

describe('kill switch alerts in a real world: the daily loss breaker', () => {
  let world: KillSwitchWorld | undefined;
  afterEach(() => world?.dispose());

  it('when the daily loss trips the kill switch, then the breach and the kill switch are one alert each and the halt is not doubled', async () => {
    world = new KillSwitchWorld();
    const notified: Alert[] = [];
    const manager = new AlertManager({ records: world.store.records, clock: world.clock, sinks: [{ notify: (alert) => notified.push(alert) }] });
    const connection = connectAlertSources(manager, { executionBus: world.executionBus, riskBus: world.riskBus, killSwitchBus: world.killSwitchBus });
    await world.hold(1);
    world.netLiquidation = 97_000;
    world.governor.refresh();
    await world.drive(1_500);
    const stored = world.store.records.alerts.listUnacknowledged();
    expect(stored.map((alert) => `${alert.severity} ${alert.source}`)).toEqual(['critical risk', 'critical kill-switch']);
    expect(notified.map((alert) => alert.id)).toEqual(stored.map((alert) => alert.id));
    connection.dispose();
    manager.dispose();
  });
});
