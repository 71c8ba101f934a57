import { describe, expect, it } from 'vitest';
import { createDecisionThresholds, defaultDecisionThresholds } from './decision-thresholds.ts';
import { fired, formatDollars, notFired, percent, round, textsFor } from './decision-rule.ts';

const rule = { id: 'R05', name: 'Time exit' } as const;

describe('notFired and fired', () => {
  it('when a rule does not fire, then its evaluation is a frozen trace entry and nothing more', () => {
    const evaluation = notFired(rule, 'more than 3 days', { daysToExpiry: 9 }, 'days ≤ 3');
    expect(evaluation).toEqual({ ruleId: 'R05', name: 'Time exit', fired: false, inputs: { daysToExpiry: 9 }, threshold: 'days ≤ 3', reason: 'more than 3 days' });
    expect(Object.isFrozen(evaluation) && Object.isFrozen(evaluation.inputs)).toBe(true);
  });

  it('when a rule fires, then the evaluation carries the action, urgency and details', () => {
    expect(fired(rule, 'REDUCE', 'WALKING_LIMIT', 'why', {}, 't', { reduceQuantity: 2 })).toMatchObject({ fired: true, action: 'REDUCE', urgency: 'WALKING_LIMIT', reduceQuantity: 2, rollTarget: undefined });
  });
});

describe('textsFor', () => {
  it('when asked again with the same thresholds, then the texts are not rebuilt; new thresholds rebuild them', () => {
    let builds = 0;
    const texts = textsFor((thresholds) => ({ threshold: `days ≤ ${thresholds.timeExitDays}`, build: ++builds }));
    expect(texts(defaultDecisionThresholds)).toEqual({ threshold: 'days ≤ 3', build: 1 });
    expect(texts(defaultDecisionThresholds).build).toBe(1);
    expect(texts(createDecisionThresholds({ timeExitDays: 5 }))).toEqual({ threshold: 'days ≤ 5', build: 2 });
  });
});

describe('number formatting for reasons', () => {
  it.each([
    [0.3049, 2, '0.3'],
    [0.305, 2, '0.31'],
    [-18.75, 2, '-18.75'],
    [479.99, 2, '479.99'],
    [500, 2, '500'],
    [-0.001, 2, '0'],
    [0.05, 2, '0.05'],
    [80.01, 1, '80'],
    [12.34567, 4, '12.3457'],
    [1e300, 2, '1e+300'],
  ])('when %s is rounded to %s places, then it reads %s', (value, decimals, text) => {
    expect(round(value, decimals)).toBe(text);
  });

  it('when micro-dollars are formatted, then they read as dollars with cents', () => {
    expect([formatDollars(300_000_000), formatDollars(-1_234_567_890), formatDollars(5_000), formatDollars(-4_000)]).toEqual(['$300.00', '-$1234.57', '$0.01', '$0.00']);
  });

  it('when a fraction is a percentage, then it has at most one decimal', () => {
    expect([percent(0.5), percent(0.01), percent(0.12345)]).toEqual(['50%', '1%', '12.3%']);
  });
});
