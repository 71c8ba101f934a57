import { afterEach, describe, expect, it } from 'vitest';
import { contractKey } from '../../shared/domain/contract.ts';
import { SettingsRepository } from '../persistence/settings.repository.ts';
import { StrategyNotebook } from './strategy-notes.ts';
import { StrategyOrders } from './strategy-orders.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';
import { handDecision, openStrategy, waitForStatus } from './testing/workflow-scenarios.ts';

describe('StrategyOrders', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  const orders = () => new StrategyOrders(harness.engine.store, harness.engine.services.oms, new StrategyNotebook(new SettingsRepository(harness.engine.database, harness.clock)));

  it('when a strategy was rolled, then the roll order is its exit, its new legs belong to the successor, and each sees only its own fills', async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    const decision = handDecision(strategy, harness.clock.now(), { action: 'ROLL', rollSide: 'all', rollTarget: { expiry: '2026-12-18', description: 'roll' } });
    await harness.workflows.exit.executeExitDecision(strategy.id, decision);
    const rolled = await waitForStatus(harness, strategy.id, 'ROLLED');
    const successor = harness.workflows.tracker.get(rolled.rolledToId!)!;
    const reader = orders();
    const [entryOrder] = reader.ordersOf(rolled, 'entry');
    const [rollOrder] = reader.ordersOf(rolled, 'exit');
    expect([entryOrder?.id, rollOrder?.id]).toEqual(harness.engine.store.orders.listByStrategy(strategy.id).map((order) => order.id));
    expect(reader.openedLegs(rolled, rollOrder!).map((leg) => [contractKey(leg.contract), leg.action, leg.ratio])).toEqual(successor.legs.map((leg) => [contractKey(leg.contract), leg.action, 1]));
    const oldKeys = new Set(rolled.legs.map((leg) => contractKey(leg.contract)));
    expect(reader.attributed(rolled)).toHaveLength(8);
    expect(reader.attributed(rolled).every((fill) => oldKeys.has(contractKey(fill.contract)))).toBe(true);
    expect(reader.attributed(successor).map((fill) => fill.orderId)).toEqual([rollOrder!.id, rollOrder!.id, rollOrder!.id, rollOrder!.id]);
  });
});
