import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDecision, type Decision, type DecisionInput } from '../../../shared/domain/decision.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { decisionAlert, decisionSeverity } from './decision-alert.ts';

function decision(overrides: Partial<DecisionInput> = {}): Decision {
  const ruleId = overrides.ruleId ?? 'r02-stop-loss';
  return createDecision({
    id: 'dec-1',
    strategyId: 'stg-7',
    action: 'CLOSE',
    urgency: 'MARKETABLE',
    ruleId,
    reason: 'loss 2.10 ≥ 2 × credit 1.00',
    trace: [{ ruleId, name: ruleId, fired: true, inputs: { loss: 2.1 }, threshold: 'loss ≥ 2 × credit', reason: 'fired' }],
    createdAt: Date.UTC(2026, 2, 10, 15),
    ...overrides,
  });
}

describe('decisionAlert', () => {
  it('when the decision is HOLD, then there is no alert', () => {
    expect(decisionAlert(decision({ action: 'HOLD', urgency: undefined, ruleId: undefined, trace: [] }))).toBeUndefined();
  });

  it('when a stop loss closes marketable, then the alert is critical, from the rule, keyed by strategy and rule', () => {
    expect(decisionAlert(decision(), { label: 'SPY bull put 2026-04-17' })).toEqual({
      severity: 'critical',
      source: 'decisions:r02-stop-loss',
      message: 'CLOSE SPY bull put 2026-04-17 (r02-stop-loss, marketable): loss 2.10 ≥ 2 × credit 1.00',
      dedupKey: 'decision:stg-7:r02-stop-loss',
      details: { decisionId: 'dec-1', strategyId: 'stg-7', action: 'CLOSE', urgency: 'MARKETABLE', ruleId: 'r02-stop-loss', reduceQuantity: undefined, rollTarget: undefined },
    });
  });

  it('when the severity is derived, then marketable is critical, a close at the mid info, the rest warning', () => {
    expect(decisionSeverity({ action: 'REDUCE', urgency: 'MARKETABLE' })).toBe('critical');
    expect(decisionSeverity({ action: 'CLOSE', urgency: 'LIMIT_AT_MID' })).toBe('info');
    expect(decisionSeverity({ action: 'CLOSE', urgency: 'WALKING_LIMIT' })).toBe('warning');
    expect(decisionSeverity({ action: 'ROLL', urgency: 'LIMIT_AT_MID' })).toBe('warning');
  });

  it('when the decision rolls or reduces, then the message says where to or by how much', () => {
    const roll = decision({ action: 'ROLL', urgency: 'WALKING_LIMIT', ruleId: 'r09-roll-window', rollTarget: { expiry: '2026-05-15', description: 'the May monthly for a credit' } });
    const reduce = decision({ action: 'REDUCE', urgency: 'WALKING_LIMIT', ruleId: 'r08-gamma-risk', reduceQuantity: 2 });
    expect(decisionAlert(roll)?.message).toBe('ROLL strategy stg-7 to the May monthly for a credit (r09-roll-window, walking limit): loss 2.10 ≥ 2 × credit 1.00');
    expect(decisionAlert(reduce)?.message).toMatch(/^REDUCE strategy stg-7 by 2 \(r08-gamma-risk, walking limit\)/);
  });
});

describe('decision alerts through the manager', () => {
  let world: AlertWorld;
  beforeEach(() => {
    world = new AlertWorld();
  });
  afterEach(() => world.dispose());

  it('when each monitoring cycle repeats the same decision, then it is one alert with repeats', () => {
    const take = decision({ ruleId: 'r03-take-profit', urgency: 'LIMIT_AT_MID', reason: 'profit 55 % of max' });
    world.manager.raise(decisionAlert(take)!);
    world.clock.advance(30_000);
    const again = world.manager.raise(decisionAlert(take)!);
    expect(again).toMatchObject({ outcome: 'suppressed', reason: 'duplicate', repeats: 1 });
    expect(world.stored()).toMatchObject([{ severity: 'info', source: 'decisions:r03-take-profit', dedupKey: 'decision:stg-7:r03-take-profit' }]);
  });
});
