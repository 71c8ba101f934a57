// The paper broker's knobs and their defaults (see README.md for the model they drive).
import { fromDollars, type Money } from '../../../shared/domain/money.ts';
import { AppError } from '../../core/errors.ts';

/** IB's US options and fixed-rate stock schedule (per contract / per share, minimum per order). */
export interface PaperCommissionSchedule {
  readonly optionPerContract: Money;
  readonly optionMinimumPerOrder: Money;
  readonly sharePerShare: Money;
  readonly shareMinimumPerOrder: Money;
}

/** The simplified Reg-T rates, in whole percent. */
export interface PaperMarginRates {
  /** Naked short option: this share of the underlying, less the out-of-the-money amount … */
  readonly nakedUnderlyingPercent: number;
  /** … but at least this share of the strike (puts) or of the underlying (calls). */
  readonly nakedMinimumPercent: number;
  /** Long or short shares. */
  readonly sharePercent: number;
}

export interface PaperBrokerConfig {
  readonly accountId: string;
  /** Cash of a new account (an existing store keeps its own). */
  readonly startingCash: Money;
  /** Each request is answered after a seeded delay from this range (ms of clock time). */
  readonly latencyMinimumMs: number;
  readonly latencyMaximumMs: number;
  /** Market orders pay this many basis points of the mid beyond the touch (at least one tick). */
  readonly slippageBps: number;
  /** Chance per evaluation that a limit resting at the touch fills. */
  readonly touchFillProbability: number;
  /** A market order sweeps at most this many displayed-size slices per evaluation; the rest keeps working. */
  readonly maximumSweepLevels: number;
  readonly commissions: PaperCommissionSchedule;
  readonly margin: PaperMarginRates;
  /** OCC auto-exercise: options at least this much in the money at expiration are exercised. */
  readonly exerciseThreshold: Money;
  /** Underlyings whose options settle in cash at expiration (index options). */
  readonly cashSettledSymbols: readonly string[];
}

export type PaperBrokerConfigInput = Partial<Omit<PaperBrokerConfig, 'commissions' | 'margin'>> & {
  readonly commissions?: Partial<PaperCommissionSchedule>;
  readonly margin?: Partial<PaperMarginRates>;
};

export const DEFAULT_PAPER_BROKER_CONFIG: PaperBrokerConfig = Object.freeze({
  accountId: 'PAPER',
  startingCash: fromDollars(100_000),
  latencyMinimumMs: 10,
  latencyMaximumMs: 50,
  slippageBps: 5,
  touchFillProbability: 0.95,
  maximumSweepLevels: 10,
  commissions: Object.freeze({
    optionPerContract: fromDollars(0.65),
    optionMinimumPerOrder: fromDollars(1),
    sharePerShare: fromDollars(0.005),
    shareMinimumPerOrder: fromDollars(1),
  }),
  margin: Object.freeze({ nakedUnderlyingPercent: 20, nakedMinimumPercent: 10, sharePercent: 50 }),
  exerciseThreshold: fromDollars(0.01),
  cashSettledSymbols: Object.freeze(['SPX', 'SPXW', 'XSP', 'NDX', 'RUT', 'VIX']),
});

function fail(field: string, requirement: string, value: unknown): never {
  throw new AppError('validation', `paper broker config: ${field} ${requirement}, got ${JSON.stringify(value)}`, { details: { field } });
}

function checkInteger(field: string, value: number, minimum: number, maximum = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) fail(field, `must be a whole number from ${minimum} to ${maximum}`, value);
}

function checkMoney(field: string, value: Money): void {
  if (!Number.isSafeInteger(value) || value < 0) fail(field, 'must be Money (whole micro-dollars) ≥ 0', value);
}

function checkConfig(config: PaperBrokerConfig): void {
  if (typeof config.accountId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(config.accountId)) fail('accountId', 'must be 1 to 64 letters, digits, ".", "_" or "-"', config.accountId);
  checkMoney('startingCash', config.startingCash);
  checkInteger('latencyMinimumMs', config.latencyMinimumMs, 0);
  checkInteger('latencyMaximumMs', config.latencyMaximumMs, config.latencyMinimumMs);
  if (!Number.isFinite(config.slippageBps) || config.slippageBps < 0) fail('slippageBps', 'must be a finite number ≥ 0', config.slippageBps);
  const probability = config.touchFillProbability;
  if (!Number.isFinite(probability) || probability < 0 || probability > 1) fail('touchFillProbability', 'must be from 0 to 1', probability);
  checkInteger('maximumSweepLevels', config.maximumSweepLevels, 1, 1_000);
  for (const [field, value] of Object.entries(config.commissions)) checkMoney(`commissions.${field}`, value as Money);
  for (const [field, value] of Object.entries(config.margin)) checkInteger(`margin.${field}`, value as number, 0, 100);
  checkMoney('exerciseThreshold', config.exerciseThreshold);
  if (!Array.isArray(config.cashSettledSymbols)) fail('cashSettledSymbols', 'must be a list of symbols', config.cashSettledSymbols);
}

/** The defaults overridden by `input`, validated (an 'validation' AppError names the bad field). */
export function resolvePaperBrokerConfig(input: PaperBrokerConfigInput = {}): PaperBrokerConfig {
  const config: PaperBrokerConfig = {
    ...DEFAULT_PAPER_BROKER_CONFIG,
    ...input,
    commissions: { ...DEFAULT_PAPER_BROKER_CONFIG.commissions, ...input.commissions },
    margin: { ...DEFAULT_PAPER_BROKER_CONFIG.margin, ...input.margin },
  };
  checkConfig(config);
  return Object.freeze(config);
}
