import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../core/event-bus.ts';
import type { ExecutionEvents } from '../../execution/execution-events.ts';
import type { RiskGovernorEvents } from '../../risk/risk-events.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { createLogger, MemorySink } from '../../core/logger.ts';
import { connectAlertSources } from './connect-alert-sources.ts';

let world: AlertWorld;

beforeEach(() => {
  world = new AlertWorld();
});

afterEach(() => world.dispose());

describe('connectAlertSources', () => {
  it('when no source is given, then nothing is subscribed and disposing is harmless', () => {
    const connection = connectAlertSources(world.manager, {});
    connection.dispose();
    connection.dispose();
    expect(world.stored()).toEqual([]);
  });

  it('when raising fails, then the error is logged and the publisher and its other handlers are unaffected', () => {
    const bus = new EventBus<ExecutionEvents>();
    const log = new MemorySink();
    const connection = connectAlertSources(world.manager, { executionBus: bus }, { logger: createLogger({ clock: world.clock, sink: log }) });
    const heard: string[] = [];
    bus.subscribe('oms.error', (event) => heard.push(event.message));
    world.manager.dispose();
    expect(() => bus.publish('oms.error', { message: 'late', code: 'network', orderId: undefined })).not.toThrow();
    expect(heard).toEqual(['late']);
    expect(log.records).toContainEqual(expect.objectContaining({ level: 'error', message: 'an alert could not be raised', source: 'oms' }));
    connection.dispose();
  });

  it('when a rule meets a malformed event, then the failure is logged, not thrown into the publisher', () => {
    const bus = new EventBus<RiskGovernorEvents>();
    const log = new MemorySink();
    const connection = connectAlertSources(world.manager, { riskBus: bus }, { logger: createLogger({ clock: world.clock, sink: log }) });
    expect(() => bus.publish('risk.denied', {} as never)).not.toThrow();
    expect(log.records).toContainEqual(expect.objectContaining({ level: 'error', message: 'an alert rule failed' }));
    expect(world.stored()).toEqual([]);
    connection.dispose();
  });

  it('when several sources are connected, then each raises into the same manager and one dispose unsubscribes them all', () => {
    const executionBus = new EventBus<ExecutionEvents>();
    const riskBus = new EventBus<RiskGovernorEvents>();
    const connection = connectAlertSources(world.manager, { executionBus, riskBus });
    executionBus.publish('oms.error', { message: 'first', code: 'network', orderId: undefined });
    riskBus.publish('risk.record-failed', { time: world.clock.now(), what: 'save state', error: 'disk full' });
    connection.dispose();
    executionBus.publish('oms.error', { message: 'after dispose', code: 'network', orderId: undefined });
    expect(world.stored().map((alert) => alert.source)).toEqual(['oms', 'risk']);
    expect(executionBus.listenerCount('oms.error') + riskBus.listenerCount('risk.record-failed')).toBe(0);
  });
});
