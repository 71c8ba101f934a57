// The "decisions" section: one monitoring cycle of the decision engine over 1,000 synthetic but
// realistic open positions (iron condors, credit spreads and short puts on five underlyings, priced
// with Black-Scholes-Merton, aged and moved: electron/decisions/testing/synthetic-positions.ts) ×
// the 12 rules, each decision with its full 12-entry trace. The contexts are built once, before
// timing (the monitoring workflow builds them from market data); the median of CYCLES cycles after
// WARMUP cycles is reported. Extras: p90, per position, the same cycle with createDecision
// re-validation on (validateWithDomain), and which rule decided how many positions.
import { performance } from 'node:perf_hooks';
import { DecisionEngine } from '../../../electron/decisions/decision-engine.ts';
import { syntheticContexts } from '../../../electron/decisions/testing/synthetic-positions.ts';
import { percentile, type BenchSection } from '../bench-section.ts';

const POSITIONS = 1_000;
const RULES = 12;
const WARMUP = 30;
const CYCLES = 101;
const SEED = 1;

function cycleTimes(engine: DecisionEngine, contexts: Parameters<DecisionEngine['evaluateAll']>[0], cycles: number): number[] {
  for (let index = 0; index < WARMUP; index++) engine.evaluateAll(contexts);
  const times: number[] = [];
  for (let index = 0; index < cycles; index++) {
    const start = performance.now();
    engine.evaluateAll(contexts);
    times.push(performance.now() - start);
  }
  return times;
}

const rounded = (value: number, decimals = 3): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

export const decisionsSection: BenchSection = {
  name: 'decisions',
  run: () => {
    const contexts = syntheticContexts(POSITIONS, SEED);
    const times = cycleTimes(new DecisionEngine(), contexts, CYCLES);
    const validated = cycleTimes(new DecisionEngine({ validateWithDomain: true }), contexts, 21);
    const ruleHits: Record<string, number> = {};
    for (const decision of new DecisionEngine().evaluateAll(contexts)) {
      const key = `${decision.ruleId ?? 'none'} ${decision.action}`;
      ruleHits[key] = (ruleHits[key] ?? 0) + 1;
    }
    const cycleMs = rounded(percentile(times, 50));
    const json = {
      cycleMs1000Positions: cycleMs,
      p90CycleMs: rounded(percentile(times, 90)),
      perPositionMicroseconds: rounded((cycleMs * 1_000) / POSITIONS, 2),
      validatedCycleMs: rounded(percentile(validated, 50)),
      positions: POSITIONS,
      rules: RULES,
      cycles: CYCLES,
      ruleHits: Object.fromEntries(Object.entries(ruleHits).sort(([a], [b]) => a.localeCompare(b))),
    };
    const note = `median of ${CYCLES} cycles, ${POSITIONS} positions × ${RULES} rules, full traces`;
    return {
      json,
      rows: [
        { metric: 'one monitoring cycle, 1,000 positions', value: json.cycleMs1000Positions, unit: 'ms', target: '≤ 2 ms', meetsTarget: json.cycleMs1000Positions <= 2, note },
        { metric: 'p90 cycle', value: json.p90CycleMs, unit: 'ms' },
        { metric: 'per position (12 rules + trace)', value: json.perPositionMicroseconds, unit: 'µs' },
        { metric: 'cycle with createDecision re-validation', value: json.validatedCycleMs, unit: 'ms', note: 'validateWithDomain: true (the store re-validates anyway)' },
      ],
    };
  },
};
