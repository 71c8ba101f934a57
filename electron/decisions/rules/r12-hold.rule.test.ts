import { describe, expect, it } from 'vitest';
import { evaluateOn } from '../testing/decision-fixtures.ts';
import { r12Hold } from './r12-hold.rule.ts';

describe('R12 hold (always fires)', () => {
  it('when it is evaluated on any position, then it fires HOLD with no urgency and no inputs', () => {
    for (const options of [{}, { closePerShare: 10 }, { daysToExpiry: 0 }]) {
      expect(evaluateOn(r12Hold, options)).toMatchObject({ ruleId: 'R12', fired: true, action: 'HOLD', urgency: undefined, inputs: {}, threshold: 'always (when no earlier rule fired)' });
    }
  });
});
