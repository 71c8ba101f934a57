// Validation of a complete market configuration. Every bad value throws a DomainValidationError
// whose field is a path such as `underlyings[2].volatility` and whose message shows the value.
// The bounds keep the model sane (positive variances, an arbitrage-sane smile, cent strikes).
import { invalid } from '../../shared/domain/index.ts';
import { requireFiniteNumber, requireNonEmptyString, requireOneOf, requirePositiveInteger, requireSymbol } from '../../shared/domain/validate.ts';
import { SIMULATED_UNDERLYING_KINDS, TICK_RULES, type MarketConfig, type MarketFactorConfig, type StrikeTier, type UnderlyingConfig } from './market-config.ts';

type Fields = Record<string, unknown>;

function requireRecord(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object', value);
  return value as Fields;
}

function inRange(value: unknown, field: string, min: number, max: number, options: { minExclusive?: boolean } = {}): number {
  const number = requireFiniteNumber(value, field);
  const belowMin = options.minExclusive === true ? number <= min : number < min;
  if (belowMin || number > max) {
    invalid(field, `must be between ${min} (${options.minExclusive === true ? 'exclusive' : 'inclusive'}) and ${max}`, value);
  }
  return number;
}

/** Dollars with at most two decimals, > 0. */
function centAmount(value: unknown, field: string): number {
  const number = inRange(value, field, 0, 100_000, { minExclusive: true });
  if (Math.abs(number * 100 - Math.round(number * 100)) > 1e-9) invalid(field, 'must be a whole number of cents', value);
  return number;
}

function strikeTiers(value: unknown, field: string): readonly StrikeTier[] {
  if (!Array.isArray(value) || value.length === 0) invalid(field, 'must be a non-empty array of { within, increment }', value);
  let previous = 0;
  return Object.freeze(
    value.map((tier: unknown, index) => {
      const fields = requireRecord(tier, `${field}[${index}]`);
      const within = inRange(fields.within, `${field}[${index}].within`, previous, 10, { minExclusive: true });
      previous = within;
      return Object.freeze({ within, increment: centAmount(fields.increment, `${field}[${index}].increment`) });
    }),
  );
}

function underlying(value: unknown, field: string): UnderlyingConfig {
  const input = requireRecord(value, field);
  const at = (name: string): string => `${field}.${name}`;
  return Object.freeze({
    symbol: requireSymbol(input.symbol, at('symbol')),
    kind: requireOneOf(input.kind, SIMULATED_UNDERLYING_KINDS, at('kind')),
    sector: requireNonEmptyString(input.sector, at('sector'), 80),
    price: inRange(input.price, at('price'), 0, 1_000_000, { minExclusive: true }),
    drift: inRange(input.drift, at('drift'), -1, 1),
    volatility: inRange(input.volatility, at('volatility'), 0, 3, { minExclusive: true }),
    volOfVol: inRange(input.volOfVol, at('volOfVol'), 0, 5),
    meanReversion: inRange(input.meanReversion, at('meanReversion'), 0, 100, { minExclusive: true }),
    leverage: inRange(input.leverage, at('leverage'), -1, 1),
    jumpIntensity: inRange(input.jumpIntensity, at('jumpIntensity'), 0, 50),
    jumpMean: inRange(input.jumpMean, at('jumpMean'), -0.5, 0.5),
    jumpStdDev: inRange(input.jumpStdDev, at('jumpStdDev'), 0, 0.5),
    dividendYield: inRange(input.dividendYield, at('dividendYield'), 0, 0.2),
    marketCorrelation: inRange(input.marketCorrelation, at('marketCorrelation'), -1, 1),
    skew: inRange(input.skew, at('skew'), 0, 0.6),
    smile: inRange(input.smile, at('smile'), 0, 0.2),
    liquidity: inRange(input.liquidity, at('liquidity'), 0, 20, { minExclusive: true }),
    tickRule: requireOneOf(input.tickRule, TICK_RULES, at('tickRule')),
    strikeTiers: strikeTiers(input.strikeTiers, at('strikeTiers')),
    farStrikeIncrement: centAmount(input.farStrikeIncrement, at('farStrikeIncrement')),
    spreadBps: inRange(input.spreadBps, at('spreadBps'), 0, 1000, { minExclusive: true }),
    averageDailyVolume: requirePositiveInteger(input.averageDailyVolume, at('averageDailyVolume')),
  });
}

function marketFactor(value: unknown): MarketFactorConfig {
  const input = requireRecord(value, 'marketFactor');
  const at = (name: string): string => `marketFactor.${name}`;
  return Object.freeze({
    volatility: inRange(input.volatility, at('volatility'), 0, 3, { minExclusive: true }),
    meanReversion: inRange(input.meanReversion, at('meanReversion'), 0, 100, { minExclusive: true }),
    volOfVol: inRange(input.volOfVol, at('volOfVol'), 0, 5),
    leverage: inRange(input.leverage, at('leverage'), -1, 1),
    jumpIntensity: inRange(input.jumpIntensity, at('jumpIntensity'), 0, 50),
    jumpMean: inRange(input.jumpMean, at('jumpMean'), -0.5, 0.5),
    jumpStdDev: inRange(input.jumpStdDev, at('jumpStdDev'), 0, 0.5),
    jumpVarianceKick: inRange(input.jumpVarianceKick, at('jumpVarianceKick'), 0, 1000),
  });
}

function underlyings(value: unknown, vixSymbol: string): readonly UnderlyingConfig[] {
  if (!Array.isArray(value) || value.length === 0) invalid('underlyings', 'must be a non-empty array', value);
  const list = value.map((item: unknown, index) => underlying(item, `underlyings[${index}]`));
  const seen = new Set<string>([vixSymbol]);
  list.forEach((item, index) => {
    if (seen.has(item.symbol)) {
      const reason = item.symbol === vixSymbol ? 'must differ from vixSymbol' : 'must be unique (it appears more than once)';
      invalid(`underlyings[${index}].symbol`, reason, item.symbol);
    }
    seen.add(item.symbol);
  });
  return Object.freeze(list);
}

function timing(input: Fields): Pick<MarketConfig, 'stepMs' | 'tradeSlotMs'> {
  const stepMs = requirePositiveInteger(input.stepMs, 'stepMs');
  if (stepMs < 10 || stepMs > 3_600_000) invalid('stepMs', 'must be between 10 and 3600000 milliseconds', stepMs);
  const tradeSlotMs = requirePositiveInteger(input.tradeSlotMs, 'tradeSlotMs');
  if (tradeSlotMs % stepMs !== 0) invalid('tradeSlotMs', `must be a multiple of stepMs (${stepMs})`, tradeSlotMs);
  return { stepMs, tradeSlotMs };
}

/** Checks every field of a complete configuration and returns a frozen copy. */
export function validateMarketConfig(value: unknown): MarketConfig {
  const input = requireRecord(value, 'config');
  const vixSymbol = requireSymbol(input.vixSymbol, 'vixSymbol');
  const weeklyHorizonDays = inRange(input.weeklyHorizonDays, 'weeklyHorizonDays', 0, 400);
  const monthlyHorizonDays = inRange(input.monthlyHorizonDays, 'monthlyHorizonDays', 1, 800);
  if (!Number.isInteger(weeklyHorizonDays)) invalid('weeklyHorizonDays', 'must be a whole number of days', weeklyHorizonDays);
  if (!Number.isInteger(monthlyHorizonDays)) invalid('monthlyHorizonDays', 'must be a whole number of days', monthlyHorizonDays);
  return Object.freeze({
    underlyings: underlyings(input.underlyings, vixSymbol),
    marketFactor: marketFactor(input.marketFactor),
    vixSymbol,
    riskFreeRate: inRange(input.riskFreeRate, 'riskFreeRate', -0.05, 0.25),
    variancePremium: inRange(input.variancePremium, 'variancePremium', 0.5, 3),
    overnightVarianceShare: inRange(input.overnightVarianceShare, 'overnightVarianceShare', 0, 0.9),
    ...timing(input),
    weeklyHorizonDays,
    monthlyHorizonDays,
    putStrikeRange: inRange(input.putStrikeRange, 'putStrikeRange', 0.5, 6),
    callStrikeRange: inRange(input.callStrikeRange, 'callStrikeRange', 0.5, 6),
  });
}
