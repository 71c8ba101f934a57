import { afterEach, describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import { fromDollars, subtract } from '../../shared/domain/money.ts';
import { silentLogger } from '../core/logger.ts';
import { createWorkflows } from './create-workflows.ts';
import { commissions, netDebit } from './fill-accounting.ts';
import { WorkflowHarness, workflowPortsOf } from './testing/workflow-harness.ts';
import { waitForStatus } from './testing/workflow-scenarios.ts';

describe('createWorkflows', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  it('when a strategy makes the round trip, then its P&L equals its fills and the change in the account cash', async () => {
    harness = await WorkflowHarness.start({ config: { monitoring: { thresholds: { timeExitDays: 4 } } } });
    await harness.advance(2_000);
    const { entry, monitoring, exit, tracker } = harness.workflows;
    const signal = entry.evaluateEntrySignal('SPY', { ivRank: 65 });
    expect(signal).toMatchObject({ enter: true, strategyType: 'IRON_CONDOR' });
    const placed = await entry.executeEntry('SPY', signal.strategyType!, { targetDays: 4 });
    const opened = await waitForStatus(harness, placed.strategyId!, 'OPEN');
    expect(opened.entryNetAmount).toBeLessThan(0);

    const decision = monitoring.monitorPositions().outcomes[0]!.decision!;
    expect(decision).toMatchObject({ action: 'CLOSE', ruleId: 'R05' });
    await exit.executeExitDecision(opened.id, decision);
    const closed = await waitForStatus(harness, opened.id, 'CLOSED');

    const { store, services } = harness.engine;
    const fills = store.orders.listByStrategy(opened.id).flatMap((order) => store.fills.listByOrder(order.id));
    expect(fills).toHaveLength(8);
    expect(closed.realizedPnl).toBe(-netDebit(fills) - commissions(fills));
    await services.accounts.refresh();
    expect(subtract(services.accounts.latest!.cash, fromDollars(1_000_000))).toBe(closed.realizedPnl);
    expect(store.records.decisions.get(decision.id)?.trace).toHaveLength(12);
    expect(tracker.active()).toEqual([]);
  });

  it('when the configuration is bad, then the factory fails naming the setting', async () => {
    harness = await WorkflowHarness.start();
    expect(() => createWorkflows(workflowPortsOf(harness.engine, harness.clock, silentLogger), { autopilot: { cycleMs: -1 } })).toThrow(DomainValidationError);
  });

  it('when disposed, then the autopilot is torn down and runs no more cycles', async () => {
    harness = await WorkflowHarness.start({ config: { autopilot: { watchlist: ['SPY'] } } });
    let cycles = 0;
    harness.workflows.events.subscribe('autopilot.cycle', () => void cycles++);
    await harness.workflows.autopilot.start();
    harness.workflows.dispose();
    await harness.advance(120_000);
    expect(harness.workflows.autopilot.state).toBe('disposed');
    expect(cycles).toBe(0);
  });
});
