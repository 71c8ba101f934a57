import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerEvent } from '../broker.ts';
import { BrokerRequestError } from '../broker-request-error.ts';
import { AppError } from '../../core/errors.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { DeadLetter, DeadLetterCapture, DeadLetterSink } from './dead-letter.ts';
import { ResilientBroker, type ResilientBrokerOptions } from './resilient-broker.ts';
import { deferred } from './testing/deferred.ts';
import { flush, runUntilSettled } from './testing/clock-driver.ts';
import { bracketRequest, orderRequest } from './testing/order-requests.ts';
import { answer, failWith, ScriptedBroker, waitFor } from './testing/scripted-broker.ts';

/** Keeps captures in memory; can be told to fail. */
class MemorySink implements DeadLetterSink {
  readonly captures: DeadLetterCapture[] = [];
  failure: Error | undefined;

  capture(capture: DeadLetterCapture): DeadLetter {
    if (this.failure) throw this.failure;
    this.captures.push(capture);
    return { id: this.captures.length } as DeadLetter;
  }
}

const notSent = (code: 'network' | 'rate-limited' = 'network') => new BrokerRequestError(code, 'request not written', 'not-sent');
const timeout = () => new AppError('timeout', 'no answer in 10 s');
const disposables: Array<{ dispose(): void }> = [];

function setup(options: Partial<ResilientBrokerOptions> = {}) {
  const clock = new TestClock(1_000_000);
  const inner = new ScriptedBroker(clock);
  const sink = new MemorySink();
  const broker = new ResilientBroker(inner, { clock, deadLetters: sink, ...options });
  disposables.push(broker);
  const offsets = (method: Parameters<ScriptedBroker['callsOf']>[0]) => inner.callsOf(method).map((call) => call.time - 1_000_000);
  return { clock, inner, sink, broker, offsets };
}

afterEach(() => {
  for (const disposable of disposables.splice(0)) disposable.dispose();
});

describe('ResilientBroker: pass-through', () => {
  it('when the inner broker reports events, then subscribers get the very same events in order', () => {
    const { inner, broker } = setup();
    const heard: BrokerEvent[] = [];
    broker.subscribe((event) => heard.push(event));
    const notice: BrokerEvent = { type: 'notice', code: 2104, message: 'market data farm OK', clientOrderRef: undefined };
    inner.emit(notice);
    inner.setConnection('disconnected');
    expect(heard[0]).toBe(notice);
    expect(heard.map((event) => event.type)).toEqual(['notice', 'connection']);
    expect(broker.connectionStatus()).toBe(inner.connectionStatus());
    expect(broker.kind).toBe(inner.kind);
  });

  it('when every call succeeds, then each reaches the inner broker once with its arguments', async () => {
    const { inner, broker } = setup();
    const request = orderRequest(1);
    await expect(broker.placeOrder(request)).resolves.toEqual({ brokerOrderId: 100 });
    await broker.modifyOrder(request.clientOrderRef, { limitPrice: 2.1 });
    await broker.cancelOrder(request.clientOrderRef);
    await broker.executions(5);
    expect(inner.calls.map((call) => [call.method, ...call.args])).toEqual([
      ['placeOrder', request], ['modifyOrder', 'OWS-000001', { limitPrice: 2.1 }], ['cancelOrder', 'OWS-000001'], ['executions', 5],
    ]);
  });
});

describe('ResilientBroker: retries', () => {
  it('when a query times out twice, then it is retried after 1 s and 2 s and its answer returned', async () => {
    const { inner, broker, clock, offsets } = setup();
    inner.script('positions', failWith(timeout()), failWith(timeout()), answer([]));
    await expect(runUntilSettled(clock, broker.positions())).resolves.toEqual([]);
    expect(offsets('positions')).toEqual([0, 1_000, 3_000]);
  });

  it('when a query keeps failing, then it gives up after maxAttempts with the last error', async () => {
    const { inner, broker, clock, offsets } = setup({ retry: { maxAttempts: 3 } });
    inner.script('openOrders', failWith(timeout()), failWith(timeout()), failWith(new AppError('timeout', 'last')));
    await expect(runUntilSettled(clock, broker.openOrders())).rejects.toThrow('last');
    expect(offsets('openOrders')).toEqual([0, 1_000, 3_000]);
  });

  it('when a cancel fails with an unknown outcome, then it is retried (cancelling twice is harmless)', async () => {
    const { inner, broker, clock } = setup();
    inner.script('cancelOrder', failWith(new BrokerRequestError('network', 'reset after write', 'unknown')));
    await runUntilSettled(clock, broker.cancelOrder(orderRequest(1).clientOrderRef));
    expect(inner.callsOf('cancelOrder')).toHaveLength(2);
  });

  it('when connect is refused, then it is retried with backoff', async () => {
    const { inner, broker, clock, offsets } = setup();
    inner.setConnection('disconnected');
    inner.script('connect', failWith(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })));
    await runUntilSettled(clock, broker.connect());
    expect(offsets('connect')).toEqual([0, 1_000]);
    expect(broker.connectionStatus().state).toBe('connected');
  });

  it('when an order certainly was not sent and the broker is still connected, then it is retried and placed once', async () => {
    const { inner, broker, clock, sink } = setup();
    inner.script('placeOrder', failWith(notSent('rate-limited')), answer({ brokerOrderId: 5 }));
    await expect(runUntilSettled(clock, broker.placeOrder(orderRequest(1)))).resolves.toEqual({ brokerOrderId: 5 });
    expect(inner.callsOf('placeOrder')).toHaveLength(2);
    expect(sink.captures).toEqual([]);
  });

  it('when an order outcome is unknown, then it is not retried, not dead-lettered, and reported as unknown', async () => {
    const { inner, broker, sink } = setup();
    const unknown = new BrokerRequestError('network', 'socket reset 0.4 s after the write', 'unknown');
    inner.script('placeOrder', failWith(unknown));
    await expect(broker.placeOrder(orderRequest(1))).rejects.toBe(unknown);
    expect(inner.callsOf('placeOrder')).toHaveLength(1);
    expect(sink.captures).toEqual([]);
  });

  it('when an order call fails with something other than a BrokerRequestError, then its outcome is reported unknown', async () => {
    const { inner, broker, sink } = setup();
    inner.script('placeOrder', failWith(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
    const error = await broker.placeOrder(orderRequest(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrokerRequestError);
    expect(error).toMatchObject({ code: 'network', sendOutcome: 'unknown' });
    expect(inner.callsOf('placeOrder')).toHaveLength(1);
    expect(sink.captures).toEqual([]);
  });

  it('when the broker rejects an order for good, then it is neither retried nor dead-lettered', async () => {
    const { inner, broker, sink } = setup();
    const rejected = new BrokerRequestError('order-rejected', 'price outside collar', 'not-sent');
    inner.script('placeOrder', failWith(rejected));
    await expect(broker.placeOrder(orderRequest(1))).rejects.toBe(rejected);
    expect(inner.callsOf('placeOrder')).toHaveLength(1);
    expect(sink.captures).toEqual([]);
  });

  it('when a modify is not sent, then it is retried but never dead-lettered', async () => {
    const { inner, broker, clock, sink } = setup({ retry: { maxAttempts: 2 } });
    inner.script('modifyOrder', failWith(notSent()), failWith(notSent()));
    await expect(runUntilSettled(clock, broker.modifyOrder(orderRequest(1).clientOrderRef, { quantity: 2 }))).rejects.toMatchObject({ sendOutcome: 'not-sent' });
    expect(inner.callsOf('modifyOrder')).toHaveLength(2);
    expect(sink.captures).toEqual([]);
  });
});

describe('ResilientBroker: dead letters', () => {
  it('when an order is still not sent after every attempt, then it is dead-lettered with the full request and attempts', async () => {
    const { inner, broker, clock, sink } = setup();
    inner.script('placeOrder', ...Array.from({ length: 4 }, () => failWith(notSent())));
    const request = orderRequest(1);
    const error = await runUntilSettled(clock, broker.placeOrder(request)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'network', sendOutcome: 'not-sent', details: { deadLetterId: 1, attempts: 4 } });
    expect((error as Error).message).toMatch(/kept as dead letter 1/);
    expect(sink.captures).toEqual([{ request: { kind: 'order', order: request }, reason: 'request not written', errorCode: 'network', attempts: 4 }]);
  });

  it('when the broker is disconnected, then the order is not retried and goes straight to the dead-letter queue', async () => {
    const { inner, broker, sink, clock } = setup();
    inner.setConnection('disconnected');
    await expect(broker.placeOrder(orderRequest(1))).rejects.toMatchObject({ code: 'not-connected', sendOutcome: 'not-sent' });
    expect(inner.callsOf('placeOrder')).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(sink.captures.map((capture) => [capture.errorCode, capture.attempts])).toEqual([['not-connected', 1]]);
  });

  it('when a bracket cannot be sent, then the whole bracket is dead-lettered', async () => {
    const { inner, broker, sink } = setup();
    inner.setConnection('disconnected');
    await expect(broker.placeBracketOrder(bracketRequest(1))).rejects.toBeInstanceOf(BrokerRequestError);
    expect(sink.captures[0]?.request).toEqual({ kind: 'bracket', bracket: bracketRequest(1) });
  });

  it('when the dead-letter queue cannot take the order, then the error says so and the order is still reported not sent', async () => {
    const { inner, broker, sink } = setup();
    sink.failure = new AppError('database-busy', 'database is locked');
    inner.setConnection('disconnected');
    const error = await broker.placeOrder(orderRequest(1)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ sendOutcome: 'not-sent', details: { deadLetterError: 'database is locked' } });
    expect((error as Error).message).toMatch(/could not be kept as a dead letter: database is locked/);
  });

  it('when disposed during a retry wait, then the call fails at once with its last error and is dead-lettered', async () => {
    const { inner, broker, sink } = setup();
    inner.script('placeOrder', failWith(notSent()));
    const placing = broker.placeOrder(orderRequest(1));
    placing.catch(() => {});
    await flush();
    broker.dispose();
    await expect(placing).rejects.toMatchObject({ code: 'network', sendOutcome: 'not-sent' });
    expect(inner.callsOf('placeOrder')).toHaveLength(1);
    expect(sink.captures).toHaveLength(1);
  });
});

describe('ResilientBroker: circuit breaker', () => {
  async function openCircuit(context: ReturnType<typeof setup>) {
    context.inner.script('accountSummary', ...Array.from({ length: 5 }, () => failWith(timeout())));
    for (let index = 0; index < 5; index++) await context.broker.accountSummary().catch(() => {});
    expect(context.broker.circuit.state).toBe('OPEN');
  }

  it('when 5 calls in a row time out, then the breaker opens and an order is refused without reaching the broker and dead-lettered', async () => {
    const context = setup({ retry: { maxAttempts: 1 } });
    await openCircuit(context);
    const error = await context.broker.placeOrder(orderRequest(1)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'broker-unavailable', category: 'retryable', sendOutcome: 'not-sent' });
    expect(context.inner.callsOf('placeOrder')).toEqual([]);
    expect(context.sink.captures.map((capture) => capture.errorCode)).toEqual(['broker-unavailable']);
  });

  it('when the breaker opens during a call’s retries, then the retries stop instead of waiting on the refusal', async () => {
    const context = setup({ retry: { maxAttempts: 10 }, circuitBreaker: { failureThreshold: 2 } });
    context.inner.script('positions', failWith(timeout()), failWith(timeout()));
    await expect(runUntilSettled(context.clock, context.broker.positions())).rejects.toMatchObject({ code: 'broker-unavailable' });
    expect(context.offsets('positions')).toEqual([0, 1_000]);
    expect(context.clock.now() - 1_000_000).toBe(3_000);
  });

  it('when the breaker is open, then cancels still reach the broker (the kill switch is never blocked)', async () => {
    const context = setup({ retry: { maxAttempts: 1 } });
    await openCircuit(context);
    await context.broker.cancelAllOrders();
    expect(context.inner.callsOf('cancelAllOrders')).toHaveLength(1);
    expect(context.broker.circuit.state).toBe('CLOSED');
  });

  it('when cancels are configured not to bypass, then an open breaker refuses them too', async () => {
    const context = setup({ retry: { maxAttempts: 1 }, cancelsBypassOpenCircuit: false });
    await openCircuit(context);
    await expect(context.broker.cancelAllOrders()).rejects.toMatchObject({ code: 'broker-unavailable' });
    expect(context.inner.callsOf('cancelAllOrders')).toEqual([]);
  });

  it('when the broker reconnects, then an open breaker half-opens and the next call is its trial', async () => {
    const context = setup({ retry: { maxAttempts: 1 } });
    await openCircuit(context);
    context.inner.setConnection('disconnected');
    context.inner.setConnection('connected');
    expect(context.broker.circuit.state).toBe('HALF_OPEN');
    await context.broker.positions();
    expect(context.broker.circuit.state).toBe('CLOSED');
  });

  it('when a trial query is in flight, then a concurrent order is refused and dead-lettered, not queued', async () => {
    const context = setup({ retry: { maxAttempts: 1 } });
    await openCircuit(context);
    context.clock.advance(60_000);
    const trialAnswer = deferred<unknown>();
    context.inner.script('positions', waitFor(trialAnswer.promise));
    const trial = context.broker.positions();
    await expect(context.broker.placeOrder(orderRequest(1))).rejects.toMatchObject({ code: 'broker-unavailable' });
    trialAnswer.resolve([]);
    await trial;
    expect(context.sink.captures).toHaveLength(1);
    expect(context.broker.circuit.state).toBe('CLOSED');
  });
});

describe('ResilientBroker: heartbeat and disposal', () => {
  it('when pinged, then the inner broker’s own ping is used, without retry', async () => {
    const { inner, broker } = setup();
    inner.script('ping', failWith(timeout()));
    await expect(broker.ping()).rejects.toThrow('no answer');
    expect(inner.callsOf('ping')).toHaveLength(1);
  });

  it('when disposed, then calls fail as not sent and its reconnect hook is gone', async () => {
    const { inner, broker } = setup();
    const listeners = inner.listenerCount;
    broker.dispose();
    expect(inner.listenerCount).toBe(listeners - 1);
    await expect(broker.positions()).rejects.toMatchObject({ code: 'broker-unavailable', sendOutcome: 'not-sent' });
    expect(inner.calls).toEqual([]);
  });
});
