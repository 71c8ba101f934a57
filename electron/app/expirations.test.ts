// Options that expire while held, end to end: the paper broker settles them at the close of
// their expiry date, and the engine books what the app's positions must show.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.ts';
import { TestClock } from '../core/test-clock.ts';
import { WorkstationEngine } from './workstation-engine.ts';

// Monday 2026-11-30, 09:30 New York; SPY's weekly expiry is Friday 2026-12-04.
const mondayOpen = Date.UTC(2026, 10, 30, 14, 30);
const fridayAfterClose = Date.UTC(2026, 11, 4, 21, 5);

/** Advances a minute at a time, letting promise chains (broker answers, heartbeats) finish in between. */
async function advanceSettling(clock: TestClock, until: number): Promise<void> {
  while (clock.now() < until) {
    clock.advanceTo(Math.min(until, clock.now() + 60_000));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('expirations while held', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'expiry-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  async function holdingOneCall(strikeIndex: (strikes: readonly number[], spot: number) => number) {
    const clock = new TestClock(mondayOpen);
    // One-minute market steps keep a week short; a deep in-the-money call is 60 % of this account
    // by delta dollars, so the concentration limit is lifted.
    const engine = new WorkstationEngine({
      dataDirectory: directory, clock, seed: 5, logger: silentLogger,
      marketConfig: { stepMs: 60_000 }, riskLimits: { maxConcentrationPerUnderlying: 1, staleDataMs: 150_000 },
      // The test clock runs a minute of timers at once: heartbeats must not fall due inside one.
      timers: { heartbeatIntervalMs: 600_000 },
    });
    await engine.start();
    await advanceSettling(clock, mondayOpen + 60_000);
    const expiry = '2026-12-04' as never;
    const strikes = engine.market.strikes('SPY', expiry);
    const contract = engine.market.option('SPY', expiry, strikes[strikeIndex(strikes, engine.market.underlyingQuote('SPY').last)]!, 'call');
    const placed = await engine.services.execution.placeOrder({ instrument: contract, action: 'BUY', quantity: 1, type: 'MKT', tif: 'DAY' });
    expect(placed.success, placed.error).toBe(true);
    await advanceSettling(clock, clock.now() + 60_000);
    expect(engine.services.positionBook.lines()).toHaveLength(1);
    return { clock, engine, contract };
  }

  it('when an out-of-the-money option expires, then a $0 closing fill is booked, positions match the broker and reconciliation passes', async () => {
    const { clock, engine } = await holdingOneCall((strikes) => strikes.length - 1);
    await advanceSettling(clock, fridayAfterClose);
    expect(engine.services.positionBook.lines()).toEqual([]);
    const expiryFills = engine.store.fills.listAll().filter((fill) => fill.id.startsWith('EXPIRY:'));
    expect(expiryFills).toHaveLength(1);
    expect(expiryFills[0]).toMatchObject({ price: 0, commission: 0, action: 'SELL', quantity: 1 });
    expect(await engine.paperBroker.positions()).toEqual([]);
    const result = await engine.reconcile();
    expect(result).toMatchObject({ ok: true, reconciled: true });
    await engine.stop();
    engine.dispose();
  });

  it('when an in-the-money option expires, then nothing is booked and a critical alert names it', async () => {
    const { clock, engine, contract } = await holdingOneCall((strikes, spot) => strikes.findIndex((strike) => strike >= spot - 40));
    await advanceSettling(clock, fridayAfterClose);
    expect(engine.services.positionBook.lines().map((line) => line.contract)).toEqual([contract]);
    expect(engine.store.fills.listAll().some((fill) => fill.id.startsWith('EXPIRY:'))).toBe(false);
    const alert = engine.services.alerts.unacknowledged().find((candidate) => candidate.source === 'expiration');
    expect(alert).toMatchObject({ severity: 'critical' });
    expect(alert?.message).toMatch(/in the money/);
    await engine.stop();
    engine.dispose();
  });
});
