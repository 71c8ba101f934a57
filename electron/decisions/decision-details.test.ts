import { describe, expect, it } from 'vitest';
import { createDecision } from '../../shared/domain/decision.ts';
import { decidingEntry, rollSideOf } from './decision-details.ts';
import { DecisionEngine } from './decision-engine.ts';
import { fixtureContext } from './testing/decision-fixtures.ts';

const engine = new DecisionEngine();

describe('rollSideOf', () => {
  it('when a ROLL decision moves the tested put side, then the side is read from the deciding rule', () => {
    const decision = engine.evaluate(fixtureContext({ underlyingPrice: 470 }));
    expect(decision).toMatchObject({ action: 'ROLL', ruleId: 'R06' });
    expect(rollSideOf(decision)).toBe('put');
    expect(decidingEntry(decision)?.ruleId).toBe('R06');
  });

  it('when a ROLL decision was stored and read back (through createDecision), then the side survives', () => {
    const decision = createDecision(JSON.parse(JSON.stringify(engine.evaluate(fixtureContext({ daysToExpiry: 15 })))));
    expect(rollSideOf(decision)).toBe('all');
  });

  it('when the decision is not a ROLL, then there is no side', () => {
    const hold = engine.evaluate(fixtureContext());
    expect(rollSideOf(hold)).toBeUndefined();
    expect(decidingEntry(hold)?.ruleId).toBe('R12');
  });
});
