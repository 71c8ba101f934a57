import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import { AppError } from '../../core/errors.ts';
import { Journal } from '../../persistence/journal/journal.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from '../../persistence/testing/database-harness.ts';
import type { DeadLetterCapture } from './dead-letter.ts';
import { DeadLetterQueue, type DeadLetterEvent } from './dead-letter-queue.ts';
import { deferred } from './testing/deferred.ts';
import { bracketRequest, orderRequest } from './testing/order-requests.ts';
import { answer, failWith, hang, ScriptedBroker, waitFor } from './testing/scripted-broker.ts';

let harness: DatabaseHarness;
let journal: Journal;
let queue: DeadLetterQueue;

function openQueue(): DeadLetterQueue {
  journal = new Journal(harness.database, harness.clock);
  queue = new DeadLetterQueue({ database: harness.database, journal, clock: harness.clock });
  return queue;
}

const captureOf = (sequence: number, fields: Partial<DeadLetterCapture> = {}): DeadLetterCapture => ({
  request: { kind: 'order', order: orderRequest(sequence) },
  reason: 'circuit breaker open',
  errorCode: 'broker-unavailable',
  attempts: 4,
  ...fields,
});

const journalChanges = () => journal.read({ types: ['dead-letter.captured', 'dead-letter.changed'] }).map((entry) => (entry.type === 'dead-letter.captured' ? 'captured' : (entry.payload as { change: string }).change));

beforeEach(() => {
  harness = createDatabaseHarness('dead-letters-');
  openQueue();
});

afterEach(() => harness.dispose());

describe('DeadLetterQueue: capture and list', () => {
  it('when an order could not be sent, then it is stored PENDING with its full request, reason, attempts and times, and journaled', () => {
    const request = orderRequest(1);
    const letter = queue.capture({ request: { kind: 'order', order: request }, reason: 'not connected', errorCode: 'not-connected', attempts: 1 });
    expect(letter).toMatchObject({
      id: 1, clientOrderRef: 'OWS-000001', status: 'PENDING', reason: 'not connected', errorCode: 'not-connected', attempts: 1,
      brokerOrderId: undefined, createdAt: harness.clock.now(), updatedAt: harness.clock.now(),
    });
    expect(letter.request).toEqual({ kind: 'order', order: request });
    const [entry] = journal.read({ types: ['dead-letter.captured'] });
    expect((entry?.payload as { letter: { request: unknown } }).letter.request).toEqual(JSON.parse(JSON.stringify({ kind: 'order', order: request })));
  });

  it('when letters are listed, then they come oldest first and can be filtered by status', () => {
    queue.capture(captureOf(1));
    queue.capture(captureOf(2));
    queue.discard(1, 'operator gave up');
    expect(queue.list().map((letter) => letter.clientOrderRef)).toEqual(['OWS-000001', 'OWS-000002']);
    expect(queue.list({ status: 'PENDING' }).map((letter) => letter.id)).toEqual([2]);
    expect(queue.list({ status: ['DISCARDED', 'UNKNOWN'] }).map((letter) => letter.id)).toEqual([1]);
    expect(queue.byClientOrderRef('OWS-000002')?.id).toBe(2);
    expect(queue.get(99)).toBeUndefined();
  });

  it('when the same pending order fails again, then its letter gets the new reason and the attempts add up', () => {
    queue.capture(captureOf(1));
    harness.clock.advance(5_000);
    const again = queue.capture(captureOf(1, { reason: 'still not connected', errorCode: 'not-connected', attempts: 2 }));
    expect(again).toMatchObject({ id: 1, status: 'PENDING', reason: 'still not connected', errorCode: 'not-connected', attempts: 6 });
    expect(again.updatedAt).toBe(again.createdAt + 5_000);
    expect(queue.list()).toHaveLength(1);
    expect(journalChanges()).toEqual(['captured', 'failed-again']);
  });

  it('when the capture is malformed, then it is refused naming the problem and nothing is written', () => {
    expect(() => queue.capture(captureOf(1, { request: { kind: 'order', order: { ...orderRequest(1), quantity: 0 } } }))).toThrow(/order\.quantity/);
    expect(() => queue.capture(captureOf(1, { request: { kind: 'order', order: { ...orderRequest(1), clientOrderRef: 'x' as never } } }))).toThrow(/clientOrderRef/);
    expect(() => queue.capture(captureOf(1, { reason: ' ' }))).toThrow(/reason/);
    expect(() => queue.capture(captureOf(1, { attempts: 0 }))).toThrow(/attempts/);
    expect(queue.list()).toEqual([]);
    expect(journal.read()).toEqual([]);
  });

  it('when a letter was closed (resubmitted or discarded), then capturing its ref again is a conflict', () => {
    queue.capture(captureOf(1));
    queue.discard(1, 'not wanted');
    expect(() => queue.capture(captureOf(1))).toThrow(expect.objectContaining({ code: 'conflict' }) as Error);
  });

  it('when a subscriber listens, then it hears each change after it was written', () => {
    const heard: DeadLetterEvent[] = [];
    queue.subscribe((event) => heard.push(event));
    queue.capture(captureOf(1));
    queue.discard(1, 'not wanted');
    expect(heard.map((event) => [event.change, event.letter.status])).toEqual([['captured', 'PENDING'], ['discarded', 'DISCARDED']]);
  });
});

describe('DeadLetterQueue: persistence', () => {
  it('when the database file is closed and reopened, then every letter reads back exactly', () => {
    queue.capture(captureOf(1));
    queue.capture({ request: { kind: 'bracket', bracket: bracketRequest(2) }, reason: 'network', errorCode: 'network', attempts: 4 });
    queue.capture(captureOf(5));
    queue.discard(3, 'duplicate');
    const before = queue.list();
    harness.reopen();
    openQueue();
    expect(queue.list()).toEqual(before);
    expect(queue.interruptedOnOpen).toEqual([]);
    expect(journal.verify().ok).toBe(true);
  });

  it('when a stored row is corrupt, then reading it fails naming the letter', () => {
    queue.capture(captureOf(1));
    writeCorruptRow(harness.database, `UPDATE dead_letters SET status = 'LOST' WHERE id = 1`);
    expect(() => queue.get(1)).toThrow(/dead letter 1: column status/);
  });
});

describe('DeadLetterQueue: resubmit', () => {
  it('when a resubmit is handed to the broker, then the letter is RESUBMITTED with the broker order id and the same request went out', async () => {
    const broker = new ScriptedBroker(harness.clock).script('placeOrder', answer({ brokerOrderId: 42 }));
    queue.capture(captureOf(1));
    const result = await queue.resubmit(1, broker);
    expect(result).toMatchObject({ outcome: 'resubmitted', brokerOrderId: 42, letter: { status: 'RESUBMITTED', brokerOrderId: 42, attempts: 5 } });
    expect(broker.callsOf('placeOrder').map((call) => call.args[0])).toEqual([orderRequest(1)]);
    expect(journalChanges()).toEqual(['captured', 'resubmit-started', 'resubmitted']);
  });

  it('when a bracket letter is resubmitted, then it goes out as a bracket and keeps the parent id', async () => {
    const broker = new ScriptedBroker(harness.clock).script('placeBracketOrder', answer({ parent: 7, takeProfit: 8, stopLoss: 9 }));
    queue.capture({ request: { kind: 'bracket', bracket: bracketRequest(1) }, reason: 'network', errorCode: 'network', attempts: 1 });
    const result = await queue.resubmit(1, broker);
    expect(result).toMatchObject({ outcome: 'resubmitted', brokerOrderId: 7 });
    expect(broker.callsOf('placeBracketOrder')[0]?.args[0]).toEqual(bracketRequest(1));
  });

  it('when a resubmit certainly was not sent, then the letter stays PENDING with the new reason and can be tried again', async () => {
    const broker = new ScriptedBroker(harness.clock).script('placeOrder', failWith(new BrokerRequestError('rate-limited', 'pacing violation', 'not-sent')));
    queue.capture(captureOf(1));
    const result = await queue.resubmit(1, broker);
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'rate-limited' }, letter: { status: 'PENDING', reason: 'resubmit failed: pacing violation', errorCode: 'rate-limited', attempts: 5 } });
    await expect(queue.resubmit(1, broker)).resolves.toMatchObject({ outcome: 'resubmitted' });
  });

  it('when a resubmit outcome is unknown, then the letter is UNKNOWN and is never sent again by resubmit', async () => {
    const broker = new ScriptedBroker(harness.clock).script('placeOrder', failWith(new BrokerRequestError('network', 'socket reset after write', 'unknown')));
    queue.capture(captureOf(1));
    const result = await queue.resubmit(1, broker);
    expect(result).toMatchObject({ outcome: 'unknown', letter: { status: 'UNKNOWN', errorCode: 'network' } });
    await expect(queue.resubmit(1, broker)).rejects.toThrow(/UNKNOWN.*reconciler must resolve it/);
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a plain error comes back from the broker, then the outcome is treated as unknown', async () => {
    const broker = new ScriptedBroker(harness.clock).script('placeOrder', failWith(new Error('adapter bug')));
    queue.capture(captureOf(1));
    await expect(queue.resubmit(1, broker)).resolves.toMatchObject({ outcome: 'unknown' });
  });

  it('when the same letter is resubmitted twice at once, then the second is refused and the order goes out once', async () => {
    const answerLater = deferred<unknown>();
    const broker = new ScriptedBroker(harness.clock).script('placeOrder', waitFor(answerLater.promise));
    queue.capture(captureOf(1));
    const first = queue.resubmit(1, broker);
    await expect(queue.resubmit(1, broker)).rejects.toThrow(/IN_FLIGHT.*resubmit is in flight/);
    expect(queue.get(1)?.status).toBe('IN_FLIGHT');
    answerLater.resolve({ brokerOrderId: 9 });
    await expect(first).resolves.toMatchObject({ outcome: 'resubmitted', brokerOrderId: 9 });
    expect(broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when the sender captures the ref again while its resubmit is in flight, then the letter is left to the resubmit', async () => {
    const answerLater = deferred<unknown>();
    const broker = new ScriptedBroker(harness.clock).script('placeOrder', waitFor(answerLater.promise));
    queue.capture(captureOf(1));
    const resubmitting = queue.resubmit(1, broker);
    expect(queue.capture(captureOf(1, { reason: 'again' }))).toMatchObject({ status: 'IN_FLIGHT', attempts: 5 });
    answerLater.reject(new BrokerRequestError('not-connected', 'dropped', 'not-sent'));
    await expect(resubmitting).resolves.toMatchObject({ outcome: 'failed', letter: { status: 'PENDING', attempts: 5 } });
  });

  it('when the letter does not exist or is final, then resubmit throws before anything is sent', async () => {
    const broker = new ScriptedBroker(harness.clock);
    await expect(queue.resubmit(5, broker)).rejects.toMatchObject({ code: 'not-found' });
    queue.capture(captureOf(1));
    queue.discard(1, 'no');
    await expect(queue.resubmit(1, broker)).rejects.toMatchObject({ code: 'conflict' });
    expect(broker.calls).toEqual([]);
  });
});

describe('DeadLetterQueue: restart while in flight', () => {
  it('when the app stopped during a resubmit, then on reopen the letter is UNKNOWN, reported, and not resent', async () => {
    queue.capture(captureOf(1));
    void queue.resubmit(1, new ScriptedBroker(harness.clock).script('placeOrder', hang()));
    expect(queue.get(1)?.status).toBe('IN_FLIGHT');
    harness.reopen();
    openQueue();
    expect(queue.interruptedOnOpen.map((letter) => [letter.id, letter.status])).toEqual([[1, 'UNKNOWN']]);
    expect(queue.get(1)?.reason).toMatch(/outcome is unknown/);
    const broker = new ScriptedBroker(harness.clock);
    await expect(queue.resubmit(1, broker)).rejects.toMatchObject({ code: 'conflict' });
    expect(broker.calls).toEqual([]);
    expect(journalChanges()).toEqual(['captured', 'resubmit-started', 'interrupted']);
  });

  it('when the reconciler finds the order at the broker, then the UNKNOWN letter becomes RESUBMITTED', () => {
    queue.capture(captureOf(1));
    void queue.resubmit(1, new ScriptedBroker(harness.clock).script('placeOrder', hang()));
    harness.reopen();
    openQueue();
    expect(queue.resolveUnknown(1, { found: true, brokerOrderId: 31 })).toMatchObject({ status: 'RESUBMITTED', brokerOrderId: 31 });
  });

  it('when the reconciler does not find the order, then the UNKNOWN letter is PENDING again and may be resubmitted', async () => {
    queue.capture(captureOf(1));
    void queue.resubmit(1, new ScriptedBroker(harness.clock).script('placeOrder', hang()));
    harness.reopen();
    openQueue();
    expect(queue.resolveUnknown(1, { found: false })).toMatchObject({ status: 'PENDING', reason: 'the broker never received it: it may be resubmitted' });
    await expect(queue.resubmit(1, new ScriptedBroker(harness.clock))).resolves.toMatchObject({ outcome: 'resubmitted' });
  });

  it('when a letter is not UNKNOWN, then it cannot be resolved', () => {
    queue.capture(captureOf(1));
    expect(() => queue.resolveUnknown(1, { found: false })).toThrow(/PENDING: it cannot become PENDING/);
    expect(() => queue.resolveUnknown(1, { found: true, brokerOrderId: -1 })).toThrow(AppError);
  });
});

describe('DeadLetterQueue: discard', () => {
  it('when a pending letter is discarded, then it is DISCARDED with the reason, kept, journaled and final', () => {
    queue.capture(captureOf(1));
    expect(queue.discard(1, 'market moved; not wanted')).toMatchObject({ status: 'DISCARDED', reason: 'market moved; not wanted' });
    expect(() => queue.discard(1, 'again')).toThrow(/DISCARDED: it cannot become DISCARDED/);
    expect(queue.list()).toHaveLength(1);
    expect(journalChanges()).toEqual(['captured', 'discarded']);
  });

  it('when the discard reason is empty, then it is refused naming the reason', () => {
    queue.capture(captureOf(1));
    expect(() => queue.discard(1, '')).toThrow(/discard reason/);
    expect(queue.get(1)?.status).toBe('PENDING');
  });
});
