// The process the crash test kills: the whole engine (app database, paper account file, market,
// OMS, reconciler) on an accelerated clock, trading entry → fill → exit → fill in a loop the way
// a workflow would, deciding each step from the persisted book (working orders are waited for,
// open positions are closed, else a new entry), so a restart continues where the book says.
//
//   node crash-engine-child.ts --data-dir D --seed N --clock-start MS --market-start MS --speed X [--rounds N]
//
// stdout carries one JSON object per line: {type:'starting'}, {type:'check', facts} (gathered
// with the clock paused, right after the start reconciliation), {type:'ready'}, one
// {type:'phase', …} per step, and {type:'stopped'} when --rounds round trips are done (clean
// stop). Without --rounds it trades until killed. The engine logs to D/engine.log.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FileLogSink } from '../../../electron/app/file-log-sink.ts';
import { WorkstationEngine } from '../../../electron/app/workstation-engine.ts';
import { AcceleratedClock } from '../../../electron/core/accelerated-clock.ts';
import { createLogger } from '../../../electron/core/logger.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { collectFacts } from './crash-facts.ts';
import { CrashTrader } from './crash-trader.ts';

/** Limits the loop would hit by design (daily counts, rate, repeated orders, 20-lot calls); denials stay legal. */
const riskLimits = {
  maxNewPositionsPerDay: 100_000,
  maxOrdersPerSecond: 1_000,
  duplicateWindowMs: 1,
  dailyLossFraction: 0.5,
  maxConcentrationPerUnderlying: 1,
  maxPortfolioDelta: 10_000,
  maxPortfolioVega: 100_000,
};

/**
 * A large account, and answers after 0.2–1.5 s of clock time (10–75 ms real at speed 20): an
 * order sits at the broker unacknowledged long enough for a kill to land there.
 */
const paperConfig = { startingCash: fromDollars(10_000_000), latencyMinimumMs: 200, latencyMaximumMs: 1_500 };

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function integer(value: string | undefined, name: string): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isSafeInteger(parsed)) throw new Error(`--${name} must be an integer, got ${String(value)}`);
  return parsed;
}

async function flushEvents(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, seed: { type: 'string' }, 'clock-start': { type: 'string' }, 'market-start': { type: 'string' }, speed: { type: 'string' }, rounds: { type: 'string' } } });
  const dataDirectory = values['data-dir'];
  if (dataDirectory === undefined) throw new Error('--data-dir is required');
  const clock = new AcceleratedClock({ startTime: integer(values['clock-start'], 'clock-start'), speed: integer(values.speed, 'speed') });
  const logger = createLogger({ clock, sink: new FileLogSink(path.join(dataDirectory, 'engine.log')) });
  // Before the databases open: a kill soon after lands in opening, catching up or reconciling.
  const startedAt = clock.now();
  emit({ type: 'starting', time: startedAt });
  const engine = new WorkstationEngine({
    dataDirectory,
    clock,
    seed: integer(values.seed, 'seed'),
    startTime: integer(values['market-start'], 'market-start'),
    logger,
    riskLimits,
    paperConfig,
  });
  await engine.start();
  // Frozen while the facts are read: the paper broker answers nothing and no tick moves a fill.
  clock.pause();
  await flushEvents();
  const facts = await collectFacts(engine, startedAt);
  emit({ type: 'check', time: clock.now(), facts });
  clock.resume();
  emit({ type: 'ready', time: clock.now() });

  const rounds = values.rounds === undefined ? Number.POSITIVE_INFINITY : integer(values.rounds, 'rounds');
  // Without reconciliation every order is denied: a run that must finish says so instead of looping.
  if (!facts.reconciled && Number.isFinite(rounds)) throw new Error(`not reconciled, cannot trade: ${facts.notReconciledReason ?? 'no reason'}`);
  const trader = new CrashTrader(engine, clock, (phase, details) => emit({ type: 'phase', phase, time: clock.now(), ...details }));
  await trader.trade(rounds);

  await engine.stop();
  engine.dispose();
  clock.dispose();
  emit({ type: 'stopped', time: clock.now() });
}

/** Exits once everything written is flushed: writes to a pipe are asynchronous, and exit() would drop them. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main().then(
  () => exitAfterFlush(0),
  (error: unknown) => {
    process.stderr.write(`crash child failed: ${(error as Error).stack ?? String(error)}\n`);
    exitAfterFlush(1);
  },
);
