// The seeds' validation bar: at least 20 autonomous round trips on a fixed seed, with every
// invariant held (every exit explained by a recorded decision with its full trace, no risk limit
// breached, no orphan or duplicate orders, P&L from fills equal to positions and cash).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../electron/app/simulation/simulation-report.ts';
import { runSimulation } from '../../electron/app/simulation/simulation-run.ts';

const simulate = path.resolve(import.meta.dirname, '../../electron/app/simulate.ts');

describe('autopilot simulation', () => {
  it('when the autopilot trades 60 sessions of five underlyings on seed 7, then it completes at least 20 round trips and every invariant holds', async () => {
    // Faster exits than the defaults (take profit at 25 % of max profit, roll window 10 days,
    // 30-day entries) so 60 sessions give enough round trips; every rule still applies.
    const record = await runSimulation({
      days: 60,
      seed: 7,
      symbols: ['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA'],
      start: '2026-01-05' as never,
      workflows: {
        monitoring: { thresholds: { takeProfitFraction: 0.25, rollWindowDays: 10 } },
        entry: { params: { IRON_CONDOR: { targetDays: 30 } } },
        autopilot: { maxEntriesPerDay: 5 },
      },
    });
    const report = buildReport(record);
    expect(report.invariantViolations).toEqual([]);
    expect(report.roundTrips).toBeGreaterThanOrEqual(20);
    expect(report.trades.every((trade) => trade.exitRule !== 'none')).toBe(true);
    // Cross-check the report against the raw record it was built from.
    expect(report.fills).toBe(record.brokerExecutions.length + record.fills.filter((fill) => fill.id.startsWith('EXPIRY:')).length);
    expect(new Set(record.orders.map((order) => order.clientOrderRef)).size).toBe(record.orders.length);
  }, 120_000);

  it('when `npm run simulate` runs twice with the same seed and options, then the JSON reports are identical byte for byte', () => {
    const run = () => spawnSync(process.execPath, [simulate, '--days', '4', '--seed', '5', '--symbols', 'SPY,QQQ', '--json'], { encoding: 'utf8', timeout: 60_000 });
    const first = run();
    const second = run();
    expect(first.status, first.stderr).toBe(0);
    const lastLine = (output: string) => output.trimEnd().split('\n').at(-1) ?? '';
    expect(lastLine(first.stdout)).toBe(lastLine(second.stdout));
    const report = JSON.parse(lastLine(first.stdout)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['roundTrips', 'invariantViolations', 'totalPnl', 'maxDrawdown', 'ruleHits', 'trades']));
    expect(report).toMatchObject({ seed: 5, days: 4, symbols: ['SPY', 'QQQ'], invariantViolations: [] });
  }, 120_000);

  it('when an option is missing or invalid, then simulate exits with status 2 naming it', () => {
    const missing = spawnSync(process.execPath, [simulate, '--seed', '3'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--days is required/);
    const bad = spawnSync(process.execPath, [simulate, '--days', '3', '--symbols', 'SPY,spy!'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--symbols/);
  });
});
