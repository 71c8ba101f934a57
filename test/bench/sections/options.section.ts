// The "options" benchmark: our Black-Scholes-Merton price + Greeks and implied volatility against
// the npm packages black-scholes, greeks and implied-volatility, timed side by side in one run on
// the same inputs, with the largest error of each. Each time is the median of several runs.
//
// Inputs: 4,096 seeded random options at spot 100, strikes 50–200, expiries 1 day–3 years
// (log-uniform), volatility 5 %–150 %, rates −1 %–8 %, dividend yield 0 (the peers have none).
// Units: the peers' getTheta is per calendar day (scale 365), getVega per volatility point and
// getRho per rate point, the same as ours, so no rescaling is needed.
// Errors: prices and Greeks of ours and of the peers are measured against the 40-digit decimal.js
// reference in test/fixtures (on the first REFERENCE_SIZE inputs: the reference is slow). Implied volatility is measured against the volatility that generated the price,
// over the points whose vega is meaningful (as defined in implied-volatility.test.ts).
import blackScholesPackage from 'black-scholes';
import greeksPackage from 'greeks';
import impliedVolatilityPackage from 'implied-volatility';
import { impliedVolatility, optionGreeks, priceOption } from '../../../shared/options/index.ts';
import type { ImpliedVolatilityInput, OptionGreeks, OptionInput } from '../../../shared/options/index.ts';
import { nanosecondsPerCall, percentile } from '../bench-section.ts';
import { referenceGreeks } from '../../fixtures/decimal-black-scholes.ts';
import type { BenchRow, BenchSection } from '../bench-section.ts';
import { seededUniform } from '../../../electron/core/seeded-random.ts';

const SAMPLE_SIZE = 4096;
const REFERENCE_SIZE = 1024;
const GREEK_NAMES = ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const;
const TARGET_PRICE_GREEKS_NS = 200;
const TARGET_IMPLIED_VOL_NS = 1000;


function sampleInputs(): OptionInput[] {
  const random = seededUniform(20_240_601);
  return Array.from({ length: SAMPLE_SIZE }, (_, index) => ({
    right: index % 2 === 0 ? 'call' : 'put',
    spot: 100,
    strike: 50 + 150 * random(),
    years: Math.exp(Math.log(1 / 365) + Math.log(1095) * random()),
    rate: -0.01 + 0.09 * random(),
    dividendYield: 0,
    volatility: 0.05 + 1.45 * random(),
  }));
}

function peerGreeks(input: OptionInput): OptionGreeks {
  const { right, spot, strike, years, rate, volatility } = input;
  return {
    price: blackScholesPackage.blackScholes(spot, strike, years, volatility, rate, right),
    delta: greeksPackage.getDelta(spot, strike, years, volatility, rate, right),
    gamma: greeksPackage.getGamma(spot, strike, years, volatility, rate),
    theta: greeksPackage.getTheta(spot, strike, years, volatility, rate, right),
    vega: greeksPackage.getVega(spot, strike, years, volatility, rate),
    rho: greeksPackage.getRho(spot, strike, years, volatility, rate, right),
  };
}

function peerImpliedVolatility(input: OptionInput, price: number): number {
  return impliedVolatilityPackage.getImpliedVolatility(price, input.spot, input.strike, input.years, input.rate, input.right);
}

/** Vega per unit ≥ 1e-6 × the magnitude whose rounding limits the price (see implied-volatility.test.ts). */
function vegaIsMeaningful(input: OptionInput, price: number): boolean {
  const discountedSpot = input.spot * Math.exp(-input.dividendYield * input.years);
  const discountedStrike = input.strike * Math.exp(-input.rate * input.years);
  const inTheMoney = input.right === 'call' ? discountedSpot > discountedStrike : discountedStrike > discountedSpot;
  const scale = inTheMoney ? Math.max(discountedSpot, discountedStrike) : Math.max(price, 1e-250);
  return optionGreeks(input).vega * 100 >= 1e-6 * scale;
}

type GreekErrors = Record<(typeof GREEK_NAMES)[number], number>;

/** The worst absolute error of ours and of the peers, per Greek, against the 40-digit reference. */
function greekErrors(inputs: readonly OptionInput[]): { ours: GreekErrors; peers: GreekErrors } {
  const ours = { price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
  const peers = { ...ours };
  for (const input of inputs) {
    const reference = referenceGreeks(input);
    const mine = optionGreeks(input);
    const theirs = peerGreeks(input);
    for (const name of GREEK_NAMES) {
      // A NaN is the worst error there is.
      const worse = (worst: number, value: number) => (Number.isNaN(value) ? Infinity : Math.max(worst, Math.abs(value - reference[name])));
      ours[name] = worse(ours[name], mine[name]);
      peers[name] = worse(peers[name], theirs[name]);
    }
  }
  return { ours, peers };
}

type ImpliedVolatilityCase = { input: OptionInput; price: number };

function impliedVolatilityErrors(cases: readonly ImpliedVolatilityCase[]): { ours: number; peers: number } {
  let ours = 0;
  let peers = 0;
  for (const { input, price } of cases) {
    const result = impliedVolatility({ ...input, price });
    ours = Math.max(ours, result.ok ? Math.abs(result.volatility - input.volatility) : Infinity);
    const theirs = Math.abs(peerImpliedVolatility(input, price) - input.volatility);
    peers = Number.isNaN(theirs) ? Infinity : Math.max(peers, theirs);
  }
  return { ours, peers };
}

/** The median of `runs` measurements: other processes on the machine make single runs noisy. */
function medianNanoseconds(runs: number, iterations: number, body: (index: number) => void): number {
  return percentile(Array.from({ length: runs }, () => nanosecondsPerCall(iterations, body)), 50);
}

function timings(inputs: readonly OptionInput[], cases: readonly ImpliedVolatilityCase[]) {
  const mask = SAMPLE_SIZE - 1;
  const caseCount = cases.length;
  const solverInputs = cases.map(({ input, price }) => ({ ...input, price }));
  let sink = 0;
  const priceGreeksNs = medianNanoseconds(5, 500_000, (index) => {
    sink += optionGreeks(inputs[index & mask] as OptionInput).delta;
  });
  const priceOnlyNs = medianNanoseconds(5, 500_000, (index) => {
    sink += priceOption(inputs[index & mask] as OptionInput);
  });
  const peerPriceGreeksNs = medianNanoseconds(3, 10_000, (index) => {
    sink += peerGreeks(inputs[index & mask] as OptionInput).delta;
  });
  const impliedVolNs = medianNanoseconds(5, 200_000, (index) => {
    const result = impliedVolatility(solverInputs[index % caseCount] as ImpliedVolatilityInput);
    if (result.ok) sink += result.volatility;
  });
  const peerImpliedVolNs = medianNanoseconds(3, 500, (index) => {
    const { input, price } = cases[index % caseCount] as ImpliedVolatilityCase;
    sink += peerImpliedVolatility(input, price);
  });
  // Keeps the optimiser from discarding the measured calls.
  if (sink === 42) console.log('');
  return { priceGreeksNs, priceOnlyNs, peerPriceGreeksNs, impliedVolNs, peerImpliedVolNs };
}

function rowsFor(time: ReturnType<typeof timings>, errors: { oursGreeks: number; peersGreeks: number; ours: number; peers: number }, solvable: number): BenchRow[] {
  const ratio = (peer: number, ours: number) => `peers take ${(peer / ours).toFixed(1)}× as long`;
  return [
    { metric: 'price + greeks (ours)', value: time.priceGreeksNs, unit: 'ns', target: `≤ ${TARGET_PRICE_GREEKS_NS} ns`, meetsTarget: time.priceGreeksNs <= TARGET_PRICE_GREEKS_NS },
    { metric: 'price only (ours)', value: time.priceOnlyNs, unit: 'ns' },
    { metric: 'price + greeks (black-scholes + greeks)', value: time.peerPriceGreeksNs, unit: 'ns', note: ratio(time.peerPriceGreeksNs, time.priceGreeksNs) },
    { metric: 'implied vol (ours)', value: time.impliedVolNs, unit: 'ns', target: `≤ ${TARGET_IMPLIED_VOL_NS} ns`, meetsTarget: time.impliedVolNs <= TARGET_IMPLIED_VOL_NS },
    { metric: 'implied vol (implied-volatility)', value: time.peerImpliedVolNs, unit: 'ns', note: ratio(time.peerImpliedVolNs, time.impliedVolNs) },
    { metric: 'max abs error price/greeks (ours)', value: errors.oursGreeks, unit: '', note: `vs a 40-digit reference, ${REFERENCE_SIZE} options` },
    { metric: 'max abs error price/greeks (peers)', value: errors.peersGreeks, unit: '', note: 'same options and reference' },
    { metric: 'max abs error implied vol (ours)', value: errors.ours, unit: '', note: `over ${solvable} points with meaningful vega` },
    { metric: 'max abs error implied vol (peers)', value: errors.peers, unit: '', note: 'same points; their search stops at the cent' },
  ];
}

export const optionsSection: BenchSection = {
  name: 'options',
  run: () => {
    const inputs = sampleInputs();
    const cases = inputs.map((input) => ({ input, price: priceOption(input) })).filter(({ input, price }) => vegaIsMeaningful(input, price));
    const time = timings(inputs, cases);
    const byGreek = greekErrors(inputs.slice(0, REFERENCE_SIZE));
    const oursGreeks = Math.max(...Object.values(byGreek.ours));
    const peersGreeks = Math.max(...Object.values(byGreek.peers));
    const implied = impliedVolatilityErrors(cases);
    return {
      json: {
        priceGreeksNs: time.priceGreeksNs,
        impliedVolNs: time.impliedVolNs,
        priceOnlyNs: time.priceOnlyNs,
        peers: {
          priceGreeksNs: time.peerPriceGreeksNs,
          impliedVolNs: time.peerImpliedVolNs,
          maxAbsErrorPriceGreeks: peersGreeks,
          maxAbsErrorByGreek: byGreek.peers,
          maxAbsErrorImpliedVol: implied.peers,
        },
        maxAbsErrorPriceGreeks: oursGreeks,
        maxAbsErrorByGreek: byGreek.ours,
        maxAbsErrorImpliedVol: implied.ours,
        ratios: { priceGreeks: time.peerPriceGreeksNs / time.priceGreeksNs, impliedVol: time.peerImpliedVolNs / time.impliedVolNs },
        inputs: { count: inputs.length, referenceCount: REFERENCE_SIZE, impliedVolCount: cases.length, dividendYield: 0 },
        reference: 'prices/Greeks: a 40-digit decimal.js reference (test/fixtures); implied vol: the generating volatility',
      },
      rows: rowsFor(time, { oursGreeks, peersGreeks, ...implied }, cases.length),
    };
  },
};
