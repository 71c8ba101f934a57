import { describe, expect, it } from 'vitest';
import type { Greeks } from '../../../shared/domain/greeks.ts';
import type { DecisionThresholds } from '../decision-thresholds.ts';
import { strategyExposure } from '../strategy-exposure.ts';
import { evaluateOn, fixtureStrategy, portfolioOf, type FixtureLeg, type FixtureOptions } from '../testing/decision-fixtures.ts';
import { r11PortfolioLimits } from './r11-portfolio-limits.rule.ts';

// Binary-exact legs: delta +0.0625 per share (6.25 per unit), vega −0.5 (−50 per unit), so a net
// delta of 6.25 shares per unit is 3,125 dollars at risk per unit at 500. 8 units of it.
const greeks = (delta: number, vega: number): Greeks => ({ delta, gamma: 0.01, theta: -0.05, vega, rho: 0 });
const legs: FixtureLeg[] = [
  { role: 'long_put', strike: 470, mid: 0.6, greeks: greeks(-0.125, 0.25) },
  { role: 'short_put', strike: 480, mid: 1.4, greeks: greeks(-0.25, 0.5) },
  { role: 'short_call', strike: 520, mid: 1.2, greeks: greeks(0.125, 0.5) },
  { role: 'long_call', strike: 530, mid: 0.5, greeks: greeks(0.0625, 0.25) },
];
const ours = strategyExposure(fixtureStrategy({ legs, quantity: 8 }).legs.map((leg, index) => ({ ...leg, greeks: legs[index]?.greeks ?? greeks(0, 0) })), 8, 500);
const other = (delta: number, vega: number, atRisk: number, symbol = 'SPY') => ({ strategyId: 'other', underlyingSymbol: symbol, greeks: greeks(delta, vega), atRisk });

function evaluate(otherPosition: ReturnType<typeof other>, thresholds: Partial<DecisionThresholds>) {
  const portfolio = portfolioOf([{ strategyId: 'stg-1', underlyingSymbol: 'SPY', greeks: ours.greeks, atRisk: ours.atRisk }, otherPosition]);
  const options: FixtureOptions = { legs, quantity: 8, overrides: { portfolio } };
  return evaluateOn(r11PortfolioLimits, options, thresholds);
}

describe('R11 portfolio limits (strict: beyond the limit; only the largest contributor fires)', () => {
  it('when the fixture numbers are checked, then this strategy has delta 50, vega −400 and $25,000 at risk', () => {
    expect([ours.greeks.delta, ours.greeks.vega, ours.atRisk]).toEqual([50, -400, 25_000]);
  });

  it('when the portfolio delta is exactly at its limit, then it does not fire; 1 beyond, it reduces 1 unit; 1 inside, nothing', () => {
    expect(evaluate(other(30, 0, 0), { maxPortfolioDelta: 80 })).toMatchObject({ fired: false, reason: 'portfolio delta, vega and concentration within their limits', inputs: { portfolioDelta: 80, largestDeltaContributor: true, unitsToClose: null } });
    const beyond = evaluate(other(30, 0, 0), { maxPortfolioDelta: 79 });
    expect(beyond).toMatchObject({ fired: true, action: 'REDUCE', urgency: 'WALKING_LIMIT', reduceQuantity: 1, inputs: { unitsToClose: 1 } });
    expect(beyond.reason).toBe('largest contributor to the breached portfolio delta limit (delta 80, vega -400): reduce by 1 of 8 units');
    expect(evaluate(other(30, 0, 0), { maxPortfolioDelta: 81 }).fired).toBe(false);
  });

  it('when the delta excess needs every unit, then it fires CLOSE', () => {
    expect(evaluate(other(30, 0, 0), { maxPortfolioDelta: 20 })).toMatchObject({ fired: true, action: 'CLOSE', reduceQuantity: undefined, inputs: { unitsToClose: 8 } });
  });

  it('when another strategy contributes more to the breach, then this one does not fire', () => {
    expect(evaluate(other(60, 0, 0), { maxPortfolioDelta: 79 })).toMatchObject({ fired: false, reason: 'a portfolio limit is breached, but this strategy is not its largest contributor', inputs: { largestDeltaContributor: false } });
  });

  it('when the portfolio vega is beyond its limit, then the largest short-vega contributor reduces the units that cover the excess', () => {
    expect(evaluate(other(0, -200, 0), { maxPortfolioVega: 600 }).fired).toBe(false);
    expect(evaluate(other(0, -200, 0), { maxPortfolioVega: 590 })).toMatchObject({ fired: true, action: 'REDUCE', reduceQuantity: 1, inputs: { portfolioVega: -600, largestVegaContributor: true } });
    expect(evaluate(other(0, -200, 0), { maxPortfolioVega: 480 })).toMatchObject({ reduceQuantity: 3 });
  });

  it('when the underlying is exactly at its concentration limit, then it does not fire; beyond it, it reduces', () => {
    // 25,000 (ours) + 15,000 (other) = 4 % of the 1,000,000 fixture net liquidation.
    expect(evaluate(other(0, 0, 15_000), { maxConcentrationPerUnderlying: 0.04 })).toMatchObject({ fired: false, inputs: { underlyingFractionAtRisk: 0.04, largestConcentrationContributor: true } });
    expect(evaluate(other(0, 0, 15_000), { maxConcentrationPerUnderlying: 0.039 })).toMatchObject({ fired: true, action: 'REDUCE', reduceQuantity: 1 });
    expect(evaluate(other(0, 0, 15_000), { maxConcentrationPerUnderlying: 0.041 }).fired).toBe(false);
  });

  it('when another underlying is over-concentrated, then this strategy is not reduced for it', () => {
    expect(evaluate(other(0, 0, 900_000, 'QQQ'), { maxConcentrationPerUnderlying: 0.3 }).fired).toBe(false);
  });

  it('when several limits are breached, then the units are the most any of them needs', () => {
    expect(evaluate(other(30, -200, 15_000), { maxPortfolioDelta: 79, maxPortfolioVega: 480, maxConcentrationPerUnderlying: 0.039 })).toMatchObject({ action: 'REDUCE', reduceQuantity: 3, reason: expect.stringContaining('portfolio delta, vega, concentration limit') });
  });
});
