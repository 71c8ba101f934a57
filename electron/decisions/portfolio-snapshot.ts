// The portfolio facts one monitoring cycle shares between all its decision contexts: summed
// Greeks, the amount at risk per underlying against net liquidation, and, for each of R11's limits,
// which strategy is the largest contributor. R11 reduces only that strategy, so one cycle never
// cuts every position for the same breach; the next cycle re-checks with fresh numbers.
//
// Largest contributor: for delta (vega), the strategy whose position delta (vega) pushes furthest
// in the direction of the portfolio's own sign; per underlying, the largest amount at risk. Ties
// go to the lexicographically smallest strategy id, so the choice never depends on input order.
import { invalid } from '../../shared/domain/errors.ts';
import { addGreeks, createGreeks, ZERO_GREEKS, type Greeks } from '../../shared/domain/greeks.ts';
import { parseStrategyId, type StrategyId } from '../../shared/domain/ids.ts';
import { parseMoney, toDollars, type Money } from '../../shared/domain/money.ts';
import { requireArray, requireFiniteNumber, requireSymbol } from '../../shared/domain/validate.ts';

export interface PortfolioPositionInput {
  readonly strategyId: string;
  readonly underlyingSymbol: string;
  /** Position Greeks (strategyExposure). */
  readonly greeks: Greeks;
  /** Gross delta dollars at risk (strategyExposure), ≥ 0. */
  readonly atRisk: number;
}

export interface PortfolioSnapshotInput {
  /** Must be > 0: concentration is measured against it. */
  readonly netLiquidation: Money;
  /** Every open strategy the engine manages, each once. */
  readonly positions: readonly PortfolioPositionInput[];
}

export interface UnderlyingConcentration {
  readonly symbol: string;
  /** Dollars at risk in this underlying, summed over its strategies. */
  readonly atRisk: number;
  /** atRisk / net liquidation (0.3 = 30 %). */
  readonly fractionOfNetLiquidation: number;
  readonly largestContributorId: StrategyId;
  readonly positionCount: number;
}

export interface PortfolioSnapshot {
  readonly netLiquidation: Money;
  /** Sums of the position Greeks (delta shares-equivalent, vega $ per vol point, …). */
  readonly greeks: Greeks;
  readonly positionCount: number;
  /** Undefined when the portfolio delta is 0. */
  readonly largestDeltaContributorId: StrategyId | undefined;
  readonly largestVegaContributorId: StrategyId | undefined;
  /** By underlying symbol. */
  readonly underlyings: Readonly<Record<string, UnderlyingConcentration>>;
}

const members = new WeakMap<PortfolioSnapshot, ReadonlySet<StrategyId>>();

interface Candidate {
  id: StrategyId;
  value: number;
}

function better(candidate: Candidate | undefined, id: StrategyId, value: number): Candidate | undefined {
  if (!(value > 0)) return candidate;
  if (candidate === undefined || value > candidate.value || (value === candidate.value && id < candidate.id)) return { id, value };
  return candidate;
}

interface ValidPosition {
  readonly id: StrategyId;
  readonly symbol: string;
  readonly greeks: Greeks;
  readonly atRisk: number;
}

function validPositions(input: PortfolioSnapshotInput): ValidPosition[] {
  const seen = new Set<StrategyId>();
  return requireArray(input.positions, 'positions').map((raw, index) => {
    const position = raw as PortfolioPositionInput;
    const field = `positions[${index}]`;
    const id = parseStrategyId(position.strategyId, `${field}.strategyId`);
    if (seen.has(id)) invalid(`${field}.strategyId`, 'must appear once in the portfolio', id);
    seen.add(id);
    const atRisk = requireFiniteNumber(position.atRisk, `${field}.atRisk`);
    if (atRisk < 0) invalid(`${field}.atRisk`, 'must be at least 0', atRisk);
    return { id, symbol: requireSymbol(position.underlyingSymbol, `${field}.underlyingSymbol`), greeks: createGreeks(position.greeks, `${field}.greeks`), atRisk };
  });
}

function concentrations(positions: readonly ValidPosition[], netLiquidationDollars: number): Record<string, UnderlyingConcentration> {
  const totals = new Map<string, { atRisk: number; count: number; largest: Candidate | undefined; firstId: StrategyId }>();
  for (const position of positions) {
    const total = totals.get(position.symbol) ?? { atRisk: 0, count: 0, largest: undefined, firstId: position.id };
    total.atRisk += position.atRisk;
    total.count += 1;
    total.largest = better(total.largest, position.id, position.atRisk);
    if (position.id < total.firstId) total.firstId = position.id;
    totals.set(position.symbol, total);
  }
  const result: Record<string, UnderlyingConcentration> = {};
  for (const symbol of [...totals.keys()].sort()) {
    const total = totals.get(symbol);
    if (total === undefined) continue;
    result[symbol] = Object.freeze({
      symbol,
      atRisk: total.atRisk,
      fractionOfNetLiquidation: total.atRisk / netLiquidationDollars,
      largestContributorId: total.largest?.id ?? total.firstId,
      positionCount: total.count,
    });
  }
  return result;
}

/** Validates the positions and computes the facts R11 reads; the result is frozen. */
export function createPortfolioSnapshot(input: PortfolioSnapshotInput): PortfolioSnapshot {
  const netLiquidation = parseMoney(input.netLiquidation, 'netLiquidation');
  if (netLiquidation <= 0) invalid('netLiquidation', 'must be greater than 0 (concentration is a share of it)', netLiquidation);
  const positions = validPositions(input);
  const greeks = positions.reduce((total, position) => addGreeks(total, position.greeks), ZERO_GREEKS);
  let deltaLeader: Candidate | undefined;
  let vegaLeader: Candidate | undefined;
  for (const position of positions) {
    deltaLeader = better(deltaLeader, position.id, position.greeks.delta * Math.sign(greeks.delta));
    vegaLeader = better(vegaLeader, position.id, position.greeks.vega * Math.sign(greeks.vega));
  }
  const snapshot: PortfolioSnapshot = Object.freeze({
    netLiquidation,
    greeks,
    positionCount: positions.length,
    largestDeltaContributorId: deltaLeader?.id,
    largestVegaContributorId: vegaLeader?.id,
    underlyings: Object.freeze(concentrations(positions, toDollars(netLiquidation))),
  });
  members.set(snapshot, new Set(positions.map((position) => position.id)));
  return snapshot;
}

/** Whether `snapshot` came from createPortfolioSnapshot (so it is validated and frozen). */
export function isPortfolioSnapshot(snapshot: unknown): snapshot is PortfolioSnapshot {
  return typeof snapshot === 'object' && snapshot !== null && members.has(snapshot as PortfolioSnapshot);
}

/** Whether the portfolio was built with the strategy among its positions. */
export function portfolioIncludes(snapshot: PortfolioSnapshot, strategyId: StrategyId): boolean {
  return members.get(snapshot)?.has(strategyId) === true;
}
