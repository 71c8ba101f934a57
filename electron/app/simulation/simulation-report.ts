// The simulation report: each round trip (a strategy that was closed or rolled) with its entry,
// exit, credit or debit, P&L and the rule that ended it; win rate, total P&L, max drawdown, rule
// hit counts, risk denials and the invariant check. Only simulated facts, so the same seed and
// options give the same report, byte for byte.
import { subtract, toDollars, type Money } from '../../../shared/domain/money.ts';
import type { Strategy } from '../../../shared/domain/strategy.ts';
import { checkInvariants } from './simulation-invariants.ts';
import type { EquitySample, SimulationRecord } from './simulation-run.ts';

export type TradeReport = {
  readonly strategyId: string;
  readonly underlying: string;
  readonly strategy: string;
  readonly entryTime: string;
  readonly exitTime: string;
  /** 'credit' when premium was received at entry, else 'debit'. */
  readonly entryKind: 'credit' | 'debit';
  /** Premium received or paid for the whole position, dollars. */
  readonly entryAmount: number;
  readonly pnl: number;
  /** The deciding rule of the decision that closed or rolled it ('none' when no decision did). */
  readonly exitRule: string;
  readonly outcome: 'CLOSED' | 'ROLLED';
};

export type SimulationReport = {
  readonly seed: number;
  readonly days: number;
  readonly symbols: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly roundTrips: number;
  readonly winRate: number;
  /** Net liquidation change over the run: realized and still-open P&L, dollars. */
  readonly totalPnl: number;
  /** P&L of the round trips alone, dollars. */
  readonly realizedPnl: number;
  /** Largest fall of net liquidation from a previous peak (session closes), dollars, ≥ 0. */
  readonly maxDrawdown: number;
  /** Acting decisions recorded, by deciding rule. */
  readonly ruleHits: Readonly<Record<string, number>>;
  /** Round trips by the rule that ended them. */
  readonly exitRules: Readonly<Record<string, number>>;
  readonly riskDenials: Readonly<Record<string, number>>;
  readonly openStrategies: number;
  readonly orders: number;
  readonly fills: number;
  readonly invariantViolations: readonly string[];
  readonly trades: readonly TradeReport[];
};

const dollars = (amount: Money): number => Math.round(toDollars(amount) * 100) / 100;
const iso = (time: number | undefined): string => (time === undefined ? '' : new Date(time).toISOString());

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function trade(record: SimulationRecord, strategy: Strategy): TradeReport {
  const decisions = record.decisionsByStrategy.get(strategy.id) ?? [];
  const exit = decisions.find((decision) => decision.action !== 'HOLD' && decision.createdAt <= (strategy.closedAt ?? Number.POSITIVE_INFINITY));
  const entry = strategy.entryNetAmount ?? (0 as Money);
  return {
    strategyId: strategy.id,
    underlying: strategy.underlyingSymbol,
    strategy: strategy.type,
    entryTime: iso(strategy.openedAt),
    exitTime: iso(strategy.closedAt),
    entryKind: entry < 0 ? 'credit' : 'debit',
    entryAmount: Math.abs(dollars(entry)),
    pnl: dollars(strategy.realizedPnl),
    exitRule: exit?.ruleId ?? 'none',
    outcome: strategy.status === 'ROLLED' ? 'ROLLED' : 'CLOSED',
  };
}

export function maxDrawdown(equity: readonly EquitySample[]): Money {
  let peak: Money | undefined;
  let worst = 0 as Money;
  for (const sample of equity) {
    if (peak === undefined || sample.netLiquidation > peak) peak = sample.netLiquidation;
    const drawdown = subtract(peak, sample.netLiquidation);
    if (drawdown > worst) worst = drawdown;
  }
  return worst;
}

export function buildReport(record: SimulationRecord): SimulationReport {
  const finished = record.strategies.filter((strategy) => strategy.status === 'CLOSED' || strategy.status === 'ROLLED');
  const trades = finished.map((strategy) => trade(record, strategy)).sort((a, b) => a.exitTime.localeCompare(b.exitTime) || a.strategyId.localeCompare(b.strategyId));
  const wins = trades.filter((item) => item.pnl > 0).length;
  const acting = [...record.decisionsByStrategy.values()].flat().filter((decision) => decision.action !== 'HOLD');
  return {
    seed: record.options.seed,
    days: record.options.days,
    symbols: record.options.symbols,
    start: iso(record.startTime),
    end: iso(record.endTime),
    roundTrips: trades.length,
    winRate: trades.length === 0 ? 0 : Math.round((wins / trades.length) * 10_000) / 10_000,
    totalPnl: dollars(subtract(record.accountEnd.netLiquidation, record.accountStart.netLiquidation)),
    realizedPnl: Math.round(trades.reduce((total, item) => total + item.pnl * 100, 0)) / 100,
    maxDrawdown: dollars(maxDrawdown(record.equity)),
    ruleHits: countBy(acting, (decision) => decision.ruleId ?? 'none'),
    exitRules: countBy(trades, (item) => item.exitRule),
    riskDenials: countBy(record.riskDenials, (event) => event.denialCode ?? 'UNKNOWN'),
    openStrategies: record.strategies.filter((strategy) => strategy.status === 'OPEN' || strategy.status === 'CLOSING' || strategy.status === 'PENDING').length,
    orders: record.orders.length,
    fills: record.fills.length,
    invariantViolations: checkInvariants(record),
    trades,
  };
}
