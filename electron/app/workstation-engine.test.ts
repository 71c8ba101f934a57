import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatClientOrderRef } from '../../shared/domain/ids.ts';
import { TestClock } from '../core/test-clock.ts';
import { silentLogger } from '../core/logger.ts';
import { APP_DATABASE_FILE, PAPER_ACCOUNT_FILE, WorkstationEngine } from './workstation-engine.ts';

const mondayOpen = Date.UTC(2026, 10, 23, 14, 30);

describe('WorkstationEngine', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'engine-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const build = (clock: TestClock) => new WorkstationEngine({ dataDirectory: directory, clock, seed: 3, logger: silentLogger });

  it('when started and stopped, then both databases exist and the journal records both and verifies', async () => {
    const clock = new TestClock(mondayOpen);
    const engine = build(clock);
    await engine.start();
    clock.advance(5_000);
    await engine.stop();
    const types = engine.journal.read().map((entry) => entry.type);
    expect(types.filter((type) => type.startsWith('engine.'))).toEqual(['engine.started', 'engine.stopped']);
    expect(types).toContain('reconciliation.finished');
    expect(engine.journal.verify().ok).toBe(true);
    engine.dispose();
    expect(existsSync(path.join(directory, APP_DATABASE_FILE))).toBe(true);
    expect(existsSync(path.join(directory, PAPER_ACCOUNT_FILE))).toBe(true);
  });

  it('when the market steps, then the status shows its prices, the connected account and the quote count', async () => {
    const clock = new TestClock(mondayOpen);
    const engine = build(clock);
    await engine.start();
    clock.advance(10_000);
    const status = engine.status();
    expect(status.marketOpen).toBe(true);
    expect(status.underlyings.map((quote) => quote.symbol)).toEqual(['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA']);
    expect(status.account?.cash).toBe(status.account?.netLiquidation);
    expect(status.account?.cash).toBeGreaterThan(0);
    expect(status).toMatchObject({ workingOrders: 0, positions: [], connection: 'connected' });
    expect(status.risk).toMatchObject({ tradingState: 'ACTIVE', reconciled: true });
    expect(engine.quotesGenerated).toBe(10 * 6);
    await engine.stop();
    engine.dispose();
  });

  it('when the engine restarts on the same folder, then the paper account keeps its orders', async () => {
    const clock = new TestClock(mondayOpen);
    const first = build(clock);
    await first.start();
    const expiry = first.market.expirations('SPY')[3]!;
    const strike = first.market.strikes('SPY', expiry)[10]!;
    const contract = first.market.option('SPY', expiry, strike, 'put');
    await first.broker.placeOrder({ clientOrderRef: formatClientOrderRef(1), instrument: contract, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 0.01, tif: 'GTC' });
    clock.advance(1_000);
    await first.stop();
    first.dispose();

    const second = build(clock);
    await second.start();
    expect((await second.broker.openOrders()).map((order) => order.clientOrderRef)).toEqual([formatClientOrderRef(1)]);
    expect(second.journal.read().map((entry) => entry.type).filter((type) => type.startsWith('engine.'))).toEqual(['engine.started', 'engine.stopped', 'engine.started']);
    await second.stop();
    second.dispose();
  });

  it('when the engine starts on a clean account, then the start reconciliation succeeds and enables automation', async () => {
    const clock = new TestClock(mondayOpen);
    const engine = build(clock);
    expect(engine.services.governor.state().reconciled).toBe(false);
    await engine.start();
    expect(engine.services.governor.state().reconciled).toBe(true);
    const finished = engine.journal.read({ types: ['reconciliation.finished'] });
    expect(finished).toHaveLength(1);
    await engine.stop();
    engine.dispose();
  });

  it('when the broker holds a position the app never traded, then the start reconciliation keeps automation off and raises a critical alert', async () => {
    const clock = new TestClock(mondayOpen);
    const first = build(clock);
    await first.start();
    clock.advance(2_000);
    const expiry = first.market.expirations('SPY')[3]!;
    const contract = first.market.option('SPY', expiry, first.market.strikes('SPY', expiry)[10]!, 'put');
    // Straight to the paper broker, as if typed into TWS by hand.
    await first.paperBroker.placeOrder({ clientOrderRef: formatClientOrderRef(999_999), instrument: contract, action: 'BUY', quantity: 1, type: 'MKT', tif: 'DAY' });
    clock.advance(1_000);
    await first.stop();
    first.dispose();

    const second = build(clock);
    await second.start();
    expect(second.services.governor.state().reconciled).toBe(false);
    expect(second.services.alerts.unacknowledged().some((alert) => alert.severity === 'critical' && /position mismatch/.test(alert.message))).toBe(true);
    const result = await second.services.execution.placeOrder({ instrument: contract, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 0.05, tif: 'DAY' });
    expect(result.error).toMatch(/reconcil/i);
    await second.stop();
    second.dispose();
  });

  it('when the kill switch fires through the engine, then trading halts and the working order is cancelled at the broker', async () => {
    const clock = new TestClock(mondayOpen);
    const engine = build(clock);
    await engine.start();
    clock.advance(2_000);
    const expiry = engine.market.expirations('SPY')[3]!;
    const contract = engine.market.option('SPY', expiry, engine.market.strikes('SPY', expiry)[20]!, 'put');
    // Below the bid (so it rests) and inside the price collar.
    const bid = Math.max(0.01, Math.floor(engine.marketData.snapshot(contract).bid * 90) / 100);
    const placed = await engine.services.execution.placeOrder({ instrument: contract, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: bid, tif: 'DAY' });
    expect(placed.success, placed.error).toBe(true);
    clock.advance(100);
    expect(engine.services.oms.workingOrders()).toHaveLength(1);

    const result = await engine.services.killSwitch.trigger({ source: 'api', reason: 'test', flatten: false });
    expect(result).toMatchObject({ halted: true, cancelAll: 'sent' });
    clock.advance(100);
    expect(engine.services.oms.workingOrders()).toEqual([]);
    expect(engine.services.governor.state().tradingState).toBe('HALTED');
    expect((await engine.services.execution.placeOrder({ instrument: contract, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: bid, tif: 'DAY' })).error).toMatch(/halt/i);
    await engine.stop();
    engine.dispose();
  });
});

