import { describe, expect, it } from 'vitest';
import { createDecision, type DecisionInput, type RuleTraceEntry } from './decision.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const stopLoss: RuleTraceEntry = {
  ruleId: 'r02', name: 'Stop loss', fired: true, inputs: { loss: 250, credit: 120, underlying: 'SPY', quoteFresh: true, iv: null },
  threshold: 'loss ≥ 2 × credit received', reason: 'loss 250 ≥ 240',
};
const profitTarget: RuleTraceEntry = { ruleId: 'r01', name: 'Profit target', fired: false, inputs: { profitFraction: -0.2 }, threshold: 'profit ≥ 50 % of credit', reason: 'profit -20 %' };
const close: DecisionInput = {
  id: 'd-1', strategyId: 'stg-1', action: 'CLOSE', urgency: 'MARKETABLE', ruleId: 'r02', reason: 'Stop loss hit', trace: [profitTarget, stopLoss], createdAt: 10,
};

describe('createDecision', () => {
  it('when a CLOSE decision names a fired rule, then a frozen decision with its trace is returned', () => {
    const decision = createDecision(close);
    expect(decision).toEqual({ ...close, reduceQuantity: undefined, rollTarget: undefined });
    expect(Object.isFrozen(decision) && Object.isFrozen(decision.trace) && Object.isFrozen(decision.trace[1]?.inputs)).toBe(true);
  });

  it('when ROLL, REDUCE and HOLD carry their own details, then they are accepted', () => {
    const roll = createDecision({ ...close, action: 'ROLL', urgency: 'WALKING_LIMIT', rollTarget: { expiry: '2026-05-15', targetDelta: -0.16, description: 'next month, 16 delta' } });
    expect(roll.rollTarget).toEqual({ expiry: '2026-05-15', targetDelta: -0.16, description: 'next month, 16 delta' });
    expect(createDecision({ ...close, action: 'REDUCE', urgency: 'LIMIT_AT_MID', reduceQuantity: 1 }).reduceQuantity).toBe(1);
    const hold = createDecision({ ...close, action: 'HOLD', urgency: undefined, ruleId: undefined, reason: 'no rule fired', trace: [profitTarget] });
    expect(hold).toMatchObject({ action: 'HOLD', urgency: undefined, ruleId: undefined });
  });

  it.each([
    ['action', { action: 'PANIC' }, 'action must be one of CLOSE, ROLL, REDUCE, HOLD, got "PANIC"'],
    ['urgency', { urgency: 'ASAP' }, 'urgency must be one of LIMIT_AT_MID, WALKING_LIMIT, MARKETABLE, got "ASAP"'],
    ['urgency', { urgency: undefined }, 'urgency must be set for CLOSE, ROLL and REDUCE and absent for HOLD (action is CLOSE), got undefined'],
    ['urgency', { action: 'HOLD', ruleId: undefined }, 'urgency must be set for CLOSE, ROLL and REDUCE and absent for HOLD (action is HOLD), got "MARKETABLE"'],
    ['ruleId', { ruleId: undefined }, 'ruleId is required for a CLOSE decision, got undefined'],
    ['ruleId', { ruleId: 'r01' }, 'ruleId must name a rule that fired in the trace, got "r01"'],
    ['ruleId', { ruleId: 'r99' }, 'ruleId must name a rule that fired in the trace, got "r99"'],
    ['reduceQuantity', { reduceQuantity: 1 }, 'reduceQuantity must be set exactly for a REDUCE decision (action is CLOSE), got 1'],
    ['reduceQuantity', { action: 'REDUCE' }, 'reduceQuantity must be set exactly for a REDUCE decision (action is REDUCE), got undefined'],
    ['reduceQuantity', { action: 'REDUCE', reduceQuantity: 0 }, 'reduceQuantity must be a positive integer, got 0'],
    ['rollTarget', { action: 'ROLL' }, 'rollTarget must be set exactly for a ROLL decision (action is ROLL), got undefined'],
    ['rollTarget.expiry', { action: 'ROLL', rollTarget: { expiry: '2026-13-01', description: 'x' } }, 'rollTarget.expiry must be a real calendar date, got "2026-13-01"'],
    ['rollTarget.targetDelta', { action: 'ROLL', rollTarget: { targetDelta: 1.5, description: 'x' } }, 'rollTarget.targetDelta must be between -1 and 1, got 1.5'],
    ['rollTarget.description', { action: 'ROLL', rollTarget: { description: '' } }, 'rollTarget.description must be a non-empty string, got ""'],
    ['reason', { reason: '' }, 'reason must be a non-empty string, got ""'],
    ['createdAt', { createdAt: 1.5 }, 'createdAt must be epoch milliseconds (a non-negative integer), got 1.5'],
    ['trace', { trace: 'none' }, 'trace must be an array, got "none"'],
    ['trace[1].inputs.loss', { trace: [profitTarget, { ...stopLoss, inputs: { loss: Number.NaN } }] }, 'trace[1].inputs.loss must be a finite number, got NaN'],
    ['trace[1].inputs', { trace: [profitTarget, { ...stopLoss, inputs: null }] }, 'trace[1].inputs must be an object, got null'],
    ['trace[1].fired', { trace: [profitTarget, { ...stopLoss, fired: 'yes' }] }, 'trace[1].fired must be true or false, got "yes"'],
    ['trace[0].threshold', { trace: [{ ...profitTarget, threshold: '' }, stopLoss] }, 'trace[0].threshold must be a non-empty string, got ""'],
    ['strategyId', { strategyId: '' }, 'strategyId must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-", got ""'],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createDecision({ ...close, ...(override as Partial<DecisionInput>) })).toThrow(fieldError(field, message));
  });
});
