// Runs the autopilot on the accelerated simulated market with the paper broker for a number of
// trading sessions, then gathers everything the report and the invariant checks need. The run
// is deterministic for a seed: the clock runs at 'max' speed from a fixed start, pauses at the
// exact close of the last session, and nothing reads the wall clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import type { Decision } from '../../../shared/domain/decision.ts';
import type { Fill } from '../../../shared/domain/fill.ts';
import type { Money } from '../../../shared/domain/money.ts';
import { newYorkWallTime } from '../../../shared/domain/new-york-time.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { RiskLimits } from '../../../shared/domain/risk.ts';
import type { Strategy } from '../../../shared/domain/strategy.ts';
import type { BrokerExecution, BrokerPosition } from '../../broker/broker.ts';
import type { PaperSettlement } from '../../broker/paper/index.ts';
import { AcceleratedClock } from '../../core/accelerated-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { currentOrNextSession } from '../../market/index.ts';
import type { RiskEvent } from '../../persistence/risk-event.ts';
import { FileLogSink } from '../file-log-sink.ts';
import type { WorkflowConfigInput } from '../../workflows/index.ts';
import { WorkstationEngine, type WorkstationEngineOptions } from '../workstation-engine.ts';

export type SimulationOptions = {
  /** Trading sessions to simulate (each ends at its close). */
  readonly days: number;
  readonly seed: number;
  /** The autopilot's watchlist. */
  readonly symbols: readonly string[];
  /** The first session opens on or after this date. */
  readonly start: IsoDate;
  /** Kept data; a temporary folder (removed at the end) when undefined. */
  readonly dataDirectory?: string;
  /** Workflow settings on top of the simulation's (section by section). */
  readonly workflows?: WorkflowConfigInput;
};

export type SimulationProgress = { readonly day: number; readonly days: number; readonly date: IsoDate; readonly closedStrategies: number; readonly netLiquidation: Money | undefined };

export type EquitySample = { readonly time: number; readonly netLiquidation: Money };

/** Everything a finished run leaves behind, read back from the stores and the broker. */
export type SimulationRecord = {
  readonly options: SimulationOptions;
  readonly startTime: number;
  readonly endTime: number;
  readonly limits: RiskLimits;
  readonly accountStart: AccountSummary;
  readonly accountEnd: AccountSummary;
  readonly equity: readonly EquitySample[];
  readonly strategies: readonly Strategy[];
  readonly decisionsByStrategy: ReadonlyMap<string, readonly Decision[]>;
  readonly riskDenials: readonly RiskEvent[];
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly brokerExecutions: readonly BrokerExecution[];
  readonly brokerPositions: readonly BrokerPosition[];
  readonly settlements: readonly PaperSettlement[];
};

/**
 * The settings of a simulation: one-minute market steps and housekeeping stretched to match
 * (a year must run in about a minute), quotes up to two steps old count as fresh, HOLD decisions
 * recorded only when they change, throw-away durability.
 */
export function simulationEngineSettings(options: SimulationOptions): Pick<WorkstationEngineOptions, 'marketConfig' | 'riskLimits' | 'timers' | 'workflows' | 'durability'> {
  return {
    marketConfig: { stepMs: 60_000 },
    riskLimits: { staleDataMs: 150_000 },
    timers: { heartbeatIntervalMs: 300_000, accountPollMs: 60_000, inFlightCheckMs: 60_000, entryTimeoutCheckMs: 120_000 },
    workflows: {
      ...options.workflows,
      autopilot: { watchlist: options.symbols, cycleMs: 60_000, ...options.workflows?.autopilot },
      monitoring: { recordHolds: 'changes', ...options.workflows?.monitoring },
    },
    durability: options.dataDirectory === undefined ? 'normal' : 'full',
  };
}

export async function runSimulation(options: SimulationOptions, onProgress?: (progress: SimulationProgress) => void): Promise<SimulationRecord> {
  if (!Number.isSafeInteger(options.days) || options.days < 1) throw new RangeError(`days must be a whole number of sessions ≥ 1, got ${String(options.days)}`);
  const temporary = options.dataDirectory === undefined;
  const dataDirectory = options.dataDirectory ?? mkdtempSync(path.join(tmpdir(), 'workstation-simulation-'));
  const startTime = currentOrNextSession(newYorkWallTime(options.start, 0)).open;
  const clock = new AcceleratedClock({ startTime, speed: 'max' });
  const logger = createLogger({ clock, sink: new FileLogSink(path.join(dataDirectory, 'engine.log')), level: 'warn' });
  const engine = new WorkstationEngine({ dataDirectory, clock, seed: options.seed, startTime, logger, ...simulationEngineSettings(options) });
  try {
    await engine.start();
    const accountStart = await engine.broker.accountSummary();
    const equity: EquitySample[] = [{ time: startTime, netLiquidation: accountStart.netLiquidation }];
    const finished = sessionsFinished(engine, clock, options, equity, onProgress);
    await engine.workflows.autopilot.start();
    await finished;
    const record = await collect(engine, options, startTime, accountStart, equity);
    await engine.stop();
    return record;
  } finally {
    engine.dispose();
    clock.dispose();
    if (temporary) rmSync(dataDirectory, { recursive: true, force: true });
  }
}

/** Resolves at the close of the last session, with simulated time frozen there. */
function sessionsFinished(engine: WorkstationEngine, clock: AcceleratedClock, options: SimulationOptions, equity: EquitySample[], onProgress?: (progress: SimulationProgress) => void): Promise<void> {
  return new Promise((resolve) => {
    let day = 0;
    const subscription = engine.market.events.subscribe('market.session-close', (session) => {
      day += 1;
      const last = day >= options.days;
      if (last) clock.pause();
      void engine.broker.accountSummary().then((account) => {
        equity.push({ time: session.time, netLiquidation: account.netLiquidation });
        const closedStrategies = engine.store.records.strategies.listAll().filter((strategy) => strategy.status === 'CLOSED' || strategy.status === 'ROLLED').length;
        onProgress?.({ day, days: options.days, date: session.date, closedStrategies, netLiquidation: account.netLiquidation });
        if (last) {
          subscription.dispose();
          resolve();
        }
      });
    });
  });
}

async function collect(engine: WorkstationEngine, options: SimulationOptions, startTime: number, accountStart: AccountSummary, equity: readonly EquitySample[]): Promise<SimulationRecord> {
  const { records } = engine.store;
  const strategies = records.strategies.listAll();
  const decisionsByStrategy = new Map(strategies.map((strategy) => [strategy.id as string, records.decisions.listByStrategy(strategy.id)]));
  const [accountEnd, brokerExecutions, brokerPositions] = await Promise.all([engine.broker.accountSummary(), engine.broker.executions(0), engine.broker.positions()]);
  return {
    options,
    startTime,
    endTime: engine.status().time,
    limits: engine.services.governor.limits,
    accountStart,
    accountEnd,
    equity,
    strategies,
    decisionsByStrategy,
    riskDenials: records.riskEvents.list({ kind: 'DENIAL' }),
    orders: engine.store.orders.listAll(),
    fills: engine.store.fills.listAll(),
    brokerExecutions,
    brokerPositions,
    settlements: engine.paperBroker.settlements(0),
  };
}
