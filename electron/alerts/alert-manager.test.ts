import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlert } from '../../shared/domain/alert.ts';
import type { RaiseAlertInput } from './alert-types.ts';
import { AlertWorld } from './testing/alert-world.ts';

let world: AlertWorld;

beforeEach(() => {
  world = new AlertWorld();
});

afterEach(() => world.dispose());

const minute = 60_000;
const warning = (message = 'quote feed is stale', source = 'market'): RaiseAlertInput => ({ severity: 'warning', source, message });

describe('AlertManager: raising', () => {
  it('when an alert is raised, then it is stored and journaled, published with its details and handed to the sinks', () => {
    const result = world.manager.raise({ ...warning(), details: { symbol: 'SPY' } });
    const alert = { id: 'alert-1', severity: 'warning', source: 'market', message: 'quote feed is stale', createdAt: world.clock.now(), acknowledgedAt: undefined, dedupKey: 'market|quote feed is stale' };
    expect(result).toEqual({ outcome: 'raised', alert, persisted: true });
    expect(world.stored()).toEqual([alert]);
    expect(world.store.journal.read().map((entry) => entry.type)).toEqual(['alert.raised']);
    expect(world.eventsOf('alert.raised')).toEqual([{ alert, details: { symbol: 'SPY' }, persisted: true, relayed: false }]);
    expect(world.notified).toEqual([alert]);
  });

  it('when the input is invalid, then raise throws a validation error naming the field and stores nothing', () => {
    expect(() => world.manager.raise({ severity: 'warning', source: '  ', message: 'x' })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('source') }));
    expect(() => world.manager.raise({ severity: 'loud' as never, source: 'x', message: 'x' })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('severity') }));
    expect(world.stored()).toEqual([]);
  });

  it('when the message is longer than a dedup key may be, then the default key is shortened with a hash and still folds repeats', () => {
    const long = `margin warning: ${'x'.repeat(400)}`;
    const first = world.manager.raise(warning(long));
    expect(first.outcome === 'raised' && first.alert.dedupKey!.length).toBeLessThanOrEqual(200);
    expect(world.manager.raise(warning(long))).toMatchObject({ outcome: 'suppressed', reason: 'duplicate' });
  });
});

describe('AlertManager: dedup', () => {
  it('when the same source and message repeat within the window, then they are folded and counted, not stored', () => {
    world.manager.raise(warning());
    world.clock.advance(4 * minute);
    const second = world.manager.raise(warning());
    const third = world.manager.raise(warning());
    expect(second).toMatchObject({ outcome: 'suppressed', reason: 'duplicate', duplicateOf: { id: 'alert-1' }, repeats: 1 });
    expect(third).toMatchObject({ repeats: 2 });
    expect(world.manager.repeatCount('alert-1')).toBe(2);
    expect(world.stored()).toHaveLength(1);
    expect(world.notified).toHaveLength(1);
    expect(world.eventsOf('alert.suppressed')).toEqual([
      { time: world.clock.now(), reason: 'duplicate', severity: 'warning', source: 'market', message: 'quote feed is stale', dedupKey: 'market|quote feed is stale', duplicateOf: 'alert-1', count: 1 },
      { time: world.clock.now(), reason: 'duplicate', severity: 'warning', source: 'market', message: 'quote feed is stale', dedupKey: 'market|quote feed is stale', duplicateOf: 'alert-1', count: 2 },
    ]);
  });

  it('when the window has passed, then the same alert is raised again', () => {
    world.manager.raise(warning());
    world.clock.advance(5 * minute + 1);
    expect(world.manager.raise(warning())).toMatchObject({ outcome: 'raised', alert: { id: 'alert-2' } });
  });

  it('when two messages share an explicit dedup key, then they are one condition', () => {
    world.manager.raise({ ...warning('SPY 440 P: delta 0.31'), dedupKey: 'delta:SPY' });
    expect(world.manager.raise({ ...warning('SPY 440 P: delta 0.33'), dedupKey: 'delta:SPY' })).toMatchObject({ outcome: 'suppressed', duplicateOf: { id: 'alert-1' } });
  });

  it('when the earlier alert was acknowledged, then a repeat is a new occurrence and raised', () => {
    world.manager.raise(warning());
    world.clock.advance(1_000);
    world.manager.acknowledge('alert-1');
    expect(world.manager.raise(warning())).toMatchObject({ outcome: 'raised', alert: { id: 'alert-2' } });
  });

  it('when the repeat is more severe than the earlier alert, then it is raised, never hidden by the milder one', () => {
    world.manager.raise({ ...warning(), dedupKey: 'feed' });
    expect(world.manager.raise({ severity: 'critical', source: 'market', message: 'quote feed is dead', dedupKey: 'feed' })).toMatchObject({ outcome: 'raised', alert: { severity: 'critical' } });
    expect(world.manager.raise({ ...warning(), dedupKey: 'feed' })).toMatchObject({ outcome: 'suppressed', duplicateOf: { severity: 'critical' } });
  });

  it('when the store is reopened within the window, then the repeat is still folded (dedup reads the store)', () => {
    world.manager.raise(warning());
    world.reopen();
    world.clock.advance(minute);
    expect(world.manager.raise(warning())).toMatchObject({ outcome: 'suppressed', reason: 'duplicate', duplicateOf: { id: 'alert-1' }, repeats: 1 });
  });
});

describe('AlertManager: critical alerts', () => {
  const critical: RaiseAlertInput = { severity: 'critical', source: 'broker', message: 'connection down' };

  it('when a critical alert repeats within the short critical window, then it is folded but published and logged, never silently', () => {
    world.manager.raise(critical);
    world.clock.advance(30_000);
    expect(world.manager.raise(critical)).toMatchObject({ outcome: 'suppressed', reason: 'duplicate', repeats: 1 });
    expect(world.eventsOf('alert.suppressed')).toMatchObject([{ severity: 'critical', duplicateOf: 'alert-1', count: 1 }]);
    expect(world.log.records).toContainEqual(expect.objectContaining({ level: 'warn', message: 'critical alert folded into an earlier one', severity: 'critical' }));
  });

  it('when a critical alert repeats after the critical window but within the normal one, then it is raised again', () => {
    world.manager.raise(critical);
    world.clock.advance(minute + 1);
    expect(world.manager.raise(critical)).toMatchObject({ outcome: 'raised', alert: { id: 'alert-2' } });
    expect(world.notified.map((alert) => alert.id)).toEqual(['alert-1', 'alert-2']);
  });

  it('when the store fails, then a critical alert still reaches the sinks and the bus, marked not persisted', () => {
    world.harness.database.close();
    const result = world.manager.raise(critical);
    expect(result).toMatchObject({ outcome: 'raised', persisted: false, error: expect.stringContaining('closed'), alert: { id: 'alert-1', severity: 'critical' } });
    expect(world.notified.map((alert) => alert.id)).toEqual(['alert-1']);
    expect(world.eventsOf('alert.raised')).toMatchObject([{ persisted: false }]);
    expect(world.log.records).toContainEqual(expect.objectContaining({ level: 'error', message: 'alert could not be stored: publishing it anyway' }));
  });
});

describe('AlertManager: throttling', () => {
  beforeEach(() => {
    world.dispose();
    world = new AlertWorld({ policy: { throttleMaxPerSource: 3, throttleWindowMs: minute } });
  });

  const burst = (source: string, count: number, severity: RaiseAlertInput['severity'] = 'warning') =>
    Array.from({ length: count }, (_, index) => world.manager.raise({ severity, source, message: `${source} event ${index}` }).outcome);

  it('when a source raises more than its budget within the window, then the rest are throttled and counted', () => {
    expect(burst('oms', 5)).toEqual(['raised', 'raised', 'raised', 'suppressed', 'suppressed']);
    expect(world.manager.throttledCount('oms')).toBe(2);
    expect(world.eventsOf('alert.suppressed')).toMatchObject([{ reason: 'throttled', source: 'oms', count: 1 }, { reason: 'throttled', count: 2 }]);
    expect(world.stored()).toHaveLength(3);
  });

  it('when one source is throttled, then other sources keep their own budget', () => {
    burst('oms', 4);
    expect(burst('risk', 3)).toEqual(['raised', 'raised', 'raised']);
    expect(world.manager.throttledCount('risk')).toBe(0);
  });

  it('when a throttled source raises a critical alert, then it is raised anyway', () => {
    burst('oms', 4);
    expect(world.manager.raise({ severity: 'critical', source: 'oms', message: 'unknown outcome' })).toMatchObject({ outcome: 'raised', alert: { severity: 'critical' } });
  });

  it('when the rolling window has passed, then the source may raise again', () => {
    burst('oms', 4);
    world.clock.advance(minute);
    expect(world.manager.raise(warning('a new condition', 'oms'))).toMatchObject({ outcome: 'raised' });
  });
});

describe('AlertManager: acknowledge and lists', () => {
  it('when an alert is acknowledged, then it is stored, journaled and published once; again changes nothing', () => {
    world.manager.raise(warning());
    world.clock.advance(2_000);
    const first = world.manager.acknowledge('alert-1', 'alice');
    world.clock.advance(2_000);
    const second = world.manager.acknowledge('alert-1', 'bob');
    expect(first).toMatchObject({ changed: true, alert: { acknowledgedAt: world.clock.now() - 2_000 } });
    expect(second).toEqual({ changed: false, alert: first.alert });
    expect(world.eventsOf('alert.acknowledged')).toEqual([{ alert: first.alert, by: 'alice' }]);
    expect(world.store.journal.read().map((entry) => entry.type)).toEqual(['alert.raised', 'alert.acknowledged']);
  });

  it('when the store is reopened, then the acknowledgement is still there and acknowledging again is a no-op', () => {
    world.manager.raise(warning());
    world.manager.raise(warning('second'));
    world.clock.advance(1_000);
    const acknowledgedAt = world.manager.acknowledge('alert-1').alert.acknowledgedAt;
    world.reopen();
    expect(world.store.records.alerts.get('alert-1' as never)?.acknowledgedAt).toBe(acknowledgedAt);
    expect(world.manager.unacknowledged().map((alert) => alert.id)).toEqual(['alert-2']);
    expect(world.manager.acknowledge('alert-1')).toMatchObject({ changed: false, alert: { acknowledgedAt } });
  });

  it('when the id is unknown or malformed, then acknowledge names the problem', () => {
    expect(() => world.manager.acknowledge('alert-99')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => world.manager.acknowledge('not an id!')).toThrow(expect.objectContaining({ code: 'validation' }));
  });

  it('when recent alerts are listed, then they come newest first, limited; a bad limit is refused', () => {
    for (const message of ['a', 'b', 'c']) {
      world.manager.raise(warning(message));
      world.clock.advance(1);
    }
    expect(world.manager.recent(2).map((alert) => alert.message)).toEqual(['c', 'b']);
    expect(() => world.manager.recent(0)).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('limit') }));
  });
});

describe('AlertManager: relaying alerts stored elsewhere', () => {
  it('when another part stored an alert, then relay publishes and notifies it once without storing it again', () => {
    const stored = world.store.records.recordAlert(createAlert({ id: 'kill-switch-1', severity: 'critical', source: 'kill-switch', message: 'Kill switch (api): test', createdAt: world.clock.now() }));
    expect(world.manager.relayStored('kill-switch-1')).toEqual({ alert: stored, relayed: true });
    expect(world.manager.relayStored('kill-switch-1')).toEqual({ alert: stored, relayed: false });
    expect(world.manager.relayStored('kill-switch-2')).toBeUndefined();
    expect(world.notified).toEqual([stored]);
    expect(world.eventsOf('alert.raised')).toEqual([{ alert: stored, details: undefined, persisted: true, relayed: true }]);
    expect(world.stored()).toEqual([stored]);
  });

  it('when the manager is disposed, then raising throws illegal-state', () => {
    world.manager.dispose();
    expect(() => world.manager.raise(warning())).toThrow(expect.objectContaining({ code: 'illegal-state' }));
  });
});
