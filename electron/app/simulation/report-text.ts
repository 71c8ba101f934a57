// The simulation report as a readable table for a terminal.
import type { SimulationReport } from './simulation-report.ts';

const money = (value: number): string => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;
const counts = (record: Readonly<Record<string, number>>): string =>
  Object.entries(record).map(([key, count]) => `${key} ${count}`).join(', ') || 'none';

export function reportText(report: SimulationReport): string {
  const header = ['exit time (UTC)', 'underlying', 'strategy', 'entry', 'P&L', 'rule', 'outcome'];
  const rows = report.trades.map((trade) => [
    trade.exitTime.slice(0, 16).replace('T', ' '),
    trade.underlying,
    trade.strategy,
    `${trade.entryKind} ${money(trade.entryAmount)}`,
    money(trade.pnl),
    trade.exitRule,
    trade.outcome,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [
    `simulation: seed ${report.seed}, ${report.days} sessions of ${report.symbols.join(', ')}, ${report.start} → ${report.end}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `round trips ${report.roundTrips} | win rate ${(report.winRate * 100).toFixed(1)} % | realized ${money(report.realizedPnl)} | total P&L ${money(report.totalPnl)} | max drawdown ${money(report.maxDrawdown)}`,
    `still open ${report.openStrategies} | orders ${report.orders} | fills ${report.fills}`,
    `rule hits: ${counts(report.ruleHits)}`,
    `exits by rule: ${counts(report.exitRules)}`,
    `risk denials: ${counts(report.riskDenials)}`,
    report.invariantViolations.length === 0 ? 'invariants: all held' : `INVARIANT VIOLATIONS (${report.invariantViolations.length}):\n  ${report.invariantViolations.join('\n  ')}`,
  ].join('\n');
}

/** A one-line progress bar for a terminal. */
export function progressBar(day: number, days: number, detail: string, width = 30): string {
  const filled = Math.round((day / days) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${day}/${days} ${detail}`;
}
