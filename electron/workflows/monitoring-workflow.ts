// Watches every OPEN strategy: builds its decision context (electron/decisions), lets the
// DecisionEngine decide, records every decision with its trace (a HOLD only on change when
// monitoring.recordHolds is 'changes'), and raises an alert for each decision that acts. A
// strategy with an exit working (CLOSING) is skipped: its order is already the answer. A ROLL
// decided without a credit estimate is priced (roll-planner.ts) and decided again with it, so
// a roll known to cost a debit becomes the rule's own CLOSE. Synchronous: one cycle reads the
// store and the quotes of one instant. start() runs it every monitoring.intervalMs during
// regular hours; the autopilot calls monitorPositions() itself.
import type { Decision } from '../../shared/domain/decision.ts';
import { parseDecisionId, parseStrategyId, type StrategyId } from '../../shared/domain/ids.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';
import { decisionAlert } from '../alerts/index.ts';
import { createDecisionContext, DecisionEngine, rollSideOf, type DecisionContext } from '../decisions/index.ts';
import { gatherCycleFacts, profitAndLoss, type CycleFacts, type StrategyMarket } from './decision-inputs.ts';
import type { RollPlanner } from './roll-planner.ts';
import { SessionSchedule } from './session-schedule.ts';
import { strategyLabel } from './strategy-label.ts';
import type { StrategyTracker } from './strategy-tracker.ts';
import type { MonitoringConfig } from './workflow-config.ts';
import type { WorkflowEventBus } from './workflow-events.ts';
import { decisionIdFor } from './workflow-ids.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export interface MonitorOutcome {
  readonly strategyId: StrategyId;
  /** Undefined when the strategy was skipped. */
  readonly decision: Decision | undefined;
  readonly recorded: boolean;
  readonly skipped: string | undefined;
}

export interface MonitoringCycle {
  readonly time: number;
  readonly outcomes: readonly MonitorOutcome[];
}

export interface MonitoringWorkflowOptions {
  readonly ports: WorkflowPorts;
  readonly config: MonitoringConfig;
  readonly tracker: StrategyTracker;
  readonly planner: RollPlanner;
  readonly events: WorkflowEventBus;
}

export class PositionMonitoringWorkflow {
  readonly engine: DecisionEngine;
  readonly #options: MonitoringWorkflowOptions;
  readonly #schedule: SessionSchedule;
  /** The last decision recorded per strategy (this workflow is the only writer), so 'changes' needs no read. */
  readonly #lastRecorded = new Map<StrategyId, Decision>();

  constructor(options: MonitoringWorkflowOptions) {
    this.#options = options;
    const { store } = options.ports;
    this.engine = new DecisionEngine({
      thresholds: options.config.thresholds,
      decisionId: (context) => decisionIdFor(context.strategyId, context.calendar.now, (id) => store.records.decisions.get(parseDecisionId(id)) !== undefined),
    });
    this.#schedule = new SessionSchedule({ clock: options.ports.clock, everyMs: options.config.intervalMs, run: () => void this.monitorPositions(), logger: options.ports.logger, name: 'monitoring' });
  }

  /** Runs monitorPositions() every monitoring.intervalMs during regular hours (not with the autopilot, which runs it itself). */
  start(): void {
    this.#schedule.start();
  }

  stop(): Promise<void> {
    return this.#schedule.stop();
  }

  dispose(): void {
    this.#schedule.dispose();
  }

  monitorPositions(): MonitoringCycle {
    const held = this.#held();
    const time = this.#options.ports.clock.now();
    const open = held.filter((strategy) => strategy.status === 'OPEN');
    if (open.length === 0) return { time, outcomes: [] };
    const facts = this.#facts(held);
    const outcomes = typeof facts === 'string' ? open.map((strategy) => this.#skip(strategy.id, facts)) : open.map((strategy) => this.#monitor(strategy, facts));
    return { time, outcomes: Object.freeze(outcomes) };
  }

  /** Decides for one strategy now (skipped unless OPEN). */
  monitorPosition(id: string): MonitorOutcome {
    const strategyId = parseStrategyId(id);
    const strategy = this.#options.tracker.get(strategyId);
    if (strategy === undefined) return this.#skip(strategyId, 'not stored');
    if (strategy.status !== 'OPEN') return this.#skip(strategyId, strategy.status === 'CLOSING' ? 'an exit is working' : `it is ${strategy.status}`);
    const facts = this.#facts(this.#held());
    return typeof facts === 'string' ? this.#skip(strategyId, facts) : this.#monitor(strategy, facts);
  }

  /** Everything held (OPEN and CLOSING): the portfolio counts both. */
  #held(): Strategy[] {
    return this.#options.tracker.active().filter((strategy) => strategy.status !== 'PENDING');
  }

  #facts(held: readonly Strategy[]): CycleFacts | string {
    try {
      return gatherCycleFacts(held, this.#options.ports);
    } catch (error) {
      return `the portfolio cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #monitor(strategy: Strategy, facts: CycleFacts): MonitorOutcome {
    const market = facts.markets.get(strategy.id);
    if (market === undefined) return this.#skip(strategy.id, facts.unreadable.get(strategy.id) ?? 'no quotes');
    if (strategy.entryNetAmount === undefined) return this.#skip(strategy.id, 'its entry amount is unknown');
    try {
      const decision = this.#decide(strategy, market, facts);
      return this.#record(strategy, decision);
    } catch (error) {
      this.#options.ports.logger.error('monitoring a strategy failed', { strategyId: strategy.id, error });
      return this.#skip(strategy.id, `the decision failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #decide(strategy: Strategy, market: StrategyMarket, facts: CycleFacts): Decision {
    const rollExpiry = this.#options.planner.rollExpiryFor(strategy);
    const context = (rollEstimate?: DecisionContext['rollEstimate']) => this.#context(strategy, market, facts, rollExpiry, rollEstimate);
    const first = this.engine.evaluate(context());
    const side = rollSideOf(first);
    if (first.action !== 'ROLL' || side === undefined || first.rollTarget?.expiry === undefined) return first;
    // Price the roll the decision asks for, and decide again knowing whether it is a credit.
    const plan = this.#options.planner.plan(strategy, side, first.rollTarget.expiry, first.rollTarget.targetDelta);
    if (!plan.ok) return first;
    const key = side === 'all' ? 'sameStrikes' : side;
    return this.engine.evaluate(context({ sameStrikes: undefined, put: undefined, call: undefined, [key]: plan.plan.estimate }));
  }

  #context(strategy: Strategy, market: StrategyMarket, facts: CycleFacts, rollExpiry: string | undefined, rollEstimate: DecisionContext['rollEstimate'] | undefined): DecisionContext {
    const { ports, tracker } = this.#options;
    const { maxProfit, maxLoss } = profitAndLoss(strategy);
    return createDecisionContext({
      strategy,
      legMarkets: market.legMarkets,
      maxProfit,
      maxLoss,
      underlyingPrice: market.underlyingPrice,
      vix: facts.vix,
      ivRankAtEntry: tracker.notes(strategy.id).ivRankAtEntry,
      ivRankNow: ports.market.ivStatistics(strategy.underlyingSymbol).rank,
      portfolio: facts.portfolio,
      risk: facts.risk,
      calendar: { now: facts.now, today: facts.today, rollExpiry },
      rollEstimate,
    });
  }

  #record(strategy: Strategy, decision: Decision): MonitorOutcome {
    const { ports, events, config } = this.#options;
    const records = ports.store.records;
    const previous = decision.action === 'HOLD' && config.recordHolds === 'changes' ? (this.#lastRecorded.get(strategy.id) ?? records.decisions.latestForStrategy(strategy.id)) : undefined;
    const repeat = previous !== undefined && previous.action === 'HOLD' && previous.ruleId === decision.ruleId;
    const stored = repeat ? decision : records.recordDecision(decision);
    if (!repeat) this.#lastRecorded.set(strategy.id, stored);
    if (stored.action !== 'HOLD') {
      const alert = decisionAlert(stored, { label: strategyLabel(strategy) });
      if (alert !== undefined) ports.alerts.raise(alert);
    }
    events.publish('workflow.decision', { decision: stored, recorded: !repeat });
    return { strategyId: strategy.id, decision: stored, recorded: !repeat, skipped: undefined };
  }

  #skip(strategyId: StrategyId, reason: string): MonitorOutcome {
    this.#options.events.publish('workflow.monitor-skipped', { strategyId, reason, time: this.#options.ports.clock.now() });
    return { strategyId, decision: undefined, recorded: false, skipped: reason };
  }
}
