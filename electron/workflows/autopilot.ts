// The autopilot: a Component started and stopped explicitly that runs, every autopilot.cycleMs of
// the engine's Clock during regular hours (session-schedule.ts):
//   1. stale exits are cancelled (the next monitoring decides again with fresh prices);
//   2. monitoring decides for every OPEN strategy (recorded, alerted);
//   3. every acting decision is executed by the exit workflow, unless trading is HALTED (the kill
//      switch owns the flatten: R01's CLOSE is recorded and alerted, nothing new is sent) or the
//      broker state is not reconciled (the gate would refuse anyway);
//   4. entries, at most every autopilot.entryEveryMs, only when trading is ACTIVE and reconciled
//      (REDUCING: exits only), inside the entry window, under the per-day and per-underlying caps,
//      for each watchlist symbol whose signal says enter.
// Every skipped step says why (bus events; entries and exits are journaled by their workflows).
// runCycle() runs one cycle now (tests, or a simulation stepping by hand).
import type { Decision } from '../../shared/domain/decision.ts';
import { currentOrNextSession, isOpen, sessionDate, tradingSession } from '../market/index.ts';
import { Component } from '../core/lifecycle.ts';
import type { EntryWorkflow } from './entry-workflow.ts';
import type { ExitWorkflow } from './exit-workflow.ts';
import type { PositionMonitoringWorkflow } from './monitoring-workflow.ts';
import { SessionSchedule } from './session-schedule.ts';
import type { StrategyTracker } from './strategy-tracker.ts';
import type { AutopilotConfig } from './workflow-config.ts';
import type { AutopilotCycleSummary, WorkflowEventBus } from './workflow-events.ts';
import { journalWorkflow } from './workflow-journal.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export interface AutopilotOptions {
  readonly ports: WorkflowPorts;
  readonly config: AutopilotConfig;
  readonly tracker: StrategyTracker;
  readonly entry: EntryWorkflow;
  readonly monitoring: PositionMonitoringWorkflow;
  readonly exit: ExitWorkflow;
  readonly events: WorkflowEventBus;
}

const MINUTE_MS = 60_000;

export class Autopilot extends Component {
  readonly #options: AutopilotOptions;
  #schedule: SessionSchedule | undefined;
  #lastEntryCheck = Number.NEGATIVE_INFINITY;
  #lastCycle: AutopilotCycleSummary | undefined;

  constructor(options: AutopilotOptions) {
    super('autopilot');
    this.#options = options;
  }

  get lastCycle(): AutopilotCycleSummary | undefined {
    return this.#lastCycle;
  }

  /** Strategies opened today (the New York session of now), counted from the store so a restart keeps the count. */
  entriesToday(): number {
    const now = this.#options.ports.clock.now();
    // Strategies are created during a session: those created since today's session open (one
    // comparison each, no date formatting per strategy over a long history).
    const opened = tradingSession(sessionDate(now))?.open;
    if (opened === undefined) return 0;
    return this.#options.ports.store.records.strategies.listAll().filter((strategy) => strategy.rolledFromId === undefined && strategy.createdAt >= opened && strategy.createdAt <= now).length;
  }

  protected override onStart(): void {
    const { ports, config } = this.#options;
    this.#schedule = this.session.add(new SessionSchedule({ clock: ports.clock, everyMs: config.cycleMs, run: () => this.runCycle().then(() => undefined), logger: ports.logger, name: 'autopilot' }));
    this.#schedule.start();
    this.#announce(true);
  }

  protected override async onStop(): Promise<void> {
    await this.#schedule?.stop();
    this.#announce(false);
  }

  #announce(running: boolean): void {
    const { ports, config, events } = this.#options;
    const time = ports.clock.now();
    events.publish('autopilot.state', { running, time });
    journalWorkflow(ports, 'workflow.autopilot', { event: running ? 'started' : 'stopped', time, watchlist: config.watchlist, cycleMs: config.cycleMs });
  }

  /** One cycle now: stale exits, monitoring, exits, entries. */
  async runCycle(): Promise<AutopilotCycleSummary> {
    const { ports, monitoring } = this.#options;
    const time = ports.clock.now();
    const notes: string[] = [];
    if (!isOpen(time)) return this.#finish({ time, decisions: 0, exits: 0, entries: 0, notes: ['the regular session is closed: nothing to do'] });
    await this.#options.exit.cancelStaleExits();
    const cycle = monitoring.monitorPositions();
    const exits = await this.#exits(cycle.outcomes.flatMap((outcome) => (outcome.decision === undefined ? [] : [outcome.decision])), notes);
    const entries = await this.#entries(time, notes);
    return this.#finish({ time, decisions: cycle.outcomes.filter((outcome) => outcome.decision !== undefined).length, exits, entries, notes });
  }

  #finish(summary: AutopilotCycleSummary): AutopilotCycleSummary {
    const frozen = Object.freeze({ ...summary, notes: Object.freeze([...summary.notes]) });
    this.#lastCycle = frozen;
    this.#options.events.publish('autopilot.cycle', frozen);
    return frozen;
  }

  async #exits(decisions: readonly Decision[], notes: string[]): Promise<number> {
    const { ports, exit, events } = this.#options;
    const acting = decisions.filter((decision) => decision.action !== 'HOLD');
    if (acting.length === 0) return 0;
    const risk = ports.governor.state();
    const blocked = risk.tradingState === 'HALTED' ? 'trading is HALTED: the kill switch owns flattening; nothing new is sent' : !risk.reconciled ? 'the broker state is not reconciled: the gate would refuse every order' : undefined;
    if (blocked !== undefined) {
      notes.push(`exits skipped: ${blocked}`);
      for (const decision of acting) events.publish('workflow.exit-skipped', { strategyId: decision.strategyId, decisionId: decision.id, reason: blocked, time: ports.clock.now() });
      return 0;
    }
    let placed = 0;
    for (const decision of acting) if ((await exit.executeExitDecision(decision.strategyId, decision)).status === 'placed') placed += 1;
    return placed;
  }

  async #entries(time: number, notes: string[]): Promise<number> {
    const { config } = this.#options;
    if (time - this.#lastEntryCheck < config.entryEveryMs) return 0;
    this.#lastEntryCheck = time;
    const blocked = this.#entryBlock(time);
    if (blocked !== undefined) {
      notes.push(`entries skipped: ${blocked}`);
      for (const symbol of config.watchlist) this.#options.events.publish('workflow.entry-skipped', { symbol, reasons: [blocked], time });
      return 0;
    }
    let placed = 0;
    for (const symbol of config.watchlist) {
      if (this.entriesToday() >= config.maxEntriesPerDay) {
        this.#options.events.publish('workflow.entry-skipped', { symbol, reasons: [`${config.maxEntriesPerDay} entries today already (autopilot.maxEntriesPerDay)`], time });
        continue;
      }
      if (await this.#enter(symbol, time)) placed += 1;
    }
    return placed;
  }

  /** Why no entry may happen at all now, or undefined. */
  #entryBlock(time: number): string | undefined {
    const { ports, config } = this.#options;
    const risk = ports.governor.state();
    if (risk.tradingState === 'HALTED') return `trading is HALTED (${risk.haltReason ?? 'no reason given'}): nothing new`;
    if (risk.tradingState === 'REDUCING') return `trading is REDUCING (${risk.haltReason ?? 'no reason given'}): exits only`;
    if (!risk.reconciled) return 'the broker state is not reconciled: automation stays off';
    const session = currentOrNextSession(time);
    const { minutesAfterOpen, minutesBeforeClose } = config.entryWindow;
    if (time < session.open + minutesAfterOpen * MINUTE_MS) return `inside the first ${minutesAfterOpen} minutes of the session`;
    if (time >= session.close - minutesBeforeClose * MINUTE_MS) return `inside the last ${minutesBeforeClose} minutes of the session`;
    if (this.entriesToday() >= config.maxEntriesPerDay) return `${config.maxEntriesPerDay} entries today already (autopilot.maxEntriesPerDay)`;
    return undefined;
  }

  async #enter(symbol: string, time: number): Promise<boolean> {
    const { entry, events } = this.#options;
    let signal;
    try {
      signal = entry.evaluateEntrySignal(symbol);
    } catch (error) {
      events.publish('workflow.entry-skipped', { symbol, reasons: [`the signal failed: ${error instanceof Error ? error.message : String(error)}`], time });
      return false;
    }
    if (!signal.enter || signal.strategyType === undefined) {
      events.publish('workflow.entry-skipped', { symbol, reasons: signal.reasons, time });
      return false;
    }
    const result = await entry.executeEntry(symbol, signal.strategyType);
    return result.status === 'placed';
  }
}
