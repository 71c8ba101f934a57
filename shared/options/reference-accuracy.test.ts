// Accuracy against an independent 40-digit reference built with decimal.js: the normal CDF over
// its whole range, and prices and every Greek on a grid spanning spot 100, strikes 50–200,
// expiries 1 day–3 years, volatility 5 %–150 %, rates −1 %–8 % and dividend yields 0–4 %.
// The requirement is 1e-9 absolute; the tests hold us to 1e-12. The reference lives in
// test/fixtures/decimal-black-scholes.ts so the options benchmark measures against it too.
import { describe, expect, it } from 'vitest';
import { normalCdf, optionGreeks, priceOption } from './index.ts';
import type { OptionInput, OptionRight } from './index.ts';

import { D, decimalNormalCdf, decimalReference, toDecimal, type DecimalOption } from '../../test/fixtures/decimal-black-scholes.ts';


function gridInputs(): Omit<OptionInput, 'right'>[] {
  const inputs: Omit<OptionInput, 'right'>[] = [];
  for (const strike of [50, 60, 70, 80, 90, 95, 100, 105, 110, 120, 140, 170, 200])
    for (const days of [1, 7, 30, 91, 365, 1095])
      for (const volatility of [0.05, 0.15, 0.3, 0.6, 1, 1.5])
        for (const rate of [-0.01, 0.02, 0.08])
          for (const dividendYield of [0, 0.04]) inputs.push({ spot: 100, strike, years: days / 365, rate, dividendYield, volatility });
  return inputs;
}

describe('normal CDF against a 40-digit reference', () => {
  it('when evaluated from −37.5 to 8.5 in steps of 1/64, then the relative error stays below 1e-15', () => {
    // Below −37.5 the value is a subnormal double (< 2.2e-308), whose relative precision is lower.
    let worst = { x: 0, error: 0 };
    for (let x = -37.5; x <= 8.5; x += 1 / 64) {
      const reference = decimalNormalCdf(new D(x));
      const error = new D(normalCdf(x)).sub(reference).div(reference).abs().toNumber();
      if (error > worst.error) worst = { x, error };
    }
    console.log(`normal CDF: worst relative error ${worst.error.toExponential(2)} at x = ${worst.x}`);
    expect(worst.error, `worst at x = ${worst.x}`).toBeLessThan(1e-15);
  });

  it('when the value falls below the smallest double, then it is 0 rather than NaN or negative', () => {
    expect(normalCdf(-38.5)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(Number.isNaN(normalCdf(Number.NaN))).toBe(true);
  });

  it('when the reference is checked against published values, then it agrees to 30 digits', () => {
    // N(−1) and N(−10): Abramowitz & Stegun table 26.1 and Marsaglia (2004), "Evaluating the normal distribution".
    expect(decimalNormalCdf(new D(-1)).sub('0.158655253931457051414767454367962').abs().toNumber()).toBeLessThan(1e-30);
    expect(decimalNormalCdf(new D(-10)).sub('7.61985302416052606597334325e-24').abs().toNumber()).toBeLessThan(1e-49);
  });
});

describe('prices and Greeks against a 40-digit reference', () => {
  it('when the reference Greeks are compared with central differences of the reference price, then they agree to 1e-18', () => {
    const bump = new D('1e-12');
    const priceAt = (option: DecimalOption, right: OptionRight) => decimalReference(option)[right].price;
    for (const input of gridInputs().filter((_, index) => index % 211 === 0)) {
      const option = toDecimal(input);
      const analytic = decimalReference(option);
      const difference = (field: keyof DecimalOption, right: OptionRight) =>
        priceAt({ ...option, [field]: option[field].add(bump) }, right).sub(priceAt({ ...option, [field]: option[field].sub(bump) }, right)).div(bump.mul(2));
      for (const right of ['call', 'put'] as const) {
        const numeric = {
          delta: difference('spot', right),
          vega: difference('volatility', right).div(100),
          rho: difference('rate', right).div(100),
          theta: difference('years', right).neg().div(365),
        };
        for (const [greek, value] of Object.entries(numeric)) {
          const error = value.sub(analytic[right][greek as keyof typeof numeric]).abs().toNumber();
          expect(error, `${right} ${greek} at ${JSON.stringify(input)}`).toBeLessThan(1e-18);
        }
        const upDelta = decimalReference({ ...option, spot: option.spot.add(bump) })[right].delta;
        const downDelta = decimalReference({ ...option, spot: option.spot.sub(bump) })[right].delta;
        expect(upDelta.sub(downDelta).div(bump.mul(2)).sub(analytic[right].gamma).abs().toNumber()).toBeLessThan(1e-18);
      }
    }
  });

  it('when every price and Greek on the grid is compared, then each is within 1e-12 absolute', () => {
    let worst = { error: 0, what: '' };
    for (const input of gridInputs()) {
      const reference = decimalReference(toDecimal(input));
      for (const right of ['call', 'put'] as const) {
        const ours = optionGreeks({ ...input, right });
        expect(priceOption({ ...input, right })).toBe(ours.price);
        for (const greek of ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const) {
          const error = Math.abs(reference[right][greek].sub(ours[greek]).toNumber());
          if (error > worst.error) worst = { error, what: `${right} ${greek} at ${JSON.stringify(input)}` };
        }
      }
    }
    console.log(`prices and Greeks: worst absolute error ${worst.error.toExponential(2)} (${worst.what})`);
    expect(worst.error, worst.what).toBeLessThan(1e-12);
  });
});
