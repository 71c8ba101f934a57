import { describe, expect, it } from 'vitest';
import { optionGreeks, priceOption } from './index.ts';
import type { OptionInput, OptionRight } from './index.ts';

function option(right: OptionRight, spot: number, strike: number, years: number, rate: number, dividendYield: number, volatility: number): OptionInput {
  return { right, spot, strike, years, rate, dividendYield, volatility };
}

describe('published reference values', () => {
  // J. C. Hull, "Options, Futures, and Other Derivatives": Example 15.6 (8th ed.), and the running
  // example of the chapter "The Greek Letters" (S = 49, K = 50, r = 5 %, σ = 20 %, 20 weeks), whose
  // theta is quoted per calendar day and vega and rho per percentage point, as ours are.
  it('when Hull example 15.6 is priced, then the call is 4.76 and the put 0.81', () => {
    expect(priceOption(option('call', 42, 40, 0.5, 0.1, 0, 0.2))).toBeCloseTo(4.76, 2);
    expect(priceOption(option('put', 42, 40, 0.5, 0.1, 0, 0.2))).toBeCloseTo(0.81, 2);
  });

  it("when Hull's Greek-letters example is computed, then every Greek matches his rounded figures", () => {
    const greeks = optionGreeks(option('call', 49, 50, 20 / 52, 0.05, 0, 0.2));
    expect(greeks.price).toBeCloseTo(2.4, 2);
    expect(greeks.delta).toBeCloseTo(0.522, 3);
    expect(greeks.gamma).toBeCloseTo(0.066, 3);
    expect(greeks.theta).toBeCloseTo(-0.0118, 4);
    expect(greeks.vega).toBeCloseTo(0.121, 3);
    expect(greeks.rho).toBeCloseTo(0.0891, 4);
  });

  // E. G. Haug, "The Complete Guide to Option Pricing Formulas" (2nd ed., 2007): the numerical
  // examples of chapter 1 (Black-Scholes 1973, Merton 1973, Black 1976 as cost of carry b = 0,
  // Garman-Kohlhagen as q = foreign rate) and of chapter 2 (generalized BSM Greeks, with q = r − b;
  // Haug's theta is per year and vega and rho per unit, so ours are scaled back).
  it("when Haug's chapter 1 examples are priced, then they match to four decimals", () => {
    expect(priceOption(option('call', 60, 65, 0.25, 0.08, 0, 0.3))).toBeCloseTo(2.1334, 4);
    expect(priceOption(option('put', 100, 95, 0.5, 0.1, 0.05, 0.2))).toBeCloseTo(2.4648, 4);
    expect(priceOption(option('call', 19, 19, 0.75, 0.1, 0.1, 0.28))).toBeCloseTo(1.7011, 4);
    expect(priceOption(option('put', 19, 19, 0.75, 0.1, 0.1, 0.28))).toBeCloseTo(1.7011, 4);
    expect(priceOption(option('call', 1.56, 1.6, 0.5, 0.06, 0.08, 0.12))).toBeCloseTo(0.0291, 4);
  });

  it("when Haug's chapter 2 Greek examples are computed, then they match to four decimals", () => {
    expect(optionGreeks(option('call', 105, 100, 0.5, 0.1, 0.1, 0.36)).delta).toBeCloseTo(0.5946, 4);
    expect(optionGreeks(option('put', 105, 100, 0.5, 0.1, 0.1, 0.36)).delta).toBeCloseTo(-0.3566, 4);
    expect(optionGreeks(option('call', 55, 60, 0.75, 0.1, 0, 0.3)).gamma).toBeCloseTo(0.0278, 4);
    expect(optionGreeks(option('put', 430, 405, 0.0833, 0.07, 0.05, 0.2)).theta * 365).toBeCloseTo(-31.1924, 4);
    expect(optionGreeks(option('call', 72, 75, 1, 0.09, 0, 0.19)).rho * 100).toBeCloseTo(38.7325, 4);
  });
});

function sampleInputs(): Omit<OptionInput, 'right'>[] {
  const inputs: Omit<OptionInput, 'right'>[] = [];
  for (const strike of [50, 80, 100, 125, 200])
    for (const years of [1 / 365, 0.1, 1, 3])
      for (const volatility of [0.05, 0.3, 1.5])
        for (const rate of [-0.01, 0.08]) for (const dividendYield of [0, 0.04]) inputs.push({ spot: 100, strike, years, rate, dividendYield, volatility });
  return inputs;
}

describe('model identities', () => {
  it('when a call and a put share their inputs, then put-call parity holds to 1e-13', () => {
    for (const input of sampleInputs()) {
      const { spot, strike, years, rate, dividendYield } = input;
      const parity = spot * Math.exp(-dividendYield * years) - strike * Math.exp(-rate * years);
      const call = optionGreeks({ ...input, right: 'call' });
      const put = optionGreeks({ ...input, right: 'put' });
      expect(call.price - put.price - parity).toBeCloseTo(0, 13);
      expect(call.delta - put.delta).toBeCloseTo(Math.exp(-dividendYield * years), 15);
      expect(call.gamma).toBe(put.gamma);
      expect(call.vega).toBe(put.vega);
    }
  });

  it('when Greeks are compared with central differences of the price, then they agree', () => {
    const central = (input: OptionInput, field: 'spot' | 'volatility' | 'rate' | 'years', bump: number) =>
      (priceOption({ ...input, [field]: input[field] + bump }) - priceOption({ ...input, [field]: input[field] - bump })) / (2 * bump);
    for (const base of sampleInputs().filter((input) => input.years > 0.01)) {
      for (const right of ['call', 'put'] as const) {
        const input = { ...base, right };
        const greeks = optionGreeks(input);
        expect(central(input, 'spot', 1e-3)).toBeCloseTo(greeks.delta, 6);
        expect((optionGreeks({ ...input, spot: input.spot + 1e-3 }).delta - optionGreeks({ ...input, spot: input.spot - 1e-3 }).delta) / 2e-3).toBeCloseTo(greeks.gamma, 6);
        expect(central(input, 'volatility', 1e-5) / 100).toBeCloseTo(greeks.vega, 7);
        expect(central(input, 'rate', 1e-5) / 100).toBeCloseTo(greeks.rho, 7);
        expect(-central(input, 'years', 1e-6) / 365).toBeCloseTo(greeks.theta, 7);
      }
    }
  });

  it('when an option is far out of the money, then its tiny price keeps full relative precision and never goes negative', () => {
    // N(−d) is computed directly, so a 1-day 5 % put struck at half the spot is ~1e-300, not 0 or noise.
    const price = priceOption(option('put', 100, 97, 1 / 365, 0.02, 0, 0.05));
    expect(price).toBeGreaterThan(0);
    expect(price).toBeLessThan(1e-20);
    expect(priceOption(option('put', 100, 50, 1 / 365, 0.02, 0, 0.05))).toBe(0);
  });
});

describe('expiry and zero-volatility limits', () => {
  it('when years is 0, then the value is intrinsic, delta is 0 or ±1 and the other Greeks are 0', () => {
    expect(optionGreeks(option('call', 110, 100, 0, 0.05, 0.02, 0.3))).toEqual({ price: 10, delta: 1, gamma: 0, theta: 0, vega: 0, rho: 0 });
    expect(optionGreeks(option('put', 110, 100, 0, 0.05, 0.02, 0.3))).toEqual({ price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 });
    expect(optionGreeks(option('put', 90, 100, 0, 0.05, 0.02, 0.3))).toEqual({ price: 10, delta: -1, gamma: 0, theta: 0, vega: 0, rho: 0 });
    expect(priceOption(option('call', 90, 100, 0, 0.05, 0.02, 0.3))).toBe(0);
  });

  it('when years is 0 exactly at the money, then delta is ±0.5, the limit of N(d1)', () => {
    expect(optionGreeks(option('call', 100, 100, 0, 0.05, 0, 0.3)).delta).toBe(0.5);
    expect(optionGreeks(option('put', 100, 100, 0, 0.05, 0, 0.3)).delta).toBe(-0.5);
  });

  it('when volatility is 0, then the value is the discounted forward intrinsic value and agrees with a tiny volatility', () => {
    for (const right of ['call', 'put'] as const) {
      const exact = optionGreeks(option(right, 100, 90, 0.5, 0.05, 0.01, 0));
      const nearly = optionGreeks(option(right, 100, 90, 0.5, 0.05, 0.01, 1e-6));
      for (const greek of ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const) expect(exact[greek]).toBeCloseTo(nearly[greek], 12);
    }
  });

  it('when the time to expiry shrinks towards 0, then price and delta approach the expiry values', () => {
    const nearly = optionGreeks(option('call', 110, 100, 1e-10, 0.05, 0, 0.3));
    expect(nearly.price).toBeCloseTo(10, 6);
    expect(nearly.delta).toBeCloseTo(1, 12);
  });
});

describe('invalid input', () => {
  const valid = option('call', 100, 100, 0.5, 0.05, 0.01, 0.2);
  const cases: [string, Partial<OptionInput> | Record<string, unknown>, RegExp][] = [
    ['spot is NaN', { spot: Number.NaN }, /spot must be a finite number, got NaN/],
    ['strike is Infinity', { strike: Infinity }, /strike must be a finite number, got Infinity/],
    ['years is -Infinity', { years: -Infinity }, /years must be a finite number/],
    ['rate is NaN', { rate: Number.NaN }, /rate must be a finite number/],
    ['dividendYield is Infinity', { dividendYield: Infinity }, /dividendYield must be a finite number/],
    ['volatility is NaN', { volatility: Number.NaN }, /volatility must be a finite number/],
    ['spot is 0', { spot: 0 }, /spot must be positive, got 0/],
    ['strike is negative', { strike: -5 }, /strike must be positive, got -5/],
    ['years is negative', { years: -0.1 }, /years must not be negative, got -0.1/],
    ['volatility is negative', { volatility: -0.2 }, /volatility must not be negative, got -0.2/],
    ['right is unknown', { right: 'straddle' }, /right must be 'call' or 'put', got straddle/],
  ];
  for (const [name, change, message] of cases) {
    it(`when ${name}, then pricing and Greeks throw a RangeError naming it`, () => {
      const input = { ...valid, ...change } as OptionInput;
      expect(() => priceOption(input)).toThrow(RangeError);
      expect(() => priceOption(input)).toThrow(message);
      expect(() => optionGreeks(input)).toThrow(message);
    });
  }

  it('when finite inputs overflow the value, then a RangeError says so instead of returning Infinity', () => {
    expect(() => priceOption(option('call', 100, 100, 1000, -1, 0, 0.2))).toThrow(/overflows/);
  });
});
