import { describe, expect, it } from 'vitest';
import { impliedVolatility, optionGreeks, priceOption } from './index.ts';
import type { ImpliedVolatilityInput, ImpliedVolatilityResult, OptionInput } from './index.ts';

/**
 * When is a volatility recoverable from a price to 1e-8? The price reaches the solver as a double,
 * so it is known only to about ε = 2.2e-16 of the magnitude the solver works with: the price itself
 * for an out-of-the-money option (its intrinsic bound is 0), and for an in-the-money one the terms
 * S·e^(−qT) and K·e^(−rT) of the parity step that turns it into its out-of-the-money twin. A volatility
 * error δ moves the price by vega·δ, so δ ≤ 1e-8 needs vega·1e-8 to stand well clear of that rounding.
 * We call vega meaningful when vega (per unit of volatility) ≥ 1e-6 × scale, i.e. a 1e-8 change of
 * volatility moves the price by at least 1e-14 × scale ≈ 45 ε × scale. Because the scale of an
 * out-of-the-money option is its own price, short-dated far out-of-the-money options stay in (their
 * vega is small but large relative to their price); what drops out is an in-the-money option whose
 * time value is lost in the rounding of its intrinsic value. Prices below 1e-250 are left out too:
 * they are near the subnormal doubles (< 2.2e-308), where relative precision itself degrades.
 */
/** The magnitude whose rounding limits what a price says about volatility (see above). */
function priceScale(input: OptionInput, price: number): { scale: number; inTheMoney: boolean } {
  const discountedSpot = input.spot * Math.exp(-input.dividendYield * input.years);
  const discountedStrike = input.strike * Math.exp(-input.rate * input.years);
  const inTheMoney = input.right === 'call' ? discountedSpot > discountedStrike : discountedStrike > discountedSpot;
  return { scale: inTheMoney ? Math.max(discountedSpot, discountedStrike) : Math.max(price, 1e-250), inTheMoney };
}

function vegaIsMeaningful(input: OptionInput, price: number): boolean {
  return optionGreeks(input).vega * 100 >= 1e-6 * priceScale(input, price).scale;
}

function expectWellFormed(result: ImpliedVolatilityResult): void {
  if (result.ok) {
    expect(Number.isFinite(result.volatility) && result.volatility > 0).toBe(true);
    expect(Number.isInteger(result.iterations)).toBe(true);
  } else {
    expect(result.reason.length).toBeGreaterThan(10);
  }
}

function gridInputs(): OptionInput[] {
  const inputs: OptionInput[] = [];
  const days = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 91, 120, 182, 273, 365, 547, 730, 1095];
  for (const right of ['call', 'put'] as const)
    for (let strike = 50; strike <= 200; strike += 5)
      for (const day of days)
        for (let step = 0; step < 30; step++)
          for (const rate of [-0.01, 0.03, 0.08])
            for (const dividendYield of [0, 0.04]) inputs.push({ right, spot: 100, strike, years: day / 365, rate, dividendYield, volatility: 0.05 + 0.05 * step });
  return inputs;
}

describe('implied volatility round trip', () => {
  it('when 212,040 grid prices are solved back, then every meaningful-vega point recovers its volatility within 1e-8', () => {
    const counts = { meaningful: 0, outOfTheMoneyLeftOut: 0, shortDatedFarOutOfTheMoney: 0, maxIterations: 0 };
    let worst = { error: 0, what: '' };
    const inputs = gridInputs();
    for (const input of inputs) {
      const price = priceOption(input);
      const result = impliedVolatility({ ...input, price });
      expectWellFormed(result);
      const { scale, inTheMoney } = priceScale(input, price);
      if (!vegaIsMeaningful(input, price)) {
        if (!inTheMoney && price >= 1e-250) counts.outOfTheMoneyLeftOut++;
        // Even where the volatility is not determined, an answer must reproduce the price.
        if (result.ok) expect(Math.abs(priceOption({ ...input, volatility: result.volatility }) - price)).toBeLessThanOrEqual(1e-13 * scale);
        continue;
      }
      counts.meaningful++;
      if (input.years <= 7 / 365 && price < 1e-6) counts.shortDatedFarOutOfTheMoney++;
      const error = result.ok ? Math.abs(result.volatility - input.volatility) : Infinity;
      if (result.ok) counts.maxIterations = Math.max(counts.maxIterations, result.iterations);
      if (error > worst.error) worst = { error, what: `${JSON.stringify(input)} price ${price}: ${JSON.stringify(result)}` };
    }
    console.log(`IV round trip: ${counts.meaningful} of ${inputs.length} meaningful, worst error ${worst.error.toExponential(2)}, at most ${counts.maxIterations} iterations`);
    expect(inputs.length).toBeGreaterThanOrEqual(100_000);
    // The definition drops only in-the-money options whose time value is lost in rounding.
    expect(counts.outOfTheMoneyLeftOut).toBe(0);
    expect(counts.meaningful).toBeGreaterThan(0.85 * inputs.length);
    expect(counts.shortDatedFarOutOfTheMoney).toBeGreaterThan(1000);
    expect(worst.error, worst.what).toBeLessThanOrEqual(1e-8);
    expect(counts.maxIterations).toBeLessThanOrEqual(8);
  });

  it('when the option is deep in the money, then it is solved through its out-of-the-money twin', () => {
    const input: OptionInput = { right: 'call', spot: 100, strike: 40, years: 0.5, rate: 0.03, dividendYield: 0.01, volatility: 0.45 };
    const result = impliedVolatility({ ...input, price: priceOption(input) });
    expect(result.ok && Math.abs(result.volatility - 0.45)).toBeLessThan(1e-10);
  });

  it('when rates are negative and the dividend yield exceeds them, then the round trip still holds', () => {
    const input: OptionInput = { right: 'put', spot: 100, strike: 95, years: 2, rate: -0.01, dividendYield: 0.04, volatility: 0.22 };
    const result = impliedVolatility({ ...input, price: priceOption(input) });
    expect(result.ok && Math.abs(result.volatility - 0.22)).toBeLessThan(1e-12);
  });

  it('when the option is one day from expiry and far out of the money, then the tiny price still gives the volatility', () => {
    const input: OptionInput = { right: 'call', spot: 100, strike: 140, years: 1 / 365, rate: 0.02, dividendYield: 0, volatility: 0.4 };
    const price = priceOption(input);
    expect(price).toBeLessThan(1e-50);
    const result = impliedVolatility({ ...input, price });
    expect(result.ok && Math.abs(result.volatility - 0.4)).toBeLessThan(1e-12);
  });
});

describe('implied volatility at the no-arbitrage bounds', () => {
  const put: ImpliedVolatilityInput = { right: 'put', spot: 100, strike: 10.2, years: 0.25, rate: 0, dividendYield: 0, price: 1 };

  it('when a put is priced above its strike, then the reason names the upper bound', () => {
    expect(impliedVolatility({ ...put, price: 12.5 })).toEqual({ ok: false, reason: 'price 12.5 is above the upper no-arbitrage bound 10.2 for a put' });
  });

  it('when the price equals the upper bound, then only an infinite volatility would reach it', () => {
    const result = impliedVolatility({ ...put, price: 10.2 });
    expect(result.ok === false && result.reason).toMatch(/at the upper no-arbitrage bound 10.2 for a put/);
  });

  it('when the price is just inside the upper bound, then a large volatility reprices it', () => {
    const call: ImpliedVolatilityInput = { right: 'call', spot: 100, strike: 100, years: 0.5, rate: 0.02, dividendYield: 0.01, price: 0 };
    const upper = 100 * Math.exp(-0.01 * 0.5);
    const price = upper * (1 - 1e-6);
    const result = impliedVolatility({ ...call, price });
    expect(result.ok).toBe(true);
    if (result.ok) expect(priceOption({ ...call, volatility: result.volatility }) / price - 1).toBeCloseTo(0, 12);
  });

  it('when the price is below or at the discounted intrinsic value, then the reason names the lower bound', () => {
    const call: ImpliedVolatilityInput = { right: 'call', spot: 100, strike: 90, years: 1, rate: 0, dividendYield: 0, price: 9 };
    expect(impliedVolatility(call)).toEqual({ ok: false, reason: 'price 9 is below the lower no-arbitrage bound 10 for a call' });
    const atBound = impliedVolatility({ ...call, price: 10 });
    expect(atBound.ok === false && atBound.reason).toMatch(/at the lower no-arbitrage bound 10 for a call/);
    expect(impliedVolatility({ ...call, price: -1 }).ok).toBe(false);
    const outOfTheMoney = impliedVolatility({ ...call, strike: 120, price: 0 });
    expect(outOfTheMoney.ok === false && outOfTheMoney.reason).toMatch(/at the lower no-arbitrage bound 0/);
  });

  it('when the price is just inside the lower bound, then a small volatility reprices it', () => {
    const put: ImpliedVolatilityInput = { right: 'put', spot: 100, strike: 80, years: 0.25, rate: 0.03, dividendYield: 0, price: 1e-12 };
    const result = impliedVolatility(put);
    expect(result.ok).toBe(true);
    if (result.ok) expect(priceOption({ ...put, volatility: result.volatility }) / 1e-12 - 1).toBeCloseTo(0, 10);
  });

  it('when the time value is too small to normalise, then it says the price is too close to the bound', () => {
    const call: ImpliedVolatilityInput = { right: 'call', spot: 100, strike: 120, years: 0.01, rate: 0, dividendYield: 0, price: 1e-307 };
    const result = impliedVolatility(call);
    expect(result.ok === false && result.reason).toMatch(/price 1e-307 is too close to the lower no-arbitrage bound 0 for a call/);
  });
});

describe('implied volatility input checks', () => {
  const valid: ImpliedVolatilityInput = { right: 'call', spot: 100, strike: 100, years: 0.5, rate: 0.03, dividendYield: 0.01, price: 6 };

  for (const field of ['spot', 'strike', 'years', 'rate', 'dividendYield', 'price'] as const) {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      it(`when ${field} is ${bad}, then the result is not ok and names ${field}`, () => {
        const result = impliedVolatility({ ...valid, [field]: bad });
        expect(result.ok === false && result.reason).toMatch(new RegExp(`^${field} must be `));
      });
    }
  }

  it('when years is 0, then it explains that an expiring option has no time value', () => {
    const result = impliedVolatility({ ...valid, years: 0 });
    expect(result.ok === false && result.reason).toMatch(/years must be positive to imply a volatility, got 0/);
  });

  it('when spot or strike is not positive or the right is unknown, then each is named', () => {
    expect(impliedVolatility({ ...valid, spot: 0 })).toEqual({ ok: false, reason: 'spot must be positive, got 0' });
    expect(impliedVolatility({ ...valid, strike: -1 })).toEqual({ ok: false, reason: 'strike must be positive, got -1' });
    const unknownRight = impliedVolatility({ ...valid, right: 'straddle' } as unknown as ImpliedVolatilityInput);
    expect(unknownRight.ok === false && unknownRight.reason).toMatch(/right must be 'call' or 'put'/);
  });

  it('when every field takes extreme or invalid values in every combination, then it never throws and never returns NaN', () => {
    const values = [Number.NaN, Infinity, -1, 0, 1e-308, 1e-8, 0.5, 100, 1e8, 1e308];
    const rates = [Number.NaN, -Infinity, -50, -0.01, 0, 0.05, 50];
    let count = 0;
    for (const spot of values)
      for (const strike of values)
        for (const years of values)
          for (const rate of rates)
            for (const price of values) {
              for (const right of ['call', 'put'] as const) {
                expectWellFormed(impliedVolatility({ right, spot, strike, years, rate, dividendYield: rate / 2, price }));
                count++;
              }
            }
    expect(count).toBe(140_000);
  });
});
