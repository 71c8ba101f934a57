import { describe, expect, it } from 'vitest';
import { deepFreeze, EventBus, type BusEvent } from './event-bus.ts';
import { createLogger, MemorySink } from './logger.ts';
import { TestClock } from './test-clock.ts';

type Events = {
  'order.submitted': { orderId: string; legs: { strike: number }[] };
  'order.filled': { orderId: string; quantity: number };
  'risk.halted': { reason: string };
};

const submitted = (orderId: string): Events['order.submitted'] => ({ orderId, legs: [{ strike: 100 }] });

describe('EventBus', () => {
  it('when an event is published, then its typed handlers and catch-all handlers run in subscription order', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.subscribe('order.filled', (payload) => seen.push(`typed-1 ${payload.orderId}`));
    bus.subscribeAll((event) => seen.push(`all ${event.type}`));
    bus.subscribe('order.filled', () => seen.push('typed-2'));
    bus.subscribe('risk.halted', () => seen.push('never'));
    bus.publish('order.filled', { orderId: 'A', quantity: 1 });
    expect(seen).toEqual(['typed-1 A', 'all order.filled', 'typed-2']);
  });

  it('when a handler throws, then the other handlers still run and the error is reported with the event', () => {
    const reported: Array<{ error: unknown; event: BusEvent<Events> }> = [];
    const bus = new EventBus<Events>({ onHandlerError: (error, event) => reported.push({ error, event }) });
    const seen: string[] = [];
    bus.subscribe('risk.halted', () => seen.push('before'));
    bus.subscribe('risk.halted', () => {
      throw new Error('handler broke');
    });
    bus.subscribe('risk.halted', () => seen.push('after'));
    bus.publish('risk.halted', { reason: 'kill switch' });
    expect(seen).toEqual(['before', 'after']);
    expect(reported).toHaveLength(1);
    expect((reported[0]?.error as Error).message).toBe('handler broke');
    expect(reported[0]?.event).toEqual({ type: 'risk.halted', payload: { reason: 'kill switch' } });
  });

  it('when a handler throws and a logger is given, then the error is logged at error level', () => {
    const sink = new MemorySink();
    const bus = new EventBus<Events>({ logger: createLogger({ clock: new TestClock(0), sink }) });
    bus.subscribe('risk.halted', () => {
      throw new Error('handler broke');
    });
    bus.publish('risk.halted', { reason: 'x' });
    expect(sink.records).toMatchObject([{ level: 'error', message: 'event handler threw', eventType: 'risk.halted', error: { message: 'handler broke' } }]);
  });

  it('when a handler publishes, then the nested event is delivered after the current one reached every handler', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.subscribe('order.submitted', (payload) => {
      seen.push('first saw submitted');
      bus.publish('order.filled', { orderId: payload.orderId, quantity: 1 });
    });
    bus.subscribeAll((event) => seen.push(`journal ${event.type}`));
    bus.publish('order.submitted', submitted('A'));
    expect(seen).toEqual(['first saw submitted', 'journal order.submitted', 'journal order.filled']);
  });

  it('when a subscription is disposed, then its handler no longer runs, even mid-dispatch', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    const second = bus.subscribe('risk.halted', () => seen.push('second'));
    bus.subscribe('risk.halted', () => seen.push('third'));
    const first = bus.subscribe('risk.halted', () => {
      seen.push('first');
      second.dispose();
    });
    bus.publish('risk.halted', { reason: 'a' });
    first.dispose();
    bus.publish('risk.halted', { reason: 'b' });
    expect(seen).toEqual(['second', 'third', 'first', 'third']);
    expect(bus.listenerCount('risk.halted')).toBe(1);
  });

  it('when payloads are frozen, then a handler that mutates one throws and others see the original', () => {
    const reported: unknown[] = [];
    const bus = new EventBus<Events>({ freezePayloads: true, onHandlerError: (error) => reported.push(error) });
    bus.subscribe('order.submitted', (payload) => {
      (payload.legs[0] as { strike: number }).strike = 999;
    });
    let strikeSeen = 0;
    bus.subscribe('order.submitted', (payload) => (strikeSeen = payload.legs[0]?.strike ?? 0));
    bus.publish('order.submitted', submitted('A'));
    expect(reported[0]).toBeInstanceOf(TypeError);
    expect(strikeSeen).toBe(100);
  });

  it('when the bus is disposed, then publishing throws and no handler runs', () => {
    const bus = new EventBus<Events>();
    let ran = false;
    bus.subscribeAll(() => (ran = true));
    bus.dispose();
    expect(() => bus.publish('risk.halted', { reason: 'x' })).toThrow(/disposed/);
    expect(ran).toBe(false);
  });
});

describe('deepFreeze', () => {
  it('when given nested plain data, then every level is frozen but class instances are left alone', () => {
    const when = new Date(0);
    const value = deepFreeze({ a: { b: [1, { c: 2 }] }, when });
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(Object.isFrozen(when)).toBe(false);
  });
});
