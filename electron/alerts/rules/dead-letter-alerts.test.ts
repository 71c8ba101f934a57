import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../broker/resiliency/dead-letter-queue.ts';
import { orderRequest } from '../../broker/resiliency/testing/order-requests.ts';
import { hang, ScriptedBroker } from '../../broker/resiliency/testing/scripted-broker.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { connectAlertSources } from './connect-alert-sources.ts';

let world: AlertWorld;
let connection: Disposable | undefined;

beforeEach(() => {
  world = new AlertWorld();
});

afterEach(() => {
  connection?.dispose();
  world.dispose();
});

const openQueue = () => new DeadLetterQueue({ database: world.store.database, journal: world.store.journal, clock: world.clock });
const capture = { request: { kind: 'order' as const, order: orderRequest(1) }, reason: 'circuit breaker open', errorCode: 'broker-unavailable' as const, attempts: 3 };
const keys = () => world.stored().map((alert) => `${alert.severity} ${alert.dedupKey}`);

describe('dead-letter alerts (source dead-letters)', () => {
  it('when a letter is captured, fails again and is discarded, then critical, warning and info alerts are raised', () => {
    const queue = openQueue();
    connection = connectAlertSources(world.manager, { deadLetters: queue });
    queue.capture(capture);
    queue.capture({ ...capture, reason: 'still open', attempts: 1 });
    queue.discard(1, 'operator gave up');
    expect(keys()).toEqual(['critical dead-letter:1:captured', 'warning dead-letter:1:failed', 'info dead-letter:1:discarded']);
    expect(world.stored()[0]?.message).toBe('Order OWS-000001 (dead letter 1, PENDING, 3 attempt(s)) could not be sent and waits in the dead-letter queue: circuit breaker open');
  });

  it('when a resubmit was in flight as the app stopped, then the letter found on opening raises a critical alert when connected', async () => {
    const before = openQueue();
    before.capture(capture);
    const broker = new ScriptedBroker(world.clock).script('placeOrder', hang());
    void before.resubmit(1, broker);
    await new Promise<void>((resolve) => setImmediate(resolve));
    world.reopen();
    const after = openQueue();
    expect(after.interruptedOnOpen).toHaveLength(1);
    connection = connectAlertSources(world.manager, { deadLetters: after });
    expect(keys()).toEqual(['critical dead-letter:1:unknown']);
    expect(world.stored()[0]?.message).toMatch(/UNKNOWN.*when the app stopped/);
  });
});
