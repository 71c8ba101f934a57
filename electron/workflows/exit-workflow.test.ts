import { afterEach, describe, expect, it } from 'vitest';
import type { Strategy } from '../../shared/domain/strategy.ts';
import { commissions, netDebit } from './fill-accounting.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';
import { handDecision, openStrategy, waitForStatus } from './testing/workflow-scenarios.ts';
import type { WorkflowConfigInput } from './workflow-config.ts';

describe('ExitWorkflow', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  const start = async (config: WorkflowConfigInput = {}) => {
    harness = await WorkflowHarness.start({ config });
    await harness.advance(2_000);
    return harness.workflows;
  };
  const fillsOf = (ids: readonly string[]) => {
    const { store } = harness.engine;
    return ids.flatMap((id) => store.orders.listByStrategy(id as Strategy['id'])).flatMap((order) => store.fills.listByOrder(order.id));
  };

  it('when the decision is HOLD, then nothing is sent', async () => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const result = await exit.executeExitDecision(strategy.id, handDecision(strategy, harness.clock.now(), { action: 'HOLD' }));
    expect(result).toMatchObject({ status: 'held', orderIds: [] });
    expect(harness.engine.services.oms.workingOrders()).toEqual([]);
  });

  it('when monitoring decides a time exit, then one exit order closes the strategy with the P&L of its fills', async () => {
    const { exit, monitoring } = await start({ monitoring: { thresholds: { timeExitDays: 4 } } });
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    const decision = monitoring.monitorPosition(strategy.id).decision!;
    const result = await exit.executeExitDecision(strategy.id, decision);
    expect(result).toMatchObject({ status: 'placed', requested: 'CLOSE', action: 'CLOSE', urgency: 'WALKING_LIMIT', fallback: false });
    const order = harness.engine.services.oms.getOrder(result.orderIds[0]!)!;
    expect(order.strategyId).toBe(strategy.id);
    expect(harness.engine.services.oms.contextOf(order.id)?.purpose).toBe('exit');
    const closed = await waitForStatus(harness, strategy.id, 'CLOSED');
    const fills = fillsOf([strategy.id]);
    expect(closed.realizedPnl).toBe(-netDebit(fills) - commissions(fills));
    expect(closed.exitNetAmount).toBe(netDebit(harness.engine.store.fills.listByOrder(order.id)));
    expect(harness.engine.services.positionBook.lines()).toEqual([]);
    expect(harness.engine.journal.read({ types: ['workflow.exit'] })).toHaveLength(1);
  });

  it('when a roll is executed, then the old strategy is ROLLED and its successor OPEN, and the chain P&L is the P&L of every fill', async () => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    const decision = handDecision(strategy, harness.clock.now(), { action: 'ROLL', rollSide: 'all', rollTarget: { expiry: '2026-12-18', description: 'roll every leg to 2026-12-18' } });
    const result = await exit.executeExitDecision(strategy.id, decision);
    expect(result).toMatchObject({ status: 'placed', action: 'ROLL', fallback: false });
    const rolled = await waitForStatus(harness, strategy.id, 'ROLLED');
    const successor = harness.workflows.tracker.get(rolled.rolledToId!)!;
    expect(successor).toMatchObject({ status: 'OPEN', type: 'IRON_CONDOR', rolledFromId: strategy.id, quantity: 1 });
    expect(successor.legs.every((leg) => leg.contract.expiry === '2026-12-18')).toBe(true);
    expect(successor.rollHistory).toEqual([{ fromStrategyId: strategy.id, rolledAt: rolled.closedAt, realizedPnl: rolled.realizedPnl, decisionId: decision.id }]);
    await exit.executeClose(successor.id, 'WALKING_LIMIT', 'test');
    const closed = await waitForStatus(harness, successor.id, 'CLOSED');
    const fills = fillsOf([strategy.id, successor.id]);
    expect(rolled.realizedPnl + closed.realizedPnl).toBe(-netDebit(fills) - commissions(fills));
  });

  it('when the roll would be a debit, then it is refused before sending and the strategy is closed at the same urgency', async () => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'BULL_CALL', { targetDays: 4 });
    const decision = handDecision(strategy, harness.clock.now(), { action: 'ROLL', rollSide: 'all', urgency: 'LIMIT_AT_MID', rollTarget: { expiry: '2026-12-18', description: 'roll' } });
    const result = await exit.executeExitDecision(strategy.id, decision);
    expect(result).toMatchObject({ status: 'placed', requested: 'ROLL', action: 'CLOSE', urgency: 'LIMIT_AT_MID', fallback: true });
    expect(result.reasons.join(' ')).toMatch(/requireCredit: .* not a credit.*closing instead at the same urgency/);
    expect(harness.engine.services.oms.getOrder(result.orderIds[0]!)?.type).toBe('LMT');
  });

  it('when the roll cannot be built, then the strategy is closed instead, saying why', async () => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    const decision = handDecision(strategy, harness.clock.now(), { action: 'ROLL', rollSide: 'put', rollTarget: { expiry: '2026-12-02', targetDelta: -0.16, description: 'roll' } });
    const result = await exit.executeExitDecision(strategy.id, decision);
    expect(result).toMatchObject({ status: 'placed', action: 'CLOSE', fallback: true });
    expect(result.reasons.join(' ')).toMatch(/cannot be built/);
    await waitForStatus(harness, strategy.id, 'CLOSED');
  });

  it('when a strategy is reduced, then it keeps the rest with the entry amount in proportion', async () => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { quantity: 2 });
    const result = await exit.executeExitDecision(strategy.id, handDecision(strategy, harness.clock.now(), { action: 'REDUCE', reduceQuantity: 1 }));
    expect(result).toMatchObject({ status: 'placed', action: 'REDUCE' });
    await harness.advanceUntil(() => harness.workflows.tracker.get(strategy.id)?.quantity === 1, 120_000);
    const reduced = harness.workflows.tracker.get(strategy.id)!;
    expect(reduced).toMatchObject({ status: 'OPEN', quantity: 1, entryNetAmount: strategy.entryNetAmount! / 2 });
    const fills = fillsOf([strategy.id]);
    expect(reduced.realizedPnl).toBe(reduced.entryNetAmount! - netDebit(fills) - commissions(fills));
    expect(harness.engine.services.positionBook.lines().map((line) => Math.abs(line.quantity))).toEqual([1, 1, 1, 1]);
  });

  it.each([
    ['an unknown strategy', 'stg-nope', (_: Strategy, now: number) => handDecision({ id: 'stg-nope' as Strategy['id'] }, now, { action: 'CLOSE' }), 'not-found', undefined],
    ['a decision about another strategy', undefined, (_: Strategy, now: number) => handDecision({ id: 'stg-other' as Strategy['id'] }, now, { action: 'CLOSE' }), 'validation', 'decision.strategyId'],
    ['an invalid decision', undefined, (strategy: Strategy, now: number) => ({ ...handDecision(strategy, now, { action: 'CLOSE' }), urgency: 'SOON' }), 'validation', 'decision.urgency'],
  ])('when given %s, then the exit is refused saying why', async (_name, id, make, code, field) => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const result = await exit.executeExitDecision(id ?? strategy.id, make(strategy, harness.clock.now()) as never);
    expect(result).toMatchObject({ status: 'refused', orderIds: [], error: { code, field } });
  });

  it('when an exit is already working, then a second one is refused', async () => {
    const { exit } = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    await exit.executeClose(strategy.id, 'LIMIT_AT_MID', 'test');
    const second = await exit.executeExitDecision(strategy.id, handDecision(strategy, harness.clock.now(), { action: 'CLOSE' }));
    expect(second).toMatchObject({ status: 'refused', error: { code: 'conflict' } });
    expect(second.reasons[0]).toMatch(/CLOSING: an exit is already working/);
  });

  it('when an exit outlives its timeout, then it is cancelled, and the next limit at the mid walks instead', async () => {
    const { exit } = await start({ exit: { exitTimeoutMs: 60_000 } });
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    await exit.executeClose(strategy.id, 'LIMIT_AT_MID', 'test');
    await harness.advance(30_000);
    expect(await exit.cancelStaleExits()).toEqual([]);
    await harness.advance(31_000);
    expect(await exit.cancelStaleExits()).toHaveLength(1);
    await waitForStatus(harness, strategy.id, 'OPEN', 5_000);
    const next = await exit.executeExitDecision(strategy.id, handDecision(strategy, harness.clock.now(), { action: 'CLOSE', urgency: 'LIMIT_AT_MID' }));
    expect(next).toMatchObject({ status: 'placed', urgency: 'WALKING_LIMIT' });
    expect(next.reasons.join(' ')).toMatch(/escalated from a limit at the mid to a walking limit/);
  });

  it('when everything is closed, then open strategies get a marketable exit and working entries are cancelled', async () => {
    const { exit, entry } = await start();
    const spy = await openStrategy(harness, 'IRON_CONDOR');
    const qqq = await openStrategy(harness, 'IRON_CONDOR', {}, 'QQQ');
    const pending = await entry.executeEntry('IWM', 'IRON_CONDOR', {}, {});
    const result = await exit.executeCloseAll();
    expect(result.results.map((item) => [item.strategyId, item.result.status, item.result.urgency])).toEqual([
      [spy.id, 'placed', 'MARKETABLE'],
      [qqq.id, 'placed', 'MARKETABLE'],
    ]);
    expect(harness.engine.services.oms.getOrder(result.results[0]!.result.orderIds[0]!)?.type).toBe('MKT');
    expect(result.cancelledEntries).toEqual(pending.orderIds);
    await waitForStatus(harness, spy.id, 'CLOSED', 30_000);
    await waitForStatus(harness, qqq.id, 'CLOSED', 30_000);
    expect(harness.workflows.tracker.get(pending.strategyId!)?.status).toBe('FAILED');
  });
});
