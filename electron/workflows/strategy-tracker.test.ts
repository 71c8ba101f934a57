import { afterEach, describe, expect, it } from 'vitest';
import { fromDollars } from '../../shared/domain/money.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';
import { netDebit, commissions } from './fill-accounting.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';
import { DEFAULT_WORKFLOW_CONFIG } from './workflow-config.ts';
import { openStrategy, waitForStatus } from './testing/workflow-scenarios.ts';

/** The fills of every order of the strategy, from the store. */
function fillsOf(harness: WorkflowHarness, strategy: Pick<Strategy, 'id'>) {
  const { store } = harness.engine;
  return store.orders.listByStrategy(strategy.id).flatMap((order) => store.fills.listByOrder(order.id));
}

describe('StrategyTracker', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  it('when the entry combo fills completely, then the strategy goes PENDING → OPEN with the entry amount of its fills', async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    const statuses: string[] = [];
    harness.workflows.events.subscribe('workflow.strategy-changed', ({ strategy }) => statuses.push(strategy.status));
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const fills = fillsOf(harness, strategy);
    expect(statuses[0]).toBe('PENDING');
    expect(statuses.at(-1)).toBe('OPEN');
    expect(strategy.entryNetAmount).toBe(netDebit(fills));
    expect(strategy.entryNetAmount).toBeLessThan(0);
    expect(strategy.realizedPnl).toBe(-commissions(fills));
    expect(strategy.legs.every((leg) => leg.entryPrice !== undefined && leg.entryPrice > 0)).toBe(true);
    expect(harness.workflows.tracker.notes(strategy.id).ivRankAtEntry).toBeCloseTo(harness.engine.market.ivStatistics('SPY').rank, 0);
  });

  it('when the entry order is cancelled with nothing filled, then the strategy is FAILED naming the order', async () => {
    harness = await WorkflowHarness.start({ config: { entry: { walk: undefined } } });
    await harness.advance(2_000);
    const result = await harness.workflows.entry.executeEntry('SPY', 'IRON_CONDOR');
    await harness.engine.services.execution.cancelOrder(result.orderIds[0]!);
    const failed = await waitForStatus(harness, result.strategyId!, 'FAILED', 5_000);
    expect(failed.status).toBe('FAILED');
    expect(failed.statusReason).toMatch(new RegExp(`entry order ${result.orderIds[0]} ended CANCELLED.*with nothing filled`));
  });

  it('when the entry is partly filled, then it stays PENDING with its progress, and once cancelled it is OPEN with the filled units', async () => {
    // Twenty condors: more than the displayed sizes, so the paper broker fills them in parts.
    harness = await WorkflowHarness.start({ config: { entry: { walk: DEFAULT_WORKFLOW_CONFIG.entry.walk } }, startingCash: 10_000_000, riskLimits: { maxConcentrationPerUnderlying: 1, maxPortfolioDelta: 100_000, maxPortfolioVega: 1_000_000 } });
    await harness.advance(2_000);
    const result = await harness.workflows.entry.executeEntry('SPY', 'IRON_CONDOR', { quantity: 20 });
    const id = result.strategyId!;
    const part = () => harness.engine.services.oms.getOrder(result.orderIds[0]!)?.filledQuantity ?? 0;
    await harness.advanceUntil(() => part() > 0, 120_000, 100);
    const pending = harness.workflows.tracker.get(id)!;
    expect(pending.status).toBe('PENDING');
    expect(pending.statusReason).toBe(`entry filling: ${part()} of 20 units filled`);
    await harness.engine.services.execution.cancelOrder(result.orderIds[0]!);
    const opened = await waitForStatus(harness, id, 'OPEN', 5_000);
    expect(opened.quantity).toBeGreaterThan(0);
    expect(opened.quantity).toBeLessThan(20);
    expect(opened.statusReason).toMatch(new RegExp(`ended CANCELLED .*after ${opened.quantity} of 20 units: opened with ${opened.quantity}`));
    expect(opened.entryNetAmount).toBe(netDebit(fillsOf(harness, opened)));
  });

  it('when an exit order ends unfilled, then the strategy goes CLOSING → OPEN again', async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const exit = await harness.workflows.exit.executeClose(strategy.id, 'LIMIT_AT_MID', 'test');
    expect(harness.workflows.tracker.get(strategy.id)?.status).toBe('CLOSING');
    await harness.engine.services.execution.cancelOrder(exit.orderIds[0]!);
    const reopened = await waitForStatus(harness, strategy.id, 'OPEN', 5_000);
    expect(reopened.statusReason).toMatch(new RegExp(`exit order ${exit.orderIds[0]} ended CANCELLED with nothing filled`));
    expect(harness.workflows.tracker.unfilledExitsInARow(strategy.id)).toBe(1);
  });

  it('when the kill switch flattens the legs, then the strategy is CLOSED with the P&L of every fill on its legs', async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 30 });
    const triggered = harness.engine.services.killSwitch.trigger({ source: 'api', reason: 'test', flatten: true });
    await harness.advance(10_000);
    expect((await triggered).flatten).toBe('sent');
    const closed = await waitForStatus(harness, strategy.id, 'CLOSED', 30_000);
    const { store } = harness.engine;
    const legKeys = new Set(strategy.legs.map((leg) => `${leg.contract.strike}${leg.contract.right}`));
    const legFills = store.fills.listAll().filter((fill) => fill.contract.kind === 'option' && legKeys.has(`${fill.contract.strike}${fill.contract.right}`));
    expect(closed.statusReason).toMatch(/closed outside the workflows/);
    expect(closed.realizedPnl).toBe(-netDebit(legFills) - commissions(legFills));
    expect(harness.engine.services.positionBook.lines()).toEqual([]);
  });

  it('when fills arrive while no tracker listens, then a new tracker settles them on start', async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    const result = await harness.workflows.entry.executeEntry('SPY', 'IRON_CONDOR');
    harness.workflows.dispose();
    await harness.advance(120_000);
    expect(harness.engine.services.oms.getOrder(result.orderIds[0]!)?.status).toBe('FILLED');
    expect(harness.engine.store.records.strategies.get(result.strategyId!)?.status).toBe('PENDING');
    await harness.restart();
    const rebuilt = harness.workflows.tracker.get(result.strategyId!)!;
    expect(rebuilt.status).toBe('OPEN');
    expect(rebuilt.entryNetAmount).toBe(netDebit(fillsOf(harness, rebuilt)));
  });

  it('when the engine restarts with an open strategy, then its state and notes are rebuilt from the store and it can still be closed', async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const ivRank = harness.workflows.tracker.notes(strategy.id).ivRankAtEntry;
    await harness.restart();
    expect(harness.workflows.tracker.get(strategy.id)).toEqual(strategy);
    expect(harness.workflows.tracker.notes(strategy.id).ivRankAtEntry).toBe(ivRank);
    await harness.advance(5_000);
    await harness.workflows.exit.executeClose(strategy.id, 'WALKING_LIMIT', 'test');
    const closed = await waitForStatus(harness, strategy.id, 'CLOSED');
    const fills = fillsOf(harness, closed);
    expect(closed.realizedPnl).toBe(-netDebit(fills) - commissions(fills));
    expect(closed.realizedPnl).not.toBe(fromDollars(0));
  });
});
