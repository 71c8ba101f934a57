import { describe, expect, it } from 'vitest';
import { nextWalkPrice, planWalk, validateWalkOptions, type WalkOptions, type WalkPlan } from './price-walk.ts';

const amount = (dollars: number, extra: Partial<WalkOptions> = {}): WalkOptions => ({ step: { kind: 'amount', amount: dollars }, intervalMs: 1_000, ...extra });

/** Every limit the walk would send from the plan's start with a steady natural price. */
function walk(plan: WalkPlan, natural: number): { prices: number[]; bound: string | undefined } {
  const prices: number[] = [];
  let current = plan.start;
  let bound: string | undefined;
  for (let next = nextWalkPrice(plan, current, natural); next !== undefined; next = nextWalkPrice(plan, current, natural)) {
    prices.push(next.price);
    current = next.price;
    bound = next.bound;
  }
  return { prices, bound };
}

describe('price walk', () => {
  it('when a debit combo is bought, then the limit steps up from the mid to the natural price and stops there', () => {
    const plan = planWalk({ action: 'BUY', start: 1.0, natural: 1.1, options: amount(0.03) });
    expect(walk(plan, 1.1)).toEqual({ prices: [1.03, 1.06, 1.09, 1.1], bound: 'natural' });
  });

  it('when a combo is sold, then the limit steps down toward the natural price', () => {
    const plan = planWalk({ action: 'SELL', start: 1.0, natural: 0.9, options: amount(0.04) });
    expect(walk(plan, 0.9)).toEqual({ prices: [0.96, 0.92, 0.9], bound: 'natural' });
  });

  it('when the step is a fraction, then it is that part of the mid-to-natural distance, at least a cent', () => {
    expect(walk(planWalk({ action: 'BUY', start: -1.0, natural: -0.9, options: { step: { kind: 'fraction', fraction: 0.25 }, intervalMs: 1 } }), -0.9).prices).toEqual([-0.97, -0.94, -0.91, -0.9]);
    expect(planWalk({ action: 'BUY', start: 1.0, natural: 1.01, options: { step: { kind: 'fraction', fraction: 0.1 }, intervalMs: 1 } }).stepCents).toBe(1);
  });

  it('when a credit order walks toward a natural debit, then it stops at zero credit exactly, never a debit', () => {
    const plan = planWalk({ action: 'BUY', start: -0.04, natural: 0.06, options: amount(0.03) });
    expect(plan.credit).toBe(true);
    expect(walk(plan, 0.06)).toEqual({ prices: [-0.01, 0], bound: 'credit-floor' });
  });

  it('when a credit order reaches zero on a step exactly, then the next step is refused', () => {
    const plan = planWalk({ action: 'BUY', start: -0.02, natural: 0.05, options: amount(0.02) });
    expect(nextWalkPrice(plan, -0.02, 0.05)).toEqual({ price: 0, bound: 'credit-floor' });
    expect(nextWalkPrice(plan, 0, 0.05)).toBeUndefined();
  });

  it('when a minimum credit is set, then the walk stops at that credit', () => {
    const plan = planWalk({ action: 'BUY', start: -0.1, natural: 0.2, options: amount(0.05, { minimumCredit: 0.01 }) });
    expect(walk(plan, 0.2)).toEqual({ prices: [-0.05, -0.01], bound: 'credit-floor' });
  });

  it('when a sold combo takes in a credit (positive limit), then its walk never goes below zero', () => {
    const plan = planWalk({ action: 'SELL', start: 0.03, natural: -0.05, options: amount(0.02) });
    expect(walk(plan, -0.05)).toEqual({ prices: [0.01, 0], bound: 'credit-floor' });
  });

  it('when the credit natural is still a credit, then the walk goes all the way to it', () => {
    const plan = planWalk({ action: 'BUY', start: -1.0, natural: -0.9, options: amount(0.05) });
    expect(walk(plan, -0.9)).toEqual({ prices: [-0.95, -0.9], bound: 'natural' });
  });

  it('when the natural price moves toward the limit, then the walk never steps back', () => {
    const plan = planWalk({ action: 'BUY', start: 1.0, natural: 1.2, options: amount(0.05) });
    expect(nextWalkPrice(plan, 1.1, 1.05)).toBeUndefined();
  });

  it('when walk options are bad, then validation names the field', () => {
    expect(validateWalkOptions(amount(0))).toMatch(/walk.step.amount/);
    expect(validateWalkOptions({ step: { kind: 'fraction', fraction: 2 }, intervalMs: 1 })).toMatch(/walk.step.fraction/);
    expect(validateWalkOptions(amount(0.01, { intervalMs: 0 }))).toMatch(/walk.intervalMs/);
    expect(validateWalkOptions(amount(0.01, { maxSteps: 1.5 }))).toMatch(/walk.maxSteps/);
    expect(validateWalkOptions(amount(0.01, { minimumCredit: -1 }))).toMatch(/walk.minimumCredit/);
    expect(validateWalkOptions(amount(0.01))).toBeUndefined();
  });
});
