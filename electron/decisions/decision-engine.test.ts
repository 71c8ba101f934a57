import { describe, expect, it } from 'vitest';
import { createDecision, type Decision } from '../../shared/domain/decision.ts';
import { fromDollars } from '../../shared/domain/money.ts';
import { RULE_IDS, notFired, fired, type DecisionRule } from './decision-rule.ts';
import { DecisionEngine } from './decision-engine.ts';
import { strategyExposure } from './strategy-exposure.ts';
import { fixtureContext, fixtureStrategy, IRON_CONDOR_LEGS, legsWith, portfolioOf, type FixtureOptions } from './testing/decision-fixtures.ts';
import { syntheticContexts } from './testing/synthetic-positions.ts';

const engine = new DecisionEngine();
const decide = (options: FixtureOptions = {}): Decision => engine.evaluate(fixtureContext(options));
const firedIds = (decision: Decision): string[] => decision.trace.filter((entry) => entry.fired).map((entry) => entry.ruleId);

function deepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(deepFrozen);
}

// 20 units of a condor leaning short (−21 shares a unit, −420 in all, short legs below 0.30 delta)
// next to another −100: the portfolio is beyond its ±500 delta limit and this strategy leads it.
function portfolioBreachOptions(): FixtureOptions {
  const legs = [
    { ...IRON_CONDOR_LEGS[0]!, greeks: { ...IRON_CONDOR_LEGS[0]!.greeks, delta: -0.01 } },
    { ...IRON_CONDOR_LEGS[1]!, greeks: { ...IRON_CONDOR_LEGS[1]!.greeks, delta: -0.03 } },
    { ...IRON_CONDOR_LEGS[2]!, greeks: { ...IRON_CONDOR_LEGS[2]!.greeks, delta: 0.25 } },
    { ...IRON_CONDOR_LEGS[3]!, greeks: { ...IRON_CONDOR_LEGS[3]!.greeks, delta: 0.02 } },
  ];
  const strategy = fixtureStrategy({ legs, quantity: 20 });
  const exposure = strategyExposure(strategy.legs.map((leg, index) => ({ ...leg, greeks: legs[index]!.greeks })), 20, 500);
  const other = { strategyId: 'other', underlyingSymbol: 'QQQ', greeks: { delta: -100, gamma: 0, theta: 0, vega: 100, rho: 0 }, atRisk: 0 };
  const portfolio = portfolioOf([{ strategyId: 'stg-1', underlyingSymbol: 'SPY', greeks: exposure.greeks, atRisk: exposure.atRisk }, other], fromDollars(2_000_000));
  return { legs, quantity: 20, overrides: { portfolio } };
}

describe('DecisionEngine', () => {
  it('when nothing is near a threshold, then it decides HOLD by R12 with a trace of all 12 rules in priority order', () => {
    const decision = decide();
    expect(decision).toMatchObject({ strategyId: 'stg-1', action: 'HOLD', urgency: undefined, ruleId: 'R12', reason: 'Hold: no exit, roll or reduce condition', reduceQuantity: undefined, rollTarget: undefined });
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual([...RULE_IDS]);
    expect(firedIds(decision)).toEqual(['R12']);
    expect(decision.createdAt).toBe(fixtureContext().calendar.now);
  });

  it('when a position is both at its stop loss and 2 days from expiry, then R02 decides and R05 is traced as fired but not deciding', () => {
    const decision = decide({ closePerShare: 4.5, daysToExpiry: 2 });
    expect(decision).toMatchObject({ action: 'CLOSE', urgency: 'MARKETABLE', ruleId: 'R02' });
    expect(decision.reason).toBe('Stop loss: loss $300.00 is 2 × the credit $150.00 (stop at 2 ×): close now');
    expect(decision.trace).toHaveLength(12);
    expect(firedIds(decision)).toEqual(['R02', 'R05', 'R09', 'R12']);
    expect(decision.trace[4]?.reason).toBe('2 day(s) to expiry (exit at 3): close (not deciding: R02 decided)');
    expect(decision.trace[1]?.reason).not.toContain('not deciding');
  });

  it('when trading is halted without a flatten request, then R01 decides HOLD even at the stop loss', () => {
    const decision = decide({ closePerShare: 9, overrides: { risk: { tradingState: 'HALTED', flattenRequested: false } } });
    expect(decision).toMatchObject({ action: 'HOLD', urgency: undefined, ruleId: 'R01' });
    expect(firedIds(decision)).toEqual(['R01', 'R02', 'R12']);
  });

  it.each<[string, FixtureOptions, Partial<Decision>, string[]]>([
    ['R01', { overrides: { risk: { tradingState: 'HALTED', flattenRequested: true } } }, { action: 'CLOSE', urgency: 'MARKETABLE' }, ['R01', 'R12']],
    ['R03', { closePerShare: 0.75, daysToExpiry: 10 }, { action: 'CLOSE', urgency: 'LIMIT_AT_MID' }, ['R03', 'R12']],
    ['R04', { daysToExpiry: 1, legs: legsWith('short_call', { strike: 503 }) }, { action: 'CLOSE', urgency: 'MARKETABLE' }, ['R04', 'R05', 'R09', 'R12']],
    ['R05', { daysToExpiry: 3 }, { action: 'CLOSE', urgency: 'WALKING_LIMIT' }, ['R05', 'R09', 'R12']],
    ['R06', { underlyingPrice: 525 }, { action: 'ROLL', urgency: 'WALKING_LIMIT' }, ['R06', 'R12']],
    ['R07', { legs: legsWith('short_call', { greeks: { delta: 0.35 } }) }, { action: 'ROLL', urgency: 'WALKING_LIMIT' }, ['R07', 'R12']],
    ['R08', { daysToExpiry: 6, quantity: 26 }, { action: 'REDUCE', urgency: 'WALKING_LIMIT', reduceQuantity: 1 }, ['R08', 'R09', 'R11', 'R12']],
    ['R09', { daysToExpiry: 21 }, { action: 'ROLL', urgency: 'LIMIT_AT_MID' }, ['R09', 'R12']],
    ['R10', { overrides: { ivRankNow: 80 } }, { action: 'CLOSE', urgency: 'WALKING_LIMIT' }, ['R10', 'R12']],
    ['R11', portfolioBreachOptions(), { action: 'REDUCE', urgency: 'WALKING_LIMIT', reduceQuantity: 1 }, ['R11', 'R12']],
  ])('when the %s condition is the first that holds, then it decides with its action and urgency', (ruleId, options, expected, firedRules) => {
    const decision = decide(options);
    expect(decision).toMatchObject({ ruleId, ...expected });
    expect(firedIds(decision)).toEqual(firedRules);
  });

  it('when a ROLL is decided, then the domain roll target has the expiry, the signed delta and the description', () => {
    expect(decide({ underlyingPrice: 525 }).rollTarget).toEqual({ expiry: '2026-06-19', targetDelta: 0.16, description: 'roll the call side to 2026-06-19 with the short strike at 0.16 delta for a net credit' });
  });

  it('when decisions are made, then each is exactly what createDecision returns for it, and frozen all the way down', () => {
    for (const options of [{}, { closePerShare: 4.5, daysToExpiry: 2 }, { underlyingPrice: 470 }, { daysToExpiry: 6, quantity: 30 }]) {
      const decision = decide(options);
      expect(createDecision(decision)).toEqual(decision);
      expect(deepFrozen(decision)).toBe(true);
    }
  });

  it('when a realistic book of 1,000 positions is decided, then every decision is domain-valid with 12 traced rules, ids are unique, and a second engine decides the same', () => {
    const contexts = syntheticContexts(1_000, 7);
    const decisions = new DecisionEngine().evaluateAll(contexts);
    expect(decisions).toHaveLength(1_000);
    for (const decision of decisions) {
      expect(createDecision(decision)).toEqual(decision);
      expect(decision.trace).toHaveLength(12);
      expect(decision.trace.filter((entry) => entry.ruleId === decision.ruleId && entry.fired)).toHaveLength(1);
    }
    expect(new Set(decisions.map((decision) => decision.id)).size).toBe(1_000);
    expect(new Set(decisions.map((decision) => decision.ruleId)).size).toBeGreaterThan(5);
    const again = new DecisionEngine().evaluateAll(contexts);
    expect(again).toEqual(decisions);
  });

  it('when thresholds are configured, then the rules use them and the trace shows them', () => {
    const patient = new DecisionEngine({ thresholds: { timeExitDays: 1, rollWindowDays: 0 } });
    const decision = patient.evaluate(fixtureContext({ daysToExpiry: 2 }));
    expect(decision.ruleId).toBe('R12');
    expect(decision.trace[4]?.threshold).toBe('days to expiry ≤ 1');
    expect(patient.thresholds.timeExitDays).toBe(1);
  });

  it('when thresholds are invalid, then the engine is not created', () => {
    expect(() => new DecisionEngine({ thresholds: { takeProfitFraction: 0 } })).toThrow('takeProfitFraction must be a finite number greater than 0, got 0');
    expect(() => new DecisionEngine({ thresholds: { stopLoss: 2 } as never })).toThrow('stopLoss is not a decision threshold');
  });

  it('when the context was not made by createDecisionContext, then evaluate refuses it', () => {
    expect(() => engine.evaluate({ ...fixtureContext() })).toThrow('evaluate needs a context from createDecisionContext');
  });

  it('when a decision id factory is given, then its ids are used and checked', () => {
    const named = new DecisionEngine({ decisionId: (context, sequence) => `dec-${context.strategyId}-${sequence}` });
    expect(named.evaluate(fixtureContext()).id).toBe('dec-stg-1-1');
    expect(named.evaluate(fixtureContext()).id).toBe('dec-stg-1-2');
    expect(() => new DecisionEngine({ decisionId: () => 'no spaces allowed' }).evaluate(fixtureContext())).toThrow('decisionId must be 1 to 128 characters');
  });

  it('when the default ids are used, then they count per engine and carry the snapshot time', () => {
    const counting = new DecisionEngine();
    const context = fixtureContext();
    expect([counting.evaluate(context).id, counting.evaluate(context).id]).toEqual([`decision-${context.calendar.now}-1`, `decision-${context.calendar.now}-2`]);
  });

  it('when validateWithDomain is on, then the decision is the same', () => {
    const context = fixtureContext({ closePerShare: 4.5 });
    expect(new DecisionEngine({ validateWithDomain: true }).evaluate(context)).toEqual(new DecisionEngine().evaluate(context));
  });

  it('when a rule fires without a consistent decision, then the engine fails naming the rule', () => {
    const broken: DecisionRule = { id: 'R02', name: 'Broken', evaluate: () => fired({ id: 'R02', name: 'Broken' }, 'REDUCE', 'WALKING_LIMIT', 'no quantity', {}, 't') };
    expect(() => new DecisionEngine({ rules: [broken] }).evaluate(fixtureContext())).toThrow('decision rule R02 (Broken) gave REDUCE with reduceQuantity undefined');
    const tooMuch: DecisionRule = { id: 'R08', name: 'Too much', evaluate: () => fired({ id: 'R08', name: 'Too much' }, 'REDUCE', 'WALKING_LIMIT', 'all of it', {}, 't', { reduceQuantity: 1 }) };
    expect(() => new DecisionEngine({ rules: [tooMuch] }).evaluate(fixtureContext())).toThrow('decision rule R08 (Too much) wants to reduce 1 of 1 units');
    const noUrgency: DecisionRule = { id: 'R05', name: 'Lazy', evaluate: () => fired({ id: 'R05', name: 'Lazy' }, 'CLOSE', undefined, 'close', {}, 't') };
    expect(() => new DecisionEngine({ rules: [noUrgency] }).evaluate(fixtureContext())).toThrow('decision rule R05 (Lazy) gave CLOSE with urgency undefined');
  });

  it('when a custom rule list has no rule that fires, then the decision is a rule-less HOLD', () => {
    const quiet: DecisionRule = { id: 'R05', name: 'Quiet', evaluate: () => notFired({ id: 'R05', name: 'Quiet' }, 'nothing', {}, 'never') };
    const decision = new DecisionEngine({ rules: [quiet] }).evaluate(fixtureContext());
    expect(decision).toMatchObject({ action: 'HOLD', ruleId: undefined, reason: 'no rule fired: hold' });
    expect(createDecision(decision)).toEqual(decision);
  });

  it('when a custom rule list repeats an id or is empty, then the engine is not created', () => {
    const quiet: DecisionRule = { id: 'R05', name: 'Quiet', evaluate: () => notFired({ id: 'R05', name: 'Quiet' }, 'nothing', {}, 'never') };
    expect(() => new DecisionEngine({ rules: [quiet, quiet] })).toThrow('rule id R05 appears twice');
    expect(() => new DecisionEngine({ rules: [] })).toThrow('rules must be a non-empty list of decision rules');
  });

  it('when the P&L is exact in micro-dollars, then the trace shows it in dollars', () => {
    const decision = decide({ quantity: 3, closePerShare: 1 });
    expect(decision.trace[1]?.inputs).toMatchObject({ lossDollars: -150, creditDollars: 450 });
    expect(fixtureContext({ quantity: 3, closePerShare: 1 }).pnl).toBe(fromDollars(150));
  });
});
