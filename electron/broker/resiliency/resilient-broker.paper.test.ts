import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerEvent } from '../broker.ts';
import { openDatabase, type AppDatabase } from '../../persistence/database.ts';
import { Journal } from '../../persistence/journal/journal.ts';
import { PaperFixture } from '../paper/testing/paper-fixture.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { ResilientBroker } from './resilient-broker.ts';

let fixture: PaperFixture;
let database: AppDatabase;
let queue: DeadLetterQueue;
let broker: ResilientBroker;

beforeEach(() => {
  fixture = new PaperFixture({ connect: false });
  database = openDatabase(fixture.directory.file('app.sqlite'));
  queue = new DeadLetterQueue({ database, journal: new Journal(database, fixture.clock), clock: fixture.clock });
  broker = new ResilientBroker(fixture.broker, { clock: fixture.clock, deadLetters: queue });
});

afterEach(() => {
  broker.dispose();
  database.close();
  fixture.dispose();
});

describe('ResilientBroker over the paper broker', () => {
  it('when the paper broker reports events, then subscribers of the wrapper get the same objects in the same order', async () => {
    const wrapped: BrokerEvent[] = [];
    broker.subscribe((event) => wrapped.push(event));
    await broker.connect();
    await broker.placeOrder(fixture.request({ type: 'MKT', quantity: 2 }));
    fixture.settle();
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped).toHaveLength(fixture.events.length);
    wrapped.forEach((event, index) => expect(event).toBe(fixture.events[index]));
  });

  it('when an order is placed while disconnected, then it is dead-lettered, and after reconnecting its resubmit fills exactly once', async () => {
    const request = fixture.request({ type: 'MKT', quantity: 2 });
    await expect(broker.placeOrder(request)).rejects.toMatchObject({ code: 'not-connected', sendOutcome: 'not-sent', details: { deadLetterId: 1 } });
    expect(queue.list({ status: 'PENDING' }).map((letter) => letter.clientOrderRef)).toEqual([request.clientOrderRef]);
    await broker.connect();
    expect(await broker.openOrders()).toEqual([]);
    const result = await queue.resubmit(1, broker);
    expect(result).toMatchObject({ outcome: 'resubmitted', letter: { status: 'RESUBMITTED' } });
    fixture.settle();
    expect(fixture.lastStatus(request.clientOrderRef)?.state).toBe('FILLED');
    expect(fixture.executions(request.clientOrderRef).reduce((total, execution) => total + execution.quantity, 0)).toBe(2);
    expect((await broker.positions()).map((position) => position.quantity)).toEqual([2]);
    await expect(queue.resubmit(1, broker)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('when the paper broker refuses a reused client order ref, then it is a terminal refusal and not dead-lettered', async () => {
    await broker.connect();
    const request = fixture.request({ limitPrice: 1 });
    await broker.placeOrder(request);
    await expect(broker.placeOrder({ ...request, limitPrice: 1.05 })).rejects.toMatchObject({ code: 'conflict', sendOutcome: 'not-sent' });
    expect(queue.list()).toEqual([]);
  });

  it('when a resubmit is refused by the paper broker because it is disconnected again, then the letter stays pending with the new reason', async () => {
    await broker.placeOrder(fixture.request({ limitPrice: 1 })).catch(() => {});
    const result = await queue.resubmit(1, broker);
    expect(result).toMatchObject({ outcome: 'failed', letter: { status: 'PENDING', errorCode: 'not-connected', attempts: 2 } });
    expect(result.letter.reason).toMatch(/^resubmit failed: the paper broker is not connected/);
  });
});
