import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDecision } from '../../shared/domain/decision.ts';
import type { DecisionId, StrategyId } from '../../shared/domain/ids.ts';
import { DecisionRepository } from './decision.repository.ts';
import { StrategyRepository } from './strategy.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { fixtureTime, newDecision, newStrategy } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let decisions: DecisionRepository;
const strategyId = 'stg-1' as StrategyId;

beforeEach(() => {
  harness = createDatabaseHarness('decision-repository-test-');
  decisions = new DecisionRepository(harness.database);
  new StrategyRepository(harness.database, harness.clock).insert(newStrategy());
});

afterEach(() => harness.dispose());

const hold = (id: string, createdAt: number) =>
  createDecision({ id, strategyId, action: 'HOLD', reason: 'nothing fired', trace: [{ ruleId: 'r01', name: 'Profit target', fired: false, inputs: {}, threshold: 'profit ≥ 50 %', reason: 'not yet' }], createdAt });

describe('DecisionRepository', () => {
  it('when a roll decision with its trace (numbers, strings, booleans, nulls) is stored, then it reads back equal', () => {
    const decision = decisions.insert(newDecision());
    expect(decisions.get(decision.id)).toEqual(decision);
    expect(decisions.get(decision.id)?.trace[0]?.inputs).toEqual({ loss: -12.5, credit: 85, quote: null });
  });

  it('when hold and reduce decisions without optional fields are stored, then they read back equal', () => {
    const decision = decisions.insert(hold('dec-h', fixtureTime));
    const reduce = decisions.insert(createDecision({ ...newDecision({ id: 'dec-r', action: 'REDUCE', reduceQuantity: 1, rollTarget: undefined, urgency: 'MARKETABLE' }) }));
    expect(decisions.get(decision.id)).toEqual(decision);
    expect(decisions.get(reduce.id)).toEqual(reduce);
    expect(decisions.get(decision.id)).toMatchObject({ urgency: undefined, ruleId: undefined, rollTarget: undefined, reduceQuantity: undefined });
  });

  it('when decisions are listed by strategy or time, then the newest come first', () => {
    const first = decisions.insert(hold('dec-1', fixtureTime));
    const second = decisions.insert(hold('dec-2', fixtureTime + 10));
    const third = decisions.insert(hold('dec-3', fixtureTime + 20));
    expect(decisions.listByStrategy(strategyId)).toEqual([third, second, first]);
    expect(decisions.listByStrategy(strategyId, { since: fixtureTime + 5, limit: 1 })).toEqual([third]);
    expect(decisions.latestForStrategy(strategyId)).toEqual(third);
    expect(decisions.latestForStrategy('stg-9' as StrategyId)).toBeUndefined();
    expect(decisions.listSince(fixtureTime + 10)).toEqual([third, second]);
  });

  it('when a decision is invalid, repeats an id or names an unknown strategy, then it is refused and nothing is stored', () => {
    decisions.insert(newDecision());
    expect(() => decisions.insert(newDecision())).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => decisions.insert({ ...newDecision({ id: 'dec-2' }), ruleId: 'r02-stop-loss' })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('ruleId must name a rule that fired') }));
    expect(() => decisions.insert(newDecision({ id: 'dec-3', strategyId: 'stg-ghost' }))).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('foreign-key') }));
    expect(decisions.listSince(0).map((decision) => decision.id)).toEqual(['dec-1']);
  });

  it('when the database is reopened, then the decisions and traces are still there', () => {
    const decision = decisions.insert(newDecision());
    decisions = new DecisionRepository(harness.reopen());
    expect(decisions.get(decision.id)).toEqual(decision);
  });

  it('when a stored trace is corrupt, then reading fails with corrupt-data naming the decision', () => {
    decisions.insert(newDecision());
    writeCorruptRow(harness.database, "UPDATE decisions SET trace = '[null]'");
    expect(() => decisions.get('dec-1' as DecisionId)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining("decisions row 'dec-1': does not hold a valid decision") }));
    writeCorruptRow(harness.database, "UPDATE decisions SET trace = '{\"not\":\"array\"}'");
    expect(() => decisions.listByStrategy(strategyId)).toThrow(/column trace should hold a JSON array/);
  });
});
