import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerEvent } from '../broker.ts';
import { PaperFixture } from './testing/paper-fixture.ts';

const fixtures: PaperFixture[] = [];

afterEach(() => {
  for (const fixture of fixtures.splice(0)) fixture.dispose();
});

/** A busy session: market, limit, touch-resting, partial and combo orders, then ticks. */
async function session(seed: number): Promise<BrokerEvent[]> {
  const fixture = new PaperFixture({ seed });
  fixtures.push(fixture);
  fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 3, askSize: 3 });
  await fixture.place({ type: 'MKT', quantity: 5 });
  await fixture.place({ limitPrice: 2.1, quantity: 7 });
  for (let index = 0; index < 6; index++) await fixture.place({ action: 'SELL', limitPrice: 2.1 });
  await fixture.place({ instrument: fixture.combo, limitPrice: 1.1, quantity: 2 });
  for (let step = 0; step < 10; step++) {
    fixture.elapse(7);
    fixture.market.setQuote(fixture.option, { bid: 2.0 + (step % 3) * 0.01, ask: 2.1, bidSize: 3, askSize: 3 });
  }
  fixture.settle();
  return fixture.events;
}

describe('paper broker: determinism', () => {
  it('when two brokers get the same seed and the same inputs, then they report identical events, ids, prices and times', async () => {
    const first = await session(42);
    const second = await session(42);
    expect(first.filter((event) => event.type === 'execution').length).toBeGreaterThan(5);
    expect(second).toEqual(first);
  });

  it('when the seed differs, then the latencies (and so the event times) differ', async () => {
    const times = (events: BrokerEvent[]) => events.flatMap((event) => (event.type === 'order-status' ? [event.status.time] : []));
    expect(times(await session(1))).not.toEqual(times(await session(2)));
  });
});
