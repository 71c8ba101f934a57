// A real WorkstationEngine (simulated market, paper broker, OMS, risk governor, kill switch) on a
// TestClock in a temp folder, with the workflows on top: what every workflow test runs on.
// Monday 2026-11-23 14:30 UTC is the 09:30 open in New York; the account holds $1,000,000 so an
// SPY iron condor fits the concentration limit (30 % of net liquidation in delta dollars).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromDollars } from '../../../shared/domain/money.ts';
import type { RiskLimits } from '../../../shared/domain/risk.ts';
import { WorkstationEngine } from '../../app/workstation-engine.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Workflows } from '../create-workflows.ts';
import type { WorkflowConfigInput } from '../workflow-config.ts';
import type { WorkflowPorts } from '../workflow-ports.ts';

export const MONDAY_OPEN = Date.UTC(2026, 10, 23, 14, 30);

/** Tests walk limits in 2-second steps of half the distance (the default takes 10-second quarters): same path, less simulated time. */
const FAST_WALK = { step: { kind: 'fraction', fraction: 0.5 }, intervalMs: 2_000, maxSteps: 20 } as const;

function withFastWalks(config: WorkflowConfigInput = {}): WorkflowConfigInput {
  return { ...config, entry: { walk: FAST_WALK, ...config.entry }, exit: { walk: FAST_WALK, ...config.exit } };
}

export interface HarnessOptions {
  readonly seed?: number;
  readonly config?: WorkflowConfigInput;
  readonly riskLimits?: Partial<RiskLimits>;
  readonly startingCash?: number;
}

/** The ports exactly as a composition root passes them. */
export function workflowPortsOf(engine: WorkstationEngine, clock: TestClock, logger: Logger): WorkflowPorts {
  return { clock, logger, store: engine.store, database: engine.database, market: engine.market, marketData: engine.marketData, ...engine.services };
}

export class WorkflowHarness {
  readonly clock: TestClock;
  readonly directory: string;
  readonly options: HarnessOptions;
  engine!: WorkstationEngine;
  workflows!: Workflows;

  private constructor(clock: TestClock, directory: string, options: HarnessOptions) {
    this.clock = clock;
    this.directory = directory;
    this.options = options;
  }

  static async start(options: HarnessOptions = {}): Promise<WorkflowHarness> {
    const harness = new WorkflowHarness(new TestClock(MONDAY_OPEN), mkdtempSync(path.join(tmpdir(), 'workflows-')), options);
    await harness.#open();
    return harness;
  }

  get ports(): WorkflowPorts {
    return workflowPortsOf(this.engine, this.clock, silentLogger);
  }

  /** Moves the clock in steps of at most `stepMs`, letting promise work finish after each step. */
  async advance(ms: number, stepMs = 1_000): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.advanceTo(Math.min(end, this.clock.now() + stepMs));
      await settle();
    }
  }

  /** Advances until `done()` holds (checked after every step) or `maxMs` passed; returns whether it held. */
  async advanceUntil(done: () => boolean, maxMs: number, stepMs = 1_000): Promise<boolean> {
    const end = this.clock.now() + maxMs;
    while (!done() && this.clock.now() < end) await this.advance(Math.min(stepMs, end - this.clock.now()), stepMs);
    return done();
  }

  /** Stops everything and opens the same folder again at the same clock time (a restart). */
  async restart(): Promise<void> {
    await this.#shutdown();
    await this.#open();
  }

  async close(): Promise<void> {
    await this.#shutdown();
    rmSync(this.directory, { recursive: true, force: true });
  }

  async #open(): Promise<void> {
    const { seed = 42, riskLimits, startingCash = 1_000_000, config } = this.options;
    // The engine builds and starts its own workflows (the composition root), as in the app.
    this.engine = new WorkstationEngine({
      dataDirectory: this.directory, clock: this.clock, seed, logger: silentLogger, riskLimits,
      paperConfig: { startingCash: fromDollars(startingCash) }, workflows: withFastWalks(config),
    });
    await this.engine.start();
    this.workflows = this.engine.workflows;
  }

  async #shutdown(): Promise<void> {
    if (this.workflows.autopilot.state === 'running') await this.workflows.autopilot.stop();
    await this.engine.stop();
    this.engine.dispose();
  }
}

/** Lets pending promise continuations run (a few turns of the event loop). */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
