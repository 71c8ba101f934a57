import { afterEach, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../decisions/index.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';
import { openStrategy } from './testing/workflow-scenarios.ts';
import type { WorkflowConfigInput } from './workflow-config.ts';

describe('PositionMonitoringWorkflow', () => {
  let harness: WorkflowHarness;
  afterEach(async () => harness.close());

  const start = async (config: WorkflowConfigInput = {}) => {
    harness = await WorkflowHarness.start({ config });
    await harness.advance(2_000);
    return harness.workflows.monitoring;
  };

  it('when an open strategy far from expiry is monitored, then a HOLD is recorded with the trace of all 12 rules and no alert', async () => {
    const monitoring = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const { outcomes } = monitoring.monitorPositions();
    expect(outcomes).toHaveLength(1);
    const decision = outcomes[0]!.decision!;
    expect(decision).toMatchObject({ strategyId: strategy.id, action: 'HOLD', ruleId: 'R12' });
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual([...RULE_IDS]);
    const r10 = decision.trace.find((entry) => entry.ruleId === 'R10')!;
    expect(r10.inputs.ivRankAtEntry).toBeCloseTo(harness.workflows.tracker.notes(strategy.id).ivRankAtEntry!, 9);
    expect(harness.engine.store.records.decisions.listByStrategy(strategy.id)).toEqual([decision]);
    expect(harness.engine.services.alerts.recent(10).filter((alert) => alert.source.startsWith('decisions:'))).toEqual([]);
  });

  it('when a decision acts, then it is recorded and raises an alert naming the strategy and the rule', async () => {
    const monitoring = await start({ monitoring: { thresholds: { timeExitDays: 4 } } });
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    const decision = monitoring.monitorPosition(strategy.id).decision!;
    expect(decision).toMatchObject({ action: 'CLOSE', ruleId: 'R05', urgency: 'WALKING_LIMIT' });
    const alert = harness.engine.services.alerts.recent(10).find((candidate) => candidate.source === 'decisions:R05');
    expect(alert?.message).toMatch(/^CLOSE SPY IRON_CONDOR 2026-11-27 .* \(R05, walking limit\): Time exit/);
    expect(alert?.severity).toBe('warning');
  });

  it('when a roll is decided, then it is priced and decided again with the estimate in its trace', async () => {
    const monitoring = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR', { targetDays: 4 });
    const decision = monitoring.monitorPosition(strategy.id).decision!;
    expect(decision).toMatchObject({ action: 'ROLL', ruleId: 'R09', rollTarget: { expiry: '2026-12-18' } });
    const r09 = decision.trace.find((entry) => entry.ruleId === 'R09')!;
    expect(r09.inputs.estimatedRollCredit).toBeGreaterThan(0);
    expect(decision.reason).toMatch(/estimated credit/);
  });

  it('when a strategy has an exit working, then it is skipped and says why', async () => {
    const monitoring = await start();
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    await harness.workflows.exit.executeClose(strategy.id, 'LIMIT_AT_MID', 'test');
    expect(monitoring.monitorPositions().outcomes).toEqual([]);
    expect(monitoring.monitorPosition(strategy.id)).toMatchObject({ decision: undefined, skipped: 'an exit is working' });
    expect(monitoring.monitorPosition('stg-unknown')).toMatchObject({ skipped: 'not stored' });
  });

  it('when HOLDs are recorded on change only, then a repeated HOLD is decided but not stored again', async () => {
    const monitoring = await start({ monitoring: { recordHolds: 'changes' } });
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    const first = monitoring.monitorPosition(strategy.id);
    await harness.advance(1_000);
    const second = monitoring.monitorPosition(strategy.id);
    expect([first.recorded, second.recorded]).toEqual([true, false]);
    expect(second.decision?.action).toBe('HOLD');
    expect(harness.engine.store.records.decisions.listByStrategy(strategy.id)).toHaveLength(1);
  });

  it('when started on its own, then it decides every interval on the clock', async () => {
    const monitoring = await start({ monitoring: { intervalMs: 20_000 } });
    const strategy = await openStrategy(harness, 'IRON_CONDOR');
    monitoring.start();
    await harness.advance(60_000);
    await monitoring.stop();
    await harness.advance(60_000);
    expect(harness.engine.store.records.decisions.listByStrategy(strategy.id)).toHaveLength(3);
  });
});
