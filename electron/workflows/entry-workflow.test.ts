import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';
import { waitForStatus } from './testing/workflow-scenarios.ts';

describe('EntryWorkflow', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  const start = async (options: Parameters<typeof WorkflowHarness.start>[0] = {}) => {
    harness = await WorkflowHarness.start(options);
    await harness.advance(2_000);
    return harness.workflows.entry;
  };

  it('when the market facts are read, then the signal follows the IV rank of the underlying', async () => {
    const entry = await start();
    // Seed 42 starts with SPY's IV rank near 5: buy premium.
    const signal = entry.evaluateEntrySignal('SPY');
    expect(signal.facts.ivRank).toBe(harness.engine.market.ivStatistics('SPY').rank);
    expect(signal).toMatchObject({ enter: true, strategyType: 'BULL_CALL' });
  });

  it('when the facts are given, then they replace the market readings', async () => {
    const entry = await start();
    expect(entry.evaluateEntrySignal('SPY', { ivRank: 70, vix: 20 })).toMatchObject({ enter: true, strategyType: 'IRON_CONDOR', facts: { ivRank: 70, vix: 20 } });
    expect(entry.evaluateEntrySignal('SPY', { ivRank: 70, vix: 45 }).enter).toBe(false);
  });

  it('when the symbol is unknown or malformed, then the signal throws a validation error naming the symbol', async () => {
    const entry = await start();
    for (const symbol of ['XYZ', '']) {
      let error: unknown;
      try {
        entry.evaluateEntrySignal(symbol);
      } catch (thrown) {
        error = thrown;
      }
      expect(isAppError(error) ? error.code : (error as { field?: string }).field).toMatch(/validation|symbol/);
    }
  });

  it('when a strategy is already active on the underlying, then the signal and the entry refuse a second one', async () => {
    const entry = await start();
    expect((await entry.executeEntry('SPY', 'IRON_CONDOR')).status).toBe('placed');
    expect(entry.evaluateEntrySignal('SPY', { ivRank: 70 }).reasons[0]).toMatch(/1 active strategies on SPY already/);
    const second = await entry.executeEntry('SPY', 'BULL_PUT');
    expect(second).toMatchObject({ status: 'refused', error: { code: 'conflict' } });
  });

  it.each([
    ['XYZ', 'IRON_CONDOR', {}, 'symbol'],
    ['SPY', 'STRANGLE', {}, 'strategyType'],
    ['SPY', 'IRON_CONDOR', { shortDelta: 0.7 }, 'shortDelta'],
    ['SPY', 'IRON_CONDOR', { quantity: 0 }, 'quantity'],
    ['SPY', 'BULL_PUT', { expiry: '2026-12-02' }, 'expiry'],
    ['SPY', 'SHORT_PUT', { strike: 681.5 }, 'strike'],
  ])('when executeEntry gets bad parameters (%s %s %j), then it is refused naming %s and nothing is stored', async (symbol, type, params, field) => {
    const entry = await start();
    const result = await entry.executeEntry(symbol, type as never, params);
    expect(result).toMatchObject({ status: 'refused', strategyId: undefined, orderIds: [], error: { code: 'validation', field } });
    expect(result.reasons[0]).toMatch(new RegExp(field));
    expect(harness.engine.store.records.strategies.listAll()).toEqual([]);
  });

  it('when the buying power is too small, then the entry is refused saying what it needs', async () => {
    const entry = await start({ startingCash: 100_000 });
    // About $365 of max loss per condor: 300 of them need more than $100,000.
    const result = await entry.executeEntry('SPY', 'IRON_CONDOR', { quantity: 300 });
    expect(result).toMatchObject({ status: 'refused', error: { code: 'insufficient-buying-power', field: 'quantity' } });
  });

  it('when trading is halted, then the entry is refused before anything is built', async () => {
    const entry = await start();
    harness.engine.services.governor.halt('test halt');
    const result = await entry.executeEntry('SPY', 'IRON_CONDOR');
    expect(result).toMatchObject({ status: 'refused', error: { code: 'trading-halted' } });
    expect(result.reasons[0]).toMatch(/trading is HALTED \(test halt\)/);
  });

  it('when the entry is placed, then ONE combo order carries the strategy id, the strategy is PENDING and the attempt is journaled', async () => {
    const entry = await start();
    const result = await entry.executeEntry('SPY', 'IRON_CONDOR');
    expect(result).toMatchObject({ status: 'placed', strategyType: 'IRON_CONDOR' });
    expect(result.orderIds).toHaveLength(1);
    const order = harness.engine.services.oms.getOrder(result.orderIds[0]!)!;
    expect(order).toMatchObject({ strategyId: result.strategyId, type: 'LMT', action: 'BUY' });
    expect(order.instrument.kind).toBe('combo');
    expect(harness.engine.services.oms.contextOf(order.id)?.purpose).toBe('entry');
    expect(harness.workflows.tracker.get(result.strategyId!)?.status).toBe('PENDING');
    expect(result.reasons.join(' ')).toMatch(/credit .* per share at the mids, max profit \$.*, max loss \$/);
    expect(harness.engine.journal.read({ types: ['workflow.entry'] })).toHaveLength(1);
  });

  it('when a short put is entered, then one limit order at its natural price on the tick grid opens it', async () => {
    const entry = await start();
    const result = await entry.executeEntry('SPY', 'SHORT_PUT');
    const order = harness.engine.services.oms.getOrder(result.orderIds[0]!)!;
    expect(order).toMatchObject({ action: 'SELL', type: 'LMT', quantity: 1 });
    const price = Math.round(order.limitPrice! * 100);
    expect(price % (order.limitPrice! >= 3 ? 5 : 1)).toBe(0);
    const opened = await waitForStatus(harness, result.strategyId!, 'OPEN', 60_000);
    expect(opened.entryNetAmount).toBeLessThan(0);
  });

  it('when the gate denies the order, then the strategy is FAILED with the denial', async () => {
    // A portfolio vega limit of $1 per vol point: any short-vega condor breaches it.
    const entry = await start({ riskLimits: { maxPortfolioVega: 1 } });
    const result = await entry.executeEntry('SPY', 'IRON_CONDOR');
    expect(result).toMatchObject({ status: 'failed', error: { code: 'order-rejected' } });
    expect(result.error?.message).toMatch(/PORTFOLIO_VEGA/);
    expect(harness.workflows.tracker.get(result.strategyId!)).toMatchObject({ status: 'FAILED' });
  });

  it('when the entry is a dry run, then nothing is sent and the strategy ends FAILED saying so', async () => {
    const entry = await start();
    const result = await entry.executeEntry('SPY', 'IRON_CONDOR', {}, { dryRun: true });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'dry-run' } });
    expect(harness.workflows.tracker.get(result.strategyId!)?.statusReason).toMatch(/dry run/);
  });
});
