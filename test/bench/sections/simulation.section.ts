// The "simulation" benchmark: one simulated trading year (252 sessions) of the autopilot on five
// underlyings (SPY, QQQ, IWM, AAPL, TSLA) with the paper broker, at maximum speed, with the
// simulation's settings (one-minute market steps, stretched housekeeping, throw-away durability;
// see electron/app/simulation/simulation-run.ts). Reports the wall time and what the year did.
import { buildReport } from '../../../electron/app/simulation/simulation-report.ts';
import { runSimulation } from '../../../electron/app/simulation/simulation-run.ts';
import type { BenchSection } from '../bench-section.ts';

const TARGET_YEAR_SECONDS = 60;
const SESSIONS_PER_YEAR = 252;

export const simulationSection: BenchSection = {
  name: 'simulation',
  run: async () => {
    const start = process.hrtime.bigint();
    const record = await runSimulation({ days: SESSIONS_PER_YEAR, seed: 1, symbols: ['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA'], start: '2026-01-05' as never });
    const yearSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const report = buildReport(record);
    return {
      json: { yearSeconds, sessions: SESSIONS_PER_YEAR, secondsPerSession: yearSeconds / SESSIONS_PER_YEAR, roundTrips: report.roundTrips, orders: report.orders, fills: report.fills, invariantViolations: report.invariantViolations.length },
      rows: [
        { metric: 'one simulated trading year, 5 underlyings', value: yearSeconds, unit: 's', target: `≤ ${TARGET_YEAR_SECONDS} s`, meetsTarget: yearSeconds <= TARGET_YEAR_SECONDS, note: `${report.roundTrips} round trips, ${report.orders} orders, ${report.fills} fills, ${report.invariantViolations.length} invariant violations` },
        { metric: 'per session', value: (yearSeconds / SESSIONS_PER_YEAR) * 1000, unit: 'ms' },
      ],
    };
  },
};
