import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionId } from '../../../shared/domain/ids.ts';
import { orderRequest } from '../../broker/resiliency/testing/order-requests.ts';
import { EventBus } from '../../core/event-bus.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import type { ExecutionEvents } from '../../execution/execution-events.ts';
import { newOrder, shortPut } from '../../persistence/testing/trading-fixtures.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { connectAlertSources } from './connect-alert-sources.ts';

let world: AlertWorld;
let bus: EventBus<ExecutionEvents>;
let connection: Disposable;

beforeEach(() => {
  world = new AlertWorld();
  bus = new EventBus<ExecutionEvents>();
  connection = connectAlertSources(world.manager, { executionBus: bus });
});

afterEach(() => {
  connection.dispose();
  world.dispose();
});

const last = () => world.stored().at(-1);

describe('execution alerts (source oms)', () => {
  it('when an order outcome is unknown, then a critical alert keyed by order and operation is raised', () => {
    const order = newOrder();
    bus.publish('order.unknown-outcome', { orderId: order.id, clientOrderRef: order.clientOrderRef, operation: 'place', error: 'socket closed', since: world.clock.now() });
    expect(last()).toMatchObject({ severity: 'critical', source: 'oms', dedupKey: `oms:unknown-outcome:${order.id}:place`, message: expect.stringContaining('never resent') });
    expect(world.notified).toHaveLength(1);
  });

  it('when an illegal transition is refused, then a warning is raised, and the same refusal again is folded', () => {
    const order = newOrder();
    const event = { order, event: 'ACKNOWLEDGED', error: 'illegal order transition: FILLED → ACKNOWLEDGED', source: 'broker' } as const;
    bus.publish('order.illegal-transition', event);
    bus.publish('order.illegal-transition', event);
    expect(world.stored()).toMatchObject([{ severity: 'warning', dedupKey: `oms:illegal-transition:${order.id}:ACKNOWLEDGED` }]);
    expect(world.manager.repeatCount('alert-1')).toBe(1);
  });

  it('when an execution matches none of our orders, then a critical alert names it', () => {
    const execution = {
      executionId: '0000e0d5.67fe667b.01.09' as ExecutionId, clientOrderRef: newOrder().clientOrderRef, brokerOrderId: 77, contract: shortPut,
      legIndex: undefined, action: 'SELL', quantity: 1, price: 1.2, time: world.clock.now(), commission: undefined,
    } as const;
    bus.publish('execution.unknown', { execution, reason: 'no order with this reference' });
    expect(last()).toMatchObject({ severity: 'critical', dedupKey: 'oms:unknown-execution:0000e0d5.67fe667b.01.09', message: expect.stringContaining('SELL 1 SPY 2026-04-17 440 P @ 1.2') });
  });

  it('when an in-flight order is stale, then a warning is raised; when the monitor gives up, a critical one', () => {
    const order = newOrder();
    const stale = { order, sentAt: world.clock.now() - 45_000, ageMs: 45_000, lookups: 1, brokerState: undefined, error: undefined, gaveUp: false };
    bus.publish('order.in-flight-stale', stale);
    bus.publish('order.in-flight-stale', { ...stale, lookups: 3, gaveUp: true });
    expect(world.stored()).toMatchObject([
      { severity: 'warning', message: expect.stringContaining('45 s ago') },
      { severity: 'critical', dedupKey: `oms:in-flight-stale:${order.id}:gave-up`, message: expect.stringContaining('gave up') },
    ]);
  });

  it('when a send failed, then a warning is raised (the dead-letter queue raises the critical one)', () => {
    const order = newOrder();
    const deadLetter = { orderIds: [order.id], request: { kind: 'order' as const, order: orderRequest(1) }, error: { code: 'broker-unavailable', message: 'circuit open' }, time: world.clock.now() };
    bus.publish('order.send-failed', { orders: [order], deadLetter });
    expect(last()).toMatchObject({ severity: 'warning', dedupKey: `oms:send-failed:${order.id}`, message: expect.stringContaining('circuit open') });
  });

  it('when the OMS reports an error, then a warning is raised, folded by its text', () => {
    bus.publish('oms.error', { message: 'lookup failed', code: 'network', orderId: undefined });
    bus.publish('oms.error', { message: 'lookup failed', code: 'network', orderId: undefined });
    expect(world.stored()).toMatchObject([{ severity: 'warning', source: 'oms', message: 'OMS error network: lookup failed' }]);
  });

  it('when the connection is disposed, then events raise nothing', () => {
    connection.dispose();
    bus.publish('oms.error', { message: 'late', code: 'network', orderId: undefined });
    expect(world.stored()).toEqual([]);
  });
});
