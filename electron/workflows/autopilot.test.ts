import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowEvents } from './workflow-events.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';
import { openStrategy, waitForStatus } from './testing/workflow-scenarios.ts';
import type { WorkflowConfigInput } from './workflow-config.ts';

// Sell premium at any IV rank (seed 42 starts near 5), 4-day condors, time exit at 4 days: a
// complete round trip within minutes of the open.
const roundTrip: WorkflowConfigInput = {
  entry: { sellPremiumAboveIvRank: 0, buyPremiumBelowIvRank: 0, params: { IRON_CONDOR: { targetDays: 4 } } },
  monitoring: { thresholds: { timeExitDays: 4 } },
  autopilot: { watchlist: ['SPY'], entryEveryMs: 30_000, maxEntriesPerDay: 1, entryWindow: { minutesAfterOpen: 0, minutesBeforeClose: 30 } },
};

function record<Type extends keyof WorkflowEvents>(harness: WorkflowHarness, type: Type): WorkflowEvents[Type][] {
  const seen: WorkflowEvents[Type][] = [];
  harness.workflows.events.subscribe(type, (payload) => void seen.push(payload));
  return seen;
}

describe('Autopilot', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  it('when started in the session, then it enters, watches, exits on the time rule and stops entering at the daily cap', async () => {
    harness = await WorkflowHarness.start({ config: roundTrip });
    const skipped = record(harness, 'workflow.entry-skipped');
    const { autopilot, tracker } = harness.workflows;
    await autopilot.start();
    await harness.advanceUntil(() => harness.engine.store.records.strategies.listAll().some((strategy) => strategy.status === 'CLOSED'), 600_000);
    await autopilot.stop();
    const [strategy] = harness.engine.store.records.strategies.listAll();
    expect(strategy).toMatchObject({ status: 'CLOSED', type: 'IRON_CONDOR', underlyingSymbol: 'SPY' });
    const decisions = harness.engine.store.records.decisions.listByStrategy(strategy!.id);
    expect(decisions.at(-1)).toMatchObject({ action: 'CLOSE', ruleId: 'R05' });
    expect(autopilot.entriesToday()).toBe(1);
    expect(skipped.at(-1)?.reasons.join(' ')).toMatch(/1 entries today already/);
    expect(tracker.active()).toEqual([]);
    expect(autopilot.lastCycle).toBeDefined();
  });

  it('when stopped, then no further cycle runs', async () => {
    harness = await WorkflowHarness.start({ config: roundTrip });
    const cycles = record(harness, 'autopilot.cycle');
    await harness.workflows.autopilot.start();
    await harness.advance(65_000);
    await harness.workflows.autopilot.stop();
    const count = cycles.length;
    await harness.advance(120_000);
    expect(count).toBe(2);
    expect(cycles).toHaveLength(count);
    expect(harness.engine.journal.read({ types: ['workflow.autopilot'] }).map((entry) => (entry.payload as { event: string }).event)).toEqual(['started', 'stopped']);
  });

  it('when the kill switch halts with a flatten, then R01 decides CLOSE, nothing new is sent, and the flatten closes the strategy', async () => {
    harness = await WorkflowHarness.start({ config: { ...roundTrip, monitoring: {} } });
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 30 });
    const exitsSkipped = record(harness, 'workflow.exit-skipped');
    const triggered = harness.engine.services.killSwitch.trigger({ source: 'api', reason: 'test', flatten: true });
    const workflowOrders = () => harness.engine.store.orders.listAll().filter((order) => order.strategyId !== undefined).length;
    const ordersBefore = workflowOrders();
    const cycle = await harness.workflows.autopilot.runCycle();
    expect(harness.engine.store.records.decisions.latestForStrategy(strategy.id)).toMatchObject({ action: 'CLOSE', ruleId: 'R01', urgency: 'MARKETABLE' });
    expect(exitsSkipped.map((event) => event.reason)).toEqual(['trading is HALTED: the kill switch owns flattening; nothing new is sent']);
    expect(cycle).toMatchObject({ exits: 0, entries: 0 });
    expect(cycle.notes.join(' ')).toMatch(/entries skipped: trading is HALTED/);
    expect(workflowOrders()).toBe(ordersBefore);
    await harness.advance(10_000);
    await triggered;
    const closed = await waitForStatus(harness, strategy.id, 'CLOSED', 30_000);
    expect(closed.statusReason).toMatch(/closed outside the workflows/);
  });

  it('when halted without a flatten, then R01 holds and the autopilot sends nothing', async () => {
    harness = await WorkflowHarness.start({ config: { ...roundTrip, monitoring: {} } });
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    harness.engine.services.governor.halt('test halt');
    const orders = harness.engine.store.orders.listAll().length;
    const cycle = await harness.workflows.autopilot.runCycle();
    expect(harness.engine.store.records.decisions.latestForStrategy(strategy.id)).toMatchObject({ action: 'HOLD', ruleId: 'R01' });
    expect(cycle).toMatchObject({ exits: 0, entries: 0 });
    expect(harness.engine.store.orders.listAll()).toHaveLength(orders);
  });

  it('when trading is REDUCING, then exits still run but nothing is entered', async () => {
    harness = await WorkflowHarness.start({ config: roundTrip });
    await harness.advance(2_000);
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    harness.engine.services.governor.reduceOnly('test');
    const skipped = record(harness, 'workflow.entry-skipped');
    const cycle = await harness.workflows.autopilot.runCycle();
    expect(cycle).toMatchObject({ exits: 1, entries: 0 });
    expect(skipped.map((event) => event.symbol)).toEqual(['SPY']);
    expect(skipped[0]?.reasons[0]).toMatch(/REDUCING \(test\): exits only/);
    await waitForStatus(harness, strategy.id, 'CLOSED');
  });

  it('when the watchlist symbol has no signal, then the skip says why', async () => {
    harness = await WorkflowHarness.start({ config: { autopilot: { watchlist: ['SPY'], entryWindow: { minutesAfterOpen: 0, minutesBeforeClose: 0 } }, entry: { vixRange: { min: 30, max: 40 } } } });
    await harness.advance(2_000);
    const skipped = record(harness, 'workflow.entry-skipped');
    await harness.workflows.autopilot.runCycle();
    expect(skipped[0]?.reasons[0]).toMatch(/VIX .* is outside 30–40: entries blocked/);
    expect(harness.engine.store.records.strategies.listAll()).toEqual([]);
  });

  it('when a cycle is asked for outside the regular session, then it does nothing and says so', async () => {
    harness = await WorkflowHarness.start({ config: roundTrip });
    harness.clock.advanceTo(Date.UTC(2026, 10, 23, 21, 30));
    const cycle = await harness.workflows.autopilot.runCycle();
    expect(cycle).toMatchObject({ decisions: 0, exits: 0, entries: 0, notes: ['the regular session is closed: nothing to do'] });
    expect(harness.engine.store.records.strategies.listAll()).toEqual([]);
  });

  it('when inside the first minutes of the session, then entries wait for the window', async () => {
    harness = await WorkflowHarness.start({ config: { autopilot: { watchlist: ['SPY'] } } });
    await harness.advance(2_000);
    const cycle = await harness.workflows.autopilot.runCycle();
    expect(cycle.notes).toEqual(['entries skipped: inside the first 15 minutes of the session']);
  });
});
