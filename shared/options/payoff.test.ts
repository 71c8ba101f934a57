import { describe, expect, it } from 'vitest';
import { payoffAtExpiry, payoffCurve, payoffToday, priceOption } from './index.ts';
import type { PayoffLeg, PayoffMarket } from './index.ts';

const market: PayoffMarket = { years: 0, rate: 0.03, dividendYield: 0.01 };

function optionLeg(right: 'call' | 'put', strike: number, quantity: number, entryPrice: number, years = 30 / 365): PayoffLeg {
  return { right, strike, quantity, multiplier: 100, entryPrice, volatility: 0.25, years };
}

describe('payoff at expiry', () => {
  it('when a long call expires, then it loses the premium below the strike and gains one-for-one above it', () => {
    const legs = [optionLeg('call', 100, 1, 3)];
    expect(payoffAtExpiry(legs, 80)).toBe(-300);
    expect(payoffAtExpiry(legs, 100)).toBe(-300);
    expect(payoffAtExpiry(legs, 103)).toBe(0);
    expect(payoffAtExpiry(legs, 120)).toBe(1700);
  });

  it('when a short put expires, then it keeps the premium above the strike and loses below it', () => {
    const legs = [optionLeg('put', 100, -2, 2.5)];
    expect(payoffAtExpiry(legs, 130)).toBe(500);
    expect(payoffAtExpiry(legs, 97.5)).toBe(0);
    expect(payoffAtExpiry(legs, 90)).toBe(-1500);
    expect(payoffAtExpiry(legs, 0)).toBe(-19_500);
  });

  it('when an iron condor expires, then it is flat at the credit between the short strikes and at the max loss beyond the wings', () => {
    // Credit 1.90 + 1.85 − 0.80 − 0.75 = 2.20 a share; wings 5 wide, so max loss (5 − 2.20) × 100.
    const condor = [optionLeg('put', 90, 1, 0.8), optionLeg('put', 95, -1, 1.9), optionLeg('call', 105, -1, 1.85), optionLeg('call', 110, 1, 0.75)];
    for (const price of [95, 97, 100, 103, 105]) expect(payoffAtExpiry(condor, price)).toBeCloseTo(220, 9);
    for (const price of [1, 60, 90, 110, 150, 500]) expect(payoffAtExpiry(condor, price)).toBeCloseTo(-280, 9);
    expect(payoffAtExpiry(condor, 92.8)).toBeCloseTo(0, 9);
    expect(payoffAtExpiry(condor, 107.2)).toBeCloseTo(0, 9);
  });

  it('when stock legs are included, then they add quantity × multiplier × (price − entry), as in a covered call', () => {
    const coveredCall: PayoffLeg[] = [{ right: 'underlying', quantity: 100, multiplier: 1, entryPrice: 50 }, optionLeg('call', 55, -1, 1.2)];
    expect(payoffAtExpiry(coveredCall, 45)).toBeCloseTo(-500 + 120, 9);
    expect(payoffAtExpiry(coveredCall, 55)).toBeCloseTo(500 + 120, 9);
    expect(payoffAtExpiry(coveredCall, 70)).toBeCloseTo(500 + 120, 9);
    expect(payoffAtExpiry([{ right: 'underlying', quantity: -10, multiplier: 1, entryPrice: 20, strike: 999 }], 25)).toBe(-50);
  });
});

describe('payoff before expiry', () => {
  it('when valued today, then each option leg is its Black-Scholes-Merton value with its own volatility and time', () => {
    const legs: PayoffLeg[] = [optionLeg('call', 100, 1, 3, 0.5), { ...optionLeg('put', 95, -1, 2, 0.1), volatility: 0.4 }];
    const call = priceOption({ right: 'call', spot: 101, strike: 100, years: 0.5, rate: 0.03, dividendYield: 0.01, volatility: 0.25 });
    const put = priceOption({ right: 'put', spot: 101, strike: 95, years: 0.1, rate: 0.03, dividendYield: 0.01, volatility: 0.4 });
    expect(payoffToday(legs, 101, market)).toBeCloseTo(100 * (call - 3) - 100 * (put - 2), 9);
  });

  it('when the market date reaches every expiry, then the today line equals the expiry line', () => {
    const legs = [optionLeg('put', 95, -1, 1.9), optionLeg('call', 105, -1, 1.85)];
    const atExpiryDate = { ...market, years: 30 / 365 };
    for (const price of [80, 95, 100, 112]) expect(payoffToday(legs, price, atExpiryDate)).toBeCloseTo(payoffAtExpiry(legs, price), 9);
  });

  it('when an iron condor is valued today, then it stays between its expiry max loss and max profit', () => {
    const condor = [optionLeg('put', 90, 1, 0.8), optionLeg('put', 95, -1, 1.9), optionLeg('call', 105, -1, 1.85), optionLeg('call', 110, 1, 0.75)];
    for (const point of payoffCurve(condor, { from: 70, to: 130, steps: 60 }, market)) {
      expect(point.today).toBeGreaterThan(-280);
      expect(point.today).toBeLessThan(220);
    }
  });
});

describe('payoff curve', () => {
  it('when asked for 4 steps, then it returns 5 evenly spaced points ending exactly at the range end', () => {
    const points = payoffCurve([optionLeg('call', 100, 1, 3)], { from: 90, to: 110, steps: 4 }, market);
    expect(points.map((point) => point.underlyingPrice)).toEqual([90, 95, 100, 105, 110]);
    expect(points.map((point) => point.atExpiry)).toEqual([-300, -300, -300, 200, 700]);
    expect(points[2]?.today).toBeCloseTo(100 * (priceOption({ right: 'call', spot: 100, strike: 100, years: 30 / 365, rate: 0.03, dividendYield: 0.01, volatility: 0.25 }) - 3), 9);
  });

  it('when the inputs are invalid, then a RangeError names the problem', () => {
    const legs = [optionLeg('call', 100, 1, 3)];
    expect(() => payoffCurve(legs, { from: 110, to: 90, steps: 4 }, market)).toThrow(/'to' \(90\) must be above 'from' \(110\)/);
    expect(() => payoffCurve(legs, { from: 90, to: 110, steps: 2.5 }, market)).toThrow(/steps must be an integer/);
    expect(() => payoffCurve(legs, { from: 0, to: 110, steps: 4 }, market)).toThrow(/underlying price must be a finite number > 0, got 0/);
    expect(() => payoffAtExpiry([{ ...optionLeg('call', 100, 1, 3), strike: Number.NaN }], 100)).toThrow(/leg 0 \(call\): strike must be a positive number/);
    expect(() => payoffAtExpiry([{ ...optionLeg('put', 100, 1, 3), multiplier: 0 }], 100)).toThrow(RangeError);
    expect(() => payoffAtExpiry([{ ...optionLeg('put', 100, 1, 3), entryPrice: -1 }], 100)).toThrow(/entryPrice must be a finite number ≥ 0/);
    expect(() => payoffToday(legs, 100, { ...market, years: -1 })).toThrow(/market years/);
  });
});
