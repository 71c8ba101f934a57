// How many fills per second the paper broker books: marketable orders against the in-memory
// market on a test clock, placed in batches and answered by advancing the clock. Every
// placement and every fill is a durable SQLite transaction (WAL, synchronous=FULL) in a temp
// folder, as in the app. Wired into the "market" bench section as paperFillsPerSec.
import { fromDollars } from '../../shared/domain/money.ts';
import { PaperFixture } from '../../electron/broker/paper/testing/paper-fixture.ts';

const warmupOrders = 200;
const measuredOrders = 4_000;
const batchSize = 100;

async function placeMarketOrders(fixture: PaperFixture, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await fixture.broker.placeOrder(fixture.request({ type: 'MKT', action: index % 2 === 0 ? 'BUY' : 'SELL' }));
    if ((index + 1) % batchSize === 0) fixture.settle();
  }
  fixture.settle();
}

function executionCount(fixture: PaperFixture): number {
  return fixture.events.reduce((count, event) => count + (event.type === 'execution' ? 1 : 0), 0);
}

export async function measurePaperFillsPerSecond(): Promise<{ fillsPerSec: number; fills: number }> {
  const fixture = new PaperFixture({ config: { startingCash: fromDollars(1_000_000_000) } });
  try {
    fixture.market.setQuote(fixture.option, { bid: 2.0, ask: 2.1, bidSize: 1_000_000, askSize: 1_000_000 });
    await placeMarketOrders(fixture, warmupOrders);
    const before = executionCount(fixture);
    const start = process.hrtime.bigint();
    await placeMarketOrders(fixture, measuredOrders);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const fills = executionCount(fixture) - before;
    if (fills !== measuredOrders) throw new Error(`expected ${measuredOrders} fills, got ${fills}`);
    return { fillsPerSec: fills / seconds, fills };
  } finally {
    fixture.dispose();
  }
}
