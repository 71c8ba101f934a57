// Accuracy against an independent 40-digit reference built with decimal.js: the normal CDF over
// its whole range, and prices and every Greek on a grid spanning spot 100, strikes 50–200,
// expiries 1 day–3 years, volatility 5 %–150 %, rates −1 %–8 % and dividend yields 0–4 %.
// The requirement is 1e-9 absolute; the tests hold us to 1e-12, which is what lets the benchmark
// use our own values as the reference for the peer libraries.
// The named import: under nodenext the default import is typed as the CommonJS module object.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { normalCdf, optionGreeks, priceOption } from './index.ts';
import type { OptionInput, OptionRight } from './index.ts';

const D = Decimal.clone({ precision: 40 });
type Dec = InstanceType<typeof D>;
const SQRT_PI = D.acos(-1).sqrt();
const SQRT_TWO = D.sqrt(2);
const SQRT_TWO_PI = SQRT_PI.mul(SQRT_TWO);

/** erfc(z) for z ≥ 0: the all-positive series of erf below 3, Laplace's continued fraction above. */
function decimalErfc(z: Dec): Dec {
  const gaussian = D.exp(z.mul(z).neg());
  if (z.lt(3)) {
    // erf(z) = 2/√π · e^(−z²) · Σ 2ⁿ z^(2n+1) / (1·3·…·(2n+1)): no cancellation between terms.
    const twoZSquared = z.mul(z).mul(2);
    let term = z;
    let sum = z;
    for (let n = 1; term.gt(sum.mul('1e-45')); n++) {
      term = term.mul(twoZSquared).div(2 * n + 1);
      sum = sum.add(term);
    }
    return new D(1).sub(sum.mul(gaussian).mul(2).div(SQRT_PI));
  }
  // erfc(z) = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))); 160 terms give 40 digits at z = 3.
  let tail: Dec = z;
  for (let n = 160; n >= 1; n--) tail = z.add(new D(n).div(2).div(tail));
  return gaussian.div(SQRT_PI).div(tail);
}

function decimalNormalCdf(x: Dec): Dec {
  const half = decimalErfc(x.abs().div(SQRT_TWO)).div(2);
  return x.isNegative() ? half : new D(1).sub(half);
}

type DecimalOption = { spot: Dec; strike: Dec; years: Dec; rate: Dec; dividendYield: Dec; volatility: Dec };

function toDecimal(input: Omit<OptionInput, 'right'>): DecimalOption {
  const { spot, strike, years, rate, dividendYield, volatility } = input;
  return { spot: new D(spot), strike: new D(strike), years: new D(years), rate: new D(rate), dividendYield: new D(dividendYield), volatility: new D(volatility) };
}

/** Prices and analytic Greeks of the call and the put, in our units (theta per day, vega and rho per point). */
function decimalReference(option: DecimalOption): Record<OptionRight, Record<keyof ReturnType<typeof optionGreeks>, Dec>> {
  const { spot, strike, years, rate, dividendYield, volatility } = option;
  const rootYears = years.sqrt();
  const spread = volatility.mul(rootYears);
  const carry = D.exp(dividendYield.mul(years).neg());
  const discountedSpot = spot.mul(carry);
  const discountedStrike = strike.mul(D.exp(rate.mul(years).neg()));
  const d1 = D.ln(spot.div(strike)).add(rate.sub(dividendYield).mul(years)).div(spread).add(spread.div(2));
  const d2 = d1.sub(spread);
  const [n1, n2, m1, m2] = [decimalNormalCdf(d1), decimalNormalCdf(d2), decimalNormalCdf(d1.neg()), decimalNormalCdf(d2.neg())];
  const spotDensity = discountedSpot.mul(D.exp(d1.mul(d1).div(-2))).div(SQRT_TWO_PI);
  const decay = spotDensity.mul(volatility).div(rootYears.mul(2)).neg();
  const shared = { gamma: spotDensity.div(spot.mul(spot).mul(spread)), vega: spotDensity.mul(rootYears).div(100) };
  return {
    call: {
      price: discountedSpot.mul(n1).sub(discountedStrike.mul(n2)),
      delta: carry.mul(n1),
      theta: decay.add(dividendYield.mul(discountedSpot).mul(n1)).sub(rate.mul(discountedStrike).mul(n2)).div(365),
      rho: discountedStrike.mul(years).mul(n2).div(100),
      ...shared,
    },
    put: {
      price: discountedStrike.mul(m2).sub(discountedSpot.mul(m1)),
      delta: carry.mul(m1).neg(),
      theta: decay.sub(dividendYield.mul(discountedSpot).mul(m1)).add(rate.mul(discountedStrike).mul(m2)).div(365),
      rho: discountedStrike.mul(years).mul(m2).neg().div(100),
      ...shared,
    },
  };
}

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
