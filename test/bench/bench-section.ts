// The contract between the benchmark runner and each section (options, journal, market, …).
// A section measures one area and returns both its JSON object (merged into the one JSON line of
// `npm run bench -- --json` under `name`) and rows for the readable table.

export type BenchRow = {
  /** What was measured, e.g. "price + greeks (ours)". */
  metric: string;
  /** The measured value, already in `unit`. */
  value: number;
  unit: string;
  /** The target as text, e.g. "≤ 200 ns", when the issue sets one. */
  target?: string;
  /** Whether the value meets the target; undefined when there is no target. */
  meetsTarget?: boolean;
  /** Free text: a ratio, an error figure, a note. */
  note?: string;
};

export type BenchSectionResult = { json: Record<string, unknown>; rows: BenchRow[] };

export type BenchSection = { name: string; run: () => Promise<BenchSectionResult> | BenchSectionResult };

/** Runs `body` `iterations` times and returns nanoseconds per call (after a warm-up run). */
export function nanosecondsPerCall(iterations: number, body: (index: number) => void): number {
  const warmup = Math.min(iterations, 10_000);
  for (let index = 0; index < warmup; index++) body(index);
  const start = process.hrtime.bigint();
  for (let index = 0; index < iterations; index++) body(index);
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** The p-th percentile (0..100) of `values`, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
