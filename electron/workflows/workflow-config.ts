// The workflows' configuration with the issue's defaults, validated once (createWorkflowConfig):
// a bad value fails naming its path ('entry.vixRange.min', 'autopilot.watchlist[1]'), and an
// unknown key is refused so a misspelt override cannot silently keep a default.
import { invalid } from '../../shared/domain/errors.ts';
import { URGENCIES, type Urgency } from '../../shared/domain/decision.ts';
import type { StrategyType } from '../../shared/domain/strategy.ts';
import { requireArray, requireNonNegativeInteger, requireOneOf, requirePositiveInteger, requireSymbol } from '../../shared/domain/validate.ts';
import { createDecisionThresholds, type DecisionThresholds } from '../decisions/index.ts';
import { validateWalkOptions, type WalkOptions } from '../execution/price-walk.ts';
import type { StrategyParamsByType } from '../strategies/index.ts';

export const SELL_PREMIUM_TYPES = ['IRON_CONDOR', 'BULL_PUT', 'BEAR_CALL', 'SHORT_PUT'] as const satisfies readonly StrategyType[];
export type SellPremiumType = (typeof SELL_PREMIUM_TYPES)[number];
export const BUY_PREMIUM_TYPES = ['BULL_CALL', 'BEAR_PUT'] as const satisfies readonly StrategyType[];
export type BuyPremiumType = (typeof BUY_PREMIUM_TYPES)[number];

/** Builder parameters per strategy type, without the symbol (the workflow adds it). */
export type EntryParamsByType = { readonly [T in StrategyType]?: Omit<StrategyParamsByType[T], 'symbol'> };

export interface EntryConfig {
  /** IV rank strictly above this (points) → sell premium. */
  readonly sellPremiumAboveIvRank: number;
  /** IV rank strictly below this → buy premium. */
  readonly buyPremiumBelowIvRank: number;
  readonly sellPremiumType: SellPremiumType;
  readonly buyPremiumType: BuyPremiumType;
  /** Entries only while the VIX is within [min, max]. */
  readonly vixRange: { readonly min: number; readonly max: number };
  /** Entries only while |portfolio delta| ≤ this fraction of the risk limit's maxPortfolioDelta. */
  readonly deltaCapacityFraction: number;
  readonly params: EntryParamsByType;
  /** How the entry combo's limit walks from the mid toward the natural price; undefined: rest at the mid. */
  readonly walk: WalkOptions | undefined;
}

export interface MonitoringConfig {
  /** Cadence of monitorPositions() when the monitoring workflow runs on its own (regular hours only). */
  readonly intervalMs: number;
  readonly thresholds: Partial<DecisionThresholds>;
  /** 'always': every HOLD is recorded; 'changes': a HOLD only when the strategy's last recorded decision was not the same HOLD (simulations). */
  readonly recordHolds: 'always' | 'changes';
}

export interface ExitConfig {
  /** WALKING_LIMIT: the walk from the mid toward the natural price. */
  readonly walk: WalkOptions;
  /** MARKETABLE: a market order, or a limit at the natural price. */
  readonly marketable: 'market' | 'natural-limit';
  /** Urgency of executeCloseAll. */
  readonly closeAllUrgency: Urgency;
  /** An exit still working after this long is cancelled (the next cycle decides again); 0: never. */
  readonly exitTimeoutMs: number;
  /** After this many exits of a strategy ended unfilled, a LIMIT_AT_MID exit walks instead; 0: never escalate. */
  readonly escalateAfterUnfilled: number;
}

export interface AutopilotConfig {
  readonly watchlist: readonly string[];
  /** Cadence of one cycle (monitoring → exits → entries), regular hours only. */
  readonly cycleMs: number;
  /** Entries are looked for at most this often (a multiple of nothing: the first cycle at or after it). */
  readonly entryEveryMs: number;
  readonly maxStrategiesPerUnderlying: number;
  readonly maxEntriesPerDay: number;
  /** No entries in the first / last minutes of the session. */
  readonly entryWindow: { readonly minutesAfterOpen: number; readonly minutesBeforeClose: number };
}

export interface WorkflowConfig {
  readonly entry: EntryConfig;
  readonly monitoring: MonitoringConfig;
  readonly exit: ExitConfig;
  readonly autopilot: AutopilotConfig;
}

export type WorkflowConfigInput = { readonly [Section in keyof WorkflowConfig]?: Partial<WorkflowConfig[Section]> };

const defaultWalk: WalkOptions = Object.freeze({ step: Object.freeze({ kind: 'fraction', fraction: 0.25 }), intervalMs: 10_000, maxSteps: 20 });

export const DEFAULT_WORKFLOW_CONFIG: WorkflowConfig = Object.freeze({
  entry: Object.freeze({
    sellPremiumAboveIvRank: 50,
    buyPremiumBelowIvRank: 25,
    sellPremiumType: 'IRON_CONDOR',
    buyPremiumType: 'BULL_CALL',
    vixRange: Object.freeze({ min: 10, max: 40 }),
    deltaCapacityFraction: 0.8,
    params: Object.freeze({}),
    walk: defaultWalk,
  }),
  monitoring: Object.freeze({ intervalMs: 30_000, thresholds: Object.freeze({}), recordHolds: 'always' }),
  exit: Object.freeze({ walk: defaultWalk, marketable: 'market', closeAllUrgency: 'MARKETABLE', exitTimeoutMs: 300_000, escalateAfterUnfilled: 1 }),
  autopilot: Object.freeze({
    watchlist: Object.freeze(['SPY', 'QQQ', 'IWM']),
    cycleMs: 30_000,
    entryEveryMs: 300_000,
    maxStrategiesPerUnderlying: 1,
    maxEntriesPerDay: 3,
    entryWindow: Object.freeze({ minutesAfterOpen: 15, minutesBeforeClose: 30 }),
  }),
});

function requireKnownKeys(value: unknown, defaults: object, field: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object', value);
  for (const key of Object.keys(value)) {
    if (!(key in defaults)) invalid(`${field}.${key}`, `is not a setting (known: ${Object.keys(defaults).join(', ')})`, key);
  }
  return value as Record<string, unknown>;
}

function requireNumberIn(value: unknown, field: string, low: number, high: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < low || value > high) invalid(field, `must be a number from ${low} to ${high}`, value);
  return value;
}

function requireWalk(value: unknown, field: string): WalkOptions {
  if (typeof value !== 'object' || value === null) invalid(field, 'must be walk options { step, intervalMs, maxSteps? }', value);
  const problem = validateWalkOptions(value as WalkOptions);
  if (problem !== undefined) invalid(field, problem, value);
  return value as WalkOptions;
}

function entryConfig(input: unknown): EntryConfig {
  const base = DEFAULT_WORKFLOW_CONFIG.entry;
  const raw = { ...base, ...requireKnownKeys(input, base, 'entry') };
  const vix = { ...base.vixRange, ...requireKnownKeys(raw.vixRange, base.vixRange, 'entry.vixRange') };
  const min = requireNumberIn(vix.min, 'entry.vixRange.min', 0, 1_000);
  const max = requireNumberIn(vix.max, 'entry.vixRange.max', min, 1_000);
  const sellAbove = requireNumberIn(raw.sellPremiumAboveIvRank, 'entry.sellPremiumAboveIvRank', 0, 100);
  const buyBelow = requireNumberIn(raw.buyPremiumBelowIvRank, 'entry.buyPremiumBelowIvRank', 0, sellAbove);
  if (typeof raw.params !== 'object' || raw.params === null) invalid('entry.params', 'must be an object of builder parameters per strategy type', raw.params);
  return Object.freeze({
    sellPremiumAboveIvRank: sellAbove,
    buyPremiumBelowIvRank: buyBelow,
    sellPremiumType: requireOneOf(raw.sellPremiumType, SELL_PREMIUM_TYPES, 'entry.sellPremiumType'),
    buyPremiumType: requireOneOf(raw.buyPremiumType, BUY_PREMIUM_TYPES, 'entry.buyPremiumType'),
    vixRange: Object.freeze({ min, max }),
    deltaCapacityFraction: requireNumberIn(raw.deltaCapacityFraction, 'entry.deltaCapacityFraction', 0, 1),
    params: raw.params as EntryParamsByType,
    walk: raw.walk === undefined ? undefined : requireWalk(raw.walk, 'entry.walk'),
  });
}

function monitoringConfig(input: unknown): MonitoringConfig {
  const base = DEFAULT_WORKFLOW_CONFIG.monitoring;
  const raw = { ...base, ...requireKnownKeys(input, base, 'monitoring') };
  createDecisionThresholds(raw.thresholds as Partial<DecisionThresholds>);
  return Object.freeze({
    intervalMs: requirePositiveInteger(raw.intervalMs, 'monitoring.intervalMs'),
    thresholds: raw.thresholds as Partial<DecisionThresholds>,
    recordHolds: requireOneOf(raw.recordHolds, ['always', 'changes'] as const, 'monitoring.recordHolds'),
  });
}

function exitConfig(input: unknown): ExitConfig {
  const base = DEFAULT_WORKFLOW_CONFIG.exit;
  const raw = { ...base, ...requireKnownKeys(input, base, 'exit') };
  return Object.freeze({
    walk: requireWalk(raw.walk, 'exit.walk'),
    marketable: requireOneOf(raw.marketable, ['market', 'natural-limit'] as const, 'exit.marketable'),
    closeAllUrgency: requireOneOf(raw.closeAllUrgency, URGENCIES, 'exit.closeAllUrgency'),
    exitTimeoutMs: requireNonNegativeInteger(raw.exitTimeoutMs, 'exit.exitTimeoutMs'),
    escalateAfterUnfilled: requireNonNegativeInteger(raw.escalateAfterUnfilled, 'exit.escalateAfterUnfilled'),
  });
}

function autopilotConfig(input: unknown): AutopilotConfig {
  const base = DEFAULT_WORKFLOW_CONFIG.autopilot;
  const raw = { ...base, ...requireKnownKeys(input, base, 'autopilot') };
  const window = { ...base.entryWindow, ...requireKnownKeys(raw.entryWindow, base.entryWindow, 'autopilot.entryWindow') };
  const watchlist = requireArray(raw.watchlist, 'autopilot.watchlist').map((symbol, index) => requireSymbol(symbol, `autopilot.watchlist[${index}]`));
  if (watchlist.length === 0) invalid('autopilot.watchlist', 'must name at least one underlying', raw.watchlist);
  if (new Set(watchlist).size !== watchlist.length) invalid('autopilot.watchlist', 'must name each underlying once', raw.watchlist);
  return Object.freeze({
    watchlist: Object.freeze(watchlist),
    cycleMs: requirePositiveInteger(raw.cycleMs, 'autopilot.cycleMs'),
    entryEveryMs: requirePositiveInteger(raw.entryEveryMs, 'autopilot.entryEveryMs'),
    maxStrategiesPerUnderlying: requirePositiveInteger(raw.maxStrategiesPerUnderlying, 'autopilot.maxStrategiesPerUnderlying'),
    maxEntriesPerDay: requireNonNegativeInteger(raw.maxEntriesPerDay, 'autopilot.maxEntriesPerDay'),
    entryWindow: Object.freeze({
      minutesAfterOpen: requireNumberIn(window.minutesAfterOpen, 'autopilot.entryWindow.minutesAfterOpen', 0, 390),
      minutesBeforeClose: requireNumberIn(window.minutesBeforeClose, 'autopilot.entryWindow.minutesBeforeClose', 0, 390),
    }),
  });
}

/** Defaults overridden section by section; every value validated (DomainValidationError naming the path). */
export function createWorkflowConfig(input: WorkflowConfigInput = {}): WorkflowConfig {
  const sections = requireKnownKeys(input, DEFAULT_WORKFLOW_CONFIG, 'config');
  return Object.freeze({
    entry: entryConfig(sections.entry),
    monitoring: monitoringConfig(sections.monitoring),
    exit: exitConfig(sections.exit),
    autopilot: autopilotConfig(sections.autopilot),
  });
}
