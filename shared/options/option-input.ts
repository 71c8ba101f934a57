// The inputs of the Black-Scholes-Merton model and their validation.

export type OptionRight = 'call' | 'put';

/**
 * One European option under Black-Scholes-Merton. Rates are continuously compounded decimals
 * (0.05 = 5 % a year; negative rates are allowed); `years` is the time to expiry in years
 * (calendar days / 365 is the usual choice); `volatility` is the annualised standard deviation
 * of log returns (0.2 = 20 %).
 */
export type OptionInput = {
  right: OptionRight;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  dividendYield: number;
  volatility: number;
};

/** Price and Greeks in the units documented on `optionGreeks`. */
export type OptionGreeks = {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
};

type MarketFields = { right: unknown; spot: number; strike: number; years: number; rate: number; dividendYield: number };

/** The first problem with the fields every calculation needs, or undefined. Slow path only. */
export function describeInvalidMarket(input: MarketFields): string | undefined {
  if (input.right !== 'call' && input.right !== 'put') return `right must be 'call' or 'put', got ${String(input.right)}`;
  const numbers: [string, unknown][] = [
    ['spot', input.spot],
    ['strike', input.strike],
    ['years', input.years],
    ['rate', input.rate],
    ['dividendYield', input.dividendYield],
  ];
  for (const [name, value] of numbers) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number, got ${String(value)}`;
  }
  if (!(input.spot > 0)) return `spot must be positive, got ${input.spot}`;
  if (!(input.strike > 0)) return `strike must be positive, got ${input.strike}`;
  if (input.years < 0) return `years must not be negative, got ${input.years}`;
  return undefined;
}

function describeInvalidOption(input: OptionInput): string {
  const marketProblem = describeInvalidMarket(input);
  if (marketProblem !== undefined) return marketProblem;
  const volatility: unknown = input.volatility;
  if (typeof volatility !== 'number' || !Number.isFinite(volatility)) return `volatility must be a finite number, got ${String(volatility)}`;
  return `volatility must not be negative, got ${volatility}`;
}

/**
 * Whether the fields every calculation needs are usable: a known right, finite numbers, spot and
 * strike > 0, years ≥ 0. Comparisons only (NaN fails them all), so it is cheap on hot paths;
 * `describeInvalidMarket` explains a failure.
 */
export function isValidMarket(input: MarketFields): boolean {
  const { right, spot, strike, years, rate, dividendYield } = input;
  return (
    (right === 'call' || right === 'put') &&
    spot > 0 && spot < Infinity &&
    strike > 0 && strike < Infinity &&
    years >= 0 && years < Infinity &&
    rate > -Infinity && rate < Infinity &&
    dividendYield > -Infinity && dividendYield < Infinity
  );
}

/**
 * Throws a RangeError naming the first invalid field. Pricing treats bad input as a programming
 * error (callers validate), so it fails loudly instead of returning NaN.
 */
export function assertValidOptionInput(input: OptionInput): void {
  const volatility = input.volatility;
  if (!(isValidMarket(input) && volatility >= 0 && volatility < Infinity)) {
    throw new RangeError(`invalid option input: ${describeInvalidOption(input)}`);
  }
}
